using System.Globalization;
using System.Net;
using System.Reflection;
using FakeRooms.Callbacks;
using FakeRooms.Http;

namespace FakeRooms.Server;

/// <summary>
/// The standalone server for everyday use: flag values checked before anything listens (one line naming the flag or
/// the variable, exit code 2), API keys, <c>--version</c>, timestamped log lines, failed callbacks logged, and the page
/// at <c>/</c>.
/// </summary>
internal static partial class ServerCommand
{
    /// <summary>Parsed flag values, and where each came from: the flag itself or its FAKEROOMS_* variable.</summary>
    internal sealed class FlagValues() : Dictionary<string, string>(StringComparer.Ordinal)
    {
        internal Dictionary<string, string> Sources { get; } = new(StringComparer.Ordinal);

        /// <summary>The flag (<c>--port</c>) or the variable (<c>FAKEROOMS_PORT</c>) a value came from.</summary>
        public string SourceOf(string flag) => Sources.GetValueOrDefault(flag, flag);
    }

    /// <summary>A flag or variable value the server refuses; the message names where it came from.</summary>
    internal sealed class InvalidFlagException(string message) : Exception(message);

    private static InvalidFlagException Invalid(string source, string problem, string value) =>
        new($"{source} {problem}, not '{value}'");

    /// <summary>The version the tool and the packages carry (Directory.Build.props), without the commit suffix.</summary>
    internal static string Version
    {
        get
        {
            var informational = typeof(ServerCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(ServerCommand).Assembly.GetName().Version?.ToString() ?? "unknown";
            var plus = informational.IndexOf('+');
            return plus < 0 ? informational : informational[..plus];
        }
    }

    internal static string VersionLine() => $"fakerooms {Version}";

    /// <summary>
    /// An IP address or <c>localhost</c>. Kestrel takes any other name as "every interface" (and the banner would
    /// still print it), so a typo would open the fake to the network.
    /// </summary>
    private static string ParseHost(string source, string value)
    {
        if (value == "localhost")
            return value;
        var bare = value.StartsWith('[') && value.EndsWith(']') ? value[1..^1] : value;
        // IPv4 in its dotted form only: IPAddress also reads "5080" or "127.1" as addresses.
        if (!bare.Contains('%') && IPAddress.TryParse(bare, out var address))
        {
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
                return $"[{address}]";
            if (address.ToString() == bare)
                return bare;
        }
        throw Invalid(source, "must be an IP address (127.0.0.1, 0.0.0.0 for every interface, ::1) or localhost", value);
    }

    /// <summary>An account SID as Twilio writes them: AC and 32 hex digits.</summary>
    private static string ParseAccountSid(string source, string value) =>
        Authenticator.IsAccountSid(value) ? value : throw Invalid(source, "must be an account SID (AC and 32 hex digits)", value);

    private static string ParseAuthToken(string source, string value) =>
        value.Length > 0 && value.All(c => c is > ' ' and <= '~')
            ? value
            : throw new InvalidFlagException($"{source} must be printable ASCII without spaces");

    /// <summary>
    /// <c>SK...:SECRET</c>, comma-separated when several: an API key SID (SK and 32 hex digits, Twilio's form) and its
    /// secret, both accepted as Basic-auth credentials for the default account as Twilio accepts API keys.
    /// </summary>
    private static void AddApiKeys(FakeRoomsOptions options, string source, string value)
    {
        foreach (var entry in value.Split(','))
        {
            var colon = entry.IndexOf(':');
            var sid = colon < 0 ? entry : entry[..colon];
            var secret = colon < 0 ? "" : entry[(colon + 1)..];
            // The secret is never echoed back in the error.
            if (!IsApiKeySid(sid) || secret.Length == 0 || !secret.All(c => c is > ' ' and <= '~'))
                throw new InvalidFlagException($"{source} must be SID:SECRET with an API key SID (SK and 32 hex digits) and a secret, not '{sid}{(colon < 0 ? "" : ":...")}'");
            if (!options.ApiKeys.TryAdd(sid, secret) && options.ApiKeys[sid] != secret)
                throw new InvalidFlagException($"{source} gives the API key {sid} twice with different secrets");
        }
    }

    private static bool IsApiKeySid(string sid) =>
        sid.Length == 34 && sid.StartsWith("SK", StringComparison.Ordinal) && sid.AsSpan(2).ContainsAnyExcept("0123456789abcdefABCDEF") is false;

    /// <summary>ISO 8601 (a time without an offset is UTC), within the years Twilio's date fields can carry.</summary>
    private static DateTimeOffset ParseStartTime(string source, string value)
    {
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            && time.Year is >= 1970 and <= 9000)
            return time;
        throw Invalid(source, "must be a date and time in ISO 8601 from 1970 on, e.g. 2026-01-05T09:00:00Z", value);
    }

