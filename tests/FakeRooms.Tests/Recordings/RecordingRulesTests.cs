using System.Net;
using FakeRooms.Tests.Support;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;
using Twilio.Types;

namespace FakeRooms.Tests.Recordings;

/// <summary>GET/POST /v1/Rooms/{RoomSid}/RecordingRules (FACTS §3.6) and how the rules pick the recorded tracks.</summary>
public sealed class RecordingRulesTests : RecordingTest
{
    [Test]
    public async Task Room_recording_participants_on_connect_starts_with_include_all()
    {
        var room = await CreateRecordedRoom();

        var rules = await RecordingRulesResource.FetchAsync(room.Sid, client: Twilio);

        rules.RoomSid.Should().Be(room.Sid);
        rules.Rules.Should().ContainSingle();
        rules.Rules[0].Type.Should().Be(RecordingRule.TypeEnum.Include);
        rules.Rules[0].All.Should().BeTrue();
        rules.DateCreated.Should().Be(room.DateCreated);
        rules.DateUpdated.Should().Be(room.DateCreated);
    }

    [Test]
    public async Task Rules_json_has_the_spec_properties_in_order_and_only_the_filters_given()
    {
        var room = await CreateRoom("UniqueName=plain");

        var empty = await Get($"/v1/Rooms/{room["sid"]}/RecordingRules");
        Fake.Clock.Advance(TimeSpan.FromSeconds(3));
        var set = await PostForm($"/v1/Rooms/{room["sid"]}/RecordingRules",
            "Rules=" + Uri.EscapeDataString("[{\"type\":\"include\",\"kind\":\"audio\"},{\"type\":\"exclude\",\"publisher\":\"bob\",\"track\":\"mic\"}]"));

        empty.Status.Should().Be(HttpStatusCode.OK);
        empty.Json.Properties().Select(p => p.Name).Should().Equal("room_sid", "rules", "date_created", "date_updated");
        empty.Json["rules"]!.Should().BeEmpty();
        set.Status.Should().Be(HttpStatusCode.OK, "the current spec answers 200");
        set.Json["rules"]!.ToString(Newtonsoft.Json.Formatting.None).Should().Be(
            "[{\"type\":\"include\",\"kind\":\"audio\"},{\"type\":\"exclude\",\"publisher\":\"bob\",\"track\":\"mic\"}]");
        set.Json.Value<string>("date_created").Should().Be(room.Value<string>("date_created"));
        set.Json.Value<string>("date_updated").Should().Be(DateTime.Parse(room.Value<string>("date_created")!, null,
            System.Globalization.DateTimeStyles.AdjustToUniversal).AddSeconds(3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
    }

    [Test]
    public async Task Rules_are_accepted_as_a_bare_array_and_as_the_sdk_wrapper_object()
    {
        var room = await CreateRoom("UniqueName=shapes");
        var path = $"/v1/Rooms/{room["sid"]}/RecordingRules";

        var bare = await PostForm(path, "Rules=" + Uri.EscapeDataString("[{\"type\":\"include\",\"all\":true}]"));
        var wrapped = await PostForm(path, "Rules=" + Uri.EscapeDataString("{\"rules\":[{\"type\":\"exclude\",\"all\":true}]}"));

        bare.Status.Should().Be(HttpStatusCode.OK);
        bare.Json["rules"]![0]!.Value<string>("type").Should().Be("include");
        wrapped.Status.Should().Be(HttpStatusCode.OK);
        wrapped.Json["rules"]![0]!.Value<string>("type").Should().Be("exclude");
    }

    [TestCase("[]", TestName = "Empty_rule_set_returns_53120")]
    [TestCase("[{\"all\":true}]", TestName = "Rule_without_type_returns_53120")]
    [TestCase("[{\"type\":\"include\",\"all\":false}]", TestName = "All_false_returns_53120")]
    [TestCase("[{\"type\":\"include\",\"all\":true,\"kind\":\"audio\"}]", TestName = "All_with_another_filter_returns_53120")]
    [TestCase("[{\"type\":\"include\",\"kind\":\"audio\",\"kind\":\"video\"}]", TestName = "Duplicated_filter_returns_53120")]
    [TestCase("[{\"type\":\"include\",\"kind\":\"data\"}]", TestName = "Kind_other_than_audio_or_video_returns_53120")]
    [TestCase("[{\"type\":\"record\",\"all\":true}]", TestName = "Type_other_than_include_or_exclude_returns_53120")]
    [TestCase("[{\"type\":\"include\"}]", TestName = "Rule_without_filter_returns_53120")]
    [TestCase("[{\"type\":\"include\",\"room\":\"x\"}]", TestName = "Unknown_filter_returns_53120")]
    [TestCase("not json", TestName = "Rules_that_are_not_json_return_53120")]
    [TestCase("{\"type\":\"include\",\"all\":true}", TestName = "Rules_that_are_not_an_array_return_53120")]
    [TestCase("", TestName = "Missing_rules_return_53120")]
    public async Task Invalid_rule_set_returns_53120_and_keeps_the_active_rules(string json)
    {
        var room = await CreateRecordedRoom();

        var answer = await PostForm($"/v1/Rooms/{room.Sid}/RecordingRules", json.Length == 0 ? "" : "Rules=" + Uri.EscapeDataString(json));

        // The docs quote this exact body.
        answer.ShouldBeTwilioError(400, 53120, "Invalid Recording Rule(s)");
        var active = await RecordingRulesResource.FetchAsync(room.Sid, client: Twilio);
        active.Rules.Should().ContainSingle().Which.All.Should().BeTrue();
    }

    [Test]
    public async Task More_than_20_rules_return_53120()
    {
        var room = await CreateRecordedRoom();
        var rules = Enumerable.Range(0, 21).Select(i => new RecordingRule(RecordingRule.TypeEnum.Include, null, null, $"t{i}", null)).ToList();

        var act = () => RecordingRulesResource.UpdateAsync(room.Sid, new RecordingRulesUpdate(rules), client: Twilio);

        await act.ShouldFailWithApiError(400, 53120, "Invalid Recording Rule(s)");
    }

    [Test]
    public async Task Rules_of_an_unknown_room_return_20404()
    {
        var act = () => RecordingRulesResource.FetchAsync("RM00000000000000000000000000000000", client: Twilio);

        await act.ShouldFailWithApiError(404, 20404, "The requested resource /Rooms/RM00000000000000000000000000000000 was not found");
    }

    [Test]
    public async Task Rules_on_a_peer_to_peer_room_return_53122()
    {
        var room = await RoomResource.CreateAsync(type: RoomResource.RoomTypeEnum.PeerToPeer, client: Twilio);

        var act = () => RecordingRulesResource.UpdateAsync(room.Sid, new RecordingRulesUpdate(
            [new RecordingRule(RecordingRule.TypeEnum.Include, true, null, null, null)]), client: Twilio);

        await act.ShouldFailWithApiError(400, 53122);
    }

    [Test]
    public async Task Rules_apply_in_order_include_and_exclude_by_kind_publisher_and_track()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "filters", client: Twilio);
        await RecordingRulesResource.UpdateAsync(room.Sid, "[{\"type\":\"include\",\"kind\":\"video\"},{\"type\":\"exclude\",\"publisher\":\"bob\"}," +
                                                           "{\"type\":\"include\",\"track\":\"bob-screen\"},{\"type\":\"include\",\"publisher\":\"carol\",\"kind\":\"audio\"}]",
            client: Twilio);
        var alice = Fake.Rooms.Connect("filters", "alice");
        var bob = Fake.Rooms.Connect("filters", "bob");
        var carol = Fake.Rooms.Connect("filters", "carol");

        alice.Publish(VideoTrackKind.Audio, "alice-mic");
        alice.Publish(VideoTrackKind.Video, "alice-cam");
        bob.Publish(VideoTrackKind.Video, "bob-cam");
        bob.Publish(VideoTrackKind.Video, "bob-screen");
        carol.Publish(VideoTrackKind.Audio, "carol-mic");
        carol.Publish(VideoTrackKind.Data, "carol-chat");

        var recorded = await RoomRecordingResource.ReadAsync(room.Sid, client: Twilio);
        recorded.Select(r => r.TrackName).Should().BeEquivalentTo("alice-cam", "bob-screen", "carol-mic");
    }

