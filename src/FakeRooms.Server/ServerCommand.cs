using System.Globalization;
using System.Runtime.InteropServices;
using FakeRooms;
using FakeRooms.Control;
using FakeRooms.Http;

namespace FakeRooms.Server;

/// <summary>
/// The <c>fakerooms</c> command line: run the fake (flags or FAKEROOMS_* environment variables), or one of the CI
/// commands <c>verify</c> and <c>contract-test</c>.
/// </summary>
internal static partial class ServerCommand
{
    internal sealed record Flag(string Name, string Env, string Help, string? Default, bool IsSwitch = false, bool IsRepeatable = false);

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

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default,
        Func<string, string?>? environment = null)
    {
        if (args.Contains("--help") || args.Contains("-h") || args is ["help", ..])
        {
            stdout.WriteLine(Help());
            return 0;
        }
        if (args is ["--version"] or ["version"])
        {
            stdout.WriteLine(VersionLine());
            return 0;
        }
        try
        {
            return args switch
            {
                ["verify", .. var rest] => await VerifyCommand.RunAsync(Parse(rest, VerifyFlags), stdout, stderr, cancellationToken),
                ["contract-test", .. var rest] => await ContractTestCommand.RunAsync(Parse(rest, ContractTestFlags), stdout, stderr, cancellationToken),
                _ => await ServeAsync(Parse(args, Flags, environment), stdout, stderr, cancellationToken),
            };
        }
        catch (InvalidFlagException e)
        {
            // One line naming the flag or the variable the value came from; 2, as for a usage error.
            stderr.WriteLine($"fakerooms: {e.Message}");
            return 2;
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"fakerooms: {e.Message}");
            stderr.WriteLine("Run 'fakerooms --help' for the flags.");
            return 2;
        }
    }

    private static async Task<int> ServeAsync(Dictionary<string, string> values, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var log = TextWriter.Synchronized(stdout);
        var quiet = values.TryGetValue("--quiet", out var q) && q is "true" or "1";
        FakeRoomsServer server;
        try
        {
            // Every flag is checked before anything listens: a bad value is one line and exit code 2 (RunAsync).
            Configure(new FakeRoomsOptions(), values);
            server = FakeRoomsServer.Start(options =>
            {
                Configure(options, values);
                ConfigureStandalone(options, log, quiet);
            });
        }
        catch (InvalidDataException e)
        {
            // ---- persist: an unreadable state file or log is refused with one line (a torn last record is not: it is dropped)
            stderr.WriteLine($"fakerooms: cannot load the persisted state: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or InvalidOperationException)
        {
            stderr.WriteLine($"fakerooms: cannot start: {e.Message}");
            return 1;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stop.Cancel(); });

        await using (server)
        {
            // ---- persist: the state was loaded (snapshot + log replayed) before the port opened (Persistence/PersistLog.cs)
            var persistence = server.Persistence;
            if (persistence?.LoadReport is { } report)
                log.WriteLine(report);
            // ---- end persist
            try
            {
                if (persistence is { Restored: true })
                {
                    if (values.ContainsKey("--fixture"))
                        log.WriteLine("Fixture not loaded: the persisted state wins");
                }
                else if (values.GetValueOrDefault("--fixture") is { } fixture)
                {
                    var result = Fixture.Apply(server, await File.ReadAllTextAsync(fixture, cancellationToken));
                    log.WriteLine($"Seeded {result.Rooms} room(s), {result.Participants} participant(s), {result.Tracks} track(s) from {fixture}");
                    persistence?.Checkpoint();
                }
            }
            catch (Exception e) when (e is FormatException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"fakerooms: cannot load {values["--fixture"]}: {e.Message}");
                return 1;
            }

            // --mappings: the test's stubs for Twilio APIs other than Video, in WireMock's own mapping format; a reset keeps them.
            if (values.GetValueOrDefault("--mappings") is { } mappings)
            {
                try
                {
                    log.WriteLine($"Loaded {server.LoadMappings(mappings)} WireMock mapping file(s) from {mappings}");
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    stderr.WriteLine($"fakerooms: cannot load --mappings {mappings}: {e.Message}");
                    return 1;
                }
            }

            log.WriteLine($"FakeRooms listening on {server.Url}");
            log.WriteLine($"Account SID: {server.AccountSid}");
            log.WriteLine($"Auth token:  {server.AuthToken}");
            log.WriteLine($"Inspector:   {server.InspectorUrl}");
            // ---- persist
            if (server.Options.ControlToken is { } controlToken)
                log.WriteLine($"Control token: {controlToken} (control API: Authorization: Bearer TOKEN, or ?token=TOKEN in a browser)");
            // ---- end persist
            log.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
            if (persistence is not null)
            {
                // A clean stop folds the log into the snapshot (written beside, then moved).
                persistence.Checkpoint();
                log.WriteLine($"State written to {values["--persist"]}");
            }
            log.WriteLine("FakeRooms stopped");
            log.Flush();
        }
        return 0;
    }

    /// <summary><c>POST /v1/Rooms 400 53113 1.2ms</c>: method, path, status, Twilio code (or -), time taken.</summary>
    internal static string LogLine(RequestObserved r) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{r.Method} {r.Path} {r.Status} {(r.ErrorCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : "-")} {r.Elapsed.TotalMilliseconds:0.0}ms");

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
                    options.AdHocRooms.Type = value is "group" or "group-small" or "peer-to-peer" or "go"
                        ? value
                        : throw Invalid(name, "must be group, group-small, peer-to-peer or go", value);
                    break;
                case "--adhoc-status-callback":
                    options.AdHocRooms.StatusCallback = Uri.TryCreate(value, UriKind.Absolute, out var callback) && callback.Scheme is "http" or "https"
                        ? value
                        : throw Invalid(name, "must be an absolute http or https URL", value);
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
}
