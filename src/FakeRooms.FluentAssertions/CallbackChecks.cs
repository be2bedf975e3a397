using FakeRooms.Callbacks;
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

/// <summary>What the callback assertions of <see cref="FakeRoomsAssertions"/> check and how they word a failure.</summary>
internal static class CallbackChecks
{
    [CustomAssertion]
    public static SentCallbackConstraint HaveSentCallback(FakeRoomsAssertions a, string @event, string because, object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var all = a.NumberedCallbacks();
        var matches = all.Where(n => n.Callback.Event == @event).ToList();
        FakeRoomsAssertions.Check(matches.Count > 0,
            $"to have sent a {@event} callback",
            () => (all.Count == 0 ? "it sent no callbacks" : $"it sent: {CallbackList(all, @event)}") + a.PendingNote(),
            because, becauseArgs);
        return new SentCallbackConstraint(a, @event, matches);
    }

    [CustomAssertion]
    public static AndConstraint<FakeRoomsAssertions> NotHaveSentCallback(FakeRoomsAssertions a, string @event, string because, object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var matches = a.NumberedCallbacks().Where(n => n.Callback.Event == @event).ToList();
        FakeRoomsAssertions.Check(matches.Count == 0,
            $"not to have sent a {@event} callback",
            () => $"it sent {matches.Count}: {List(matches.Select(CallbackEntry))}",
            because, becauseArgs);
        return new AndConstraint<FakeRoomsAssertions>(a);
    }

    [CustomAssertion]
    public static AndConstraint<FakeRoomsAssertions> HaveSentCallbacksInOrder(FakeRoomsAssertions a, string roomSidOrName, IEnumerable<string> events, string because, object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(roomSidOrName);
        ArgumentNullException.ThrowIfNull(events);
        var expected = events.ToList();
        var room = a.NumberedCallbacks().Where(n => IsFor(n.Callback, roomSidOrName)).ToList();
        var found = new List<NumberedCallback>();
        foreach (var callback in room)
        {
            if (found.Count == expected.Count)
                break;
            if (callback.Callback.Event == expected[found.Count])
                found.Add(callback);
        }
        FakeRoomsAssertions.Check(found.Count == expected.Count,
            $"to have sent {string.Join(", ", expected)} callbacks for room {Quote(roomSidOrName)} in that order",
            () => (room.Count == 0
                    ? "it sent no callbacks for that room"
                    : (found.Count == 0
                        ? $"it sent no {expected[0]}"
                        : $"after {string.Join(", ", found.Select(n => $"{n.Callback.Event} (#{n.Position})"))} it sent no {expected[found.Count]}")
                      + $"; the room's callbacks: {List(room.Select(CallbackEntry))}")
                + a.PendingNote(),
            because, becauseArgs);
        return new AndConstraint<FakeRoomsAssertions>(a);
    }

    [CustomAssertion]
    public static AndConstraint<FakeRoomsAssertions> HaveSentCallbacksInSequence(FakeRoomsAssertions a, string roomSidOrName, string because, object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(roomSidOrName);
        var room = a.NumberedCallbacks().Where(n => IsFor(n.Callback, roomSidOrName)).ToList();
        var due = room.FindIndex(n => n.Callback.SequenceNumber != room.IndexOf(n));
        FakeRoomsAssertions.Check(room.Count > 0 && due < 0,
            $"to have sent the callbacks of room {Quote(roomSidOrName)} with SequenceNumber 0, 1, 2... in delivery order",
            () => room.Count == 0
                ? "it sent no callbacks for that room" + a.PendingNote()
                : $"#{room[due].Position} {room[due].Callback.Event} has SequenceNumber {room[due].Callback.SequenceNumber} where {due} was due; "
                  + $"the room's callbacks: {List(room.Select(CallbackEntry))}",
            because, becauseArgs);
        return new AndConstraint<FakeRoomsAssertions>(a);
    }

    /// <summary>The callbacks, pointing at one whose event differs from the wanted one only by case.</summary>
    internal static string CallbackList(IEnumerable<NumberedCallback> callbacks, string wantedEvent) =>
        List(callbacks.Select(n => CallbackEntry(n) + (NearMiss(n.Callback.Event, wantedEvent) is { } miss ? $" ({miss})" : "")));

    /// <summary>True when a callback is about this room: by SID, or by the <c>RoomName</c> it carried.</summary>
    internal static bool IsFor(CallbackRecord callback, string roomSidOrName) =>
        callback.RoomSid == roomSidOrName || callback.Parameter("RoomName") == roomSidOrName;

    /// <summary><c>#2 participant-connected "standup" seq=1 -> 200</c></summary>
    internal static string CallbackEntry(NumberedCallback numbered)
    {
        var callback = numbered.Callback;
        var answer = callback.StatusCode is { } status
            ? status.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : callback.Outcome.ToString();
        return $"#{numbered.Position} {callback.Event} {Quote(callback.Parameter("RoomName") ?? callback.RoomSid)} seq={callback.SequenceNumber} -> {answer}";
    }
}
