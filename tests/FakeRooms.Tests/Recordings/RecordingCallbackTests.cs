using System.Globalization;
using FakeRooms.Callbacks;
using FakeRooms.Tests.Callbacks;
using Twilio.Rest.Video.V1;
using Twilio.Security;
using TwilioHttpMethod = Twilio.Http.HttpMethod;

namespace FakeRooms.Tests.Recordings;

/// <summary>
/// recording-* callbacks (to the room's StatusCallback) and composition-* callbacks (to the composition's), with their
/// parameters (docs video/api/status-callbacks; FACTS §4, §6.2), signed like every Twilio callback.
/// </summary>
public sealed class RecordingCallbackTests : CallbackTest
{
    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    [Test]
    public async Task Recording_started_and_completed_callbacks_carry_the_recording_parameters_and_a_valid_signature()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "recorded", recordParticipantsOnConnect: true,
            statusCallback: new Uri(CallbackUrl), client: Twilio);
        var alice = Fake.Rooms.Connect("recorded", "alice");
        var cam = alice.Publish(VideoTrackKind.Video, "cam");
        var started = Fake.Clock.UtcNow;
        Fake.Clock.Advance(TimeSpan.FromSeconds(12));
        alice.Unpublish("cam");
        var ended = Fake.Clock.UtcNow;
        Fake.Clock.Advance(TimeSpan.FromSeconds(30));
        await Fake.Callbacks.WhenIdleAsync();

        var recording = Fake.Rooms.RecordingsOf(room.Sid).Single();
        var received = Receiver.For(room.Sid).Where(r => r.Event.StartsWith("recording-", StringComparison.Ordinal)).ToList();
        var recordingParameters = new Dictionary<string, string>
        {
            ["AccountSid"] = Fake.AccountSid,
            ["RoomSid"] = room.Sid,
            ["RoomName"] = "recorded",
            ["RoomStatus"] = "in-progress",
            ["RoomType"] = "group",
            ["ParticipantSid"] = alice.Sid,
            ["ParticipantIdentity"] = "alice",
            ["RecordingSid"] = recording.Sid,
            ["SourceSid"] = cam.Sid,
            ["RecordingUri"] = $"/v1/Recordings/{recording.Sid}",
            ["Container"] = "mkv",
            ["Codec"] = "VP8",
            ["TrackName"] = "cam",
            ["OffsetFromTwilioVideoEpoch"] = started.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["Type"] = "video",
        };
        received.Select(r => r.Parameters).Should().BeEquivalentTo(new[]
        {
            new Dictionary<string, string>(recordingParameters)
            {
                ["StatusCallbackEvent"] = "recording-started",
                ["SequenceNumber"] = "3",
                ["Timestamp"] = Stamp(started),
            },
            new Dictionary<string, string>(recordingParameters)
            {
                ["StatusCallbackEvent"] = "recording-completed",
                ["SequenceNumber"] = "5",
                ["Timestamp"] = Stamp(ended.AddSeconds(30)),
                ["MediaUri"] = $"/v1/Recordings/{recording.Sid}/Media",
                ["Duration"] = "12",
                ["Size"] = recording.Size.ToString(CultureInfo.InvariantCulture),
            },
        }, o => o.WithStrictOrdering());
        var validator = new RequestValidator(Fake.AuthToken);
        received.Should().AllSatisfy(r => validator.Validate(r.Url, r.Form.ToDictionary(), r.Header("X-Twilio-Signature")).Should().BeTrue());
    }

    [Test]
    public async Task Recording_failed_callback_names_the_failed_operation()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "fragile", recordParticipantsOnConnect: true,
            statusCallback: new Uri(CallbackUrl), client: Twilio);
        Fake.Rooms.Connect("fragile", "alice").Publish(VideoTrackKind.Audio, "mic");
        var recording = Fake.Rooms.RecordingsOf(room.Sid).Single();

        Fake.Rooms.FailRecording(recording.Sid, VideoRecordingFailedOperation.RecordingStart);
        var failed = await Fake.Callbacks.WaitForAsync(c => c.Event == "recording-failed");

        failed.Parameter("FailedOperation").Should().Be("RecordingStart");
        failed.Parameter("RecordingSid").Should().Be(recording.Sid);
        failed.Parameter("MediaUri").Should().BeNull("media is only sent on recording-completed");
        failed.Url.Should().Be(CallbackUrl);
    }

    [Test]
    public async Task Composition_callbacks_go_to_the_composition_callback_with_composition_parameters()
    {
        // The room has no StatusCallback: composition events use the composition's own.
        var room = await RoomResource.CreateAsync(uniqueName: "composed", recordParticipantsOnConnect: true, client: Twilio);
        Fake.Rooms.Connect("composed", "alice").Publish(VideoTrackKind.Audio, "mic");
        Fake.Clock.Advance(TimeSpan.FromSeconds(8));
        Fake.Rooms.Complete("composed");
        Fake.Clock.Advance(TimeSpan.FromSeconds(30));
        var compositionUrl = Receiver.Url + "/twilio/compositions";

        var composition = await CompositionResource.CreateAsync(roomSid: room.Sid, audioSources: ["*"], format: CompositionResource.FormatEnum.Mp4,
            statusCallback: new Uri(compositionUrl), statusCallbackMethod: TwilioHttpMethod.Get, client: Twilio);
        var created = Fake.Clock.UtcNow;
        Fake.Clock.Advance(TimeSpan.FromSeconds(25));
        await Fake.Callbacks.WhenIdleAsync();
        var done = await CompositionResource.FetchAsync(composition.Sid, client: Twilio);

        var received = Receiver.For(room.Sid);
        received.Should().OnlyContain(r => r.Method == "GET" && r.Url.StartsWith(compositionUrl + "?", StringComparison.Ordinal));
        var common = new Dictionary<string, string>
        {
            ["AccountSid"] = Fake.AccountSid,
            ["RoomSid"] = room.Sid,
            ["CompositionSid"] = composition.Sid,
            ["CompositionUri"] = $"/v1/Compositions/{composition.Sid}",
        };
        received.Select(r => r.Parameters).Should().BeEquivalentTo(new[]
        {
            new Dictionary<string, string>(common) { ["StatusCallbackEvent"] = "composition-enqueued", ["Timestamp"] = Stamp(created) },
            new Dictionary<string, string>(common) { ["StatusCallbackEvent"] = "composition-started", ["Timestamp"] = Stamp(created.AddSeconds(5)) },
            new Dictionary<string, string>(common)
            {
                ["StatusCallbackEvent"] = "composition-progress", ["Timestamp"] = Stamp(created.AddSeconds(15)),
                ["PercentageDone"] = "50", ["SecondsRemaining"] = "10",
            },
            new Dictionary<string, string>(common)
            {
                ["StatusCallbackEvent"] = "composition-available", ["Timestamp"] = Stamp(created.AddSeconds(25)),
                ["MediaUri"] = $"/v1/Compositions/{composition.Sid}/Media", ["Duration"] = "8",
                ["Size"] = done.Size!.Value.ToString(CultureInfo.InvariantCulture),
            },
        }, o => o.WithStrictOrdering());
        var validator = new RequestValidator(Fake.AuthToken);
        received.Should().AllSatisfy(r => validator.Validate(r.Url, new Dictionary<string, string>(), r.Header("X-Twilio-Signature")).Should().BeTrue());
    }

    [Test]
    public async Task Hook_compositions_carry_the_hook_and_a_room_without_recordings_gets_composition_hook_failed()
    {
        var hookUrl = Receiver.Url + "/twilio/hooks";
        var hook = await CompositionHookResource.CreateAsync("all rooms", audioSources: ["*"], statusCallback: new Uri(hookUrl), client: Twilio);
        var recorded = await RoomResource.CreateAsync(uniqueName: "with", recordParticipantsOnConnect: true, client: Twilio);
        Fake.Rooms.Connect("with", "alice").Publish(VideoTrackKind.Audio, "mic");
        Fake.Rooms.Complete("with");
        var silent = await RoomResource.CreateAsync(uniqueName: "without", client: Twilio);
        Fake.Rooms.Complete("without");
        await Fake.Callbacks.WhenIdleAsync();

        var enqueued = Receiver.For(recorded.Sid).Should().ContainSingle().Subject;
        enqueued.Event.Should().Be("composition-enqueued");
        enqueued.Parameters["HookSid"].Should().Be(hook.Sid);
        enqueued.Parameters["HookFriendlyName"].Should().Be("all rooms");
        enqueued.Parameters["HookUri"].Should().Be($"/v1/CompositionHooks/{hook.Sid}");
        var failed = Receiver.For(silent.Sid).Should().ContainSingle().Subject;
        failed.Event.Should().Be("composition-hook-failed");
        failed.Parameters["HookSid"].Should().Be(hook.Sid);
        failed.Parameters.Should().ContainKey("ErrorMessage").And.NotContainKey("CompositionSid");
        failed.Url.Should().Be(hookUrl);
    }

    [Test]
    public async Task Composition_without_a_status_callback_sends_nothing()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "quiet", recordParticipantsOnConnect: true,
            statusCallback: new Uri(CallbackUrl), client: Twilio);
        Fake.Rooms.Connect("quiet", "alice").Publish(VideoTrackKind.Audio, "mic");
        Fake.Rooms.Complete("quiet");
        Fake.Clock.Advance(TimeSpan.FromSeconds(30));

        await CompositionResource.CreateAsync(roomSid: room.Sid, audioSources: ["*"], client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(25));
        await Fake.Callbacks.WhenIdleAsync();

        Receiver.For(room.Sid).Select(r => r.Event).Should().NotContain(e => e.StartsWith("composition-", StringComparison.Ordinal));
    }
}
