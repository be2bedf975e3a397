using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FakeRooms.Server.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Server.Tests.Robustness;

/// <summary>
/// A soak run of the standalone server on loopback: mixed traffic (REST calls that succeed and that fail on purpose,
/// control calls, clock advances, a reset every so often so the state stays bounded) for a fixed number of requests
/// and no longer than a fixed time. Zero answers other than the expected ones; the server's memory (VmRSS from
/// /proc) stays under a bound and, in the long mode, levels off.
/// CI: a few thousand requests. Long mode:
/// <code>FAKEROOMS_SOAK_REQUESTS=200000 FAKEROOMS_SOAK_SECONDS=1800 dotnet test tests/FakeRooms.Server.Tests --filter Category=Soak</code>
/// </summary>
[Category("Soak")]
[NonParallelizable]
public sealed class SoakTests
{
    private const int Workers = 8;

    /// <summary>A reset every this many requests keeps the rooms (kept forever otherwise) bounded.</summary>
    private const int ResetEvery = 2_000;

    private static int Setting(string name, int ciValue) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : ciValue;

    private enum Op
    {
        Create, CreateDuplicate, Fetch, FetchMissing, List, BadPageSize, Complete, Unauthenticated, Connect, Publish,
        Disconnect, ListParticipants, Advance,
    }

    private static readonly (Op Op, int Weight)[] Mix =
    [
        (Op.Create, 16), (Op.CreateDuplicate, 3), (Op.Fetch, 14), (Op.FetchMissing, 4), (Op.List, 10), (Op.BadPageSize, 3),
        (Op.Complete, 8), (Op.Unauthenticated, 3), (Op.Connect, 14), (Op.Publish, 10), (Op.Disconnect, 6),
        (Op.ListParticipants, 6), (Op.Advance, 3),
    ];

    /// <summary>What each operation may answer: success, or the refusal it is designed (or raced) to get.</summary>
    private static readonly Dictionary<Op, int[]> Expected = new()
    {
        [Op.Create] = [201],
        [Op.CreateDuplicate] = [201, 400],
        [Op.Fetch] = [200, 404],
        [Op.FetchMissing] = [404],
        [Op.List] = [200],
        [Op.BadPageSize] = [400],
        [Op.Complete] = [202, 400, 404],
        [Op.Unauthenticated] = [401],
        [Op.Connect] = [201, 400, 404],
        [Op.Publish] = [201, 400, 404, 409],
        [Op.Disconnect] = [200, 404],
        [Op.ListParticipants] = [200, 404],
        [Op.Advance] = [200],
    };

