using System.Globalization;
using System.Runtime.InteropServices;
using FakeRooms;

namespace FakeRooms.Server;

/// <summary>The <c>fakerooms</c> command line: parse flags (or FAKEROOMS_* environment variables), run the fake.</summary>
internal static class ServerCommand
{
    internal sealed record Flag(string Name, string Env, string Help, string? Default);

    internal static readonly Flag[] Flags =
    [
        new("--host", "FAKEROOMS_HOST", "Address to listen on.", "127.0.0.1"),
        new("--port", "FAKEROOMS_PORT", "Port to listen on; 0 picks a free port.", "5080"),
        new("--account-sid", "FAKEROOMS_ACCOUNT_SID", "The account SID clients authenticate with.", "derived from --seed"),
        new("--auth-token", "FAKEROOMS_AUTH_TOKEN", "The account's auth token (also signs status callbacks).", "derived from --seed"),
        new("--seed", "FAKEROOMS_SEED", "Seed of every generated SID and token.", "1"),
        new("--auth", "FAKEROOMS_AUTH", "strict: only the account's credentials; any: any AC... SID, each account isolated.", "strict"),
        new("--validation", "FAKEROOMS_VALIDATION", "strict: Twilio's rules; schema: only the spec's types and enums.", "strict"),
        new("--clock", "FAKEROOMS_CLOCK", "real: the system clock; manual: only POST /__fakerooms/clock/advance moves time.", "real"),
        new("--start-time", "FAKEROOMS_START_TIME", "Start of a manual clock (ISO 8601).", "now"),
        new("--public-url", "FAKEROOMS_PUBLIC_URL", "Base of url, links and paging URLs (e.g. https://video.twilio.com).", "the request's host"),
        new("--journal-capacity", "FAKEROOMS_JOURNAL_CAPACITY", "Calls kept in the journal.", "10000"),
        new("--rate-limit-writes", "FAKEROOMS_RATE_LIMIT_WRITES", "Write requests per second per account before 429/20429 (Twilio's quota: 20).", "off"),
        new("--rate-limit-reads", "FAKEROOMS_RATE_LIMIT_READS", "Read requests per second per account before 429/20429 (Twilio's quota: 80).", "off"),
        new("--quiet", "FAKEROOMS_QUIET", "No log line per request.", "off"),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            stdout.WriteLine(Help());
            return 0;
        }

        Dictionary<string, string> values;
        try
        {
            values = Parse(args);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"fakerooms: {e.Message}");
            stderr.WriteLine("Run 'fakerooms --help' for the flags.");
            return 2;
        }

        FakeRoomsServer server;
        try
        {
            server = FakeRoomsServer.Start(options => Configure(options, values));
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
            stdout.WriteLine($"FakeRooms listening on {server.Url}");
            stdout.WriteLine($"Account SID: {server.AccountSid}");
            stdout.WriteLine($"Auth token:  {server.AuthToken}");
            stdout.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
            stdout.WriteLine("FakeRooms stopped");
        }
        return 0;
    }

    internal static string Help()
    {
        var lines = new List<string>
        {
            "fakerooms: a stateful fake of Twilio's Programmable Video Rooms REST API.",
            "",
            "Usage: fakerooms [flags]",
            "",
            "Every flag can also be set with its environment variable; a flag wins over the variable.",
            "",
        };
        foreach (var flag in Flags)
            lines.Add($"  {flag.Name,-20} {flag.Env,-28} {flag.Help} (default: {flag.Default})");
        lines.Add("");
        lines.Add("Control API (no credentials): GET /__fakerooms/health, POST /__fakerooms/reset, GET /__fakerooms/clock,");
        lines.Add("POST /__fakerooms/clock/advance (form Seconds=N).");
        lines.Add("Faults: POST/GET/DELETE /__fakerooms/faults, DELETE /__fakerooms/faults/{id}, GET/POST /__fakerooms/rate-limit.");
        return string.Join(Environment.NewLine, lines);
    }

    internal static Dictionary<string, string> Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var flag in Flags)
            if (Environment.GetEnvironmentVariable(flag.Env) is { Length: > 0 } fromEnv)
                values[flag.Name] = fromEnv;
        for (var i = 0; i < args.Length; i++)
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
                if (name == "--quiet")
                {
                    values[name] = "true";
                    continue;
                }
                if (i + 1 >= args.Length)
                    throw new ArgumentException($"{name} needs a value");
                value = args[++i];
            }
            if (Flags.All(f => f.Name != name))
                throw new ArgumentException($"unknown flag {name}");
            values[name] = value;
        }
        return values;
    }

    internal static void Configure(FakeRoomsOptions options, IReadOnlyDictionary<string, string> values)
    {
        options.Port = 5080;
        foreach (var (name, value) in values)
        {
            switch (name)
            {
                case "--host": options.Host = value; break;
                case "--port": options.Port = ParseInt(name, value, 0, 65535); break;
                case "--account-sid": options.AccountSid = value; break;
                case "--auth-token": options.AuthToken = value; break;
                case "--seed": options.Seed = ParseInt(name, value, int.MinValue, int.MaxValue); break;
                case "--auth":
                    options.AuthMode = value switch
                    {
                        "strict" => AuthMode.Strict,
                        "any" => AuthMode.AnyAccount,
                        _ => throw new ArgumentException("--auth must be strict or any"),
                    };
                    break;
                case "--validation":
                    options.Validation = value switch
                    {
                        "strict" => ValidationProfile.Strict,
                        "schema" => ValidationProfile.Schema,
                        _ => throw new ArgumentException("--validation must be strict or schema"),
                    };
                    break;
                case "--clock":
                    if (value is not ("real" or "manual"))
                        throw new ArgumentException("--clock must be real or manual");
                    break;
                case "--start-time":
                    options.StartTime = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                    break;
                case "--public-url": options.PublicBaseUrl = value; break;
                case "--journal-capacity": options.JournalCapacity = ParseInt(name, value, 0, 10_000_000); break;
                case "--rate-limit-writes": options.RateLimitWritesPerSecond = ParseInt(name, value, 1, 1_000_000); break;
                case "--rate-limit-reads": options.RateLimitReadsPerSecond = ParseInt(name, value, 1, 1_000_000); break;
            }
        }
        // A standalone server runs on real time unless asked for a manual clock.
        if (values.GetValueOrDefault("--clock", "real") == "real")
            options.TimeProvider = TimeProvider.System;
    }

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max
            ? parsed
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{value}'");
}
