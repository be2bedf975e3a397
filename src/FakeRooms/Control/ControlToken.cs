using System.Security.Cryptography;
using System.Text;
using FakeRooms.Domain.Errors;
using FakeRooms.Http;

namespace FakeRooms.Control;

/// <summary>
/// The control API's token (<see cref="FakeRoomsOptions.ControlToken"/>; the standalone server sets one when it listens
/// beyond loopback). Every path under <c>/__fakerooms/</c> but <c>/__fakerooms/health</c> (liveness probes stay open)
/// then needs it, as <c>Authorization: Bearer TOKEN</c>, as <c>?token=TOKEN</c> (for a browser: the answer also sets
/// it as a cookie), or as the cookie <c>fakerooms_control_token</c>. It is checked twice: by a middleware in front of
/// every request on the port (so a page served outside the route table is covered) and by the dispatcher on the path
/// segments it routes with (so no spelling of a path reaches a control route around the middleware).
/// </summary>
internal static class ControlToken
{
    public const string Cookie = "fakerooms_control_token";

    /// <summary>401 in the control API's format (Twilio's error JSON); 20003 is Twilio's code for missing or bad credentials.</summary>
    public static readonly TwilioError Required = new(20003, 401,
        "The control API needs its token: Authorization: Bearer TOKEN, ?token=TOKEN or the fakerooms_control_token cookie " +
        "(--control-token or FAKEROOMS_CONTROL_TOKEN; printed at start when generated)");

    /// <summary>The challenge sent with a refusal.</summary>
    public const string Challenge = "Bearer realm=\"FakeRooms control API\"";

    /// <summary>True for a path whose segments start with the control prefix, except the health route.</summary>
    public static bool Guards(IReadOnlyList<string> segments) =>
        segments.Count > 0 && string.Equals(segments[0], Dispatcher.ControlPrefix, StringComparison.OrdinalIgnoreCase) &&
        !(segments is [_, "health"]);

    /// <summary>Whether the request presents <paramref name="token"/> in any of the accepted places.</summary>
    public static bool Presented(string token, string? authorization, string? queryToken, string? cookieHeader)
    {
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) &&
            Same(authorization[7..].Trim(), token))
            return true;
        if (queryToken is not null && Same(queryToken, token))
            return true;
        return CookieValue(cookieHeader) is { } cookie && Same(cookie, token);
    }

    /// <summary>The value of the token cookie in a Cookie header.</summary>
    public static string? CookieValue(string? cookieHeader)
    {
        if (string.IsNullOrEmpty(cookieHeader))
            return null;
        foreach (var part in cookieHeader.Split(';'))
        {
            var eq = part.IndexOf('=');
            if (eq > 0 && part[..eq].Trim() == Cookie)
                return Uri.UnescapeDataString(part[(eq + 1)..].Trim());
        }
        return null;
    }

    // In constant time: how long a refusal takes says nothing about how much of a guess was right.
    private static bool Same(string given, string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(token));

    /// <summary>A fresh token (32 hex digits) from the system's cryptographic generator: a secret, not fake data.</summary>
    public static string Generate() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
