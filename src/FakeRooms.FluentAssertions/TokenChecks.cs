using FakeRooms.Tokens;

#if AWESOME_ASSERTIONS
namespace FakeRooms.AwesomeAssertions;
#else
namespace FakeRooms.FluentAssertions;
#endif

/// <summary>What the token assertions of <see cref="FakeRoomsAssertions"/> check and how they word a failure.</summary>
internal static class TokenChecks
{
    [CustomAssertion]
    public static TokenConnectConstraint HaveAcceptedToken(FakeRoomsAssertions a, string identity, string because, object[] becauseArgs)
    {
        var all = a.TokenConnects();
        var accepted = all.Where(c => c.Accepted && c.Identity == identity).ToList();
        FakeRoomsAssertions.Check(accepted.Count > 0,
            $"to have accepted a token for \"{identity}\"",
            () => TokenMiss(all, c => c.Identity == identity, $"no client connected as \"{identity}\""),
            because, becauseArgs);
        return new TokenConnectConstraint(a, $"an accepted token for \"{identity}\"", accepted);
    }

    [CustomAssertion]
    public static TokenConnectConstraint HaveRefusedToken(FakeRoomsAssertions a, int code, string because, object[] becauseArgs)
    {
        var all = a.TokenConnects();
        var refused = all.Where(c => !c.Accepted && c.ErrorCode == code).ToList();
        FakeRoomsAssertions.Check(refused.Count > 0,
            $"to have refused a token with error {code}",
            () => all.Count == 0 ? "no client connected with a token" : "the connects were: " + string.Join("; ", all.Select(TokenChecks.Describe)),
            because, becauseArgs);
        return new TokenConnectConstraint(a, $"a token refused with {code}", refused);
    }

    internal static string TokenMiss(IReadOnlyList<TokenConnect> all, Func<TokenConnect, bool> same, string none)
    {
        var near = all.Where(same).ToList();
        if (near.Count > 0)
            return $"its token was refused with {near[^1].ErrorCode}: {near[^1].Reason}";
        return all.Count == 0 ? "no client connected with a token" : $"{none}; the connects were: {string.Join("; ", all.Select(TokenChecks.Describe))}";
    }

    internal static string Describe(TokenConnect c)
    {
        var who = c.Identity is null ? "a token" : $"\"{c.Identity}\"";
        return c.Accepted
            ? $"{who} joined \"{c.Room}\"{(c.CreatedRoom ? " (created it)" : "")}"
            : $"{who} refused with {c.ErrorCode} ({c.Reason})";
    }
}
