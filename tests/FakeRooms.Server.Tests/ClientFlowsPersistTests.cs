using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FakeRooms.Server.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Server.Tests;

/// <summary>
/// <c>--persist</c> with the client-flow resources: a participant's subscribe rules, a room's transcription and a
/// reconnecting participant survive a crash (the first restart replays the log and compacts it into a snapshot) and a
/// second restart (from that snapshot alone).
/// </summary>
public sealed class ClientFlowsPersistTests
{
    private static readonly string[] Paths =
    [
        "/v1/Rooms/live/Participants/alice/SubscribeRules", "/v1/Rooms/live/Participants/alice/SubscribedTracks",
        "/v1/Rooms/live/Transcriptions", "/v1/Rooms/live/Participants?Status=reconnecting",
    ];

    [Test]
    public async Task Subscribe_rules_a_transcription_and_a_reconnecting_participant_survive_a_crash_and_two_restarts()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fakerooms-{TestContext.CurrentContext.Test.ID}-clientflows.json");
        File.Delete(file);
        File.Delete(file + ".log");
        List<string> before;
        await using (var first = await StandaloneServer.StartAsync("--persist", file, "--clock", "manual", "--quiet"))
        {
            using var http = Client(first);
            await Post(http, "/v1/Rooms", "UniqueName=live");
            await Post(http, "/__fakerooms/rooms/live/participants", "Identity=alice");
            await Post(http, "/__fakerooms/rooms/live/participants", "Identity=bob");
            await Post(http, "/__fakerooms/rooms/live/participants/bob/tracks", "Kind=audio&Name=mic");
            await Post(http, "/__fakerooms/rooms/live/participants/bob/tracks", "Kind=video&Name=camera");
            await Post(http, "/v1/Rooms/live/Participants/alice/SubscribeRules",
                "Rules=" + Uri.EscapeDataString("[{\"type\":\"include\",\"kind\":\"audio\",\"priority\":\"high\"}]"));
            await Post(http, "/v1/Rooms/live/Transcriptions", "Configuration=" + Uri.EscapeDataString("{\"languageCode\":\"en-US\"}"));
            await Post(http, "/__fakerooms/clock/advance", "Seconds=10");
            await Post(http, "/__fakerooms/rooms/live/participants", "Identity=carol");
            await Post(http, "/__fakerooms/rooms/live/participants/carol/lose-connection", "");
            before = await Observe(first, http);
            first.Process.Kill();   // SIGKILL: the state comes back from the log
            await first.Process.WaitForExitAsync();
        }

        List<string> afterReplay;
        await using (var second = await StandaloneServer.StartAsync("--persist", file, "--clock", "manual", "--quiet"))
        {
            using var again = Client(second);
            afterReplay = await Observe(second, again);
            second.Process.Kill();  // the start compacted the log into the snapshot; nothing changed since
            await second.Process.WaitForExitAsync();
        }
        (await File.ReadAllLinesAsync(file + ".log")).Should().ContainSingle("the second start compacted the log into the snapshot: only the header is left");
        (await File.ReadAllTextAsync(file)).Should().Contain("\"subscribe_rules\"").And.Contain("\"running_since\"").And.Contain("\"reconnect_deadline\"");

        await using var third = await StandaloneServer.StartAsync("--persist", file, "--clock", "manual", "--quiet");
        using var last = Client(third);
        var afterSnapshot = await Observe(third, last);
        await Post(last, "/__fakerooms/clock/advance", "Seconds=60");
        var disconnected = JObject.Parse(await last.GetStringAsync("/v1/Rooms/live/Participants?Status=disconnected"))["participants"]!;

        afterReplay.Should().Equal(before);
        afterSnapshot.Should().Equal(before);
        JObject.Parse(before[1])["subscribed_tracks"]!.Select(t => t.Value<string>("name")).Should().Equal("mic");
        JObject.Parse(before[2])["transcriptions"]!.Single().Value<string>("status").Should().Be("started");
        JObject.Parse(before[3])["participants"]!.Select(p => p.Value<string>("identity")).Should().Equal("carol");
        disconnected.Select(p => p.Value<string>("identity")).Should().Equal(["carol"], "the restored reconnection window ran out");
        File.Delete(file);
        File.Delete(file + ".log");
    }

    private static HttpClient Client(StandaloneServer server)
    {
        var client = new HttpClient { BaseAddress = new Uri(server.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{server.AccountSid}:{server.AuthToken}")));
        return client;
    }

    private static async Task Post(HttpClient http, string path, string form)
    {
        using var answer = await http.PostAsync(path, new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
        answer.StatusCode.Should().BeOneOf([HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Accepted], await answer.Content.ReadAsStringAsync());
    }

    private static async Task<List<string>> Observe(StandaloneServer server, HttpClient http)
    {
        var bodies = new List<string>();
        foreach (var path in Paths)
            bodies.Add((await http.GetStringAsync(path)).Replace(server.Url, "{fake}", StringComparison.Ordinal));
        return bodies;
    }
}
