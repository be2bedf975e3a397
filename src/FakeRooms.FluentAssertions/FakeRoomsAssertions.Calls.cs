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
    public ReceivedConstraint HaveReceived(Operation operation, string because = "", params object[] becauseArgs) =>
        CallChecks.HaveReceived(this, operation, because, becauseArgs);

    /// <summary>Asserts that the fake received no call of <paramref name="operation"/>.</summary>
    /// <param name="operation">The Twilio operation.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<FakeRoomsAssertions> HaveReceivedNoCallsTo(Operation operation, string because = "", params object[] becauseArgs) =>
        CallChecks.HaveReceivedNoCallsTo(this, operation, because, becauseArgs);

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
    public AndConstraint<FakeRoomsAssertions> HaveReceivedInOrder(IEnumerable<Operation> operations, string because = "", params object[] becauseArgs) =>
        CallChecks.HaveReceivedInOrder(this, operations, because, becauseArgs);

    /// <summary>
    /// Asserts that the fake answered at least one call of <paramref name="operation"/> with an error (4xx or 5xx).
    /// Chain <see cref="RejectedConstraint.WithErrorCode"/> or <see cref="RejectedConstraint.WithStatusCode"/>.
    /// </summary>
    /// <param name="operation">The Twilio operation.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public RejectedConstraint HaveRejected(Operation operation, string because = "", params object[] becauseArgs) =>
        CallChecks.HaveRejected(this, operation, because, becauseArgs);

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
        string because = "", params object[] becauseArgs) =>
        CallChecks.HaveNoUnexpectedCalls(this, allow, because, becauseArgs);
}
