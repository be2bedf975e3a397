using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FakeRooms.Server.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Server.Tests;

/// <summary>
/// <c>--persist</c> with recordings: a stopped and restarted server answers the same recordings, compositions, hooks
/// and settings, then finishes the composition it had enqueued and keeps recording the live track.
/// </summary>
public sealed class RecordingsPersistTests
{
    private static readonly string[] Paths =
    [
        "/v1/Recordings", "/v1/Rooms/live/Recordings", "/v1/Rooms/live/RecordingRules", "/v1/Compositions", "/v1/CompositionHooks",
        "/v1/RecordingSettings/Default", "/v1/CompositionSettings/Default",
    ];

    /// <param name="crash">
    /// Killed with SIGKILL instead of stopped: the state comes back from the log of changes, replayed at their times,
    /// identical to what a clean stop writes (issue 14, item 10).
    /// </param>
    [TestCase(false)]
    [TestCase(true)]
    public async Task Persist_keeps_recordings_compositions_hooks_and_settings_across_a_restart_and_runs_their_pending_steps(bool crash)
    {
        var file = Path.Combine(Path.GetTempPath(), $"fakerooms-{TestContext.CurrentContext.Test.ID}-recordings.json");
        File.Delete(file);
        File.Delete(file + ".log");
        List<string> before;
        string composition;
        await using (var first = await StandaloneServer.StartAsync("--persist", file, "--clock", "manual", "--quiet"))
        {
            using var http = Client(first);
            await Post(http, "/v1/RecordingSettings/Default", "FriendlyName=persisted");
            await Post(http, "/v1/CompositionHooks", "FriendlyName=persisted-hook&AudioSources=*&Enabled=false");
            await Post(http, "/v1/Rooms", "UniqueName=ended&RecordParticipantsOnConnect=true");
            await Post(http, "/v1/Rooms", "UniqueName=live&RecordParticipantsOnConnect=true");
            await Post(http, "/__fakerooms/rooms/ended/participants", "Identity=alice");
            await Post(http, "/__fakerooms/rooms/ended/participants/alice/tracks", "Kind=audio&Name=mic");
            await Post(http, "/__fakerooms/rooms/live/participants", "Identity=bob");
            await Post(http, "/__fakerooms/rooms/live/participants/bob/tracks", "Kind=audio&Name=mic");
            await Post(http, "/__fakerooms/clock/advance", "Seconds=20");
            await Post(http, "/v1/Rooms/ended", "Status=completed");
            await Post(http, "/__fakerooms/clock/advance", "Seconds=30");
            var ended = JObject.Parse(await http.GetStringAsync("/v1/Rooms?Status=completed"))["rooms"]![0]!.Value<string>("sid");
            composition = (await Post(http, "/v1/Compositions", $"RoomSid={ended}&AudioSources=*")).Value<string>("sid")!;
            before = await Observe(first, http);
            if (crash)
            {
                first.Process.Kill();
                await first.Process.WaitForExitAsync();
            }
            else
            {
                (await first.StopAsync()).Should().Be(0);
                await first.WaitForLineAsync(l => l == $"State written to {file}");
            }
        }

        await using var second = await StandaloneServer.StartAsync("--persist", file, "--clock", "manual", "--quiet");
        using var again = Client(second);
        var after = await Observe(second, again);
        await Post(again, "/__fakerooms/clock/advance", "Seconds=30");
        await Post(again, "/__fakerooms/rooms/live/participants/bob/tracks/mic/unpublish", "");
        await Post(again, "/__fakerooms/clock/advance", "Seconds=30");
        var composed = JObject.Parse(await again.GetStringAsync($"/v1/Compositions/{composition}"));
        var live = JObject.Parse(await again.GetStringAsync("/v1/Rooms/live/Recordings"))["recordings"]!.Single();

        after.Should().Equal(before);
        before.Should().Contain(b => b.Contains("\"status\":\"enqueued\"", StringComparison.Ordinal));
        composed.Value<string>("status").Should().Be("completed");
        live.Value<string>("status").Should().Be("completed");
        live.Value<int>("duration").Should().Be(80, "bob's mic was recorded from the start until he unpublished it after the restart");
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

    private static async Task<JObject> Post(HttpClient http, string path, string form)
    {
        using var answer = await http.PostAsync(path, new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
        var text = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().BeOneOf([HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Accepted], text);
        return JObject.Parse(text);
    }

    private static async Task<List<string>> Observe(StandaloneServer server, HttpClient http)
    {
        var bodies = new List<string>();
        foreach (var path in Paths)
            bodies.Add((await http.GetStringAsync(path)).Replace(server.Url, "{fake}", StringComparison.Ordinal));
        return bodies;
    }
}
