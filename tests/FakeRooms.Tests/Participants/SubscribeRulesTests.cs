using System.Net;
using FakeRooms.Tests.Support;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room.Participant;
using Twilio.Types;

namespace FakeRooms.Tests.Participants;

/// <summary>
/// SubscribeRules through the C# SDK (docs track-subscriptions): the default rule, replacing the rules, subscribed
/// tracks that follow them, and every refusal's code and status.
/// </summary>
public sealed class SubscribeRulesTests : FakeRoomsTest
{
    private RoomResource _room = null!;

    [SetUp]
    public async Task CreateRoom() => _room = await RoomResource.CreateAsync(uniqueName: "studio", client: Twilio);

    [Test]
    public async Task A_new_participant_has_the_default_subscribe_to_all_rule()
    {
        var alice = Fake.Rooms.Connect("studio", "alice");

        var rules = await SubscribeRulesResource.FetchAsync(_room.Sid, alice.Sid, client: Twilio);

        rules.ParticipantSid.Should().Be(alice.Sid);
        rules.RoomSid.Should().Be(_room.Sid);
        rules.Rules.Should().ContainSingle();
        rules.Rules[0].Type.ToString().Should().Be("include");
        rules.Rules[0].All.Should().BeTrue();
        rules.DateCreated.Should().BeNull("both spec examples show null dates");
        rules.DateUpdated.Should().BeNull();
    }

    [Test]
    public async Task Posted_rules_replace_the_old_ones_and_the_subscribed_tracks_follow_them()
    {
        var (alice, bob, carl) = DocsRoom();
        var update = new SubscribeRulesUpdate(
        [
            Rule(SubscribeRule.TypeEnum.Include, all: true),
            Rule(SubscribeRule.TypeEnum.Exclude, kind: SubscribeRule.KindEnum.Video),
            Rule(SubscribeRule.TypeEnum.Include, publisher: "bob", track: "screen"),
        ]);

        var answer = await SubscribeRulesResource.UpdateAsync("studio", "alice", rules: update, client: Twilio);
        var subscribed = await SubscribedTrackResource.ReadAsync(_room.Sid, alice.Sid, client: Twilio);

        answer.Rules.Select(r => $"{r.Type}|{r.All}|{r.Publisher}|{r.Track}|{r.Kind}").Should().Equal(
            "include|True|||", "exclude||||video", "include||bob|screen|");
        subscribed.Select(t => t.Name).Should().BeEquivalentTo("bob-audio", "screen", "carl-audio", "carl-data");
        subscribed.Where(t => t.Name == "screen").Should().ContainSingle().Which.PublisherSid.Should().Be(bob.Sid);
        alice.SubscribedTracks.Select(t => t.Sid).Should().BeEquivalentTo(subscribed.Select(t => t.Sid));
        carl.SubscribedTracks.Should().HaveCount(6, "Carl keeps the default rule");
    }

    [Test]
    public async Task Rules_sent_as_a_bare_array_as_the_docs_do_work_and_are_enforced_when_tracks_come_later()
    {
        var alice = Fake.Rooms.Connect("studio", "alice");
        var rules = new[]
        {
            new Dictionary<string, object> { ["type"] = "include", ["kind"] = "audio" },
            new Dictionary<string, object> { ["type"] = "exclude", ["publisher"] = "carl" },
        };

        await SubscribeRulesResource.UpdateAsync(_room.Sid, alice.Sid, rules: rules, client: Twilio);
        var bob = Fake.Rooms.Connect("studio", "bob");
        bob.Publish(VideoTrackKind.Audio, "bob-audio");
        bob.Publish(VideoTrackKind.Video, "bob-cam");
        Fake.Rooms.Connect("studio", "carl").Publish(VideoTrackKind.Audio, "carl-audio");

        alice.SubscribedTracks.Select(t => t.Name).Should().Equal("bob-audio");
        (await SubscribeRulesResource.FetchAsync("studio", "alice", client: Twilio)).Rules.Should().HaveCount(2);
    }

    [Test]
    public async Task Excluding_all_subscribes_to_nothing_and_an_excluded_track_is_not_found_as_subscribed()
    {
        var (alice, bob, _) = DocsRoom();
        var bobAudio = bob.PublishedTracks.Single(t => t.Name == "bob-audio");

        await SubscribeRulesResource.UpdateAsync(_room.Sid, alice.Sid, rules: "[{\"type\":\"exclude\",\"all\":true}]", client: Twilio);
        var fetch = () => SubscribedTrackResource.FetchAsync(_room.Sid, alice.Sid, bobAudio.Sid, client: Twilio);

        (await SubscribedTrackResource.ReadAsync(_room.Sid, alice.Sid, client: Twilio)).Should().BeEmpty();
        await fetch.ShouldFailWithApiError(404, 20404);
    }

    [Test]
    public async Task Subscribe_rules_json_has_the_spec_properties_in_order_and_every_rule_field_null_when_unused()
    {
        var alice = Fake.Rooms.Connect("studio", "alice");

        var answer = await PostForm($"/v1/Rooms/{_room.Sid}/Participants/{alice.Sid}/SubscribeRules",
            "Rules=" + Uri.EscapeDataString("[{\"type\":\"include\",\"kind\":\"audio\",\"priority\":\"high\"}]"));

        answer.Status.Should().Be(HttpStatusCode.OK, answer.Text);
        answer.Json.Properties().Select(p => p.Name).Should().Equal("participant_sid", "room_sid", "rules", "date_created", "date_updated");
        answer.Json["rules"]!.ToString(Newtonsoft.Json.Formatting.None).Should().Be(
            "[{\"type\":\"include\",\"all\":null,\"publisher\":null,\"track\":null,\"kind\":\"audio\",\"priority\":\"high\"}]",
            "both spec examples list every rule field, null when unused");
    }

