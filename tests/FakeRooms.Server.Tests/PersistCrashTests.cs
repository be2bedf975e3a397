using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FakeRooms.Server.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Server.Tests;

/// <summary>
/// <c>--persist</c> survives a crash (issue 14, item 10): every change the server acknowledged before a SIGKILL is
/// there after a restart on the same file; a torn last record does not stop the restart; a corrupt record in the middle
/// is refused with one line.
/// </summary>
public sealed class PersistCrashTests
{
    private const int Clients = 4;

    private static string TempFile(string name) =>
        Path.Combine(Path.GetTempPath(), $"fakerooms-{TestContext.CurrentContext.Test.ID}-{name}");

    private static void DeleteState(string file)
    {
        foreach (var path in new[] { file, file + ".log", file + ".tmp", file + ".log.tmp" })
            File.Delete(path);
    }

    private static HttpClient Client(StandaloneServer server)
    {
        var client = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{server.AccountSid}:{server.AuthToken}")));
        return client;
    }

    private static async Task<(HttpStatusCode Status, JObject? Json)> Post(HttpClient http, string path, string form)
    {
        using var answer = await http.PostAsync(path, new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
        var text = await answer.Content.ReadAsStringAsync();
        return (answer.StatusCode, text.StartsWith('{') ? JObject.Parse(text) : null);
    }

    [Test]
    public async Task Every_acknowledged_create_completion_and_join_survives_a_sigkill_in_the_middle_of_traffic()
    {
        var file = TempFile("crash.json");
        DeleteState(file);
        var created = new ConcurrentDictionary<string, string>();   // room SID -> unique name
        var completed = new ConcurrentBag<string>();
        var joined = new ConcurrentBag<(string Room, string Participant)>();
        var acknowledged = 0;

        await using (var first = await StandaloneServer.StartAsync("--persist", file, "--quiet"))
        {
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
            {
                using var http = Client(first);
                // Bounded: at most 2,000 rounds per client; the kill ends it long before.
                for (var i = 0; i < 2000; i++)
                {
                    try
                    {
                        var (status, room) = await Post(http, "/v1/Rooms", $"UniqueName=c{c}-{i}");
                        if (status != HttpStatusCode.Created)
                            throw new AssertionException($"create answered {status}");
                        var sid = room!.Value<string>("sid")!;
                        created[sid] = $"c{c}-{i}";
                        if (i % 2 == 0)
                        {
                            var (joinStatus, participant) = await Post(http, $"/__fakerooms/rooms/{sid}/participants", $"Identity=p{c}-{i}");
                            if (joinStatus != HttpStatusCode.Created)
                                throw new AssertionException($"join answered {joinStatus}");
                            joined.Add((sid, participant!.Value<string>("sid")!));
                        }
                        if (i % 3 == 0)
                        {
                            var (completeStatus, _) = await Post(http, $"/v1/Rooms/{sid}", "Status=completed");
                            if (completeStatus is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
                                throw new AssertionException($"complete answered {completeStatus}");
                            completed.Add(sid);
                        }
                        if (Interlocked.Increment(ref acknowledged) == 150)
                            enough.TrySetResult();
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        return;   // the server is gone: the kill happened
                    }
                }
            })).ToList();

            var all = Task.WhenAll(clients);
            await Task.WhenAny(enough.Task, all).WaitAsync(TimeSpan.FromSeconds(60));
            if (all.IsFaulted)
                await all;   // a client saw an unexpected answer: report it
            first.Process.Kill();   // SIGKILL, with every client still sending
            await first.Process.WaitForExitAsync();
            await all.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await using var second = await StandaloneServer.StartAsync("--persist", file, "--quiet");
        using var again = Client(second);
        var missing = new List<string>();
        foreach (var (sid, name) in created)
        {
            using var answer = await again.GetAsync($"/v1/Rooms/{sid}");
            var room = JObject.Parse(await answer.Content.ReadAsStringAsync());
            if (answer.StatusCode != HttpStatusCode.OK || room.Value<string>("unique_name") != name)
                missing.Add($"room {sid} ({name}): {answer.StatusCode}");
            else if (completed.Contains(sid) && room.Value<string>("status") != "completed")
                missing.Add($"room {sid} is {room.Value<string>("status")}, completion acknowledged");
        }
        foreach (var (room, participant) in joined)
        {
            using var answer = await again.GetAsync($"/v1/Rooms/{room}/Participants/{participant}");
            if (answer.StatusCode != HttpStatusCode.OK)
                missing.Add($"participant {participant} of {room}: {answer.StatusCode}");
        }

        created.Should().HaveCountGreaterThanOrEqualTo(100, "the kill came in the middle of traffic, after 150 acknowledged rounds");
        joined.Should().NotBeEmpty();
        completed.Should().NotBeEmpty();
        missing.Should().BeEmpty();
        second.Output.Should().Contain(l => l.StartsWith("Replayed ", StringComparison.Ordinal));
        DeleteState(file);
    }

    [Test]
    public async Task A_torn_last_record_is_dropped_with_one_line_and_the_rest_is_restored()
    {
        var file = TempFile("torn.json");
        DeleteState(file);
        string sid;
        await using (var first = await StandaloneServer.StartAsync("--persist", file, "--quiet"))
        {
            using var http = Client(first);
            sid = (await Post(http, "/v1/Rooms", "UniqueName=kept")).Json!.Value<string>("sid")!;
            first.Process.Kill();
            await first.Process.WaitForExitAsync();
        }
        // What a crash in the middle of a write leaves: the start of a record, no newline.
        const string torn = "{\"t\":6393220027,\"m\":\"POST\",\"p\":\"/v1/Ro";
        await File.AppendAllTextAsync(file + ".log", torn);

        await using var second = await StandaloneServer.StartAsync("--persist", file, "--quiet");
        using var again = Client(second);
        using var kept = await again.GetAsync($"/v1/Rooms/{sid}");

        kept.StatusCode.Should().Be(HttpStatusCode.OK);
        second.Output.Should().Contain($"Dropped a torn last record ({torn.Length} bytes) from {Path.GetFullPath(file)}.log");
        DeleteState(file);
    }

    [Test]
    public async Task A_corrupt_record_followed_by_others_refuses_the_start_with_one_line_and_exit_code_1()
    {
        var file = TempFile("corrupt.json");
        DeleteState(file);
        await using (var first = await StandaloneServer.StartAsync("--persist", file, "--quiet"))
        {
            using var http = Client(first);
            await Post(http, "/v1/Rooms", "UniqueName=one");
            first.Process.Kill();
            await first.Process.WaitForExitAsync();
        }
        var lines = (await File.ReadAllLinesAsync(file + ".log")).ToList();
        lines.Insert(1, "{not json");
        await File.WriteAllLinesAsync(file + ".log", lines);

        var start = () => StandaloneServer.StartAsync("--persist", file, "--quiet");

        var failure = (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message;
        failure.Should().Contain($"stderr: fakerooms: cannot load the persisted state: {Path.GetFullPath(file)}.log: record 1 is unreadable");
        DeleteState(file);
    }
}
