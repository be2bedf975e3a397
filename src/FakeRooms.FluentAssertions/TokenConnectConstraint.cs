using FakeRooms.Tokens;

#if AWESOME_ASSERTIONS
namespace FakeRooms.AwesomeAssertions;
#else
namespace FakeRooms.FluentAssertions;
#endif

/// <summary>
/// The token connects matched by <see cref="FakeRoomsAssertions.HaveAcceptedToken"/> or
/// <see cref="FakeRoomsAssertions.HaveRefusedToken"/>; <see cref="Which"/> is the newest of them.
/// </summary>
public sealed class TokenConnectConstraint
{
    private readonly FakeRoomsAssertions _parent;
    private readonly string _what;
    private readonly IReadOnlyList<TokenConnect> _matches;

    internal TokenConnectConstraint(FakeRoomsAssertions parent, string what, IReadOnlyList<TokenConnect> matches)
    {
        _parent = parent;
        _what = what;
        _matches = matches;
    }

    /// <summary>The newest matching connect (null when the assertion failed inside an assertion scope).</summary>
    public TokenConnect? Which => _matches.Count > 0 ? _matches[^1] : null;

    /// <summary>Continues with more assertions on the fake.</summary>
    public FakeRoomsAssertions And => _parent;

    /// <summary>Asserts the room the client asked for or was granted (its unique name).</summary>
    /// <param name="room">The room's unique name.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public TokenConnectConstraint ForRoom(string room, string because = "", params object[] becauseArgs)
    {
        if (_matches.Count == 0)
            return this;
        var kept = _matches.Where(c => (c.Room ?? c.RequestedRoom) == room).ToList();
        FakeRoomsAssertions.Check(kept.Count > 0,
            $"to have {_what} for room \"{room}\"",
            () => "it was for " + string.Join(", ", _matches.Select(c => $"\"{c.Room ?? c.RequestedRoom}\"").Distinct()),
            because, becauseArgs);
        return kept.Count > 0 ? new TokenConnectConstraint(_parent, _what, kept) : this;
    }
}
