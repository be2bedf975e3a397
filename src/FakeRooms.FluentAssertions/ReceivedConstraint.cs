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
/// The calls of one operation matched by <see cref="FakeRoomsAssertions.HaveReceived"/>: how many, and in what order
/// relative to another operation (comparing the first call of each).
/// </summary>
public sealed class ReceivedConstraint : CallConstraint
{
    private readonly Operation _operation;

    internal ReceivedConstraint(FakeRoomsAssertions parent, Operation operation, IReadOnlyList<Numbered> matches)
        : base(parent, matches)
    {
        _operation = operation;
    }

    /// <summary>Asserts the exact number of calls (at least 1; for none use <see cref="FakeRoomsAssertions.HaveReceivedNoCallsTo"/>).</summary>
    /// <param name="expected">The number of calls.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public ReceivedConstraint Times(int expected, string because = "", params object[] becauseArgs) =>
        Count(Matches.Count == expected, Describe.Times(expected), because, becauseArgs);

    /// <summary>Asserts exactly one call.</summary>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public ReceivedConstraint Once(string because = "", params object[] becauseArgs) => Times(1, because, becauseArgs);

    /// <summary>Asserts exactly two calls.</summary>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public ReceivedConstraint Twice(string because = "", params object[] becauseArgs) => Times(2, because, becauseArgs);

    /// <summary>Asserts at least <paramref name="minimum"/> calls.</summary>
    /// <param name="minimum">The fewest calls expected.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public ReceivedConstraint AtLeast(int minimum, string because = "", params object[] becauseArgs) =>
        Count(Matches.Count >= minimum, "at least " + Describe.Times(minimum), because, becauseArgs);

    /// <summary>Asserts at most <paramref name="maximum"/> calls.</summary>
    /// <param name="maximum">The most calls expected.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public ReceivedConstraint AtMost(int maximum, string because = "", params object[] becauseArgs) =>
        Count(Matches.Count <= maximum, "at most " + Describe.Times(maximum), because, becauseArgs);

    /// <summary>Asserts that the first call of this operation came before the first call of <paramref name="other"/>.</summary>
    /// <param name="other">The operation expected later.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public ReceivedConstraint Before(Operation other, string because = "", params object[] becauseArgs) =>
        Order(other, before: true, because, becauseArgs);

    /// <summary>Asserts that the first call of this operation came after the first call of <paramref name="other"/>.</summary>
    /// <param name="other">The operation expected earlier.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public ReceivedConstraint After(Operation other, string because = "", params object[] becauseArgs) =>
        Order(other, before: false, because, becauseArgs);

    [CustomAssertion]
    private ReceivedConstraint Count(bool condition, string expectation, string because, object[] becauseArgs)
    {
        if (Matches.Count == 0)
            return this;
        FakeRoomsAssertions.Check(condition,
            $"to have received {_operation} {expectation}",
            () => $"it received it {Describe.Times(Matches.Count)}: {Calls(Matches)}",
            because, becauseArgs);
        return this;
    }

    [CustomAssertion]
    private ReceivedConstraint Order(Operation other, bool before, string because, object[] becauseArgs)
    {
        if (Matches.Count == 0)
            return this;
        var all = Parent.Numbered();
        var first = Matches[0];
        var others = all.Where(n => n.Call.Operation == other).ToList();
        var holds = others.Count > 0 && (before ? first.Position < others[0].Position : first.Position > others[0].Position);
        FakeRoomsAssertions.Check(holds,
            $"to have received {_operation} {(before ? "before" : "after")} {other}",
            () => others.Count == 0
                ? $"it received no {other} calls; calls: {Calls(all)}"
                : $"the first {other} (#{others[0].Position}) came {(before ? "before" : "after")} the first {_operation} (#{first.Position}); calls: {Calls(all)}",
            because, becauseArgs);
        return this;
    }
}
