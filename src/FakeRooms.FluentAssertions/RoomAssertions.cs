#if AWESOME_ASSERTIONS
using static FakeRooms.AwesomeAssertions.Describe;
#else
using static FakeRooms.FluentAssertions.Describe;
#endif

#if AWESOME_ASSERTIONS
namespace FakeRooms.AwesomeAssertions;
#else
namespace FakeRooms.FluentAssertions;
#endif

/// <summary>
/// Assertions over a room's state now: <c>fake.Room("standup").Should().BeInProgress()</c>. <c>.Which</c> is the room
/// snapshot. When the room does not exist, the message lists the account's rooms, pointing at the nearest name.
/// </summary>
public sealed class RoomAssertions : ReferenceTypeAssertions<FakeRoom, RoomAssertions>
{
    /// <summary>Assertions over <paramref name="room"/>.</summary>
    /// <param name="room">The room, from <c>fake.Room(...)</c>.</param>
    public RoomAssertions(FakeRoom room)
#if AWESOME_ASSERTIONS
        : base(room, AssertionChain.GetOrCreate())
#else
        : base(room)
#endif
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "room";

    /// <summary>Asserts that the account has the room (any status).</summary>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<RoomAssertions, RoomInfo> Exist(string because = "", params object[] becauseArgs)
    {
        var room = Subject.Current;
        Check(room is not null, "to exist", () => Missing(), because, becauseArgs);
        return new AndWhichConstraint<RoomAssertions, RoomInfo>(this, room!);
    }

    /// <summary>Asserts that the room is in progress.</summary>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<RoomAssertions, RoomInfo> BeInProgress(string because = "", params object[] becauseArgs) =>
        HaveStatus(VideoRoomStatus.InProgress, because, becauseArgs);

    /// <summary>Asserts that the room has completed (ended through the API or by a timeout).</summary>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<RoomAssertions, RoomInfo> BeCompleted(string because = "", params object[] becauseArgs) =>
        HaveStatus(VideoRoomStatus.Completed, because, becauseArgs);

    /// <summary>Asserts that the room has failed.</summary>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<RoomAssertions, RoomInfo> BeFailed(string because = "", params object[] becauseArgs) =>
        HaveStatus(VideoRoomStatus.Failed, because, becauseArgs);

    /// <summary>Asserts that exactly these identities are connected to the room now, in any order.</summary>
    /// <param name="identities">The identities expected connected.</param>
    [CustomAssertion]
    public AndWhichConstraint<RoomAssertions, RoomInfo> HaveParticipants(params string[] identities) =>
        HaveParticipants(identities, "");

    /// <summary>Asserts that exactly these identities are connected to the room now, in any order.</summary>
    /// <param name="identities">The identities expected connected.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<RoomAssertions, RoomInfo> HaveParticipants(IEnumerable<string> identities, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(identities);
        var expected = identities.Distinct(StringComparer.Ordinal).ToList();
        var expectation = expected.Count == 0 ? "to have no participants" : $"to have participants {List(expected.Select(Quote))}";
        var room = Subject.Current;
        if (!Check(room is not null, expectation, () => Missing(), because, becauseArgs))
            return new AndWhichConstraint<RoomAssertions, RoomInfo>(this, room!);

        var everyone = Subject.Participants;
        var connected = everyone.Where(p => p.Status != VideoParticipantStatus.Disconnected).Select(p => p.Identity).ToList();
        var missing = expected.Except(connected, StringComparer.Ordinal).ToList();
        var unexpected = connected.Except(expected, StringComparer.Ordinal).ToList();
        Check(missing.Count == 0 && unexpected.Count == 0, expectation,
            () =>
            {
                var text = connected.Count == 0
                    ? $"room {Quote(Subject.SidOrName)} has no participants connected"
                    : $"room {Quote(Subject.SidOrName)} has {List(connected.Select(Quote))}";
                var notes = new List<string>();
                if (missing.Count > 0)
                    notes.Add("missing " + List(missing.Select(m => Quote(m) + MissingNote(m, everyone, connected))));
                if (unexpected.Count > 0)
                    notes.Add("unexpected " + List(unexpected.Select(Quote)));
                return notes.Count == 0 ? text : $"{text}: {string.Join("; ", notes)}";
            },
            because, becauseArgs);
        return new AndWhichConstraint<RoomAssertions, RoomInfo>(this, room!);
    }

    /// <summary>Asserts that nobody is connected to the room now.</summary>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<RoomAssertions, RoomInfo> HaveNoParticipants(string because = "", params object[] becauseArgs) =>
        HaveParticipants([], because, becauseArgs);

    [CustomAssertion]
    private AndWhichConstraint<RoomAssertions, RoomInfo> HaveStatus(VideoRoomStatus status, string because, object[] becauseArgs)
    {
        var expectation = $"to be {Status(status)}";
        var room = Subject.Current;
        if (Check(room is not null, expectation, () => Missing(), because, becauseArgs))
            Check(room!.Status == status, expectation, () => $"room {Quote(Subject.SidOrName)} is {Status(room.Status)}", because, becauseArgs);
        return new AndWhichConstraint<RoomAssertions, RoomInfo>(this, room!);
    }

    [CustomAssertion]
    private static bool Check(bool condition, string expectation, Func<string> actual, string because, object[] becauseArgs) =>
        FakeRoomsAssertions.Check(condition, expectation, actual, because, becauseArgs, context: "room");

    /// <summary><c>there is no room "Standup"; rooms: "standup" (case differs, in-progress), "daily" (completed)</c></summary>
    private string Missing()
    {
        var rooms = Subject.Rooms.All;
        var wanted = Subject.SidOrName;
        if (rooms.Count == 0)
            return $"there is no room {Quote(wanted)}; the account has no rooms";
        return $"there is no room {Quote(wanted)}; rooms: " + List(rooms.Select(r =>
            Quote(r.UniqueName) + " (" + (NearMiss(r.UniqueName, wanted) ?? NearMiss(r.Sid, wanted)) switch
            {
                { } miss => $"{miss}, {Status(r.Status)})",
                null => $"{Status(r.Status)})",
            }));
    }

    private static string MissingNote(string identity, IReadOnlyList<ParticipantInfo> everyone, List<string> connected)
    {
        if (connected.FirstOrDefault(c => NearMiss(c, identity) is not null) is { } near)
            return $" ({Quote(near)} is connected: {NearMiss(near, identity)})";
        return everyone.Any(p => p.Identity == identity) ? " (disconnected)" : "";
    }
}
