using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using FakeRooms.NUnit;
using Twilio.Clients;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Bench;

/// <summary>
/// Section 5 (<c>--only inmem</c>, issue 16): what a test suite pays. An SDK call through the in-memory client
/// (<c>Listen = false</c>) against the same call through a hand-written <see cref="ITwilioRestClient"/> that returns a
/// canned body (the floor: the SDK's own work); the shared NUnit mode's per-test overhead (lease, client, reset); the
/// standalone server's cold start to its first 201.
/// </summary>
internal sealed class AdoptionPhase(BenchSettings settings, Report report)
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public async Task RunAsync()
    {
        report.Section("5");
        await SdkCallAsync();
        Shared();
        await ColdStartAsync();
    }

    private async Task SdkCallAsync()
    {
        await using var memory = await FakeRoomsServer.StartAsync(o => { o.StartTime = Epoch; o.Listen = false; o.MaxInProgressRoomsPerAccount = null; });
        await using var loopback = await FakeRoomsServer.StartAsync(o => { o.StartTime = Epoch; o.MaxInProgressRoomsPerAccount = null; });
        var inMemory = memory.CreateTwilioClient();
        var overHttp = loopback.CreateTwilioClient();

        var body = await CreateBodyAsync(memory);
        var sdkOverCannedHttp = new TwilioRestClient(memory.AccountSid, memory.AuthToken,
            httpClient: new Twilio.Http.SystemNetHttpClient(new HttpClient(new CannedHandler(body))));
        using var rawHttp = new HttpClient(memory.CreateHttpMessageHandler());
        var authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{memory.AccountSid}:{memory.AuthToken}")));
        var dispatcher = new InProcess(memory);

        var iterations = settings.Quick ? 2_000 : 10_000;
        var n = 0;
        string Name(string prefix) => prefix + (n++).ToString(CultureInfo.InvariantCulture);
        Task Sdk(ITwilioRestClient client, string prefix) =>
            RoomResource.CreateAsync(uniqueName: Name(prefix), type: RoomResource.RoomTypeEnum.Group, client: client);
        async Task Raw()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "https://video.twilio.com/v1/Rooms")
            {
                Content = new FormUrlEncodedContent([new("UniqueName", Name("r-")), new("Type", "group")]),
            };
            request.Headers.Authorization = authorization;
            using var response = await rawHttp.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
        }
        Task Dispatch()
        {
            dispatcher.Post("/v1/Rooms", "UniqueName=" + Name("d-") + "&Type=group");
            return Task.CompletedTask;
        }

        // Interleaved in blocks, so a change in the machine's load hits every case alike.
        var cases = new (string Name, Func<Task> Call)[]
        {
            ("memory", () => Sdk(inMemory, "m-")),
            ("http", () => Sdk(overHttp, "h-")),
            ("canned", () => Sdk(new CannedClient(memory.AccountSid, body), "c-")),
            ("sdk-http-layer", () => Sdk(sdkOverCannedHttp, "s-")),
            ("raw", Raw),
            ("dispatch", Dispatch),
        };
        var times = cases.ToDictionary(c => c.Name, _ => new List<double>());
        // Warm by time, not by count: tiered JIT recompiles hot methods (instrumented, then optimized) in the background
        // for a second or more after they are first called. After 300 calls each, every case still ran partly unoptimized
        // code: the canned floor measured 15-45 us instead of 5 us, and the ratio swung from 3.3x to 6.5x between runs.
        var warmFor = TimeSpan.FromSeconds(settings.Quick ? 2 : 4);
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < warmFor)
            foreach (var (_, call) in cases)
                for (var i = 0; i < 20; i++)
                    await call();
        const int block = 100;
        for (var done = 0; done < iterations; done += block)
            foreach (var (name, call) in cases)
                for (var i = 0; i < block; i++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    await call();
                    times[name].Add(Stats.TicksToMicros(Stopwatch.GetTimestamp() - t0));
                }
        var median = times.ToDictionary(t => t.Key, t => Stats.Median(t.Value));
        var mem = median["memory"];
        var floor = median["canned"];
        var ratio = mem / floor;
        report.Add(new Row($"SDK RoomResource.CreateAsync in memory / canned ITwilioRestClient, median of {times["memory"].Count} after {warmFor.TotalSeconds:0} s warm-up (us)",
            $"{mem:0.0} / {floor:0.0} = {ratio:0.0}x", Target: "<= 3x", Pass: ratio <= 3,
            Note: $"over loopback HTTP {median["http"]:0.0} us = {median["http"] / floor:0.0}x"));
        report.Add(new Row("  where it goes: SDK's own HTTP layer over a canned HttpClient (the in-memory client skips it) / raw HttpClient POST through CreateHttpMessageHandler() / dispatcher alone (us)",
            $"{median["sdk-http-layer"]:0.0} / {median["raw"]:0.0} / {median["dispatch"]:0.0}", Note: "no target"));
    }

    /// <summary>A real CreateRoom answer of the fake, as the canned client's body.</summary>
    private static async Task<string> CreateBodyAsync(FakeRoomsServer fake)
    {
        using var http = new HttpClient(fake.CreateHttpMessageHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://video.twilio.com/v1/Rooms")
        {
            Content = new StringContent("UniqueName=canned&Type=group", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}")));
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>What the shared mode adds to one test: lease (a fresh account, reset), the account's SDK client, release (reset).</summary>
    private void Shared()
    {
        var iterations = settings.Quick ? 2_000 : 10_000;
        SharedFakeRooms.StartAsync(o => o.StartTime = Epoch).GetAwaiter().GetResult();
        try
        {
            // A suite's worth of accounts already on the server, each with a room.
            for (var i = 0; i < 200; i++)
                SharedFakeRooms.Lease("bench.warm." + i).Rooms.Create(new() { UniqueName = "warm" });
            var times = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                var account = SharedFakeRooms.Lease("Bench.Tests.SomeFixture.Some_test(" + (i % 500).ToString(CultureInfo.InvariantCulture) + ")");
                GC.KeepAlive(account.CreateTwilioClient());
                account.Reset();
                times[i] = Stats.TicksToMicros(Stopwatch.GetTimestamp() - t0);
            }
            var median = Stats.Median(times);
            report.Add(new Row($"Shared NUnit mode per test: Lease + account client + release reset, median of {iterations} (us)",
                $"{median:0.0} (p90 {Stats.Percentile(times, 90):0.0})", Target: "<= 100 us", Pass: median <= 100));
        }
        finally
        {
            SharedFakeRooms.StopAsync().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// `fakerooms --port 0` started as a new process, to its first 201 (median of a few cold starts): the build output
    /// (what `dotnet run` and the tool start), and a ReadyToRun publish of it when one is in artifacts/fakerooms-r2r
    /// (`dotnet publish src/FakeRooms.Server -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true
    /// -o artifacts/fakerooms-r2r`, docs/standalone.md): most of a cold start is JIT, which ReadyToRun moves to publish.
    /// </summary>
    private async Task ColdStartAsync()
    {
        var dll = ServerDll();
        if (dll is null)
        {
            report.Add(new Row("Standalone cold start to first 201 (ms)", "not measured", Note: "FakeRooms.Server.dll not built"));
            return;
        }
        await ColdStartFloorAsync();
        await ColdStartRowAsync(dll, "build output");
        var r2r = Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", "..", "..", "..", "artifacts", "fakerooms-r2r", "FakeRooms.Server.dll");
        if (File.Exists(r2r))
            await ColdStartRowAsync(Path.GetFullPath(r2r), "ReadyToRun publish");
        else
            report.Add(new Row("Standalone cold start, ReadyToRun publish (ms)", "not measured",
                Note: "publish it to artifacts/fakerooms-r2r first (docs/standalone.md)"));
    }

    /// <summary>
    /// The floor under the standalone's cold start on this machine: the bench's own plain ASP.NET Core server of the
    /// same routes (<see cref="PlainAspNet"/>, <c>--serve aspnet</c>), no WireMock and no fake, from process start to its
    /// first 201. The machine's speed moves both by a third between runs; the difference is the fake's own.
    /// </summary>
    private async Task ColdStartFloorAsync()
    {
        var runs = settings.Quick ? 3 : 5;
        var times = new List<double>();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        const string sid = "AC00000000000000000000000000000001", token = "floor";
        for (var i = 0; i < runs; i++)
        {
            var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
            foreach (var arg in new[] { typeof(AdoptionPhase).Assembly.Location, "--serve", "aspnet", "--user", sid, "--password", token })
                psi.ArgumentList.Add(arg);
            var t0 = Stopwatch.GetTimestamp();
            using var process = Process.Start(psi) ?? throw new InvalidOperationException("Cannot start the ASP.NET Core child.");
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                string? url = null;
                while (url is null && await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
                    if (line.StartsWith("READY ", StringComparison.Ordinal))
                        url = line.Split(' ')[1];
                using var request = new HttpRequestMessage(HttpMethod.Post, url + "/v1/Rooms")
                {
                    Content = new StringContent("UniqueName=first", Encoding.UTF8, "application/x-www-form-urlencoded"),
                };
                request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sid}:{token}")));
                using var response = await http.SendAsync(request, cts.Token);
                if (response.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"The ASP.NET Core child's first create answered {(int)response.StatusCode}.");
                times.Add(Stats.TicksToMillis(Stopwatch.GetTimestamp() - t0));
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        report.Add(new Row($"  floor: a plain ASP.NET Core server of the same routes (bench --serve aspnet), process start to first 201, median of {runs} (ms)",
            $"{Stats.Median(times):0} (min {times.Min():0}, max {times.Max():0})", Note: "no target; no WireMock, no fake"));
    }

    private async Task ColdStartRowAsync(string dll, string what)
    {
        var runs = settings.Quick ? 3 : 5;
        var times = new List<double>();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        for (var i = 0; i < runs; i++)
            times.Add(await ColdStartOnceAsync(dll, http));
        var median = Stats.Median(times);
        report.Add(new Row($"Standalone `fakerooms --port 0` ({what}) process start to first 201, median of {runs} (ms)",
            $"{median:0} (min {times.Min():0}, max {times.Max():0})", Target: "<= 400 ms", Pass: median <= 400));
    }

    private static async Task<double> ColdStartOnceAsync(string dll, HttpClient http)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) ? Environment.ProcessPath : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { dll, "--port", "0", "--quiet" })
            psi.ArgumentList.Add(arg);
        var t0 = Stopwatch.GetTimestamp();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Cannot start the standalone server.");
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? url = null, sid = null, token = null;
            while (token is null && await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.StartsWith("FakeRooms listening on ", StringComparison.Ordinal)) url = line["FakeRooms listening on ".Length..].Trim();
                else if (line.StartsWith("Account SID:", StringComparison.Ordinal)) sid = line["Account SID:".Length..].Trim();
                else if (line.StartsWith("Auth token:", StringComparison.Ordinal)) token = line["Auth token:".Length..].Trim();
            }
            if (url is null || sid is null || token is null)
                throw new InvalidOperationException("The standalone server did not print its URL and credentials.");
            using var request = new HttpRequestMessage(HttpMethod.Post, url + "/v1/Rooms")
            {
                Content = new StringContent("UniqueName=first", Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sid}:{token}")));
            using var response = await http.SendAsync(request, cts.Token);
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"The standalone's first create answered {(int)response.StatusCode}.");
            return Stats.TicksToMillis(Stopwatch.GetTimestamp() - t0);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The standalone server the bench project builds beside itself (a build-order-only project reference).</summary>
    private static string? ServerDll()
    {
        // bench/FakeRooms.Bench/bin/<Configuration>/net10.0/ -> src/FakeRooms.Server/bin/<Configuration>/net10.0/FakeRooms.Server.dll
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = dir.Name;
        var configuration = dir.Parent?.Name;
        var root = dir.Parent?.Parent?.Parent?.Parent?.Parent;
        if (root is null || configuration is null)
            return null;
        var dll = Path.Combine(root.FullName, "src", "FakeRooms.Server", "bin", configuration, framework, "FakeRooms.Server.dll");
        return File.Exists(dll) ? dll : null;
    }

    /// <summary>The SDK's HTTP layer with nothing behind it: every request answers the same 201 body.</summary>
    private sealed class CannedHandler(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.Created)
            {
                RequestMessage = request,
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            });
    }

    /// <summary>
    /// The floor of an SDK call: a client that answers every request with one canned 201 body, no fake at all. The SDK
    /// still builds the request, serialises the form and parses the JSON.
    /// </summary>
    private sealed class CannedClient(string accountSid, string body) : ITwilioRestClient
    {
        public string AccountSid => accountSid;
        public string Region => null!;
        public Twilio.Http.HttpClient HttpClient => null!;

        public Twilio.Http.Response Request(Twilio.Http.Request request) => new(HttpStatusCode.Created, body);

        public Task<Twilio.Http.Response> RequestAsync(Twilio.Http.Request request) => Task.FromResult(Request(request));
    }
}
