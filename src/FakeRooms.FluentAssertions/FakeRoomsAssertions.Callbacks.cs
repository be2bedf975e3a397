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
    public SentCallbackConstraint HaveSentCallback(string @event, string because = "", params object[] becauseArgs) =>
        CallbackChecks.HaveSentCallback(this, @event, because, becauseArgs);

    /// <summary>
    /// Asserts that the fake sent a status callback for this event, as <see cref="HaveSentCallback(string, string, object[])"/>
    /// with the event's wire name (<see cref="VideoCallbackEvent.ParticipantConnected"/> is <c>participant-connected</c>).
    /// </summary>
    /// <param name="event">The event.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public SentCallbackConstraint HaveSentCallback(VideoCallbackEvent @event, string because = "", params object[] becauseArgs) =>
        CallbackChecks.HaveSentCallback(this, @event.WireName(), because, becauseArgs);

    /// <summary>Asserts that the fake sent no status callback for this event (for any room).</summary>
    /// <param name="event">The <c>StatusCallbackEvent</c>, as Twilio spells it.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<FakeRoomsAssertions> NotHaveSentCallback(string @event, string because = "", params object[] becauseArgs) =>
        CallbackChecks.NotHaveSentCallback(this, @event, because, becauseArgs);

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
        string because = "", params object[] becauseArgs) =>
        CallbackChecks.HaveSentCallbacksInOrder(this, roomSidOrName, events, because, becauseArgs);

    /// <summary>
    /// Asserts that a room's callbacks were delivered in Twilio's sequence: <c>SequenceNumber</c> 0, 1, 2... in
    /// delivery order, with no gap and no repeat, starting with <c>room-created</c>.
    /// </summary>
    /// <param name="roomSidOrName">The room's SID or unique name (the <c>RoomName</c> parameter).</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<FakeRoomsAssertions> HaveSentCallbacksInSequence(string roomSidOrName, string because = "", params object[] becauseArgs) =>
        CallbackChecks.HaveSentCallbacksInSequence(this, roomSidOrName, because, becauseArgs);

    internal List<NumberedCallback> NumberedCallbacks() =>
        _callbacks().Select((callback, i) => new NumberedCallback(i + 1, callback)).ToList();

    /// <summary>Callbacks still queued when the assertion ran: the usual reason one seems missing.</summary>
    internal string PendingNote() =>
        Subject.Server.Callbacks.Pending is var pending and > 0
            ? $" ({Plural(pending, "callback")} still pending: await fake.Callbacks.WhenIdleAsync() before asserting)"
            : "";
}

/// <summary>A status callback and its 1-based position among the callbacks the assertion looked at.</summary>
internal readonly record struct NumberedCallback(int Position, CallbackRecord Callback);
