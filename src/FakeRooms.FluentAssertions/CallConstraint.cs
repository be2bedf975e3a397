using FakeRooms.Journal;

#if AWESOME_ASSERTIONS
namespace FakeRooms.AwesomeAssertions;
#else
namespace FakeRooms.FluentAssertions;
#endif

/// <summary>
/// What an assertion over calls matched: <c>.And</c> continues with the fake, <c>.Which</c> is the matching call (the
/// latest one when several match), <see cref="Calls"/> every matching call. Chained checks narrow the matches.
/// </summary>
public abstract class CallConstraint : AndWhichConstraint<FakeRoomsAssertions, CallRecord>
{
    private protected CallConstraint(FakeRoomsAssertions parent, IReadOnlyList<Numbered> matches)
        : base(parent, matches.Count > 0 ? matches[^1].Call : null!)
    {
        Parent = parent;
        Matches = matches;
    }

    /// <summary>Every call that matched, oldest first.</summary>
    public IReadOnlyList<CallRecord> Calls => Matches.Select(n => n.Call).ToList();

    private protected FakeRoomsAssertions Parent { get; }

    private protected IReadOnlyList<Numbered> Matches { get; }
}
