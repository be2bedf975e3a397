using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FakeRooms.Bench;

/// <summary>What a load run does.</summary>
internal enum LoadOp { Create, Fetch, List, Mixed }

/// <summary>
/// The parameters of one load run (also its command line in the child process). Several URLs are loaded in turns of
/// <see cref="SliceMs"/> each (server 1, 2, 3, 1, 2, 3...), so bursts of load from other processes on a shared machine
/// hit every server alike; <see cref="Requests"/> and <see cref="Seconds"/> are per server.
/// </summary>
internal sealed record LoadSpec(
    string[] Urls,
    LoadOp Op,
    int Connections,
    long Requests,
    double Seconds,
    double WarmupSeconds,
    string User,
    string Password,
    string[] FetchSids,
    int SliceMs = 0,
    long ProgressEvery = 0)
{
    public string[] ToArgs() =>
    [
        "--load", string.Join(',', Urls),
        "--op", Op.ToString().ToLowerInvariant(),
        "--connections", Connections.ToString(CultureInfo.InvariantCulture),
        "--requests", Requests.ToString(CultureInfo.InvariantCulture),
        "--seconds", Seconds.ToString(CultureInfo.InvariantCulture),
        "--warmup", WarmupSeconds.ToString(CultureInfo.InvariantCulture),
        "--user", User,
        "--password", Password,
        "--sid", string.Join(',', FetchSids),
        "--slice-ms", SliceMs.ToString(CultureInfo.InvariantCulture),
        "--progress", ProgressEvery.ToString(CultureInfo.InvariantCulture),
    ];

    public static LoadSpec Parse(string[] args)
    {
        string Value(string name) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"missing {name}");
        string? Optional(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var urls = Value("--load").Split(',');
        return new LoadSpec(
            urls,
            Enum.Parse<LoadOp>(Value("--op"), ignoreCase: true),
            int.Parse(Optional("--connections") ?? "1", CultureInfo.InvariantCulture),
            long.Parse(Optional("--requests") ?? "100000", CultureInfo.InvariantCulture),
            double.Parse(Optional("--seconds") ?? "5", CultureInfo.InvariantCulture),
            double.Parse(Optional("--warmup") ?? "1", CultureInfo.InvariantCulture),
            Optional("--user") ?? "",
            Optional("--password") ?? "",
            (Optional("--sid") ?? string.Join(',', urls.Select(_ => "RM00000000000000000000000000000000"))).Split(','),
            int.Parse(Optional("--slice-ms") ?? "0", CultureInfo.InvariantCulture),
            long.Parse(Optional("--progress") ?? "0", CultureInfo.InvariantCulture));
    }
}

/// <summary>What a load run measured against one server (the child prints a JSON array of them after <c>RESULT </c>).</summary>
internal sealed record LoadResult(
    string Url,
    string Op,
    int Connections,
    long Requests,
    long Unexpected,
    double Seconds,
    double RequestsPerSecond,
    double P50Micros,
    double P99Micros,
    long ResponseBytes,
    double[] SliceRequestsPerSecond,
    long WarmupRequests,
    Dictionary<string, long> Statuses,
    string? FirstUnexpected);

/// <summary>
/// The load generator, run in its own process (<c>--load URL[,URL...] ...</c>): per server one
/// <see cref="HttpClient"/> on a <see cref="SocketsHttpHandler"/> with <c>MaxConnectionsPerServer</c> = connections,
/// that many concurrent loops, a warm-up, then a fixed number of requests or a time cap per server, whichever comes
/// first. Every answer's status is checked.
/// </summary>
internal static class LoadClient
{
    public static async Task<int> RunAsync(LoadSpec spec)
    {
        var targets = spec.Urls.Select((url, i) => new Target(spec, url, spec.FetchSids[i])).ToArray();
        try
        {
            // Warm-up: each server in turn (JIT in this process, connections opened), nothing recorded.
            if (spec.WarmupSeconds > 0)
                foreach (var target in targets)
                    await target.SliceAsync(long.MaxValue, spec.WarmupSeconds, record: false);

            var sliceSeconds = spec.SliceMs > 0 ? spec.SliceMs / 1000.0 : spec.Seconds;
            while (targets.Any(t => !t.Done))
                foreach (var target in targets.Where(t => !t.Done))
                    await target.SliceAsync(spec.Requests - target.Completed, Math.Min(sliceSeconds, spec.Seconds - target.Seconds), record: true);

            var results = targets.Select(t => t.Result()).ToArray();
            Console.Out.WriteLine("RESULT " + JsonSerializer.Serialize(results));
            Console.Out.Flush();
            return 0;
        }
        finally
        {
            foreach (var target in targets)
                target.Dispose();
        }
    }

    private enum Kind { Create, Fetch, Missing, List }

    /// <summary>One server under load: its client, its counters, its latencies.</summary>
    private sealed class Target : IDisposable
    {
        private readonly LoadSpec _spec;
        private readonly string _fetchSid;
        private readonly HttpClient _client;
        private readonly string _uniquePrefix = "load-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-";
        private readonly List<long> _latencies = [];
        private readonly List<double> _sliceRates = [];
        private readonly long[] _statuses = new long[600];
        private long _createCounter;
        private long _issuedTotal;
        private long _unexpected;
        private long _responseBytes;
        private string? _firstUnexpected;

