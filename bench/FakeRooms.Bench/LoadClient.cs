using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FakeRooms.Bench;

/// <summary>What a load run does.</summary>
internal enum LoadOp { Create, Fetch, List, Mixed }

/// <summary>The parameters of one load run (also its command line in the child process).</summary>
internal sealed record LoadSpec(
    string Url,
    LoadOp Op,
    int Connections,
    long Requests,
    double Seconds,
    double WarmupSeconds,
    string User,
    string Password,
    string FetchSid,
    long ProgressEvery = 0)
{
    public string[] ToArgs() =>
    [
        "--load", Url,
        "--op", Op.ToString().ToLowerInvariant(),
        "--connections", Connections.ToString(CultureInfo.InvariantCulture),
        "--requests", Requests.ToString(CultureInfo.InvariantCulture),
        "--seconds", Seconds.ToString(CultureInfo.InvariantCulture),
        "--warmup", WarmupSeconds.ToString(CultureInfo.InvariantCulture),
        "--user", User,
        "--password", Password,
        "--sid", FetchSid,
        "--progress", ProgressEvery.ToString(CultureInfo.InvariantCulture),
    ];

    public static LoadSpec Parse(string[] args)
    {
        string Value(string name) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"missing {name}");
        string? Optional(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        return new LoadSpec(
            Value("--load"),
            Enum.Parse<LoadOp>(Value("--op"), ignoreCase: true),
            int.Parse(Optional("--connections") ?? "1", CultureInfo.InvariantCulture),
            long.Parse(Optional("--requests") ?? "100000", CultureInfo.InvariantCulture),
            double.Parse(Optional("--seconds") ?? "5", CultureInfo.InvariantCulture),
            double.Parse(Optional("--warmup") ?? "1", CultureInfo.InvariantCulture),
            Optional("--user") ?? "",
            Optional("--password") ?? "",
            Optional("--sid") ?? "RM00000000000000000000000000000000",
            long.Parse(Optional("--progress") ?? "0", CultureInfo.InvariantCulture));
    }
}

/// <summary>What a load run measured (printed by the child as one JSON line after <c>RESULT </c>).</summary>
internal sealed record LoadResult(
    string Op,
    int Connections,
    long Requests,
    long Unexpected,
    double Seconds,
    double RequestsPerSecond,
    double P50Micros,
    double P99Micros,
    long ResponseBytes,
    Dictionary<string, long> Statuses,
    string? FirstUnexpected);

/// <summary>
/// The load generator, run in its own process (<c>--load URL ...</c>): one <see cref="HttpClient"/> on a
/// <see cref="SocketsHttpHandler"/> with <c>MaxConnectionsPerServer</c> = connections, that many concurrent loops, a
/// warm-up, then a fixed number of requests or a time cap, whichever comes first. Every answer's status is checked.
/// </summary>
internal static class LoadClient
{
    public static async Task<int> RunAsync(LoadSpec spec)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = spec.Connections,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(spec.Url), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{spec.User}:{spec.Password}")));
        client.DefaultRequestHeaders.ExpectContinue = false;

        var run = new Run(spec, client);
        if (spec.WarmupSeconds > 0)
            await run.ExecuteAsync(long.MaxValue, spec.WarmupSeconds, record: false);
        var result = await run.ExecuteAsync(spec.Requests, spec.Seconds, record: true);
        Console.Out.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        Console.Out.Flush();
        return 0;
    }

    private sealed class Run(LoadSpec spec, HttpClient client)
    {
        private readonly string _uniquePrefix = "load-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-";
        private long _createCounter;

        public async Task<LoadResult> ExecuteAsync(long requests, double seconds, bool record)
        {
            var issued = 0L;
            var completed = 0L;
            var unexpected = 0L;
            var responseBytes = 0L;
            string? firstUnexpected = null;
            var statuses = new long[600];
            var perLoop = new List<long>[spec.Connections];
            var started = Stopwatch.GetTimestamp();
            var deadline = started + (long)(seconds * Stopwatch.Frequency);
            var progressEvery = record ? spec.ProgressEvery : 0;

            async Task Loop(int index)
            {
                var latencies = perLoop[index] = new List<long>(record ? (int)Math.Min(requests / spec.Connections + 16, 2_000_000) : 0);
                var buffer = new byte[64 * 1024];
                while (true)
                {
                    var n = Interlocked.Increment(ref issued);
                    if (n > requests || Stopwatch.GetTimestamp() > deadline)
                        return;
                    var (request, kind) = Build(n);
                    var t0 = Stopwatch.GetTimestamp();
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    var length = 0;
                    int read;
                    while ((read = await body.ReadAsync(buffer)) > 0)
                        length += read;
                    var t1 = Stopwatch.GetTimestamp();
                    request.Dispose();
                    if (record)
                        latencies.Add(t1 - t0);
                    var status = (int)response.StatusCode;
                    Interlocked.Increment(ref statuses[Math.Clamp(status, 0, statuses.Length - 1)]);
                    Interlocked.Add(ref responseBytes, length);
                    if (!Expected(kind, status))
                    {
                        Interlocked.Increment(ref unexpected);
                        if (firstUnexpected is null)
                        {
                            var text = Encoding.UTF8.GetString(buffer, 0, Math.Min(length, 300));
                            Interlocked.CompareExchange(ref firstUnexpected, $"{kind} -> {status}: {text}", null);
                        }
                    }
                    var done = Interlocked.Increment(ref completed);
                    if (progressEvery > 0 && done % progressEvery == 0)
                    {
                        lock (Console.Out)
                        {
                            Console.Out.WriteLine("PROGRESS " + done.ToString(CultureInfo.InvariantCulture));
                            Console.Out.Flush();
                        }
                    }
                }
            }

            var loops = Enumerable.Range(0, spec.Connections).Select(i => Task.Run(() => Loop(i))).ToArray();
            await Task.WhenAll(loops);
            var elapsed = Stopwatch.GetTimestamp() - started;

            var all = perLoop.Where(l => l is not null).SelectMany(l => l).ToArray();
            Array.Sort(all);
            var secondsTaken = elapsed / (double)Stopwatch.Frequency;
            return new LoadResult(
                spec.Op.ToString(),
                spec.Connections,
                completed,
                unexpected,
                secondsTaken,
                completed / secondsTaken,
                Stats.PercentileMicros(all, 50),
                Stats.PercentileMicros(all, 99),
                completed == 0 ? 0 : responseBytes / completed,
                statuses.Select((count, status) => (count, status)).Where(s => s.count > 0)
                    .ToDictionary(s => s.status.ToString(CultureInfo.InvariantCulture), s => s.count),
                firstUnexpected);
        }

        private enum Kind { Create, Fetch, Missing, List }

        private bool Expected(Kind kind, int status) => kind switch
        {
            // In the mixed run a create past the default in-progress quota answers 429 (53119), as Twilio does.
            Kind.Create => status == 201 || (spec.Op == LoadOp.Mixed && status == 429),
            Kind.Missing => status == 404,
            _ => status == 200,
        };

        private (HttpRequestMessage, Kind) Build(long n)
        {
            var kind = spec.Op switch
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
                Kind.Fetch => new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms/" + spec.FetchSid),
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
    }
}