    /// <summary>The base of every <c>url</c>, link and paging URL: an absolute http(s) URL with a host, no query.</summary>
    private static string ParsePublicUrl(string source, string value)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0)
            return value;
        throw Invalid(source, "must be an absolute http or https URL without query, e.g. https://video.twilio.com", value);
    }

    /// <summary>Logging (timestamped request lines, failed callbacks) and the page at <c>/</c>.</summary>
    private static void ConfigureStandalone(FakeRoomsOptions options, TextWriter log, bool quiet)
    {
        if (!quiet)
            options.RequestObserver = r => log.WriteLine($"{Stamp()} {LogLine(r)}");
        // A failure is logged even with --quiet: it is the one thing a user of a callback URL needs to see.
        options.CallbackObserver = c =>
        {
            if (!c.Succeeded)
                log.WriteLine($"{Stamp()} {CallbackLogLine(c)}");
        };
        options.RootPage = RootPage();
    }

    /// <summary>Wall-clock UTC time of a log line (not the fake's clock, which may be manual).</summary>
    internal static string Stamp() =>
        TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>callback room-created RM... POST http://host/cb failed: HTTP 500</c>: event, room, URL, outcome.</summary>
    internal static string CallbackLogLine(CallbackRecord c)
    {
        var outcome = c.Outcome switch
        {
            CallbackOutcome.Succeeded => "delivered",
            CallbackOutcome.ErrorStatus => string.Create(CultureInfo.InvariantCulture, $"failed: HTTP {c.StatusCode}"),
            CallbackOutcome.TimedOut => "failed: timed out",
            CallbackOutcome.ConnectionFailed => "failed: connection failed" + (c.Error is { } e ? $" ({OneLine(e)})" : ""),
            CallbackOutcome.InvalidUrl => "failed: not an absolute http(s) URL",
            CallbackOutcome.Dropped => "failed: dropped, the callback queue is full",
            _ => "failed: " + c.Outcome,
        };
        return $"callback {c.Event} {c.RoomSid} {c.Method} {OneLine(c.Url)} {outcome}";
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>What this is and where to go: opening the server in a browser meets this, not a Basic-auth prompt.</summary>
    internal static string RootPage() => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>FakeRooms</title></head>
        <body>
        <h1>FakeRooms {{Version}}</h1>
        <p>A stateful fake of Twilio's Programmable Video Rooms REST API, for tests. This is not Twilio.</p>
        <ul>
        <li>REST API: <code>/v1/Rooms</code>, as <code>https://video.twilio.com/v1/Rooms</code>, with HTTP Basic auth (the account SID and auth token, or an API key, printed at start).</li>
        <li>Control API (no credentials on loopback): <a href="/__fakerooms/openapi.json">/__fakerooms/openapi.json</a> describes every endpoint; <a href="/__fakerooms/state">/__fakerooms/state</a>, <a href="/__fakerooms/calls">/__fakerooms/calls</a>.</li>
        <li>Health: <a href="/__fakerooms/health">/__fakerooms/health</a></li>
        <li>Docs: <code>fakerooms --help</code> and docs/standalone.md in the FakeRooms repository.</li>
        </ul>
        </body></html>
        """;
}
