using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Subscriptions;

namespace FakeRooms.Domain.Tests.Subscriptions;

/// <summary>
/// Twilio's subscribe-rule grammar and semantics, checked against the worked examples of the track-subscriptions docs
/// (Alice, Bob and Carl; "Subscribe Rules Semantics are based on Algebra of Sets").
/// </summary>
public sealed class SubscribeRulesTests
{
    private static readonly Participant Alice = Person("Alice", 1);
    private static readonly Participant Bob = Person("Bob", 2);
    private static readonly Participant Carl = Person("Carl", 3);

    // The docs' room: Alice and Bob publish audio, cam and "screen"; Carl publishes audio, cam and data.
    private static readonly (Participant Publisher, PublishedTrack Track)[] Room =
    [
        (Alice, Track(Alice, "MTA_A", "alice-audio", TrackKind.Audio)), (Alice, Track(Alice, "MTA_C", "alice-cam", TrackKind.Video)),
        (Alice, Track(Alice, "MTA_S", "screen", TrackKind.Video)),
        (Bob, Track(Bob, "MTB_A", "bob-audio", TrackKind.Audio)), (Bob, Track(Bob, "MTB_C", "bob-cam", TrackKind.Video)),
        (Bob, Track(Bob, "MTB_S", "screen", TrackKind.Video)),
        (Carl, Track(Carl, "MTC_A", "carl-audio", TrackKind.Audio)), (Carl, Track(Carl, "MTC_C", "carl-cam", TrackKind.Video)),
        (Carl, Track(Carl, "MTC_D", "carl-data", TrackKind.Data)),
    ];

    [Test]
    public void The_docs_three_rule_example_gives_alice_the_audio_and_data_and_bobs_screen()
    {
        var rules = Rules(Include(all: true), Exclude(kind: "video"), Include(publisher: "Bob", track: "screen"));

        SubscribedBy(Alice, rules).Should().Equal("MTB_A", "MTB_S", "MTC_A", "MTC_D");
    }

    [Test]
    public void Subscribe_to_all_never_includes_own_tracks_and_subscribe_to_none_or_a_lone_exclude_gives_nothing()
    {
        SubscribedBy(Alice, SubscribeRules.SubscribeToAll).Should().Equal("MTB_A", "MTB_C", "MTB_S", "MTC_A", "MTC_C", "MTC_D");
        SubscribedBy(Alice, SubscribeRules.SubscribeToNone).Should().BeEmpty();
        SubscribedBy(Alice, Rules(Exclude(kind: "video"))).Should().BeEmpty();
        SubscribedBy(Alice, Rules(Include(track: "alice-audio"))).Should().BeEmpty();
        SubscribedBy(Alice, Rules(Include(track: "screen"))).Should().Equal("MTB_S");
    }

    [Test]
    public void Filters_are_anded_publishers_match_by_sid_and_rule_order_matters()
    {
        SubscribedBy(Carl, Rules(Include(all: true), Exclude(publisher: Bob.Sid, kind: "audio"), Exclude(kind: "video", track: "screen")))
            .Should().Equal("MTA_A", "MTA_C", "MTB_C");
        SubscribedBy(Alice, Rules(Include(kind: "data"), Exclude(publisher: "Carl"))).Should().BeEmpty();
        SubscribedBy(Alice, Rules(Exclude(publisher: "Carl"), Include(kind: "data"))).Should().Equal("MTC_D");
        SubscribedBy(Alice, Rules(Include(publisher: "bob"))).Should().BeEmpty("publisher filters are case-sensitive");
    }

    [Test]
    public void Valid_rule_sets_pass_the_check()
    {
        SubscribeRules.Check(SubscribeRules.SubscribeToAll).Should().BeNull();
        SubscribeRules.Check(Rules(Include(kind: "data", priority: "high"), Exclude(publisher: "Bob", track: "screen", kind: "video"))).Should().BeNull();
        SubscribeRules.Check(Enumerable.Repeat(Include(kind: "audio"), 20).ToList()).Should().BeNull();
    }

    [TestCase("empty set")]
    [TestCase("21 rules")]
    [TestCase("all false")]
    [TestCase("all with kind")]
    [TestCase("all with priority")]
    [TestCase("no type")]
    [TestCase("kind wideo")]
    [TestCase("no filter")]
    [TestCase("priority urgent")]
    [TestCase("malformed")]
    public void Invalid_rule_sets_are_refused_with_53215(string which)
    {
        IReadOnlyList<SubscribeRule> rules = which switch
        {
            "empty set" => [],
            "21 rules" => Enumerable.Repeat(Include(kind: "audio"), 21).ToList(),
            "all false" => Rules(Include(all: false)),
            "all with kind" => Rules(Include(all: true, kind: "data")),
            "all with priority" => Rules(Include(all: true, priority: "high")),
            "no type" => Rules(new SubscribeRule(null, All: true)),
            "kind wideo" => Rules(Include(all: true), Exclude(kind: "wideo")),
            "no filter" => Rules(Include()),
            "priority urgent" => Rules(Include(kind: "audio", priority: "urgent")),
            _ => Rules(Include(kind: "audio") with { Malformed = true }),
        };

        var error = SubscribeRules.Check(rules);

        error.Should().NotBeNull();
        error!.Code.Should().Be(53215);
        error.HttpStatus.Should().Be(400);
        error.Message.Should().Be("Invalid Subscribe Rule(s)");
    }

    private static List<string> SubscribedBy(Participant subscriber, IReadOnlyList<SubscribeRule> rules) =>
        Room.Where(t => SubscribeRules.Subscribes(rules, subscriber, t.Publisher, t.Track)).Select(t => t.Track.Sid).ToList();

    private static IReadOnlyList<SubscribeRule> Rules(params SubscribeRule[] rules) => rules;

    private static SubscribeRule Include(bool? all = null, string? publisher = null, string? track = null, string? kind = null, string? priority = null) =>
        new(SubscribeRuleType.Include, all, publisher, track, kind, priority);

    private static SubscribeRule Exclude(bool? all = null, string? publisher = null, string? track = null, string? kind = null) =>
        new(SubscribeRuleType.Exclude, all, publisher, track, kind);

    private static Participant Person(string identity, int n) => new()
    {
        Sid = "PT" + identity[0], RoomSid = "RM1", AccountSid = "AC1", Identity = identity, Sequence = n,
    };

    private static PublishedTrack Track(Participant publisher, string sid, string name, TrackKind kind) => new()
    {
        Sid = sid, ParticipantSid = publisher.Sid, RoomSid = "RM1", Name = name, Kind = kind,
    };
}
