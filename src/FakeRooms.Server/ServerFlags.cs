using FakeRooms.Http;

namespace FakeRooms.Server;

/// <summary>
/// The flags of the <c>fakerooms</c> command and its CI commands (each with its FAKEROOMS_* variable, help and default),
/// reading them from the command line and the environment, and the help text. <see cref="ServerConfiguration"/> turns
/// the server's values into <see cref="FakeRoomsOptions"/>.
/// </summary>
internal static class ServerFlags
{
    internal static readonly Flag[] Flags =
    [
        new("--host", "FAKEROOMS_HOST", "Address to listen on.", "127.0.0.1"),
        new("--port", "FAKEROOMS_PORT", "Port to listen on; 0 picks a free port.", "5080"),
        new("--account-sid", "FAKEROOMS_ACCOUNT_SID", "The account SID clients authenticate with.", "derived from --seed"),
        new("--auth-token", "FAKEROOMS_AUTH_TOKEN", "The account's auth token (also signs status callbacks).", "derived from --seed"),
        new("--api-key", "FAKEROOMS_API_KEYS", "An API key SK...:SECRET accepted for the account (repeatable; the variable takes a comma-separated list).", "none", IsRepeatable: true),
        new("--seed", "FAKEROOMS_SEED", "Seed of every generated SID and token.", "1"),
        new("--auth", "FAKEROOMS_AUTH", "strict: only the account's credentials; any: any AC... SID, each account isolated.", "strict"),
        new("--validation", "FAKEROOMS_VALIDATION", "strict: Twilio's rules; schema: only the spec's types and enums.", "strict"),
        new("--clock", "FAKEROOMS_CLOCK", "real: the system clock; manual: only POST /__fakerooms/clock/advance moves time.", "real"),
        new("--start-time", "FAKEROOMS_START_TIME", "Start of a manual clock (ISO 8601).", "now"),
        new("--public-url", "FAKEROOMS_PUBLIC_URL", "Base of url, links and paging URLs (e.g. https://video.twilio.com).", "the request's host"),
        new("--journal-capacity", "FAKEROOMS_JOURNAL_CAPACITY", "Calls kept in the journal (and checked by the contract report).", "10000"),
        new("--max-completed-rooms", "FAKEROOMS_MAX_COMPLETED_ROOMS", "Ended rooms kept per account; past it the oldest are forgotten (off: keep all).", "50000"),
        new("--rate-limit-writes", "FAKEROOMS_RATE_LIMIT_WRITES", "Write requests per second per account before 429/20429 (Twilio's quota: 20).", "off"),
        new("--rate-limit-reads", "FAKEROOMS_RATE_LIMIT_READS", "Read requests per second per account before 429/20429 (Twilio's quota: 80).", "off"),
        new("--fixture", "FAKEROOMS_FIXTURE", "Seed rooms and participants from a JSON file (format: fixtures/seeds/README.md).", "none"),
        // ---- persist (helper "persist"): crash-safe state, account bound
        new("--persist", "FAKEROOMS_PERSIST", "Keep the state in this file: loaded at start, every accepted change logged to FILE.log before its answer (survives kill -9).", "none"),
        new("--max-accounts", "FAKEROOMS_MAX_ACCOUNTS", "Accounts held at once; past it a new account gets 401/20003 (off: no bound).", "10000"),
        new("--control-token", "FAKEROOMS_CONTROL_TOKEN", "Token the control API (/__fakerooms/, health apart) requires: Bearer header, ?token= or cookie.", "none on loopback; generated and printed on any other --host"),
        // ---- end persist
        // Client-side ("ad-hoc") room creation, as Twilio's console Room Settings hold it.
        new("--adhoc-rooms", "FAKEROOMS_ADHOC_ROOMS", "on: a token connect to a name with no room creates it (Twilio's default); off: 53106.", "on"),
        new("--adhoc-room-type", "FAKEROOMS_ADHOC_ROOM_TYPE", "Type of rooms created on connect: group, group-small, peer-to-peer or go.", "group"),
        new("--adhoc-status-callback", "FAKEROOMS_ADHOC_STATUS_CALLBACK", "Status callback URL of rooms created on connect.", "none"),
        new("--reconnection-window", "FAKEROOMS_RECONNECTION_WINDOW", "Seconds a participant that lost its connection stays reconnecting before it is disconnected (53002).", "30"),
        new("--mappings", "FAKEROOMS_MAPPINGS", "Load WireMock JSON mapping files (*.json) from this folder: stubs for Twilio APIs other than Video.", "none"),
        new("--quiet", "FAKEROOMS_QUIET", "No log line per request (the variable takes true or 1).", "off", IsSwitch: true),
    ];

