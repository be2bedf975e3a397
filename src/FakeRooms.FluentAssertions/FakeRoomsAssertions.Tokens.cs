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
    public TokenConnectConstraint HaveAcceptedToken(string identity, string because = "", params object[] becauseArgs)
    {
        var all = TokenConnects();
        var accepted = all.Where(c => c.Accepted && c.Identity == identity).ToList();
        Check(accepted.Count > 0,
            $"to have accepted a token for \"{identity}\"",
            () => TokenMiss(all, c => c.Identity == identity, $"no client connected as \"{identity}\""),
            because, becauseArgs);
        return new TokenConnectConstraint(this, $"an accepted token for \"{identity}\"", accepted);
    }

    /// <summary>Asserts that a connect was refused with this Twilio code, e.g. 20104 (expired) or 20107 (signature).</summary>
    /// <param name="code">The Twilio error code.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public TokenConnectConstraint HaveRefusedToken(int code, string because = "", params object[] becauseArgs)
    {
        var all = TokenConnects();
        var refused = all.Where(c => !c.Accepted && c.ErrorCode == code).ToList();
        Check(refused.Count > 0,
            $"to have refused a token with error {code}",
            () => all.Count == 0 ? "no client connected with a token" : "the connects were: " + string.Join("; ", all.Select(Describe)),
            because, becauseArgs);
        return new TokenConnectConstraint(this, $"a token refused with {code}", refused);
    }

    internal static string Describe(TokenConnect c)
    {
        var who = c.Identity is null ? "a token" : $"\"{c.Identity}\"";
        return c.Accepted
            ? $"{who} joined \"{c.Room}\"{(c.CreatedRoom ? " (created it)" : "")}"
            : $"{who} refused with {c.ErrorCode} ({c.Reason})";
    }

    private static string TokenMiss(IReadOnlyList<TokenConnect> all, Func<TokenConnect, bool> same, string none)
    {
        var near = all.Where(same).ToList();
        if (near.Count > 0)
            return $"its token was refused with {near[^1].ErrorCode}: {near[^1].Reason}";
        return all.Count == 0 ? "no client connected with a token" : $"{none}; the connects were: {string.Join("; ", all.Select(Describe))}";
    }
}
