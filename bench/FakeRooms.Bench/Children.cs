using System.Diagnostics;
using System.Text.Json;

namespace FakeRooms.Bench;

/// <summary>Starts this benchmark again as a child process (load client or RSS server).</summary>
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
    public static async Task<LoadResult> LoadAsync(LoadSpec spec, Action<long>? progress = null)
    {
        using var process = Process.Start(Self(spec.ToArgs())) ?? throw new InvalidOperationException("Cannot start the load client.");
        process.StandardInput.Close();
        LoadResult? result = null;
        var timeout = TimeSpan.FromSeconds(spec.Seconds + spec.WarmupSeconds + 120);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.StartsWith("PROGRESS ", StringComparison.Ordinal))
                    progress?.Invoke(long.Parse(line["PROGRESS ".Length..], System.Globalization.CultureInfo.InvariantCulture));
                else if (line.StartsWith("RESULT ", StringComparison.Ordinal))
                    result = JsonSerializer.Deserialize<LoadResult>(line["RESULT ".Length..]);
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
