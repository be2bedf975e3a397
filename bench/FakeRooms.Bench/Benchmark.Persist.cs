using System.Globalization;

namespace FakeRooms.Bench;

/// <summary>
/// 5. <c>--persist</c> (issue 14, item 10): CreateRoom throughput of the fake with every accepted change logged before
/// its answer, against the same fake without it, both in the standalone server's setup (system clock), loaded in
/// interleaved turns from one load client, in one run. Target: at least half the throughput.
/// </summary>
internal sealed partial class Benchmark
{
    private async Task PersistPhase()
    {
        _report.Section("5");
        var dir = Directory.CreateTempSubdirectory("fakerooms-bench-persist-");
        try
        {
            var file = Path.Combine(dir.FullName, "state.json");
            using var plain = await ServerProcess.StartAsync("fake", "--no-quota", "--real-clock");
            using var persisted = await ServerProcess.StartAsync("fake", "--no-quota", "--real-clock", "--persist", file);
            var servers = new[] { plain, persisted };
            // A warm-up pass first (tiered JIT in both servers).
            foreach (var server in servers)
                await server.ResetAsync();
            await Children.LoadAsync(new LoadSpec([.. servers.Select(s => s.Url)], LoadOp.Create, 16, settings.RunRequests, 0.01,
                settings.Quick ? 0.5 : 1.5, plain.User, plain.Password, [.. servers.Select(s => s.FetchSid)], settings.SliceMs));
            foreach (var conns in new[] { 1, 16 })
            {
                foreach (var server in servers)
                    await server.ResetAsync();
                var results = await Children.LoadAsync(new LoadSpec([.. servers.Select(s => s.Url)], LoadOp.Create, conns,
                    settings.RunRequests, settings.RunSeconds, settings.WarmupSeconds, plain.User, plain.Password,
                    [.. servers.Select(s => s.FetchSid)], settings.SliceMs));
                var (without, with) = (results[0], results[1]);
                var ratio = with.RequestsPerSecond / without.RequestsPerSecond;
                Log($"persist CreateRoom {conns,2} conn: without {without.RequestsPerSecond:0} req/s (p50 {without.P50Micros / 1000:0.00} ms), " +
                    $"with {with.RequestsPerSecond:0} req/s (p50 {with.P50Micros / 1000:0.00} ms, p99 {with.P99Micros / 1000:0.00} ms): {ratio:0.00}x, " +
                    $"log {new FileInfo(file + ".log").Length:N0} bytes, {with.Unexpected + without.Unexpected} unexpected");
                var target = conns == 16;
                _report.Add(new Row($"CreateRoom with --persist / without, {conns} conn: req/s; p50 / p99 latency (ms)",
                    $"{Stats.K(with.RequestsPerSecond)}; {with.P50Micros / 1000:0.00} / {with.P99Micros / 1000:0.00} vs " +
                    $"{Stats.K(without.RequestsPerSecond)}; {without.P50Micros / 1000:0.00} / {without.P99Micros / 1000:0.00} = " +
                    ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x",
                    Target: target ? ">= 0.50x" : "", Pass: target ? ratio >= 0.5 : null));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
