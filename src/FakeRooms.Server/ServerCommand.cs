using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using FakeRooms.Callbacks;
using FakeRooms.Control;
using FakeRooms.Http;

namespace FakeRooms.Server;

/// <summary>
/// The <c>fakerooms</c> command line: run the fake (flags or FAKEROOMS_* environment variables), or one of the CI
/// commands <c>verify</c> and <c>contract-test</c>. The flags are <see cref="ServerFlags"/>'s, their values become options in
/// <see cref="ServerConfiguration"/>; this runs the standalone server: timestamped log lines, failed callbacks logged,
/// <c>--version</c>, and the page at <c>/</c>.
/// </summary>
internal static class ServerCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default,
        Func<string, string?>? environment = null)
    {
        if (args.Contains("--help") || args.Contains("-h") || args is ["help", ..])
        {
            stdout.WriteLine(ServerFlags.Help());
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
                ["verify", .. var rest] => await VerifyCommand.RunAsync(ServerFlags.Parse(rest, ServerFlags.VerifyFlags), stdout, stderr, cancellationToken),
                ["contract-test", .. var rest] => await ContractTestCommand.RunAsync(ServerFlags.Parse(rest, ServerFlags.ContractTestFlags), stdout, stderr, cancellationToken),
                _ => await ServeAsync(ServerFlags.Parse(args, ServerFlags.Flags, environment), stdout, stderr, cancellationToken),
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
            ServerConfiguration.Configure(new FakeRoomsOptions(), values);
            server = FakeRoomsServer.Start(options =>
            {
                ServerConfiguration.Configure(options, values);
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
