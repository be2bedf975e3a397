using FakeRooms.Hosting;
using Newtonsoft.Json;

namespace FakeRooms.Server.Tests;

/// <summary>
/// The standalone process skips WireMock's serialization of its settings at start (Hosting/WireMockAdapter.cs,
/// <c>OwnsProcess</c>) by setting Newtonsoft's process-wide default for the start only: it must be given back.
/// </summary>
[NonParallelizable]
public sealed class StartupCostTests
{
    [Test]
    public async Task A_start_in_a_process_the_fake_owns_gives_newtonsofts_default_settings_back()
    {
        Func<JsonSerializerSettings> mine = () => new JsonSerializerSettings { Formatting = Formatting.Indented };
        var before = JsonConvert.DefaultSettings;
        JsonConvert.DefaultSettings = mine;
        WireMockAdapter.OwnsProcess = true;
        try
        {
            await using var fake = await FakeRoomsServer.StartAsync();
            using var http = new HttpClient(fake.CreateHttpMessageHandler());

            JsonConvert.DefaultSettings.Should().BeSameAs(mine);
            JsonConvert.SerializeObject(new { a = 1 }).Should().Be("{\n  \"a\": 1\n}".ReplaceLineEndings(Environment.NewLine));
            using var answer = await http.GetAsync(fake.Url + "/v1/Rooms");
            answer.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized, "the fake started and answers");
        }
        finally
        {
            WireMockAdapter.OwnsProcess = false;
            JsonConvert.DefaultSettings = before;
        }
    }

    [Test]
    public async Task A_start_in_a_test_process_leaves_newtonsofts_default_alone_throughout()
    {
        long looks = 0, others = 0;
        Func<JsonSerializerSettings> mine = () => new JsonSerializerSettings();
        var before = JsonConvert.DefaultSettings;
        JsonConvert.DefaultSettings = mine;
        try
        {
            using var watching = new CancellationTokenSource();
            var watcher = Task.Run(() =>
            {
                while (!watching.IsCancellationRequested)
                {
                    looks++;
                    if (!ReferenceEquals(JsonConvert.DefaultSettings, mine))
                        others++;
                }
            });
            await using (await FakeRoomsServer.StartAsync())
            {
            }
            await watching.CancelAsync();
            await watcher;

            looks.Should().BePositive();
            others.Should().Be(0, "another thread of a test process may serialize meanwhile");
        }
        finally
        {
            JsonConvert.DefaultSettings = before;
        }
    }
}
