using FakeRooms.Journal;
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
/// The calls of one operation the fake answered with an error, from <see cref="FakeRoomsAssertions.HaveRejected"/>.
/// Each <c>With...</c> keeps the rejections that match it and fails when none does.
/// </summary>
public sealed class RejectedConstraint : CallConstraint
{
    private readonly Operation _operation;

    internal RejectedConstraint(FakeRoomsAssertions parent, Operation operation, IReadOnlyList<Numbered> matches)
        : base(parent, matches)
    {
        _operation = operation;
    }

    /// <summary>Asserts the Twilio error code answered, e.g. 53113 (Room exists).</summary>
    /// <param name="code">The Twilio error code.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public RejectedConstraint WithErrorCode(int code, string because = "", params object[] becauseArgs) =>
        Narrow($"error {code}", call => call.ErrorCode == code, because, becauseArgs);

    /// <summary>Asserts the HTTP status answered, e.g. 400 or 404.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public RejectedConstraint WithStatusCode(int status, string because = "", params object[] becauseArgs) =>
        Narrow($"HTTP status {status}", call => call.StatusCode == status, because, becauseArgs);

    [CustomAssertion]
    private RejectedConstraint Narrow(string expectation, Func<CallRecord, bool> match, string because, object[] becauseArgs)
    {
        if (Matches.Count == 0)
            return this;
        var kept = Matches.Where(n => match(n.Call)).ToList();
        FakeRoomsAssertions.Check(kept.Count > 0,
            $"to have rejected a {_operation} with {expectation}",
            () => $"the rejected {_operation} calls got: {Calls(Matches)}",
            because, becauseArgs);
        return kept.Count > 0 ? new RejectedConstraint(Parent, _operation, kept) : this;
    }
}
