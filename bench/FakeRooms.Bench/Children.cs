using System.Diagnostics;
using System.Text.Json;

namespace FakeRooms.Bench;

/// <summary>Starts this benchmark again as a child process (load client or server).</summary>
internal static class Children
{
    public static ProcessStartInfo Self(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = false,
        };
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            psi.FileName = host;
            psi.ArgumentList.Add(typeof(Children).Assembly.Location);
        }
        else
            psi.FileName = host;
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        return psi;
    }

    /// <summary>Runs one load in a second process; <paramref name="progress"/> gets each PROGRESS count.</summary>
    public static async Task<LoadResult[]> LoadAsync(LoadSpec spec, Action<long>? progress = null)
    {
        using var process = Process.Start(Self(spec.ToArgs())) ?? throw new InvalidOperationException("Cannot start the load client.");
        process.StandardInput.Close();
        LoadResult[]? result = null;
        var timeout = TimeSpan.FromSeconds((spec.Seconds + spec.WarmupSeconds) * spec.Urls.Length + 120);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.StartsWith("PROGRESS ", StringComparison.Ordinal))
                    progress?.Invoke(long.Parse(line["PROGRESS ".Length..], System.Globalization.CultureInfo.InvariantCulture));
                else if (line.StartsWith("RESULT ", StringComparison.Ordinal))
                    result = JsonSerializer.Deserialize<LoadResult[]>(line["RESULT ".Length..]);
                else
                    Console.Error.WriteLine("  load: " + line);
            }
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The load client did not finish within {timeout}.");
        }
        if (process.ExitCode != 0 || result is null)
            throw new InvalidOperationException($"The load client failed (exit code {process.ExitCode}).");
        return result;
    }
}

/// <summary>A server child (<c>--serve ...</c>) and its stdin/stdout command channel.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private ServerProcess(Process process, string[] ready)
    {
        _process = process;
        Url = ready[1];
        User = ready[2];
        Password = ready[3];
        FetchSid = ready[4];
    }

    public string Url { get; }
    public string User { get; }
    public string Password { get; }
    public string FetchSid { get; private set; }
    public int Pid => _process.Id;

    public static async Task<ServerProcess> StartAsync(params string[] args)
    {
        var process = Process.Start(Children.Self(["--serve", .. args])) ?? throw new InvalidOperationException("Cannot start a server child.");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(cts.Token);
        if (line?.Split(' ') is not ["READY", _, _, _, _] ready)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Server child {string.Join(' ', args)} did not start: {line}");
        }
        return new ServerProcess(process, ready);
    }

    /// <summary>Fresh state (and a collected heap) before a run; returns the room to fetch.</summary>
    public async Task ResetAsync() => FetchSid = (await CommandAsync("reset"))[1];

    /// <summary>(RSS kB, managed bytes, journal entries, rooms, bytes allocated since the start).</summary>
    public async Task<(long RssKb, long Managed, int Journal, int Rooms, long Allocated)> SampleAsync()
    {
        var parts = await CommandAsync("rss");
        return (long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(parts[5], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<string[]> CommandAsync(string command)
    {
        await _gate.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            var line = await _process.StandardOutput.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("server child ended");
            return line.Split(' ');
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(15_000))
                _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