    [Test]
    public async Task Mixed_traffic_gets_only_expected_answers_and_memory_levels_off()
    {
        var requests = Setting("FAKEROOMS_SOAK_REQUESTS", 5_000);
        var seconds = Setting("FAKEROOMS_SOAK_SECONDS", 120);
        var longMode = requests >= 50_000;
        TestContext.Progress.WriteLine($"Soak: {requests} requests, at most {seconds} s, {Workers} workers");

        await using var server = await StandaloneServer.StartAsync("--clock", "manual", "--quiet");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Workers, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{server.AccountSid}:{server.AuthToken}")));

        var rooms = new ConcurrentQueue<string>();
        var participants = new ConcurrentQueue<(string Room, string Sid)>();
        var unexpected = new ConcurrentQueue<string>();
        var counts = new ConcurrentDictionary<(Op, int), int>();
        var rss = new ConcurrentQueue<(int Done, long Kb)>();
        var next = -1;
        var finished = 0;
        var stopwatch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var sampleEvery = Math.Max(1, requests / 40);
        rss.Enqueue((0, Rss(server.Process.Id)));

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(1000 + worker);
            while (stopwatch.Elapsed < deadline)
            {
                var n = Interlocked.Increment(ref next);
                if (n >= requests)
                    break;
                if (n > 0 && n % ResetEvery == 0)
                {
                    await Expect(http.PostAsync("/__fakerooms/reset", new FormUrlEncodedContent([])), 200, "reset", unexpected);
                    rooms.Clear();
                    participants.Clear();
                    Interlocked.Increment(ref finished);
                    continue;
                }
                if (n % sampleEvery == 0)
                    rss.Enqueue((n, Rss(server.Process.Id)));
                var op = Pick(random);
                var status = await Run(http, op, random, rooms, participants, unexpected);
                counts.AddOrUpdate((op, status), 1, (_, c) => c + 1);
                if (status >= 0 && !Expected[op].Contains(status))
                    unexpected.Enqueue($"{op} answered {status}");
                Interlocked.Increment(ref finished);
            }
        })));
        rss.Enqueue((Math.Min(next, requests), Rss(server.Process.Id)));

        var done = Math.Min(next, requests);
        var samples = rss.OrderBy(s => s.Done).ToList();
        TestContext.Progress.WriteLine($"Soak: {done} requests in {stopwatch.Elapsed.TotalSeconds:F0} s; " +
                                       $"RSS MB {string.Join(" ", samples.Select(s => (s.Kb / 1024).ToString(CultureInfo.InvariantCulture)))}");
        TestContext.Progress.WriteLine("Soak answers: " + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key.Item1} {c.Key.Item2}: {c.Value}")));

        finished.Should().Be(requests, "the soak runs all of its {0} requests within {1} s, or it proves less than it says", requests, seconds);
        unexpected.Should().BeEmpty("every answer is one the operation can get");
        counts.Keys.Should().NotContain(k => k.Item2 >= 500);
        (await http.GetAsync("/__fakerooms/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        samples.Max(s => s.Kb).Should().BeLessThan(1024 * 1024, "the server stays under 1 GB of resident memory");
        if (longMode)
        {
            // Levels off: after warm-up, the last quarter's peak is not much above the second quarter's.
            var second = samples.Where(s => s.Done >= done / 4 && s.Done < done / 2).Max(s => s.Kb);
            var last = samples.Where(s => s.Done >= done * 3 / 4).Max(s => s.Kb);
            last.Should().BeLessThan(second * 5 / 4 + 32 * 1024, "memory levels off once the journal is full and resets bound the rooms");
        }
    }

    private static Op Pick(Random random)
    {
        var roll = random.Next(Mix.Sum(m => m.Weight));
        return Mix.First(m => (roll -= m.Weight) < 0).Op;
    }

    private static T? Any<T>(ConcurrentQueue<T> queue, Random random)
    {
        var items = queue.ToArray();
        return items.Length == 0 ? default : items[items.Length - 1 - random.Next(Math.Min(items.Length, 50))];
    }

    /// <summary>Runs one operation; returns the status, or -1 when it had nothing to act on.</summary>
    private static async Task<int> Run(HttpClient http, Op op, Random random, ConcurrentQueue<string> rooms,
        ConcurrentQueue<(string Room, string Sid)> participants, ConcurrentQueue<string> unexpected)
    {
        var room = Any(rooms, random);
        var participant = Any(participants, random);
        try
        {
            switch (op)
            {
                case Op.Create:
                {
                    using var response = await http.PostAsync("/v1/Rooms", Form(("EmptyRoomTimeout", "1"), ("UnusedRoomTimeout", "1")));
                    if (response.StatusCode == HttpStatusCode.Created)
                        rooms.Enqueue((await Json(response)).Value<string>("sid")!);
                    return (int)response.StatusCode;
                }
                case Op.CreateDuplicate:
                {
                    using var response = await http.PostAsync("/v1/Rooms", Form(("UniqueName", "dup" + random.Next(5))));
                    return (int)response.StatusCode;
                }
                case Op.Fetch when room is not null:
                    return await Status(http.GetAsync($"/v1/Rooms/{room}"));
                case Op.FetchMissing:
                    return await Status(http.GetAsync("/v1/Rooms/RM00000000000000000000000000000000"));
                case Op.List:
                    return await Status(http.GetAsync($"/v1/Rooms?Status={(random.Next(2) == 0 ? "completed" : "in-progress")}&PageSize=20"));
                case Op.BadPageSize:
                    return await Status(http.GetAsync("/v1/Rooms?PageSize=0"));
                case Op.Complete when room is not null:
                    return await Status(http.PostAsync($"/v1/Rooms/{room}", Form(("Status", "completed"))));
                case Op.Unauthenticated:
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("AC0:nope"u8.ToArray()));
                    return await Status(http.SendAsync(request));
                }
                case Op.Connect when room is not null:
                {
                    using var response = await http.PostAsync($"/__fakerooms/rooms/{room}/participants", Form(("Identity", "user" + random.Next(8))));
                    if (response.StatusCode == HttpStatusCode.Created)
                        participants.Enqueue((room, (await Json(response)).Value<string>("sid")!));
                    return (int)response.StatusCode;
                }
                case Op.Publish when participant != default:
                    return await Status(http.PostAsync($"/__fakerooms/rooms/{participant.Room}/participants/{participant.Sid}/tracks",
                        Form(("Kind", random.Next(2) == 0 ? "audio" : "video"), ("Name", "t" + random.Next(3)))));
                case Op.Disconnect when participant != default:
                    return await Status(http.PostAsync($"/__fakerooms/rooms/{participant.Room}/participants/{participant.Sid}/disconnect", Form()));
                case Op.ListParticipants when room is not null:
                    return await Status(http.GetAsync($"/v1/Rooms/{room}/Participants?PageSize=10"));
                case Op.Advance:
                    return await Status(http.PostAsync("/__fakerooms/clock/advance", Form(("Seconds", random.Next(0, 30).ToString(CultureInfo.InvariantCulture)))));
                default:
                    return -1;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            unexpected.Enqueue($"{op} failed: {e.Message}");
            return -2;
        }
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    private static async Task<int> Status(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        await response.Content.ReadAsByteArrayAsync();
        return (int)response.StatusCode;
    }

    private static async Task<JObject> Json(HttpResponseMessage response) => JObject.Parse(await response.Content.ReadAsStringAsync());

    private static async Task Expect(Task<HttpResponseMessage> send, int status, string what, ConcurrentQueue<string> unexpected)
    {
        var got = await Status(send);
        if (got != status)
            unexpected.Enqueue($"{what} answered {got}");
    }

    /// <summary>The process's resident set size in KB, from /proc/PID/status (Linux).</summary>
    private static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return 0;
    }
}
