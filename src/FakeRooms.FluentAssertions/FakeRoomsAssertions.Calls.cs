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

public sealed partial class FakeRoomsAssertions
{
    /// <summary>
    /// Asserts that the fake received at least one call of <paramref name="operation"/>, whatever the answer. Chain
    /// <see cref="ReceivedConstraint.Times"/>, <see cref="ReceivedConstraint.Once"/>, <see cref="ReceivedConstraint.AtLeast"/>,
    /// <see cref="ReceivedConstraint.AtMost"/>, <see cref="ReceivedConstraint.Before"/> or <see cref="ReceivedConstraint.After"/>.
    /// To assert that it received none, use <see cref="HaveReceivedNoCallsTo"/>.
    /// </summary>
    /// <param name="operation">The Twilio operation.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public ReceivedConstraint HaveReceived(Operation operation, string because = "", params object[] becauseArgs)
    {
        var all = Numbered();
        var matches = all.Where(n => n.Call.Operation == operation).ToList();
        Check(matches.Count > 0,
            $"to have received {operation}",
            () => all.Count == 0 ? "it received no calls at all" : $"it received no {operation} calls; recorded: {Calls(all)}",
            because, becauseArgs);
        return new ReceivedConstraint(this, operation, matches);
    }

    /// <summary>Asserts that the fake received no call of <paramref name="operation"/>.</summary>
    /// <param name="operation">The Twilio operation.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<FakeRoomsAssertions> HaveReceivedNoCallsTo(Operation operation, string because = "", params object[] becauseArgs)
    {
        var matches = NumberedOf(operation);
        Check(matches.Count == 0,
            $"to have received no calls to {operation}",
            () => $"it received {matches.Count}: {Calls(matches)}",
            because, becauseArgs);
        return new AndConstraint<FakeRoomsAssertions>(this);
    }

    /// <summary>
    /// Asserts that calls of these operations arrived in this order, possibly with other calls between them
    /// (e.g. <c>FetchRoom, CreateRoom, UpdateRoom</c>).
    /// </summary>
    /// <param name="operations">The operations in the order expected.</param>
    [CustomAssertion]
    public AndConstraint<FakeRoomsAssertions> HaveReceivedInOrder(params Operation[] operations) =>
        HaveReceivedInOrder(operations, "");

    /// <summary>
    /// Asserts that calls of these operations arrived in this order, possibly with other calls between them.
    /// </summary>
    /// <param name="operations">The operations in the order expected.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<FakeRoomsAssertions> HaveReceivedInOrder(IEnumerable<Operation> operations, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var expected = operations.ToList();
        var all = Numbered();
        var found = new List<Numbered>();
        foreach (var call in all)
        {
            if (found.Count == expected.Count)
                break;
            if (call.Call.Operation == expected[found.Count])
                found.Add(call);
        }
        Check(found.Count == expected.Count,
            $"to have received {string.Join(", ", expected)} in that order",
            () => (found.Count == 0
                    ? $"it received no {expected[0]}"
                    : $"after {string.Join(", ", found.Select(n => $"{n.Call.Operation} (#{n.Position})"))} it received no {expected[found.Count]}")
                + (all.Count == 0 ? "; it received no calls at all" : $"; calls: {Calls(all)}"),
            because, becauseArgs);
        return new AndConstraint<FakeRoomsAssertions>(this);
    }

    /// <summary>
    /// Asserts that the fake answered at least one call of <paramref name="operation"/> with an error (4xx or 5xx).
    /// Chain <see cref="RejectedConstraint.WithErrorCode"/> or <see cref="RejectedConstraint.WithStatusCode"/>.
    /// </summary>
    /// <param name="operation">The Twilio operation.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public RejectedConstraint HaveRejected(Operation operation, string because = "", params object[] becauseArgs)
    {
        var calls = NumberedOf(operation);
        var rejected = calls.Where(n => n.Call.StatusCode >= 400).ToList();
        Check(rejected.Count > 0,
            $"to have rejected a {operation}",
            () => calls.Count == 0 ? $"it received no {operation} calls" : $"every {operation} succeeded: {Calls(calls)}",
            because, becauseArgs);
        return new RejectedConstraint(this, operation, rejected);
    }

    /// <summary>
    /// Asserts that the app made no call that Twilio would reject or silently ignore: no parameter Twilio does not
    /// know (a misspelling, the wrong case), no JSON or other non-form body, no call answered 4xx. Calls a fault rule
    /// answered are the test's doing and are skipped. Lists every offending call with the reason.
    /// </summary>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<FakeRoomsAssertions> HaveNoUnexpectedCalls(string because = "", params object[] becauseArgs) =>
        HaveNoUnexpectedCalls(allow => allow, because, becauseArgs);

    /// <summary>
    /// Like <see cref="HaveNoUnexpectedCalls(string, object[])"/>, allowing what the app does on purpose, e.g. the
    /// 404 of a fetch-by-name before a create: <c>allow => allow.Rejection(Operation.FetchRoom, 20404)</c>.
    /// </summary>
    /// <param name="allow">Says which rejections and ignored parameters are expected.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<FakeRoomsAssertions> HaveNoUnexpectedCalls(Func<UnexpectedCallsOptions, UnexpectedCallsOptions> allow,
        string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(allow);
        var options = allow(new UnexpectedCallsOptions());
        var problems = new List<string>();
        foreach (var numbered in Numbered())
        {
            var call = numbered.Call;
            if (call.InjectedFault is not null)
                continue;
            var reasons = new List<string>();
            var ignored = call.IgnoredParameters.Where(name => !options.AllowsIgnored(name)).ToList();
            if (ignored.Count > 0)
                reasons.Add($"Twilio ignores {string.Join(", ", ignored.Select(IgnoredName))}");
            if (call.HadNonFormBody)
                reasons.Add($"Twilio ignores the {call.ContentType ?? "non-form"} body (it reads form fields only)");
            if (call.StatusCode is >= 400 and < 500 && !options.AllowsRejection(call.Operation, call.ErrorCode))
                reasons.Add($"answered {Answer(call)}");
            if (reasons.Count > 0)
                problems.Add($"#{numbered.Position} {call.Operation} {call.Method} {call.Path}: {string.Join("; ", reasons)}");
        }
        Check(problems.Count == 0,
            "to have made no calls that Twilio would reject or silently ignore",
            () => $"found {problems.Count}:" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p)),
            because, becauseArgs);
        return new AndConstraint<FakeRoomsAssertions>(this);
    }
}