    [Test]
    public async Task Publisher_and_track_filters_accept_sids()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "by-sid", client: Twilio);
        var alice = Fake.Rooms.Connect("by-sid", "alice");
        var cam = alice.Publish(VideoTrackKind.Video, "cam");
        alice.Publish(VideoTrackKind.Audio, "mic");

        await RecordingRulesResource.UpdateAsync(room.Sid, new RecordingRulesUpdate(
            [new RecordingRule(RecordingRule.TypeEnum.Include, null, alice.Sid, cam.Sid, null)]), client: Twilio);

        var recorded = await RoomRecordingResource.ReadAsync(room.Sid, client: Twilio);
        recorded.Should().ContainSingle().Which.SourceSid.Should().Be(cam.Sid);
    }

    [Test]
    public async Task Excluding_a_live_track_ends_its_recording_and_including_it_again_starts_a_new_one()
    {
        var room = await CreateRecordedRoom();
        var mic = Fake.Rooms.Connect("meeting", "alice").Publish(VideoTrackKind.Audio, "mic");
        Fake.Clock.Advance(TimeSpan.FromSeconds(5));

        await RecordingRulesResource.UpdateAsync(room.Sid, "[{\"type\":\"exclude\",\"all\":true}]", client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(5));
        await RecordingRulesResource.UpdateAsync(room.Sid, "[{\"type\":\"include\",\"all\":true}]", client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(31));

        var recordings = (await RoomRecordingResource.ReadAsync(room.Sid, client: Twilio)).ToList();
        recordings.Should().HaveCount(2).And.OnlyContain(r => r.SourceSid == mic.Sid);
        recordings[1].Status.Should().Be(RoomRecordingResource.StatusEnum.Completed, "the first recording ended 36 s ago");
        recordings[1].Duration.Should().Be(5);
        recordings[0].Status.Should().Be(RoomRecordingResource.StatusEnum.Processing, "the second one is still being captured");
        (recordings[0].Offset - recordings[1].Offset).Should().Be(10_000, "offsets are milliseconds on one epoch");
    }

    [Test]
    public async Task Recording_rules_given_at_room_creation_pick_the_recorded_tracks()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "audio-only-recording",
            recordingRules: new RecordingRulesUpdate([new RecordingRule(RecordingRule.TypeEnum.Include, null, null, null, RecordingRule.KindEnum.Audio)]),
            client: Twilio);
        var alice = Fake.Rooms.Connect("audio-only-recording", "alice");
        alice.Publish(VideoTrackKind.Audio, "mic");
        alice.Publish(VideoTrackKind.Video, "cam");

        var recorded = await RoomRecordingResource.ReadAsync(room.Sid, client: Twilio);
        var rules = await RecordingRulesResource.FetchAsync(room.Sid, client: Twilio);

        recorded.Should().ContainSingle().Which.TrackName.Should().Be("mic");
        rules.Rules.Should().ContainSingle().Which.Kind.Should().Be(RecordingRule.KindEnum.Audio);
    }

    [Test]
    public async Task Rules_that_include_nothing_record_nothing()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "quiet", client: Twilio);
        var alice = Fake.Rooms.Connect("quiet", "alice");
        alice.Publish(VideoTrackKind.Audio, "mic");
        alice.Publish(VideoTrackKind.Video, "cam");

        (await RoomRecordingResource.ReadAsync(room.Sid, client: Twilio)).Should().BeEmpty();
        Events.Of(VideoCallbackEvent.RecordingStarted).Should().BeEmpty();
    }
}
