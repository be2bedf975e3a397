using FakeRooms.Tokens;

#if AWESOME_ASSERTIONS
namespace FakeRooms.AwesomeAssertions;
#else
namespace FakeRooms.FluentAssertions;
#endif

public sealed partial class FakeRoomsAssertions
{
    /// <summary>The account's connects with an Access Token (refusals whose token named no known account included).</summary>
    internal IReadOnlyList<TokenConnect> TokenConnects() =>
        Subject.Server.TokenConnects.Where(c => c.AccountSid is null || c.AccountSid == Subject.AccountSid).ToList();

    /// <summary>
    /// Asserts that a client connected with an Access Token for <paramref name="identity"/> and was let in. Chain
    /// <see cref="TokenConnectConstraint.ForRoom"/> to say which room. When it was refused instead, the message says
    /// why, as a person would: "the token expired 2 minutes before the connect".
    /// </summary>
    /// <param name="identity">The identity in the token's grants.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public TokenConnectConstraint HaveAcceptedToken(string identity, string because = "", params object[] becauseArgs) =>
        TokenChecks.HaveAcceptedToken(this, identity, because, becauseArgs);

    /// <summary>Asserts that a connect was refused with this Twilio code, e.g. 20104 (expired) or 20107 (signature).</summary>
    /// <param name="code">The Twilio error code.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public TokenConnectConstraint HaveRefusedToken(int code, string because = "", params object[] becauseArgs) =>
        TokenChecks.HaveRefusedToken(this, code, because, becauseArgs);
}
