using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FakeRooms.Server.Tests.Support;

/// <summary>The standalone FakeRooms server as a child process, started on a free port.</summary>
public sealed partial class StandaloneServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private StandaloneServer(Process process, string url, string accountSid, string authToken)
    {
        _process = process;
        Url = url;
        AccountSid = accountSid;
        AuthToken = authToken;
    }

    public string Url { get; }
    public string AccountSid { get; }
    public string AuthToken { get; }
    public Process Process => _process;

    /// <summary>Lines the server printed so far.</summary>
    public IReadOnlyList<string> Output
    {
        get { lock (_output) return _output.ToList(); }
    }

    /// <summary>The built server's assembly, next to this test assembly (the test project references it).</summary>
    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "FakeRooms.Server.dll");

    public static Task<StandaloneServer> StartAsync(params string[] args) => StartAsync(null, args);

    /// <summary>Starts the server with extra environment variables (FAKEROOMS_* are cleared first unless given).</summary>
    public static async Task<StandaloneServer> StartAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("FAKEROOMS_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        info.ArgumentList.Add(ServerDll);
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add("0");
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var lines = new List<string>();
        var ready = new TaskCompletionSource<(string, string, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? url = null, sid = null;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (lines) lines.Add(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } m) url = m.Groups[1].Value;
            else if (e.Data.StartsWith("Account SID:", StringComparison.Ordinal)) sid = e.Data.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
            else if (e.Data.StartsWith("Auth token:", StringComparison.Ordinal) && url is not null && sid is not null)
                ready.TrySetResult((url, sid, e.Data.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]));
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(30)), process.WaitForExitAsync());
        if (finished != ready.Task)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The standalone server did not start:\n" + string.Join("\n", lines));
        }
        var (u, s, t) = ready.Task.Result;
        var server = new StandaloneServer(process, u, s, t);
        lock (lines) server._output.AddRange(lines);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (server._output)
            {
                server._output.Add(e.Data);
                foreach (var waiter in server._waiters.Where(w => w.Match(e.Data)).ToList())
                {
                    server._waiters.Remove(waiter);
                    waiter.Found.TrySetResult(e.Data);
                }
            }
        };
        return server;
    }

    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    /// <summary>The first output line (already printed or to come) that matches, or an exception after <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.FirstOrDefault(match) is { } line)
                return line;
            _waiters.Add((match, found));
        }
        return await found.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(15));
    }

    [GeneratedRegex(@"^FakeRooms listening on (http://\S+)$")]
    private static partial Regex ListeningLine();

    /// <summary>A Twilio SDK client wired to this server.</summary>
    public global::Twilio.Clients.TwilioRestClient CreateTwilioClient() =>
        FakeRoomsClient.CreateTwilioClient(Url, AccountSid, AuthToken);

    /// <summary>Sends SIGTERM and waits for a clean exit.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