    [TestCase("[]", TestName = "An empty rule set is 53215")]
    [TestCase("[{\"type\":\"include\",\"all\":false}]", TestName = "All false is 53215")]
    [TestCase("[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"kind\":\"wideo\"}]", TestName = "An unknown kind is 53215")]
    [TestCase("[{\"type\":\"include\",\"kind\":\"audio\",\"kind\":\"data\"}]", TestName = "A repeated filter is 53215")]
    [TestCase("[{\"type\":\"include\",\"all\":\"true\",\"kind\":\"data\"}]", TestName = "All with another filter is 53215")]
    [TestCase("[{\"all\":true}]", TestName = "A rule without type is 53215")]
    [TestCase("[{\"type\":\"include\",\"kind\":\"audio\",\"priority\":\"urgent\"}]", TestName = "An unknown priority is 53215")]
    [TestCase("{\"type\":\"include\"}", TestName = "A rule set that is not an array is 53215")]
    [TestCase("not json", TestName = "Rules that are not JSON are 53215")]
    public async Task Invalid_rules_are_refused_and_the_active_rules_stay(string rules)
    {
        var alice = Fake.Rooms.Connect("studio", "alice");
        await SubscribeRulesResource.UpdateAsync(_room.Sid, alice.Sid, rules: "[{\"type\":\"include\",\"kind\":\"audio\"}]", client: Twilio);

        var answer = await PostForm($"/v1/Rooms/{_room.Sid}/Participants/{alice.Sid}/SubscribeRules", "Rules=" + Uri.EscapeDataString(rules));

        answer.ShouldBeTwilioError(400, 53215, "Invalid Subscribe Rule(s)");
        alice.SubscribeRules.Should().ContainSingle().Which.Kind.Should().Be("audio");
    }

    [Test]
    public async Task More_than_20_rules_or_none_at_all_are_refused_with_53215()
    {
        var alice = Fake.Rooms.Connect("studio", "alice");
        var many = Enumerable.Repeat(new Dictionary<string, object> { ["type"] = "include", ["kind"] = "audio" }, 21).ToArray();

        var tooMany = () => SubscribeRulesResource.UpdateAsync(_room.Sid, alice.Sid, rules: many, client: Twilio);
        var none = () => SubscribeRulesResource.UpdateAsync(_room.Sid, alice.Sid, client: Twilio);

        await tooMany.ShouldFailWithApiError(400, 53215, "Invalid Subscribe Rule(s)");
        await none.ShouldFailWithApiError(400, 53215);
    }

    [Test]
    public async Task Unknown_rooms_and_participants_are_20404_before_the_rules_are_read()
    {
        Fake.Rooms.Connect("studio", "alice");

        var room = () => SubscribeRulesResource.FetchAsync("nowhere", "alice", client: Twilio);
        var participant = () => SubscribeRulesResource.UpdateAsync(_room.Sid, "nobody", rules: "[]", client: Twilio);

        await room.ShouldFailWithApiError(404, 20404, "The requested resource /Rooms/nowhere was not found");
        await participant.ShouldFailWithApiError(404, 20404, $"The requested resource /Rooms/{_room.Sid}/Participants/nobody was not found");
    }

    [Test]
    public async Task Peer_to_peer_rooms_refuse_subscribe_rules_with_53117()
    {
        await RoomResource.CreateAsync(uniqueName: "p2p", type: RoomResource.RoomTypeEnum.PeerToPeer, client: Twilio);
        var alice = Fake.Rooms.Connect("p2p", "alice");

        var fetch = () => SubscribeRulesResource.FetchAsync("p2p", alice.Sid, client: Twilio);
        var update = () => SubscribeRulesResource.UpdateAsync("p2p", alice.Sid, rules: "[{\"type\":\"exclude\",\"all\":true}]", client: Twilio);

        await fetch.ShouldFailWithApiError(400, 53117, "The subscription operation requested is not supported for the Room type");
        await update.ShouldFailWithApiError(400, 53117);
    }

    // The docs' room: Alice and Bob publish audio, cam and "screen"; Carl audio, cam and data.
    private (SimulatedParticipant Alice, SimulatedParticipant Bob, SimulatedParticipant Carl) DocsRoom()
    {
        var alice = Fake.Rooms.Connect("studio", "alice");
        var bob = Fake.Rooms.Connect("studio", "bob");
        var carl = Fake.Rooms.Connect("studio", "carl");
        foreach (var (who, name) in new[] { (alice, "alice"), (bob, "bob") })
        {
            who.Publish(VideoTrackKind.Audio, name + "-audio");
            who.Publish(VideoTrackKind.Video, name + "-cam");
            who.Publish(VideoTrackKind.Video, "screen");
        }
        carl.Publish(VideoTrackKind.Audio, "carl-audio");
        carl.Publish(VideoTrackKind.Video, "carl-cam");
        carl.Publish(VideoTrackKind.Data, "carl-data");
        return (alice, bob, carl);
    }

    private static SubscribeRule Rule(SubscribeRule.TypeEnum type, bool? all = null, string? publisher = null, string? track = null,
        SubscribeRule.KindEnum? kind = null) =>
        new(type, all, publisher, track, kind, null);
}
