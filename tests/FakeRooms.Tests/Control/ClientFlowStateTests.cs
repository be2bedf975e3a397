using System.Net;
using System.Text;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Tests.Control;

/// <summary>
/// The state JSON (<c>GET/PUT /__fakerooms/state</c>) carries subscribe rules, a room's Transcriptions resource and a
/// reconnecting participant's window: a fake restored from it answers the same bytes and goes on exactly as the
/// original does. A snapshot without them (older fakes) restores with Twilio's defaults; bad values are 400 20001.
/// </summary>
public sealed class ClientFlowStateTests : FakeRoomsTest
{
    private const string Rules = "[{\"type\":\"include\",\"kind\":\"audio\",\"priority\":\"high\"},{\"type\":\"exclude\",\"publisher\":\"carol\"}]";

    private async Task<string> State()
    {
        var state = await Get("/__fakerooms/state");
        state.Status.Should().Be(HttpStatusCode.OK);
        return state.Text;
    }

    private Task<Answer> Put(string state) => Send(new HttpRequestMessage(HttpMethod.Put, "/__fakerooms/state")
    {
        Content = new StringContent(state, Encoding.UTF8, "application/json"),
    });

    /// <summary>Resets the fake and restores it from <paramref name="state"/> (the clock moves to the state's time).</summary>
    private async Task Restore(string state)
    {
        Fake.Reset();
        var put = await Put(state);
        put.Status.Should().Be(HttpStatusCode.OK, put.Text);
    }

    private static JObject Room(JObject state, string uniqueName) =>
        ((JArray)state["accounts"]![0]!["rooms"]!).OfType<JObject>().Single(r => r.Value<string>("unique_name") == uniqueName);

    private static JObject Participant(JObject state, string uniqueName, string identity) =>
        ((JArray)Room(state, uniqueName)["participants"]!).OfType<JObject>().Single(p => p.Value<string>("identity") == identity);

    [Test]
    public async Task Subscribe_rules_round_trip_and_decide_the_restored_subscriptions()
    {
        var room = (await CreateRoom("UniqueName=studio")).Value<string>("sid")!;
        var alice = Fake.Rooms.Connect(room, "alice");
        var bob = Fake.Rooms.Connect(room, "bob");
        bob.Publish(VideoTrackKind.Audio, "mic");
        bob.Publish(VideoTrackKind.Video, "camera");
        Fake.Rooms.Connect(room, "carol").Publish(VideoTrackKind.Audio, "carol-mic");
        (await PostForm($"/v1/Rooms/{room}/Participants/{alice.Sid}/SubscribeRules", "Rules=" + Uri.EscapeDataString(Rules)))
            .Status.Should().Be(HttpStatusCode.OK);
        var rulesPath = $"/v1/Rooms/{room}/Participants/{alice.Sid}/SubscribeRules";
        var before = (await Get(rulesPath)).Text;
        var bobsBefore = (await Get($"/v1/Rooms/{room}/Participants/{bob.Sid}/SubscribeRules")).Text;
        var tracksBefore = (await Get($"/v1/Rooms/{room}/Participants/{alice.Sid}/SubscribedTracks")).Text;
        var state = await State();

        await Restore(state);

        (await Get(rulesPath)).Text.Should().Be(before);
        (await Get($"/v1/Rooms/{room}/Participants/{bob.Sid}/SubscribeRules")).Text.Should().Be(bobsBefore);
        (await Get($"/v1/Rooms/{room}/Participants/{alice.Sid}/SubscribedTracks")).Text.Should().Be(tracksBefore);
        JObject.Parse(tracksBefore)["subscribed_tracks"]!.Select(t => t.Value<string>("name")).Should().Equal("mic");
        Participant(JObject.Parse(state), "studio", "alice")["subscribe_rules"]!.ToString(Newtonsoft.Json.Formatting.None)
            .Should().Be("[{\"type\":\"include\",\"kind\":\"audio\",\"priority\":\"high\"},{\"type\":\"exclude\",\"publisher\":\"carol\"}]");
        (await State()).Should().Be(state);
    }

