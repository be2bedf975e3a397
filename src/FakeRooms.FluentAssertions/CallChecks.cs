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

/// <summary>What the call assertions of <see cref="FakeRoomsAssertions"/> check and how they word a failure.</summary>
internal static class CallChecks
{
    [CustomAssertion]
    public static ReceivedConstraint HaveReceived(FakeRoomsAssertions a, Operation operation, string because, object[] becauseArgs)
    {
        var all = a.Numbered();
        var matches = all.Where(n => n.Call.Operation == operation).ToList();
        FakeRoomsAssertions.Check(matches.Count > 0,
            $"to have received {operation}",
            () => all.Count == 0 ? "it received no calls at all" : $"it received no {operation} calls; recorded: {Calls(all)}",
            because, becauseArgs);
        return new ReceivedConstraint(a, operation, matches);
    }

    [CustomAssertion]
    public static AndConstraint<FakeRoomsAssertions> HaveReceivedNoCallsTo(FakeRoomsAssertions a, Operation operation, string because, object[] becauseArgs)
    {
        var matches = a.NumberedOf(operation);
        FakeRoomsAssertions.Check(matches.Count == 0,
            $"to have received no calls to {operation}",
            () => $"it received {matches.Count}: {Calls(matches)}",
            because, becauseArgs);
        return new AndConstraint<FakeRoomsAssertions>(a);
    }

    [CustomAssertion]
    public static AndConstraint<FakeRoomsAssertions> HaveReceivedInOrder(FakeRoomsAssertions a, IEnumerable<Operation> operations, string because, object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var expected = operations.ToList();
        var all = a.Numbered();
        var found = new List<Numbered>();
        foreach (var call in all)
        {
            if (found.Count == expected.Count)
                break;
            if (call.Call.Operation == expected[found.Count])
                found.Add(call);
        }
        FakeRoomsAssertions.Check(found.Count == expected.Count,
            $"to have received {string.Join(", ", expected)} in that order",
            () => (found.Count == 0
                    ? $"it received no {expected[0]}"
                    : $"after {string.Join(", ", found.Select(n => $"{n.Call.Operation} (#{n.Position})"))} it received no {expected[found.Count]}")
                + (all.Count == 0 ? "; it received no calls at all" : $"; calls: {Calls(all)}"),
            because, becauseArgs);
        return new AndConstraint<FakeRoomsAssertions>(a);
    }

    [CustomAssertion]
    public static RejectedConstraint HaveRejected(FakeRoomsAssertions a, Operation operation, string because, object[] becauseArgs)
    {
        var calls = a.NumberedOf(operation);
        var rejected = calls.Where(n => n.Call.StatusCode >= 400).ToList();
        FakeRoomsAssertions.Check(rejected.Count > 0,
            $"to have rejected a {operation}",
            () => calls.Count == 0 ? $"it received no {operation} calls" : $"every {operation} succeeded: {Calls(calls)}",
            because, becauseArgs);
        return new RejectedConstraint(a, operation, rejected);
    }

    [CustomAssertion]
    public static AndConstraint<FakeRoomsAssertions> HaveNoUnexpectedCalls(FakeRoomsAssertions a, Func<UnexpectedCallsOptions, UnexpectedCallsOptions> allow, string because, object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(allow);
        var options = allow(new UnexpectedCallsOptions());
        var problems = new List<string>();
        foreach (var numbered in a.Numbered())
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
        FakeRoomsAssertions.Check(problems.Count == 0,
            "to have made no calls that Twilio would reject or silently ignore",
            () => $"found {problems.Count}:" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p)),
            because, becauseArgs);
        return new AndConstraint<FakeRoomsAssertions>(a);
    }
}
