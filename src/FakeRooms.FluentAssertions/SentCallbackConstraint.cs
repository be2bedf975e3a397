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

/// <summary>
/// The status callbacks of one event matched by <see cref="FakeRoomsAssertions.HaveSentCallback(string, string, object[])"/>. <c>.Which</c> is
/// the matching callback (the latest when several match); each <c>For</c>/<c>With...</c> narrows the matches and
/// fails when none is left, listing what the callbacks carried instead.
/// </summary>
public sealed class SentCallbackConstraint : AndWhichConstraint<FakeRoomsAssertions, CallbackRecord>
{
    private readonly FakeRoomsAssertions _parent;
    private readonly string _event;
    private readonly IReadOnlyList<NumberedCallback> _matches;
    private readonly string _room;

    internal SentCallbackConstraint(FakeRoomsAssertions parent, string @event, IReadOnlyList<NumberedCallback> matches, string room = "")
        : base(parent, matches.Count > 0 ? matches[^1].Callback : null!)
    {
        _parent = parent;
        _event = @event;
        _matches = matches;
        _room = room;
    }

    /// <summary>Every matching callback, in delivery order.</summary>
    public IReadOnlyList<CallbackRecord> Callbacks => _matches.Select(n => n.Callback).ToList();

    /// <summary>Asserts that the callback was for this room (by SID, or by the <c>RoomName</c> it carried).</summary>
    /// <param name="roomSidOrName">The room's SID or unique name.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public SentCallbackConstraint For(string roomSidOrName, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(roomSidOrName);
        if (_matches.Count == 0)
            return this;
        var kept = _matches.Where(n => CallbackChecks.IsFor(n.Callback, roomSidOrName)).ToList();
        FakeRoomsAssertions.Check(kept.Count > 0,
            $"to have sent a {_event} callback for room {Quote(roomSidOrName)}",
            () => $"the {_event} callbacks were for: " + List(_matches.Select(n =>
            {
                var name = n.Callback.Parameter("RoomName") ?? n.Callback.RoomSid;
                return Quote(name) + (NearMiss(name, roomSidOrName) is { } miss ? $" ({miss})" : "");
            }).Distinct()) + _parent.PendingNote(),
            because, becauseArgs);
        return kept.Count > 0 ? new SentCallbackConstraint(_parent, _event, kept, $" for room {Quote(roomSidOrName)}") : this;
    }

    /// <summary>Asserts a parameter the callback carried, e.g. <c>RoomStatus=completed</c> or <c>ParticipantIdentity=alice</c>.</summary>
    /// <param name="name">The parameter as Twilio spells it.</param>
    /// <param name="value">The value sent.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public SentCallbackConstraint WithParameter(string name, string value, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_matches.Count == 0)
            return this;
        var kept = _matches.Where(n => n.Callback.Parameter(name) == value).ToList();
        FakeRoomsAssertions.Check(kept.Count > 0,
            $"to have sent a {_event} callback{_room} with {name}={value}",
            () => "it was sent with " + List(_matches.Select(n => n.Callback.Parameter(name) is { } sent ? $"{name}={sent}" : $"no {name}").Distinct(), "; "),
            because, becauseArgs);
        return kept.Count > 0 ? new SentCallbackConstraint(_parent, _event, kept, _room) : this;
    }
}