    [Test]
    public async Task A_transcription_round_trips_and_its_clock_goes_on_as_in_the_original()
    {
        var t0 = Fake.Clock.UtcNow;
        var room = (await CreateRoom("UniqueName=standup")).Value<string>("sid")!;
        var created = await PostForm($"/v1/Rooms/{room}/Transcriptions",
            "Configuration=" + Uri.EscapeDataString("{\"languageCode\":\"en-US\",\"partialResults\":true}"));
        var path = $"/v1/Rooms/{room}/Transcriptions/{created.Json.Value<string>("ttid")}";
        var alice = Fake.Rooms.Connect(room, "alice");
        Fake.Clock.Advance(TimeSpan.FromSeconds(40));
        (await PostForm(path, "Status=stopped")).Status.Should().Be(HttpStatusCode.Accepted);
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));
        (await PostForm(path, "Status=started")).Status.Should().Be(HttpStatusCode.Accepted);
        Fake.Clock.Advance(TimeSpan.FromSeconds(15));                // running for 15 s, 40 s before
        var before = (await Get(path)).Text;
        var state = await State();

        await Restore(state);
        var restored = (await Get(path)).Text;
        Fake.Clock.Advance(TimeSpan.FromSeconds(25));
        alice.Disconnect();                                           // the handle works on the restored fake
        var after = (await Get(path)).Json;

        restored.Should().Be(before);
        after.Value<int>("duration").Should().Be(80, "40 s, then 15 s before the snapshot and 25 s after it");
        after.Value<DateTime>("end_time").Should().Be(t0.AddSeconds(90).UtcDateTime);
        after.Value<string>("status").Should().Be("started");
        after["configuration"]!.ToString(Newtonsoft.Json.Formatting.None).Should().Be("{\"languageCode\":\"en-US\",\"partialResults\":\"true\"}");
        Room(JObject.Parse(state), "standup")["transcription"]!.Value<DateTime>("running_since").Should().Be(t0.AddSeconds(50).UtcDateTime);
    }

    [Test]
    public async Task A_reconnecting_participant_is_restored_with_its_window_and_cut_with_53002_when_it_runs_out()
    {
        var t0 = Fake.Clock.UtcNow;
        var room = (await CreateRoom("UniqueName=standup")).Value<string>("sid")!;
        var alice = Fake.Rooms.Connect(room, "alice");
        alice.Publish(VideoTrackKind.Audio, "mic");
        Fake.Clock.Advance(TimeSpan.FromSeconds(5));
        alice.LoseConnection();
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));
        var state = await State();

        await Restore(state);
        Fake.Clock.Advance(TimeSpan.FromSeconds(19));
        var beforeDeadline = Fake.Rooms.ParticipantsOf(room).Single();
        Fake.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = Fake.Rooms.ParticipantsOf(room).Single();

        Participant(JObject.Parse(state), "standup", "alice").Value<DateTime>("reconnect_deadline").Should().Be(t0.AddSeconds(35).UtcDateTime);
        beforeDeadline.Status.Should().Be(VideoParticipantStatus.Reconnecting);
        after.Status.Should().Be(VideoParticipantStatus.Disconnected);
        after.DisconnectError!.Code.Should().Be(53002);
        after.EndTime.Should().Be(t0.AddSeconds(35));
    }

    [Test]
    public async Task A_restored_reconnecting_participant_can_come_back()
    {
        var room = (await CreateRoom("UniqueName=standup")).Value<string>("sid")!;
        var alice = Fake.Rooms.Connect(room, "alice");
        alice.LoseConnection();
        var state = await State();

        await Restore(state);
        alice.Reconnect();
        Fake.Clock.Advance(TimeSpan.FromMinutes(2));

        Fake.Rooms.ParticipantsOf(room).Single().Status.Should().Be(VideoParticipantStatus.Connected);
    }

    [Test]
    public async Task A_state_without_the_new_fields_restores_with_include_all_no_transcription_and_the_default_window()
    {
        var room = (await CreateRoom("UniqueName=standup")).Value<string>("sid")!;
        var alice = Fake.Rooms.Connect(room, "alice");
        var bob = Fake.Rooms.Connect(room, "bob");
        bob.Publish(VideoTrackKind.Audio, "mic");
        (await PostForm($"/v1/Rooms/{room}/Participants/{alice.Sid}/SubscribeRules", "Rules=" + Uri.EscapeDataString("[{\"type\":\"exclude\",\"all\":true}]")))
            .Status.Should().Be(HttpStatusCode.OK);
        (await PostForm($"/v1/Rooms/{room}/Transcriptions", "")).Status.Should().Be(HttpStatusCode.Accepted);
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));
        bob.LoseConnection();
        var state = JObject.Parse(await State());
        var standup = Room(state, "standup");
        standup.Remove("transcription");
        foreach (var p in ((JArray)standup["participants"]!).OfType<JObject>())
        {
            p.Remove("subscribe_rules");
            p.Remove("reconnect_deadline");
        }

        await Restore(state.ToString());
        var rules = await Get($"/v1/Rooms/{room}/Participants/{alice.Sid}/SubscribeRules");
        var transcriptions = await Get($"/v1/Rooms/{room}/Transcriptions");
        Fake.Clock.Advance(TimeSpan.FromSeconds(29));
        var bobBefore = Fake.Rooms.ParticipantsOf(room).Single(p => p.Identity == "bob").Status;
        Fake.Clock.Advance(TimeSpan.FromSeconds(1));

        rules.Json["rules"]!.ToString(Newtonsoft.Json.Formatting.None)
            .Should().Be("[{\"type\":\"include\",\"all\":true,\"publisher\":null,\"track\":null,\"kind\":null,\"priority\":null}]");
        transcriptions.Json["transcriptions"]!.Should().BeEmpty();
        bobBefore.Should().Be(VideoParticipantStatus.Reconnecting);
        Fake.Rooms.ParticipantsOf(room).Single(p => p.Identity == "bob").DisconnectError!.Code.Should().Be(53002);
    }

    [TestCase("participant", "subscribe_rules", "[]", "subscribe_rules are not a valid rule set", TestName = "Empty subscribe rules are 20001")]
    [TestCase("participant", "subscribe_rules", "[{\"type\":\"maybe\",\"all\":true}]", "subscribe_rules[0].type: expected include or exclude", TestName = "A subscribe rule of an unknown type is 20001")]
    [TestCase("participant", "subscribe_rules", "[{\"type\":\"include\",\"kind\":\"smell\"}]", "subscribe_rules are not a valid rule set", TestName = "A subscribe rule of an unknown kind is 20001")]
    [TestCase("participant", "reconnect_deadline", "\"2026-01-05T09:01:00Z\"", "only a reconnecting participant has a reconnect_deadline", TestName = "A reconnect deadline on a connected participant is 20001")]
    [TestCase("room", "transcription", "{\"ttid\":\"video_extension_1\",\"status\":\"paused\",\"date_created\":\"2026-01-05T09:00:00Z\",\"sequence\":99}",
        "transcription.status: expected started, stopped, failed", TestName = "A transcription of an unknown status is 20001")]
    [TestCase("room", "transcription", "{\"ttid\":\"video_extension_1\",\"status\":\"stopped\",\"date_created\":\"2026-01-05T09:00:00Z\",\"sequence\":99,\"running_since\":\"2026-01-05T09:00:00Z\"}",
        "only a started transcription with participants in its room has running_since", TestName = "A stopped transcription that runs is 20001")]
    [TestCase("room", "transcription", "{\"ttid\":\"video_extension_1\",\"status\":\"started\",\"date_created\":\"2026-01-05T09:00:00Z\",\"sequence\":99}",
        "a started transcription with participants in its room needs running_since", TestName = "A started transcription in an occupied room without running_since is 20001")]
    [TestCase("room", "transcription", "{\"ttid\":\"video_extension_1\",\"status\":\"stopped\",\"date_created\":\"2026-01-05T09:00:00Z\",\"sequence\":99,\"configuration\":{\"a\":1}}",
        "transcription.configuration.a: expected a string", TestName = "A transcription configuration value that is not a string is 20001")]
    public async Task Put_state_with_bad_client_flow_state_returns_20001_and_changes_nothing(string on, string field, string value, string message)
    {
        var room = (await CreateRoom("UniqueName=standup")).Value<string>("sid")!;
        Fake.Rooms.Connect(room, "alice");
        var state = JObject.Parse(await State());
        var target = on == "room" ? Room(state, "standup") : Participant(state, "standup", "alice");
        target[field] = JToken.Parse(value);
        Fake.Reset();

        var put = await Put(state.ToString());

        put.ShouldBeTwilioError(400, 20001);
        put.Json.Value<string>("message").Should().Contain(message);
        (await Get("/v1/Rooms/standup")).ShouldBeTwilioError(404, 20404);
    }
}
