using FakeRooms.Callbacks;
using FakeRooms.Journal;

#if AWESOME_ASSERTIONS
namespace FakeRooms.AwesomeAssertions;
#else
namespace FakeRooms.FluentAssertions;
#endif

/// <summary>
/// Assertions over the calls an app made to a FakeRooms fake, and their outcome, in Twilio's vocabulary. Get one
/// with <c>fake.Should()</c> (every call the server recorded, the default account's rooms) or
/// <c>fake.ForAccount(sid).Should()</c> (one account's calls and rooms, for tests sharing a server).
/// </summary>
/// <remarks>
/// Failure messages number calls by their position among the calls asserted on (<c>#1</c> is the oldest), say what
/// was expected, and list what was recorded, pointing at the nearest miss (a name whose case differs, a parameter
/// Twilio ignored, a call Twilio rejected).
/// </remarks>
public sealed partial class FakeRoomsAssertions : ReferenceTypeAssertions<FakeRoomsAccount, FakeRoomsAssertions>
{
    private readonly Func<IReadOnlyList<CallRecord>> _calls;
    private readonly Func<IReadOnlyList<CallbackRecord>> _callbacks;

    /// <summary>Assertions over one account's calls, callbacks and rooms.</summary>
    /// <param name="account">The account, from <see cref="FakeRoomsServer.ForAccount"/>.</param>
    public FakeRoomsAssertions(FakeRoomsAccount account)
        : this(account, () => account.Calls.Snapshot(), () => account.Callbacks)
    {
    }

    internal FakeRoomsAssertions(FakeRoomsAccount account, Func<IReadOnlyList<CallRecord>> calls, Func<IReadOnlyList<CallbackRecord>> callbacks)
#if AWESOME_ASSERTIONS
        : base(account, AssertionChain.GetOrCreate())
#else
        : base(account)
#endif
    {
        _calls = calls;
        _callbacks = callbacks;
    }

    /// <inheritdoc />
    protected override string Identifier => "fake";

    /// <summary>The calls asserted on, oldest first, numbered from 1.</summary>
    internal List<Numbered> Numbered() => _calls().Select((call, i) => new Numbered(i + 1, call)).ToList();

    internal List<Numbered> NumberedOf(Operation operation) => Numbered().Where(n => n.Call.Operation == operation).ToList();

    /// <summary>
    /// Fails unless <paramref name="condition"/> holds, with "Expected {context} {expectation}{reason}, but {actual}.".
    /// Both parts go in as arguments, never as the template: recorded values such as a room named "{reason}" cannot be
    /// mistaken for FluentAssertions placeholders. (AwesomeAssertions, a fork of FluentAssertions 8, asks its
    /// AssertionChain where FluentAssertions 7 has Execute.Assertion; the message is the same.)
    /// </summary>
    [CustomAssertion]
    internal static bool Check(bool condition, string expectation, Func<string> actual, string because, object[] becauseArgs,
        string context = "fake")
    {
#if AWESOME_ASSERTIONS
        AssertionChain.GetOrCreate()
#else
        Execute.Assertion
#endif
            .BecauseOf(because, becauseArgs)
            .ForCondition(condition)
            .FailWith(() => new FailReason(
                "Expected {context:" + context + "} {0}{reason}, but {1}.", new Verbatim(expectation), new Verbatim(actual())));
        return condition;
    }

    /// <summary>Text FluentAssertions writes as it is (its formatter writes an overridden ToString unquoted).</summary>
    private sealed class Verbatim(string text)
    {
        public override string ToString() => text;
    }
}
