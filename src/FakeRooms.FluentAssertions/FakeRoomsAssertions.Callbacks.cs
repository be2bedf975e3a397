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

public sealed partial class FakeRoomsAssertions
{
    /// <summary>
    /// Asserts that the fake sent a status callback for this event (<c>room-created</c>, <c>participant-connected</c>,
    /// <c>room-ended</c>...), whatever the receiver answered. Chain <see cref="SentCallbackConstraint.For"/> to name
    /// the room and <see cref="SentCallbackConstraint.WithParameter"/> to check what it carried; <c>.Which</c> is the
    /// <see cref="CallbackRecord"/>. Callbacks go out in the background: await
    /// <c>fake.Callbacks.WhenIdleAsync()</c> (or <c>account.WaitForCallbackAsync(...)</c>) before asserting.
    /// </summary>
    /// <param name="event">The <c>StatusCallbackEvent</c>, as Twilio spells it.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public SentCallbackConstraint HaveSentCallback(string @event, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var all = NumberedCallbacks();
        var matches = all.Where(n => n.Callback.Event == @event).ToList();
        Check(matches.Count > 0,
            $"to have sent a {@event} callback",
            () => (all.Count == 0 ? "it sent no callbacks" : $"it sent: {CallbackList(all, @event)}") + PendingNote(),
            because, becauseArgs);
        return new SentCallbackConstraint(this, @event, matches);
    }

    /// <summary>Asserts that the fake sent no status callback for this event (for any room).</summary>
    /// <param name="event">The <c>StatusCallbackEvent</c>, as Twilio spells it.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<FakeRoomsAssertions> NotHaveSentCallback(string @event, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var matches = NumberedCallbacks().Where(n => n.Callback.Event == @event).ToList();
        Check(matches.Count == 0,
            $"not to have sent a {@event} callback",
            () => $"it sent {matches.Count}: {List(matches.Select(CallbackEntry))}",
            because, becauseArgs);
        return new AndConstraint<FakeRoomsAssertions>(this);
    }

    /// <summary>
    /// Asserts that a room's callbacks include these events in this order, possibly with others between them
    /// (e.g. <c>room-created, participant-connected, room-ended</c>).
    /// </summary>
    /// <param name="roomSidOrName">The room's SID or unique name (the <c>RoomName</c> parameter).</param>
    /// <param name="events">The events in the order expected.</param>
    [CustomAssertion]
    public AndConstraint<FakeRoomsAssertions> HaveSentCallbacksInOrder(string roomSidOrName, params string[] events) =>
        HaveSentCallbacksInOrder(roomSidOrName, events, "");

    /// <summary>Asserts that a room's callbacks include these events in this order, possibly with others between them.</summary>
    /// <param name="roomSidOrName">The room's SID or unique name (the <c>RoomName</c> parameter).</param>
    /// <param name="events">The events in the order expected.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<FakeRoomsAssertions> HaveSentCallbacksInOrder(string roomSidOrName, IEnumerable<string> events,
        string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(roomSidOrName);
        ArgumentNullException.ThrowIfNull(events);
        var expected = events.ToList();
        var room = NumberedCallbacks().Where(n => IsFor(n.Callback, roomSidOrName)).ToList();
        var found = new List<NumberedCallback>();
        foreach (var callback in room)
        {
            if (found.Count == expected.Count)
                break;
            if (callback.Callback.Event == expected[found.Count])
                found.Add(callback);
        }
        Check(found.Count == expected.Count,
            $"to have sent {string.Join(", ", expected)} callbacks for room {Quote(roomSidOrName)} in that order",
            () => (room.Count == 0
                    ? "it sent no callbacks for that room"
                    : (found.Count == 0
                        ? $"it sent no {expected[0]}"
                        : $"after {string.Join(", ", found.Select(n => $"{n.Callback.Event} (#{n.Position})"))} it sent no {expected[found.Count]}")
                      + $"; the room's callbacks: {List(room.Select(CallbackEntry))}")
                + PendingNote(),
            because, becauseArgs);
        return new AndConstraint<FakeRoomsAssertions>(this);
    }

    /// <summary>
    /// Asserts that a room's callbacks were delivered in Twilio's sequence: <c>SequenceNumber</c> 0, 1, 2... in
    /// delivery order, with no gap and no repeat, starting with <c>room-created</c>.
    /// </summary>
    /// <param name="roomSidOrName">The room's SID or unique name (the <c>RoomName</c> parameter).</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<FakeRoomsAssertions> HaveSentCallbacksInSequence(string roomSidOrName, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(roomSidOrName);
        var room = NumberedCallbacks().Where(n => IsFor(n.Callback, roomSidOrName)).ToList();
        var due = room.FindIndex(n => n.Callback.SequenceNumber != room.IndexOf(n));
        Check(room.Count > 0 && due < 0,
            $"to have sent the callbacks of room {Quote(roomSidOrName)} with SequenceNumber 0, 1, 2... in delivery order",
            () => room.Count == 0
                ? "it sent no callbacks for that room" + PendingNote()
                : $"#{room[due].Position} {room[due].Callback.Event} has SequenceNumber {room[due].Callback.SequenceNumber} where {due} was due; "
                  + $"the room's callbacks: {List(room.Select(CallbackEntry))}",
            because, becauseArgs);
        return new AndConstraint<FakeRoomsAssertions>(this);
    }

    internal List<NumberedCallback> NumberedCallbacks() =>
        _callbacks().Select((callback, i) => new NumberedCallback(i + 1, callback)).ToList();

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

    /// <summary>The callbacks, pointing at one whose event differs from the wanted one only by case.</summary>
    private static string CallbackList(IEnumerable<NumberedCallback> callbacks, string wantedEvent) =>
        List(callbacks.Select(n => CallbackEntry(n) + (NearMiss(n.Callback.Event, wantedEvent) is { } miss ? $" ({miss})" : "")));

    /// <summary>Callbacks still queued when the assertion ran: the usual reason one seems missing.</summary>
    internal string PendingNote() =>
        Subject.Server.Callbacks.Pending is var pending and > 0
            ? $" ({Plural(pending, "callback")} still pending: await fake.Callbacks.WhenIdleAsync() before asserting)"
            : "";
}

/// <summary>A status callback and its 1-based position among the callbacks the assertion looked at.</summary>
internal readonly record struct NumberedCallback(int Position, CallbackRecord Callback);
