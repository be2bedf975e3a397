using System.Net;
using Newtonsoft.Json.Linq;
using HttpMethod = Twilio.Http.HttpMethod;
using Request = Twilio.Http.Request;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;
using Twilio.Types;

namespace FakeRooms.Tests.Recordings;

/// <summary>
/// "Record the meeting, then compose it", end to end through the official SDK: a room with RecordParticipantsOnConnect,
/// two participants publishing audio and video, rules changed mid-meeting, the room completed, recordings listed and
/// downloaded, a composition created, its lifecycle on the clock, its media fetched.
/// </summary>
public sealed class RecordAndComposeTests : RecordingTest
{
    [Test]
    public async Task Meeting_is_recorded_per_track_then_composed_and_both_media_download_as_valid_files()
    {
        // A recorded meeting: alice and bob publish a microphone and a camera each.
        var room = await CreateRecordedRoom("standup");
        var alice = Fake.Rooms.Connect("standup", "alice");
        var bob = Fake.Rooms.Connect("standup", "bob");
        var aliceMic = alice.Publish(VideoTrackKind.Audio, "alice-mic");
        alice.Publish(VideoTrackKind.Video, "alice-cam");
        bob.Publish(VideoTrackKind.Audio, "bob-mic");
        var bobCam = bob.Publish(VideoTrackKind.Video, "bob-cam");
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));

        // Mid-meeting, bob's camera stops being recorded (the SDK's RecordingRulesUpdate shape, nulls included).
        var rules = await RecordingRulesResource.UpdateAsync(room.Sid, new RecordingRulesUpdate(
        [
            new RecordingRule(RecordingRule.TypeEnum.Include, true, null, null, null),
            new RecordingRule(RecordingRule.TypeEnum.Exclude, null, "bob", null, RecordingRule.KindEnum.Video),
        ]), client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(20));
        await RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);

        // Right after the room ends every recording is still processing.
        var justEnded = await RoomRecordingResource.ReadAsync(room.Sid, client: Twilio);
        justEnded.Should().HaveCount(4).And.OnlyContain(r => r.Status == RoomRecordingResource.StatusEnum.Processing);

        // 30 s later they are completed, with their durations, and listed newest first.
        Fake.Clock.Advance(TimeSpan.FromSeconds(30));
        var recordings = (await RoomRecordingResource.ReadAsync(room.Sid, client: Twilio)).ToList();

        rules.Rules.Should().HaveCount(2);
        recordings.Select(r => (r.TrackName, r.Status.ToString(), r.Duration, r.Type.ToString(), r.ContainerFormat.ToString(), r.Codec.ToString()))
            .Should().BeEquivalentTo(new[]
            {
                ("alice-mic", "completed", (int?)30, "audio", "mka", "OPUS"),
                ("alice-cam", "completed", (int?)30, "video", "mkv", "VP8"),
                ("bob-mic", "completed", (int?)30, "audio", "mka", "OPUS"),
                ("bob-cam", "completed", (int?)10, "video", "mkv", "VP8"),
            });
        var mic = recordings.Single(r => r.TrackName == "alice-mic");
        mic.SourceSid.Should().Be(aliceMic.Sid);
        mic.RoomSid.Should().Be(room.Sid);
        mic.Sid.Should().MatchRegex("^RT[0-9a-f]{32}$");
        ((JObject)mic.GroupingSids).Should().BeEquivalentTo(new JObject { ["room_sid"] = room.Sid, ["participant_sid"] = alice.Sid });
        recordings.Single(r => r.TrackName == "bob-cam").SourceSid.Should().Be(bobCam.Sid);

        // Each recording's media: a redirect whose body names the file, which is a Matroska file of `size` bytes.
        foreach (var recording in recordings)
        {
            var media = await Twilio.RequestAsync(new Request(HttpMethod.Get, $"{Fake.Url}/v1/Rooms/{room.Sid}/Recordings/{recording.Sid}/Media"));
            media.StatusCode.Should().Be(HttpStatusCode.Found);
            var (status, bytes, _) = await Download(JObject.Parse(media.Content).Value<string>("redirect_to")!);
            status.Should().Be(HttpStatusCode.OK);
            bytes.Take(4).Should().Equal(Ebml);
            bytes.LongLength.Should().Be(recording.Size);
        }

        // Compose the meeting: everyone's audio, a grid of everyone's video, as mp4.
        var composition = await CompositionResource.CreateAsync(roomSid: room.Sid, audioSources: ["*"],
            videoLayout: new { grid = new { video_sources = new[] { "*" } } }, format: CompositionResource.FormatEnum.Mp4,
            statusCallback: new Uri("https://callbacks.invalid/compositions"), client: Twilio);
        composition.Status.Should().Be(CompositionResource.StatusEnum.Enqueued);

        Fake.Clock.Advance(TimeSpan.FromSeconds(5));
        (await CompositionResource.FetchAsync(composition.Sid, client: Twilio)).Status.Should().Be(CompositionResource.StatusEnum.Processing);
        Fake.Clock.Advance(TimeSpan.FromSeconds(20));
        var done = await CompositionResource.FetchAsync(composition.Sid, client: Twilio);

        done.Status.Should().Be(CompositionResource.StatusEnum.Completed);
        done.Duration.Should().Be(30, "trimmed to the time tracks were recorded");
        done.DateCompleted.Should().Be(done.DateCreated!.Value.AddSeconds(25));
        var composed = await Twilio.RequestAsync(new Request(HttpMethod.Get, $"{Fake.Url}/v1/Compositions/{composition.Sid}/Media"));
        composed.StatusCode.Should().Be(HttpStatusCode.Found);
        var (mediaStatus, mp4, contentType) = await Download(JObject.Parse(composed.Content).Value<string>("redirect_to")!);
        mediaStatus.Should().Be(HttpStatusCode.OK);
        contentType.Should().Be("video/mp4");
        System.Text.Encoding.ASCII.GetString(mp4, 4, 4).Should().Be("ftyp");
        mp4.LongLength.Should().Be(done.Size);

        // The domain events the status callbacks are made from, in order.
        Events.Of(VideoCallbackEvent.RecordingStarted).Select(e => e.Recording!.TrackName)
            .Should().Equal("alice-mic", "alice-cam", "bob-mic", "bob-cam");
        Events.Of(VideoCallbackEvent.RecordingCompleted).Select(e => e.Recording!.TrackName)
            .Should().Equal("bob-cam", "alice-cam", "alice-mic", "bob-mic");
        Events.All.Where(e => e.IsCompositionEvent).Select(e => (VideoCallbackEvent)e.Kind).Should().Equal(
            VideoCallbackEvent.CompositionEnqueued, VideoCallbackEvent.CompositionStarted, VideoCallbackEvent.CompositionProgress,
            VideoCallbackEvent.CompositionAvailable);
    }

    [Test]
    public async Task Webm_composition_of_one_participant_takes_only_their_tracks_and_serves_webm()
    {
        var room = await CreateRecordedRoom();
        var alice = Fake.Rooms.Connect("meeting", "alice");
        alice.Publish(VideoTrackKind.Audio, "alice-mic");
        alice.Publish(VideoTrackKind.Video, "alice-cam");
        Fake.Clock.Advance(TimeSpan.FromSeconds(4));
        var bob = Fake.Rooms.Connect("meeting", "bob");
        bob.Publish(VideoTrackKind.Audio, "bob-mic");
        Fake.Clock.Advance(TimeSpan.FromSeconds(4));
        Fake.Rooms.Complete("meeting");
        Fake.Clock.Advance(TimeSpan.FromSeconds(30));

        var composition = await CompositionResource.CreateAsync(roomSid: room.Sid, audioSources: ["alice-*"],
            videoLayout: "{\"transcode\":{\"video_sources\":[\"alice-cam\"]}}", client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(25));
        var done = await CompositionResource.FetchAsync(composition.Sid, client: Twilio);
        var media = await Twilio.RequestAsync(new Request(HttpMethod.Get, $"{Fake.Url}/v1/Compositions/{composition.Sid}/Media"));
        var (_, webm, contentType) = await Download(JObject.Parse(media.Content).Value<string>("redirect_to")!);

        done.Format.Should().Be(CompositionResource.FormatEnum.Webm, "webm is the default format");
        done.Resolution.Should().Be("640x480", "the spec's default resolution");
        done.Trim.Should().BeTrue();
        done.Duration.Should().Be(8);
        Fake.Rooms.RecordingsOf(room.Sid).Should().HaveCount(3);
        contentType.Should().Be("video/webm");
        webm.Take(4).Should().Equal(Ebml);
    }

    [Test]
    public async Task Untrimmed_composition_lasts_as_long_as_the_room()
    {
        var room = await CreateRecordedRoom();
        Fake.Clock.Advance(TimeSpan.FromSeconds(7));
        var alice = Fake.Rooms.Connect("meeting", "alice");
        alice.Publish(VideoTrackKind.Audio, "mic");
        Fake.Clock.Advance(TimeSpan.FromSeconds(3));
        Fake.Rooms.Complete("meeting");

        var composition = await CompositionResource.CreateAsync(roomSid: room.Sid, audioSources: ["mic"], trim: false, client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromMinutes(2));

        var done = await CompositionResource.FetchAsync(composition.Sid, client: Twilio);
        done.Status.Should().Be(CompositionResource.StatusEnum.Completed);
        done.Trim.Should().BeFalse();
        done.Duration.Should().Be(10);
    }

    [Test]
    public async Task Composition_created_right_after_the_room_ends_waits_for_its_recordings()
    {
        var room = await CreateRecordedRoom();
        Fake.Rooms.Connect("meeting", "alice").Publish(VideoTrackKind.Audio, "mic");
        Fake.Clock.Advance(TimeSpan.FromSeconds(5));
        Fake.Rooms.Complete("meeting");

        var composition = await CompositionResource.CreateAsync(roomSid: room.Sid, audioSources: ["*"], client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(29));
        var beforeRecordings = await CompositionResource.FetchAsync(composition.Sid, client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(1));
        var whenRecordingsAreReady = await CompositionResource.FetchAsync(composition.Sid, client: Twilio);

        beforeRecordings.Status.Should().Be(CompositionResource.StatusEnum.Enqueued);
        whenRecordingsAreReady.Status.Should().Be(CompositionResource.StatusEnum.Processing);
    }

    [Test]
    public async Task Composition_whose_sources_match_no_recording_fails_with_composition_failed()
    {
        var room = await CreateRecordedRoom();
        Fake.Rooms.Connect("meeting", "alice").Publish(VideoTrackKind.Audio, "mic");
        Fake.Rooms.Complete("meeting");
        Fake.Clock.Advance(TimeSpan.FromSeconds(30));

        var composition = await CompositionResource.CreateAsync(roomSid: room.Sid, audioSources: ["nobody*"], client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(5));

        var failed = await CompositionResource.FetchAsync(composition.Sid, client: Twilio);
        failed.Status.Should().Be(CompositionResource.StatusEnum.Failed);
        Events.Of(VideoCallbackEvent.CompositionFailed).Should().ContainSingle().Which.Composition!.ErrorMessage.Should().NotBeNullOrEmpty();
    }
}
