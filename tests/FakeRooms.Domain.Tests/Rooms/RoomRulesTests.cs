using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Tests.Rooms;

/// <summary><see cref="RoomRules"/> without HTTP: each rule, its order, the defaults.</summary>
public sealed class RoomRulesTests
{
    private static int? CodeOf(CreateRoom command, int? large = null) => RoomRules.Check(command, large)?.Code;

    [Test]
    public void Empty_command_passes() => RoomRules.Check(new CreateRoom()).Should().BeNull();

    // The room type by name: RoomType is internal, and an NUnit test method is public.
    [TestCase(nameof(RoomType.Go), 2)]
    [TestCase(nameof(RoomType.PeerToPeer), 10)]
    [TestCase(nameof(RoomType.GroupSmall), 4)]
    [TestCase(nameof(RoomType.Group), 50)]
    public void Max_participants_limit_per_type_is_inclusive_and_one_more_returns_53107(string typeName, int limit)
    {
        var type = Enum.Parse<RoomType>(typeName);
        CodeOf(new CreateRoom { Type = type, MaxParticipants = limit }).Should().BeNull();
        CodeOf(new CreateRoom { Type = type, MaxParticipants = limit + 1 }).Should().Be(53107);
        CodeOf(new CreateRoom { Type = type, MaxParticipants = 0 }).Should().Be(53107);
        RoomRules.MaxParticipantsFor(type).Should().Be(limit);
    }

    [Test]
    public void Large_room_limit_applies_only_to_large_group_rooms()
    {
        CodeOf(new CreateRoom { LargeRoom = true, MaxParticipants = 80 }, large: 100).Should().BeNull();
        CodeOf(new CreateRoom { LargeRoom = false, MaxParticipants = 80 }, large: 100).Should().Be(53107);
        CodeOf(new CreateRoom { LargeRoom = true, MaxParticipants = 80 }).Should().Be(53107);
        CodeOf(new CreateRoom { Type = RoomType.GroupSmall, LargeRoom = true, MaxParticipants = 5 }, large: 100).Should().Be(53107);
    }

    [Test]
    public void Rules_are_reported_in_a_fixed_order()
    {
        var everythingWrong = new CreateRoom
        {
            Type = RoomType.Go,
            UniqueName = new string('x', 129),
            StatusCallback = "/relative",
            StatusCallbackMethod = "PUT",
            MaxParticipants = 3,
            EmptyRoomTimeout = 0,
            MaxParticipantDuration = 0,
            MediaRegion = "mars",
            AudioOnly = true,
            RecordingRules = [],
        };
        var order = new List<int>();
        var command = everythingWrong;
        // Fix each reported problem in turn and record the next code.
        for (var guard = 0; guard < 12 && RoomRules.Check(command) is { } error; guard++)
        {
            order.Add(error.Code);
            command = error.Code switch
            {
                53101 => command with { UniqueName = "ok" },
                53111 => command with { StatusCallback = "http://127.0.0.1:9/cb" },
                53110 => command with { StatusCallbackMethod = "POST" },
                53107 => command with { MaxParticipants = 2 },
                53109 => command with { EmptyRoomTimeout = 5 },
                53123 => command with { MaxParticipantDuration = 600 },
                53115 => command with { MediaRegion = "us1" },
                53114 => command with { Type = RoomType.Group },
                53120 => command with { RecordingRules = RoomRules.IncludeAll },
                _ => throw new InvalidOperationException(error.ToString()),
            };
        }

        order.Should().Equal(53101, 53111, 53110, 53107, 53109, 53123, 53115, 53114, 53120);
    }

    [Test]
    public void Callback_url_must_be_absolute_http_or_https_with_a_host_and_at_most_2000_characters()
    {
        RoomRules.IsValidCallbackUrl("http://127.0.0.1:9/cb").Should().BeTrue();
        RoomRules.IsValidCallbackUrl("https://hooks.invalid/x").Should().BeTrue();
        RoomRules.IsValidCallbackUrl("ftp://127.0.0.1/cb").Should().BeFalse();
        RoomRules.IsValidCallbackUrl("/cb").Should().BeFalse();
        RoomRules.IsValidCallbackUrl("file:///etc/passwd").Should().BeFalse();
        RoomRules.IsValidCallbackUrl("http://127.0.0.1/" + new string('a', 1983)).Should().BeTrue();
        RoomRules.IsValidCallbackUrl("http://127.0.0.1/" + new string('a', 1984)).Should().BeFalse();
    }

    [Test]
    public void Recording_rules_validity()
    {
        RecordingRule Include(bool? all = null, string? kind = null, string? publisher = null) =>
            new(RecordingRuleType.Include, all, publisher, null, kind);

        RoomRules.CheckRecordingRules([Include(all: true)]).Should().BeNull();
        RoomRules.CheckRecordingRules([Include(kind: "video", publisher: "alice")]).Should().BeNull();
        RoomRules.CheckRecordingRules([]).Should().Be(TwilioErrors.InvalidRecordingRules);
        RoomRules.CheckRecordingRules([Include(all: false)]).Should().Be(TwilioErrors.InvalidRecordingRules);
        RoomRules.CheckRecordingRules([Include(all: true, kind: "audio")]).Should().Be(TwilioErrors.InvalidRecordingRules);
        RoomRules.CheckRecordingRules([Include()]).Should().Be(TwilioErrors.InvalidRecordingRules);
        RoomRules.CheckRecordingRules([new RecordingRule(null, All: true)]).Should().Be(TwilioErrors.InvalidRecordingRules);
        RoomRules.CheckRecordingRules([Include(kind: "data")]).Should().Be(TwilioErrors.InvalidRecordingRules);
        RoomRules.CheckRecordingRules(Enumerable.Repeat(Include(all: true), 21).ToList()).Should().Be(TwilioErrors.InvalidRecordingRules);
        RoomRules.CheckRecordingRules(Enumerable.Repeat(Include(all: true), 20).ToList()).Should().BeNull();
    }

    [Test]
    public void Record_participants_on_connect_starts_with_include_all()
    {
        var room = RoomRules.Build(new CreateRoom { RecordParticipantsOnConnect = true }, "RM1", "AC1", DateTimeOffset.UnixEpoch, 1);

        room.RecordingRules.Should().Equal(RoomRules.IncludeAll);
    }
}
