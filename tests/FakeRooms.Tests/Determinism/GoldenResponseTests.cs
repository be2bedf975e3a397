using System.Net.Http.Headers;
using System.Text;
using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Determinism;

/// <summary>
/// Same seed and start time give byte-identical response bodies (issue 2 §5), checked two ways: two fresh servers
/// answer one scenario identically, and the answers equal the golden files under <c>fixtures/golden/</c>. Set
/// <c>FAKEROOMS_UPDATE_GOLDEN=1</c> to rewrite the files (then review the diff). Each test starts its own fresh servers
/// (a fixture's shared fake has a clock that other tests move), so this class does not use the shared fixture.
/// </summary>
public sealed class GoldenResponseTests
{
    /// <summary>The seed the golden files were made with (see fixtures/README.md).</summary>
    public const int GoldenSeed = 20260105;

    /// <summary>The start time the golden files were made with.</summary>
    public static readonly DateTimeOffset GoldenStart = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static Task<FakeRoomsServer> StartGoldenServer() => FakeRoomsServer.StartAsync(o =>
    {
        o.Seed = GoldenSeed;
        o.StartTime = GoldenStart;
        // Twilio's own host, so the bodies do not depend on the port the fake got.
        o.PublicBaseUrl = "https://video.twilio.com";
    });

    /// <summary>The scenario: each step's name (the golden file) and the body the fake answered.</summary>
    private static async Task<List<(string Name, int Status, string Body)>> RunScenario(FakeRoomsServer fake)
    {
        using var http = new HttpClient { BaseAddress = new Uri(fake.Url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}")));
        var steps = new List<(string, int, string)>();

        async Task Step(string name, HttpMethod method, string path, string? form = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (form is not null)
                request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await http.SendAsync(request);
            steps.Add((name, (int)response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        await Step("create-room.json", HttpMethod.Post, "/v1/Rooms",
            "UniqueName=golden+room&MaxParticipants=10&VideoCodecs=VP8&VideoCodecs=H264&StatusCallback=http%3A%2F%2F127.0.0.1%3A9%2Fcb");
        fake.Clock.Advance(TimeSpan.FromSeconds(30));
        await Step("create-second-room.json", HttpMethod.Post, "/v1/Rooms", "Type=group-small");
        fake.Clock.Advance(TimeSpan.FromSeconds(30));
        await Step("fetch-room.json", HttpMethod.Get, "/v1/Rooms/golden%20room");
        await Step("list-rooms-page.json", HttpMethod.Get, "/v1/Rooms?Status=in-progress&PageSize=1");
        await Step("error-53113.json", HttpMethod.Post, "/v1/Rooms", "UniqueName=golden+room");
        fake.Clock.Advance(TimeSpan.FromSeconds(61));
        await Step("update-room.json", HttpMethod.Post, "/v1/Rooms/golden%20room", "Status=completed");
        return steps;
    }

    [Test]
    public async Task Two_fresh_servers_with_the_same_seed_and_start_give_byte_identical_bodies()
    {
        await using var first = await StartGoldenServer();
        await using var second = await StartGoldenServer();

        var a = await RunScenario(first);
        var b = await RunScenario(second);

        first.Port.Should().NotBe(second.Port);
        b.Should().Equal(a);
        a.Select(s => s.Status).Should().Equal(201, 201, 200, 200, 400, 202);
    }

    [Test]
    public async Task A_different_seed_gives_different_sids()
    {
        await using var golden = await StartGoldenServer();
        await using var other = await FakeRoomsServer.StartAsync(o =>
        {
            o.Seed = GoldenSeed + 1;
            o.StartTime = GoldenStart;
            o.PublicBaseUrl = "https://video.twilio.com";
        });

        var a = await RunScenario(golden);
        var b = await RunScenario(other);

        other.AccountSid.Should().NotBe(golden.AccountSid);
        b[0].Body.Should().NotBe(a[0].Body);
    }

    [Test]
    public async Task Responses_equal_the_golden_files_byte_for_byte()
    {
        await using var fake = await StartGoldenServer();
        var steps = await RunScenario(fake);
        var directory = Path.Combine(RepositoryRoot(), "fixtures", "golden");

        if (Environment.GetEnvironmentVariable("FAKEROOMS_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(directory);
            foreach (var (name, _, body) in steps)
                await File.WriteAllBytesAsync(Path.Combine(directory, name), Encoding.UTF8.GetBytes(body));
            Assert.Inconclusive($"Golden files rewritten in {directory}; review the diff and run again without FAKEROOMS_UPDATE_GOLDEN.");
        }

        foreach (var (name, _, body) in steps)
        {
            var path = Path.Combine(directory, name);
            File.Exists(path).Should().BeTrue($"{path} is a golden file (run with FAKEROOMS_UPDATE_GOLDEN=1 to create it)");
            var expected = await File.ReadAllBytesAsync(path);
            Encoding.UTF8.GetBytes(body).Should().Equal(expected, $"{name} must match the golden file byte for byte:\n{body}");
        }
    }

    [Test]
    public async Task Golden_bodies_are_valid_twilio_json()
    {
        await using var fake = await StartGoldenServer();

        var steps = await RunScenario(fake);

        steps.Single(s => s.Name == "error-53113.json").Body.Should().Be(
            "{\"code\":53113,\"message\":\"Room exists\",\"more_info\":\"https://www.twilio.com/docs/errors/53113\",\"status\":400}");
        foreach (var (name, _, body) in steps)
            FluentActions.Invoking(() => Answer.Parse(body)).Should().NotThrow(name);
    }

    /// <summary>The directory that holds FakeRooms.sln, found from the test binaries upwards.</summary>
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FakeRooms.sln")))
                return dir.FullName;
        throw new InvalidOperationException("FakeRooms.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