    internal static readonly Flag[] VerifyFlags =
    [
        new("--url", "FAKEROOMS_URL", "The running fake to check.", "http://127.0.0.1:5080"),
        new("--junit", "FAKEROOMS_JUNIT", "Also write the findings as JUnit XML to this file.", "none"),
        new("--ignore", "FAKEROOMS_IGNORE", "Comma-separated Twilio codes or rule ids to leave out, e.g. 53113,20404.", "none"),
    ];

    internal static readonly Flag[] ContractTestFlags =
    [
        new("--target", "FAKEROOMS_TARGET", "Base URL of the Video API to compare with a fresh in-process FakeRooms.", "required"),
        new("--account-sid", "FAKEROOMS_ACCOUNT_SID", "The target's account SID.", "required"),
        new("--auth-token", "FAKEROOMS_AUTH_TOKEN", "The target's auth token.", "required"),
        new("--prefix", "FAKEROOMS_PREFIX", "Prefix of the scenario's room names (unique per run by default).", "ct-<time>"),
        new("--junit", "FAKEROOMS_JUNIT", "Also write the steps as JUnit XML to this file.", "none"),
    ];

    internal static string Help()
    {
        var lines = new List<string>
        {
            "fakerooms: a stateful fake of Twilio's Programmable Video Rooms REST API.",
            "",
            "Usage:",
            "  fakerooms [flags]                 run the fake (until Ctrl+C or SIGTERM)",
            "  fakerooms verify [flags]          print the client contract report of a running fake; exit 1 on findings",
            "  fakerooms contract-test [flags]   run a scripted scenario against a target and a fresh fake; exit 1 on drift",
            "",
            "Every flag can also be set with its environment variable; a flag wins over the variable.",
            "",
            "Flags of the server:",
        };
        AddFlags(lines, Flags);
        lines.Add("");
        lines.Add("Flags of verify (reads GET {url}/__fakerooms/contract):");
        AddFlags(lines, VerifyFlags);
        lines.Add("");
        lines.Add("Flags of contract-test (compares status, Twilio code and JSON shape step by step):");
        AddFlags(lines, ContractTestFlags);
        lines.Add("");
        lines.Add("Control API (no credentials on loopback; beyond it, or with --control-token, a token; GET /__fakerooms/openapi.json describes every endpoint):");
        foreach (var route in new RouteTable().Routes.Where(r => r.IsControl))
        {
            lines.Add($"  {route.Method,-5} {route.Template}");
            lines.Add($"        {route.Summary}");
        }
        return string.Join(Environment.NewLine, lines);
    }

    private static void AddFlags(List<string> lines, IEnumerable<Flag> flags)
    {
        foreach (var flag in flags)
            lines.Add($"  {flag.Name,-21} {flag.Env,-29} {flag.Help} (default: {flag.Default})");
    }

    internal static FlagValues Parse(string[] args) => Parse(args, Flags);

    /// <param name="args">The command line.</param>
    /// <param name="flags">The flags it may hold.</param>
    /// <param name="environment">Reads a FAKEROOMS_* variable (tests pass their own); default: the process environment.</param>
    internal static FlagValues Parse(IReadOnlyList<string> args, IReadOnlyList<Flag> flags, Func<string, string?>? environment = null)
    {
        var values = new FlagValues();
        environment ??= Environment.GetEnvironmentVariable;
        foreach (var flag in flags)
            if (environment(flag.Env) is { Length: > 0 } fromEnv)
            {
                values[flag.Name] = fromEnv;
                values.Sources[flag.Name] = flag.Env;
            }
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string name, value;
            var eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                name = arg[..eq];
                value = arg[(eq + 1)..];
            }
            else
            {
                name = arg;
                var known = flags.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"unknown flag {name}");
                if (known.IsSwitch)
                {
                    values[name] = "true";
                    values.Sources[name] = name;
                    continue;
                }
                if (i + 1 >= args.Count)
                    throw new ArgumentException($"{name} needs a value");
                value = args[++i];
            }
            if (flags.FirstOrDefault(f => f.Name == name) is not { } flag)
                throw new ArgumentException($"unknown flag {name}");
            // A repeatable flag collects its values (comma-separated, as its variable takes them); a flag wins over the variable.
            values[name] = flag.IsRepeatable && values.Sources.GetValueOrDefault(name) == name ? values[name] + "," + value : value;
            values.Sources[name] = name;
        }
        return values;
    }
}

/// <summary>One flag: its name, its FAKEROOMS_* variable, its help line and default.</summary>
internal sealed record Flag(string Name, string Env, string Help, string? Default, bool IsSwitch = false, bool IsRepeatable = false);


/// <summary>Parsed flag values, and where each came from: the flag itself or its FAKEROOMS_* variable.</summary>
internal sealed class FlagValues() : Dictionary<string, string>(StringComparer.Ordinal)
{
    internal Dictionary<string, string> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>The flag (<c>--port</c>) or the variable (<c>FAKEROOMS_PORT</c>) a value came from.</summary>
    public string SourceOf(string flag) => Sources.GetValueOrDefault(flag, flag);
}
