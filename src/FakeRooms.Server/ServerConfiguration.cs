using System.Globalization;
using System.Net;
using FakeRooms.Control;
using FakeRooms.Http;

namespace FakeRooms.Server;

/// <summary>
/// The server's flag values as <see cref="FakeRoomsOptions"/>: every value checked before anything listens; a value the
/// server refuses throws <see cref="InvalidFlagException"/> naming the flag or the variable it came from (one line,
/// exit code 2).
/// </summary>
internal static class ServerConfiguration
{
    internal static void Configure(FakeRoomsOptions options, IReadOnlyDictionary<string, string> values)
    {
        options.Port = 5080;
        foreach (var (flagName, value) in values)
        {
            // Errors name where the value came from: the flag, or the FAKEROOMS_* variable.
            var name = values is FlagValues parsed ? parsed.SourceOf(flagName) : flagName;
            switch (flagName)
            {
                case "--host": options.Host = ParseHost(name, value); break;
                case "--port": options.Port = ParseInt(name, value, 0, 65535); break;
                case "--account-sid": options.AccountSid = ParseAccountSid(name, value); break;
                case "--auth-token": options.AuthToken = ParseAuthToken(name, value); break;
                case "--api-key": AddApiKeys(options, name, value); break;
                case "--seed": options.Seed = ParseInt(name, value, int.MinValue, int.MaxValue); break;
                case "--auth":
                    options.AuthMode = value switch
                    {
                        "strict" => AuthMode.Strict,
                        "any" => AuthMode.AnyAccount,
                        _ => throw Invalid(name, "must be strict or any", value),
                    };
                    break;
                case "--validation":
                    options.Validation = value switch
                    {
                        "strict" => ValidationProfile.Strict,
                        "schema" => ValidationProfile.Schema,
                        _ => throw Invalid(name, "must be strict or schema", value),
                    };
                    break;
                case "--clock":
                    if (value is not ("real" or "manual"))
                        throw Invalid(name, "must be real or manual", value);
                    break;
                case "--start-time":
                    options.StartTime = ParseStartTime(name, value);
                    break;
                case "--public-url": options.PublicBaseUrl = ParsePublicUrl(name, value); break;
                case "--journal-capacity": options.JournalCapacity = ParseInt(name, value, 0, 10_000_000); break;
                case "--max-completed-rooms":
                    options.MaxCompletedRoomsPerAccount = value == "off" ? null
                        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var kept) ? kept
                        : throw Invalid(name, "must be a whole number (0 or more) or off", value);
                    break;
                case "--adhoc-rooms":
                    options.AdHocRooms.Enabled = value switch
                    {
                        "on" => true,
                        "off" => false,
                        _ => throw Invalid(name, "must be on or off", value),
                    };
                    break;
                case "--adhoc-room-type":
                    options.AdHocRooms.Type = value switch
                    {
                        "group" => VideoRoomType.Group,
                        "group-small" => VideoRoomType.GroupSmall,
                        "peer-to-peer" => VideoRoomType.PeerToPeer,
                        "go" => VideoRoomType.Go,
                        _ => throw Invalid(name, "must be group, group-small, peer-to-peer or go", value),
                    };
                    break;
                case "--adhoc-status-callback":
                    options.AdHocRooms.StatusCallback = Uri.TryCreate(value, UriKind.Absolute, out var callback) && callback.Scheme is "http" or "https"
                        ? value
                        : throw Invalid(name, "must be an absolute http or https URL", value);
                    break;
                case "--reconnection-window":
                    options.ReconnectionWindow = TimeSpan.FromSeconds(ParseInt(name, value, 1, 86_400));
                    break;
                case "--rate-limit-writes": options.RateLimitWritesPerSecond = ParseInt(name, value, 1, 1_000_000); break;
                case "--rate-limit-reads": options.RateLimitReadsPerSecond = ParseInt(name, value, 1, 1_000_000); break;
                // ---- persist
                case "--persist": options.PersistPath = value; break;
                case "--max-accounts":
                    options.MaxAccounts = value == "off" ? null : ParseInt(name, value, 1, 10_000_000);
                    break;
                case "--control-token":
                    options.ControlToken = value.Length > 0 && !value.Any(char.IsWhiteSpace) && !value.Any(char.IsControl)
                        ? value
                        // The value is a secret: the error does not repeat it.
                        : throw new InvalidFlagException($"{name} must be a non-empty token without spaces or control characters");
                    break;
                // ---- end persist
                case "--quiet":
                    if (value is not ("true" or "1" or "false" or "0"))
                        throw Invalid(name, "must be true, 1, false or 0", value);
                    break;
            }
        }
        // ---- persist: beyond loopback the control API (which can reset and rewrite every account) needs a token; one is
        // generated when none is given (printed at start by ServeAsync).
        if (options.ControlToken is null && !IsLoopback(options.Host))
            options.ControlToken = ControlToken.Generate();
        // ---- end persist
        // A standalone server runs on real time unless asked for a manual clock.
        if (values.GetValueOrDefault("--clock", "real") == "real")
            options.TimeProvider = TimeProvider.System;
    }

    // ---- persist
    /// <summary>127.0.0.0/8, ::1 and the name localhost: addresses only this machine can reach.</summary>
    internal static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
        (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
    // ---- end persist

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max
            ? parsed
            : throw Invalid(name, $"must be a whole number from {min} to {max}", value);

    internal static InvalidFlagException Invalid(string source, string problem, string value) =>
        new($"{source} {problem}, not '{value}'");

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
}

/// <summary>A flag or variable value the server refuses; the message names where it came from.</summary>
internal sealed class InvalidFlagException(string message) : Exception(message);