        public Target(LoadSpec spec, string url, string fetchSid)
        {
            _spec = spec;
            _fetchSid = fetchSid;
            Url = url;
            var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = spec.Connections,
                UseProxy = false,
                UseCookies = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            };
            _client = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{spec.User}:{spec.Password}")));
            _client.DefaultRequestHeaders.ExpectContinue = false;
        }

        public string Url { get; }

        public long Completed { get; private set; }

        public long WarmupRequests { get; private set; }

        public double Seconds { get; private set; }

        public bool Done => Completed >= _spec.Requests || Seconds >= _spec.Seconds - 1e-6;

        /// <summary>Runs the loops against this server for up to <paramref name="seconds"/> or <paramref name="requests"/>.</summary>
        public async Task SliceAsync(long requests, double seconds, bool record)
        {
            var issued = 0L;
            var completed = 0L;
            var started = Stopwatch.GetTimestamp();
            var deadline = started + (long)(seconds * Stopwatch.Frequency);
            var progressEvery = record ? _spec.ProgressEvery : 0;
            var perLoop = new List<long>[_spec.Connections];

            async Task Loop(int index)
            {
                var latencies = perLoop[index] = [];
                var buffer = new byte[64 * 1024];
                while (true)
                {
                    var n = Interlocked.Increment(ref issued);
                    if (n > requests || Stopwatch.GetTimestamp() > deadline)
                        return;
                    var (request, kind) = Build(Interlocked.Increment(ref _issuedTotal));
                    var t0 = Stopwatch.GetTimestamp();
                    using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    var length = 0;
                    int read;
                    while ((read = await body.ReadAsync(buffer)) > 0)
                        length += read;
                    var t1 = Stopwatch.GetTimestamp();
                    request.Dispose();
                    var status = (int)response.StatusCode;
                    if (record)
                    {
                        latencies.Add(t1 - t0);
                        Interlocked.Increment(ref _statuses[Math.Clamp(status, 0, _statuses.Length - 1)]);
                        Interlocked.Add(ref _responseBytes, length);
                    }
                    if (!Expected(kind, status))
                    {
                        Interlocked.Increment(ref _unexpected);
                        if (_firstUnexpected is null)
                        {
                            var text = Encoding.UTF8.GetString(buffer, 0, Math.Min(length, 300));
                            Interlocked.CompareExchange(ref _firstUnexpected, $"{kind} -> {status}: {text}", null);
                        }
                    }
                    var done = Interlocked.Increment(ref completed);
                    if (progressEvery > 0 && (Completed + done) % progressEvery == 0)
                    {
                        lock (Console.Out)
                        {
                            Console.Out.WriteLine("PROGRESS " + (Completed + done).ToString(CultureInfo.InvariantCulture));
                            Console.Out.Flush();
                        }
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, _spec.Connections).Select(i => Task.Run(() => Loop(i))));
            var elapsed = (Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency;
            if (!record)
            {
                WarmupRequests += completed;
                return;
            }
            Completed += completed;
            Seconds += elapsed;
            _sliceRates.Add(elapsed > 0 ? completed / elapsed : 0);
            foreach (var list in perLoop)
                _latencies.AddRange(list);
        }

        public LoadResult Result()
        {
            var all = _latencies.ToArray();
            Array.Sort(all);
            return new LoadResult(
                Url,
                _spec.Op.ToString(),
                _spec.Connections,
                Completed,
                _unexpected,
                Seconds,
                Seconds > 0 ? Completed / Seconds : 0,
                Stats.PercentileMicros(all, 50),
                Stats.PercentileMicros(all, 99),
                Completed == 0 ? 0 : _responseBytes / Completed,
                [.. _sliceRates],
                WarmupRequests,
                _statuses.Select((count, status) => (count, status)).Where(s => s.count > 0)
                    .ToDictionary(s => s.status.ToString(CultureInfo.InvariantCulture), s => s.count),
                _firstUnexpected);
        }

        private bool Expected(Kind kind, int status) => kind switch
        {
            // In the mixed run a create past the default in-progress quota answers 429 (53119), as Twilio does.
            Kind.Create => status == 201 || (_spec.Op == LoadOp.Mixed && status == 429),
            Kind.Missing => status == 404,
            _ => status == 200,
        };

        private (HttpRequestMessage, Kind) Build(long n)
        {
            var kind = _spec.Op switch
            {
                LoadOp.Create => Kind.Create,
                LoadOp.Fetch => Kind.Fetch,
                LoadOp.List => Kind.List,
                // Mixed: 5% create, 25% list page, 5% fetch of a missing room (404), 65% fetch.
                _ => (n % 20) switch
                {
                    0 => Kind.Create,
                    1 or 2 or 3 or 4 or 5 => Kind.List,
                    6 => Kind.Missing,
                    _ => Kind.Fetch,
                },
            };
            var request = kind switch
            {
                Kind.Create => new HttpRequestMessage(HttpMethod.Post, "/v1/Rooms")
                {
                    Content = Form($"UniqueName={_uniquePrefix}{Interlocked.Increment(ref _createCounter)}&Type=group&MaxParticipants=10"),
                },
                Kind.Fetch => new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms/" + _fetchSid),
                Kind.Missing => new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms/RM0000000000000000000000000000dead"),
                _ => new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms?PageSize=50"),
            };
            return (request, kind);
        }

        private static ByteArrayContent Form(string body)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            return content;
        }

        public void Dispose() => _client.Dispose();
    }
}
