using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using FakeRooms.Domain.Rooms;
using FakeRooms.Http;

namespace FakeRooms.Bench;

/// <summary>Runs every phase in one process, side by side, and prints the one table.</summary>
internal sealed partial class Benchmark(BenchSettings settings)
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly Report _report = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false });

    public async Task<int> RunAsync()
    {
        var total = Stopwatch.StartNew();
        Log($"FakeRooms benchmark ({(settings.Quick ? "quick" : "full")}): {Environment.ProcessorCount} cores, " +
            $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, load average {LoadAverage()}");

        // The first start must be the first thing this process does with the fake, WireMock or ASP.NET Core.
        if (settings.Runs("start"))
            await StartPhase();
        if (settings.Runs("throughput"))
            await ThroughputPhase();
        if (settings.Runs("dispatch"))
            DispatchPhase();
        if (settings.Runs("memory"))
            MemoryPhase();
        if (settings.Runs("retention"))
            RetentionPhase();
        if (settings.Runs("rss"))
            await RssPhase();
        if (settings.Runs("paging"))
            PagingPhase();
        if (settings.Runs("inmem"))
            await new AdoptionPhase(settings, _report).RunAsync();
        if (settings.Runs("persist"))
            await PersistPhase();

        Console.Out.WriteLine();
        Console.Out.WriteLine($"FakeRooms benchmark, {(settings.Quick ? "--quick" : "full")} run, {Environment.ProcessorCount} cores, " +
                              $"{RuntimeInformation.FrameworkDescription}, load average before/after {_loadBefore} / {LoadAverage()}, " +
                              $"{total.Elapsed.TotalSeconds:0} s");
        Console.Out.WriteLine();
        Console.Out.Write(_report.Render());
        Console.Out.WriteLine();
        Console.Out.WriteLine($"{_report.Passed} of {_report.Targets} targets met.");
        return 0;
    }

    private readonly string _loadBefore = LoadAverage();

    // ------------------------------------------------------------------ 1. start, reset, dispose

    private async Task StartPhase()
    {
        _report.Section("1");
        await WarmHttpClient();

        var t0 = Stopwatch.GetTimestamp();
        var first = await FakeRoomsServer.StartAsync(o => o.StartTime = Epoch);
        var started = Stopwatch.GetTimestamp();
        await FirstCreate(first);
        var answered = Stopwatch.GetTimestamp();
        var d0 = Stopwatch.GetTimestamp();
        first.Dispose();
        var firstDispose = Stopwatch.GetTimestamp() - d0;
        _report.Add(new Row("First StartAsync in a process to first 201 (ms)",
            $"{Stats.TicksToMillis(answered - t0):0} (start {Stats.TicksToMillis(started - t0):0} + first call {Stats.TicksToMillis(answered - started):0})",
            Note: "JIT and assembly loading; no target"));
        Log($"first start {Stats.TicksToMillis(answered - t0):0.0} ms, dispose {Stats.TicksToMillis(firstDispose):0.0} ms");

        var starts = new List<double>();
        var disposes = new List<double>();
        for (var i = 0; i < settings.LaterStarts; i++)
        {
            var s0 = Stopwatch.GetTimestamp();
            var fake = await FakeRoomsServer.StartAsync(o => o.StartTime = Epoch);
            await FirstCreate(fake);
            starts.Add(Stats.TicksToMillis(Stopwatch.GetTimestamp() - s0));
            var s1 = Stopwatch.GetTimestamp();
            fake.Dispose();
            disposes.Add(Stats.TicksToMillis(Stopwatch.GetTimestamp() - s1));
        }
        var startMedian = Stats.Median(starts);
        _report.Add(new Row($"Later StartAsync to first 201, median of {starts.Count} (ms)",
            $"{startMedian:0.0} (p90 {Stats.Percentile(starts, 90):0.0}, max {starts.Max():0.0})",
            Target: "<= 10 ms", Pass: startMedian <= 10));
        _report.Add(new Row($"Dispose(), median of {disposes.Count} (ms)",
            $"{Stats.Median(disposes):0.0} (max {disposes.Max():0.0})", Note: "no target"));

        await using var resetFake = await FakeRoomsServer.StartAsync(o =>
        {
            o.StartTime = Epoch;
            o.MaxInProgressRoomsPerAccount = null;
        });
        var calls = new InProcess(resetFake);
        var resets = new List<double>();
        for (var i = 0; i < settings.ResetRepeats; i++)
        {
            // 10,000 rooms created through the dispatcher, so the journal is full too (its default capacity).
            for (var r = 0; r < 10_000; r++)
                Check(calls.Post("/v1/Rooms", "UniqueName=reset-" + r + "&Type=group"), 201);
            var r0 = Stopwatch.GetTimestamp();
            resetFake.Reset();
            resets.Add(Stats.TicksToMicros(Stopwatch.GetTimestamp() - r0));
        }
        var resetMedian = Stats.Median(resets);
        _report.Add(new Row($"Reset() with 10,000 rooms and 10,000 journal entries, median of {resets.Count} (us)",
            $"{resetMedian:0.0} (max {resets.Max():0.0})", Target: "< 1,000 us", Pass: resetMedian < 1000));
    }

    private async Task FirstCreate(FakeRoomsServer fake)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fake.Url + "/v1/Rooms")
        {
            Content = new StringContent("UniqueName=first&Type=group", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = Basic(fake.AccountSid, fake.AuthToken);
        using var response = await _http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"First call answered {(int)response.StatusCode}");
    }

    /// <summary>
    /// Sends one request through the benchmark's HttpClient to a throwaway TCP listener, so the first-start number
    /// measures the fake (and WireMock/ASP.NET Core loading), not HttpClient's own first use.
    /// </summary>
    private async Task WarmHttpClient()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            var buffer = new byte[4096];
            var seen = new StringBuilder();
            while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await socket.ReceiveAsync(buffer);
                if (n == 0) break;
                seen.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            var body = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{}");
            await socket.SendAsync(body);
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/warm")
        {
            Content = new StringContent("a=b", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = Basic("warm", "up");
        using var response = await _http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        await serve;
    }

    // ------------------------------------------------------------------ 2. throughput and latency over HTTP

    private async Task ThroughputPhase()
    {
        _report.Section("2");
        // Each server in its own process (its own heap and GC), loaded in turns from a third process.
        var seeded = settings.SeededRooms.ToString(CultureInfo.InvariantCulture);
        using var fake = await ServerProcess.StartAsync("fake", "--no-quota", "--fixed-time", "--seeded", seeded);

        // The bytes the stub answers with: the fake's own answers to the same three requests.
        var createBytes = await Bytes(fake, HttpMethod.Post, "/v1/Rooms", "UniqueName=load-capture&Type=group&MaxParticipants=10", 201);
        var fetchBytes = await Bytes(fake, HttpMethod.Get, "/v1/Rooms/" + fake.FetchSid, null, 200);
        var listBytes = await Bytes(fake, HttpMethod.Get, "/v1/Rooms?PageSize=50", null, 200);
        var dir = Directory.CreateTempSubdirectory("fakerooms-bench-");
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "create.json"), createBytes);
            await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "fetch.json"), fetchBytes);
            await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "list.json"), listBytes);
            using var stub = await ServerProcess.StartAsync("stub",
                "--create", Path.Combine(dir.FullName, "create.json"), "--fetch", Path.Combine(dir.FullName, "fetch.json"),
                "--list", Path.Combine(dir.FullName, "list.json"), "--sid", fake.FetchSid, "--user", fake.User, "--password", fake.Password);
            using var asp = await ServerProcess.StartAsync("aspnet", "--user", fake.User, "--password", fake.Password, "--seeded", seeded);
            await RunThroughput(fake, stub, asp, createBytes, fetchBytes, listBytes);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private async Task RunThroughput(ServerProcess fake, ServerProcess stub, ServerProcess asp, byte[] createBytes, byte[] fetchBytes, byte[] listBytes)
    {
        var servers = new[] { fake, stub, asp };
        var aspBytes = new Dictionary<LoadOp, long>();
        var allocations = new Dictionary<(LoadOp, int, int), long>();
        // One warm-up pass over every operation first, so no measured run pays for tiered JIT in the servers.
        foreach (var op in settings.Ops)
        {
            foreach (var server in servers)
                await server.ResetAsync();
            await Children.LoadAsync(new LoadSpec([.. servers.Select(s => s.Url)], op, 16, settings.RunRequests, 0.01,
                settings.Quick ? 0.5 : 1.5, fake.User, fake.Password, [.. servers.Select(s => s.FetchSid)], settings.SliceMs));
        }
        foreach (var op in settings.Ops)
        foreach (var conns in new[] { 1, 16 })
        {
            var runs = new List<LoadResult[]>();
            for (var round = 0; round < settings.Rounds; round++)
            {
                // Same starting state for every run: the seeded rooms, an empty journal (and WireMock log), a collected heap.
                foreach (var server in servers)
                    await server.ResetAsync();
                var before = new List<long>();
                foreach (var server in servers)
                    before.Add((await server.SampleAsync()).Allocated);
                var results = await Children.LoadAsync(new LoadSpec(
                    [.. servers.Select(s => s.Url)], op, conns, settings.RunRequests, settings.RunSeconds, settings.WarmupSeconds,
                    fake.User, fake.Password, [.. servers.Select(s => s.FetchSid)], settings.SliceMs));
                runs.Add(results);
                for (var k = 0; k < servers.Length; k++)
                {
                    var r = results[k];
                    // Allocation per request in the server process, warm-up included (it is the same code path).
                    var allocated = ((await servers[k].SampleAsync()).Allocated - before[k]) / Math.Max(1, r.Requests + r.WarmupRequests);
                    allocations[(op, conns, k)] = allocated;
                    Log($"{ServerNames[k],-6} {op,-6} {conns,2} conn: {r.RequestsPerSecond,8:0} req/s, p50 {r.P50Micros / 1000:0.00} ms, " +
                        $"p99 {r.P99Micros / 1000:0.00} ms, {r.Requests} requests in {r.SliceRequestsPerSecond.Length} slices, " +
                        $"{allocated:N0} B allocated per request, {r.Unexpected} unexpected" + (r.Unexpected > 0 ? ": " + r.FirstUnexpected : ""));
                }
            }
            aspBytes[op] = runs[0][2].ResponseBytes;

            var f = runs.Select(r => r[0]).ToList();
            var s = runs.Select(r => r[1]).ToList();
            var a = runs.Select(r => r[2]).ToList();
            // Each server had the same number of equal turns, interleaved: the ratio of their total throughputs.
            var vsStub = Throughput(f) / Throughput(s);
            var vsAsp = Throughput(f) / Throughput(a);
            Log($"  {op} {conns} conn: fake/stub {vsStub:0.00}x (median of turn ratios {Stats.Median(runs.SelectMany(r => SliceRatios(r[0], r[1]))):0.00}x), " +
                $"fake/ASP.NET {vsAsp:0.00}x (median of turn ratios {Stats.Median(runs.SelectMany(r => SliceRatios(r[0], r[2]))):0.00}x)");
            var name2 = op switch { LoadOp.Create => "CreateRoom", LoadOp.Fetch => "FetchRoom", _ => "List page of 50 rooms" };
            var target = op == LoadOp.Create && conns == 16;
            _report.Add(new Row($"{name2}, {conns} conn: req/s; p50 / p99 latency (ms)",
                Describe(f), Describe(s), Describe(a), Stats.X(vsStub), Stats.X(vsAsp),
                target ? ">= 1.00x stub and >= 0.60x ASP.NET" : "",
                target ? vsStub >= 1.0 && vsAsp >= 0.6 : null));
            foreach (var r in f.Concat(s).Concat(a).Where(r => r.Unexpected > 0))
                Log($"WARNING: {r.Op} {r.Connections} conn on {r.Url} had {r.Unexpected} unexpected answers: {r.FirstUnexpected}");
        }
        _report.Add(new Row("Bytes allocated per request in the server process, 16 conn (" +
                            string.Join(" / ", settings.Ops.Select(o => o.ToString().ToLowerInvariant())) + ")",
            Allocated(0), Allocated(1), Allocated(2)));
        string Allocated(int k) => string.Join(" / ", settings.Ops.Select(o => allocations[(o, 16, k)].ToString("N0", CultureInfo.InvariantCulture)));
        if (settings.Ops.Length == 3)
            _report.Add(new Row("Response body bytes (create / fetch / list)",
                $"{createBytes.Length} / {fetchBytes.Length} / {listBytes.Length}",
                "same bytes", string.Join(" / ", settings.Ops.Select(op => aspBytes[op]))));
    }

    private static readonly string[] ServerNames = ["Fake", "Stub", "AspNet"];

    private static double Throughput(IEnumerable<LoadResult> runs) => runs.Sum(r => r.Requests) / runs.Sum(r => r.Seconds);

    private static IEnumerable<double> SliceRatios(LoadResult x, LoadResult y) =>
        x.SliceRequestsPerSecond.Zip(y.SliceRequestsPerSecond, (a, b) => a / b);

    private static string Describe(IReadOnlyList<LoadResult> runs) =>
        $"{Stats.K(Throughput(runs))}; " +
        $"{Stats.Median(runs.Select(r => r.P50Micros)) / 1000:0.00} / {Stats.Median(runs.Select(r => r.P99Micros)) / 1000:0.00}";

    private async Task<byte[]> Bytes(ServerProcess server, HttpMethod method, string path, string? form, int expected)
    {
        using var request = new HttpRequestMessage(method, server.Url + path);
        if (form is not null)
            request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        request.Headers.Authorization = Basic(server.User, server.Password);
        using var response = await _http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if ((int)response.StatusCode != expected)
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        return bytes;
    }

    /// <summary>Time and allocation of one call through the dispatcher alone (routing, auth, handler, JSON, journal).</summary>
    private void DispatchPhase()
    {
        _report.Section("2");
        using var fake = FakeRoomsServer.Start(o =>
        {
            o.StartTime = Epoch;
            o.MaxInProgressRoomsPerAccount = null;
        });
        var sid = fake.Rooms.Create().Sid;
        for (var i = 0; i < settings.SeededRooms; i++)
            fake.Rooms.Create(new NewRoom { UniqueName = "seed-" + i });
        var api = new InProcess(fake);
        var counter = 0;
        var cases = new (string Name, Func<HttpResult> Call)[]
        {
            ("create", () => api.Post("/v1/Rooms", "UniqueName=inproc-" + counter++ + "&Type=group&MaxParticipants=10")),
            ("fetch", () => api.Get("/v1/Rooms/" + sid)),
            ("list", () => api.Get("/v1/Rooms?PageSize=50")),
        };
        var parts = new List<string>();
        foreach (var (name, call) in cases)
        {
            var iterations = settings.Quick ? 2_000 : 20_000;
            for (var i = 0; i < 1_000; i++)
                call();
            var allocated0 = GC.GetAllocatedBytesForCurrentThread();
            var t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < iterations; i++)
                call();
            var micros = Stats.TicksToMicros(Stopwatch.GetTimestamp() - t0) / iterations;
            var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated0) / iterations;
            parts.Add($"{micros:0.0} us, {bytes:N0} B");
        }
        _report.Add(new Row("In-process cost of one call through the dispatcher, no socket: create / fetch / list",
            string.Join(" / ", parts), Note: "time and bytes allocated per call, 1 thread"));
    }

    // ------------------------------------------------------------------ 3. memory

    private void MemoryPhase()
    {
        _report.Section("3");
        var n = settings.MemoryRooms;

        // Retained bytes per room: rooms created through the domain (what every create stores), journal not involved.
        long perRoom;
        {
            using var fake = FakeRoomsServer.Start(o =>
            {
                o.StartTime = Epoch;
                o.MaxInProgressRoomsPerAccount = null;
            });
            fake.Rooms.Create();
            var before = GC.GetTotalMemory(true);
            for (var i = 0; i < n; i++)
                fake.Rooms.Create(new NewRoom { UniqueName = "memory-room-" + i.ToString("D6", CultureInfo.InvariantCulture) });
            var after = GC.GetTotalMemory(true);
            perRoom = (after - before) / n;
            GC.KeepAlive(fake);
        }
        _report.Add(new Row($"Retained bytes per room ({n:N0} creates, domain, UniqueName of 18 chars)",
            perRoom.ToString("N0", CultureInfo.InvariantCulture), Target: "< 1,536 B (1.5 KB)", Pass: perRoom < 1536));

        // Retained bytes per journal entry: FetchRoom calls through the dispatcher into a journal large enough to keep them all.
        var calls = settings.MemoryCalls;
        long perFetchEntry, perCreateCall;
        {
            using var fake = FakeRoomsServer.Start(o =>
            {
                o.StartTime = Epoch;
                o.MaxInProgressRoomsPerAccount = null;
                o.JournalCapacity = calls;
            });
            var sid = fake.Rooms.Create().Sid;
            var api = new InProcess(fake);
            Check(api.Get("/v1/Rooms/" + sid), 200);
            fake.Calls.Clear();
            var before = GC.GetTotalMemory(true);
            for (var i = 0; i < calls; i++)
                Check(api.Get($"/v1/Rooms/{sid}"), 200);
            var after = GC.GetTotalMemory(true);
            perFetchEntry = (after - before) / calls;
            if (fake.Calls.Count != calls)
                throw new InvalidOperationException($"journal kept {fake.Calls.Count}");

            fake.Calls.Clear();
            fake.Reset();
            before = GC.GetTotalMemory(true);
            for (var i = 0; i < calls; i++)
                Check(api.Post("/v1/Rooms", $"UniqueName=memory-room-{i:D6}&Type=group&MaxParticipants=10"), 201);
            after = GC.GetTotalMemory(true);
            perCreateCall = (after - before) / calls;
            GC.KeepAlive(fake);
        }
        _report.Add(new Row($"Retained bytes per journal entry (FetchRoom, {calls:N0} calls)",
            perFetchEntry.ToString("N0", CultureInfo.InvariantCulture),
            Note: $"default cap 10,000 entries = {perFetchEntry * 10_000 / 1024.0 / 1024.0:0.0} MB"));
        _report.Add(new Row($"Retained bytes per CreateRoom call over the dispatcher (room + journal entry, {calls:N0} calls)",
            perCreateCall.ToString("N0", CultureInfo.InvariantCulture),
            Note: $"journal entry ~{perCreateCall - perRoom:N0} B"));
    }

    // ------------------------------------------------------------------ 3a. ended rooms: create + complete loop

    /// <summary>
    /// Rooms created and completed in a loop through the dispatcher (journal at its default cap), with
    /// MaxCompletedRoomsPerAccount = 10,000: the managed heap must level off once the limit is reached, since ended
    /// rooms are forgotten oldest first. Samples after 25k, 50k and 100k rooms (the quick run: a quarter of that).
    /// </summary>
    private void RetentionPhase()
    {
        _report.Section("3");
        const int limit = 10_000;
        var step = settings.Quick ? 6_250 : 25_000;
        using var fake = FakeRoomsServer.Start(o =>
        {
            o.StartTime = Epoch;
            o.MaxCompletedRoomsPerAccount = limit;
        });
        var api = new InProcess(fake);
        var samples = new List<(int Rooms, long Managed, long Rss)>();
        var created = 0;
        foreach (var until in new[] { step, 2 * step, 4 * step })
        {
            for (; created < until; created++)
            {
                var room = api.Post("/v1/Rooms", "UniqueName=loop-" + created.ToString(CultureInfo.InvariantCulture));
                Check(room, 201);
                Check(api.Post("/v1/Rooms/" + room.Room!.Sid, "Status=completed"), 202);
            }
            var managed = GC.GetTotalMemory(true);
            using var self = Process.GetCurrentProcess();
            samples.Add((created, managed, self.WorkingSet64));
        }
        if (fake.Rooms.All.Count != limit)
            throw new InvalidOperationException($"the fake kept {fake.Rooms.All.Count} rooms, not {limit}");
        Log("Create+complete loop (rooms: managed MB, process RSS MB): " +
            string.Join(", ", samples.Select(s => $"{s.Rooms:N0}: {s.Managed / 1048576.0:0.0} / {s.Rss / 1048576.0:0.0}")));
        var (_, middle, _) = samples[1];
        var (_, last, lastRss) = samples[2];
        var growth = (last - middle) / (double)middle;
        _report.Add(new Row(
            $"Managed heap over a create+complete loop, MaxCompletedRoomsPerAccount {limit:N0}: after {samples[0].Rooms:N0} / {samples[1].Rooms:N0} / {samples[2].Rooms:N0} rooms (MB)",
            string.Join(" / ", samples.Select(s => (s.Managed / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture))),
            Target: "last <= middle + 10%", Pass: growth <= 0.10,
            Note: $"in-process, journal at its default cap; bench process RSS at the end {lastRss / 1048576.0:0} MB"));
        GC.KeepAlive(fake);
    }

    // ------------------------------------------------------------------ 3b. RSS over 1,000,000 requests

    private async Task RssPhase()
    {
        _report.Section("3");
        // A fake with DEFAULT options in a process of its own, so the RSS is the fake's alone.
        using var server = await ServerProcess.StartAsync("fake");
        var samples = new List<(long Requests, long RssKb, long Managed, int Journal, int Rooms)>();
        var s0 = await server.SampleAsync();
        samples.Add((0, s0.RssKb, s0.Managed, s0.Journal, s0.Rooms));
        var pending = new List<Task>();
        var every = settings.RssRequests / settings.RssSamples;
        var result = (await Children.LoadAsync(
            new LoadSpec([server.Url], LoadOp.Mixed, 16, settings.RssRequests, settings.RssSecondsCap, 0, server.User, server.Password,
                [server.FetchSid], 0, every),
            done => pending.Add(Task.Run(async () =>
            {
                var s = await server.SampleAsync();
                lock (samples)
                    samples.Add((done, s.RssKb, s.Managed, s.Journal, s.Rooms));
            }))))[0];
        await Task.WhenAll(pending);
        var end = await server.SampleAsync();
        samples.Add((result.Requests, end.RssKb, end.Managed, end.Journal, end.Rooms));

        samples.Sort((a, b) => a.Requests.CompareTo(b.Requests));
        Log("RSS samples (requests: RSS MB, managed MB, journal entries, rooms):");
        foreach (var s in samples)
            Log($"  {s.Requests,9:N0}: {s.RssKb / 1024.0,6:0.0} MB RSS, {s.Managed / 1048576.0,6:0.0} MB managed, {s.Journal,6} journal, {s.Rooms,6} rooms");

        var finalMb = end.RssKb / 1024.0;
        var half = samples.Where(s => s.Requests <= result.Requests / 2).Last();
        var peakMb = samples.Max(s => s.RssKb) / 1024.0;
        var complete = result.Requests >= settings.RssRequests;
        _report.Add(new Row($"RSS of the server process after {result.Requests:N0} mixed requests, 16 conn, default options (MB)",
            $"{finalMb:0} (peak {peakMb:0}; at half-way {half.RssKb / 1024.0:0}; {result.RequestsPerSecond:0} req/s)",
            Target: settings.RssRequests >= 1_000_000 ? "< 400 MB" : "< 400 MB after 1,000,000 (full run only)",
            Pass: settings.RssRequests >= 1_000_000 ? complete && finalMb < 400 : null,
            Note: "mix: 65% fetch, 25% list, 5% create (429 past the 10,000-room quota), 5% 404" +
                  (result.Unexpected > 0 ? $"; {result.Unexpected} unexpected answers: {result.FirstUnexpected}" : "")));
        _report.Add(new Row("RSS samples, MB, every " + every.ToString("N0", CultureInfo.InvariantCulture) + " requests",
            string.Join(" ", samples.Select(s => (s.RssKb / 1024.0).ToString("0", CultureInfo.InvariantCulture))),
            Note: $"journal {end.Journal:N0} entries, {end.Rooms:N0} rooms at the end; second-half growth {Signed(finalMb - half.RssKb / 1024.0)} MB"));
    }

    // ------------------------------------------------------------------ 4. paging

    private void PagingPhase()
    {
        _report.Section("4");
        using var fake = FakeRoomsServer.Start(o =>
        {
            o.StartTime = Epoch;
            o.MaxInProgressRoomsPerAccount = null;
        });
        var api = new InProcess(fake);
        var sizes = new[] { 1_000, 100_000 };
        var measured = new Dictionary<(string, int), double>();
        var created = 0;
        foreach (var size in sizes)
        {
            for (; created < size; created++)
                fake.Rooms.Create(new NewRoom { UniqueName = "page-room-" + created.ToString(CultureInfo.InvariantCulture) });
            var middle = fake.Rooms.Get("page-room-" + (size / 2).ToString(CultureInfo.InvariantCulture));
            var token = PageRequest.EncodeToken(new PageCursor(middle.DateCreated, middle.Sequence, true));
            var cases = new (string Name, string Path)[]
            {
                ("First list page (PageSize=50)", "/v1/Rooms?PageSize=50"),
                ("List page in the middle (PageToken)", $"/v1/Rooms?PageSize=50&Page=3&PageToken={token}"),
                ("Fetch by UniqueName", "/v1/Rooms/page-room-" + (size / 2).ToString(CultureInfo.InvariantCulture)),
                ("List filtered by UniqueName", "/v1/Rooms?UniqueName=page-room-" + (size / 2).ToString(CultureInfo.InvariantCulture)),
            };
            foreach (var (name, path) in cases)
                measured[(name, size)] = MedianMicros(() => Check(api.Get(path), 200));
        }
        foreach (var name in measured.Keys.Select(k => k.Item1).Distinct())
        {
            var small = measured[(name, sizes[0])];
            var large = measured[(name, sizes[1])];
            var ratio = large / small;
            _report.Add(new Row($"{name}: at 1,000 / at 100,000 rooms (us, median of {settings.PagingIterations})",
                $"{small:0.0} / {large:0.0} = {ratio:0.00}x", Target: "<= 2x", Pass: ratio <= 2));
        }
    }

    private double MedianMicros(Action action)
    {
        for (var i = 0; i < 200; i++)
            action();
        var times = new double[settings.PagingIterations];
        for (var i = 0; i < times.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            action();
            times[i] = Stats.TicksToMicros(Stopwatch.GetTimestamp() - t0);
        }
        return Stats.Median(times);
    }

    // ------------------------------------------------------------------ helpers

    private static void Check(HttpResult result, int status)
    {
        if (result.Status != status)
            throw new InvalidOperationException($"Expected {status}, got {result.Status}: {result.Body}{(result.BinaryBody is { } b ? Encoding.UTF8.GetString(b) : "")}");
    }

    private static string Signed(double value)
    {
        var rounded = Math.Round(value);
        return (rounded >= 0 ? "+" : "-") + Math.Abs(rounded).ToString("0", CultureInfo.InvariantCulture);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static void Log(string message)
    {
        Console.Error.WriteLine(message);
    }
}
