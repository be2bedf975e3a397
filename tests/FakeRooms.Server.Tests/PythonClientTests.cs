using System.Diagnostics;
using FakeRooms.Server.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Server.Tests;

/// <summary>
/// A real client in a third language: the official twilio-python package as Debian ships it (<c>python3-twilio</c>,
/// 7.x; <c>.ci/run</c> installs it) drives the standalone server through python/rooms.py, pointed at the fake with
/// <c>client.video.base_url = url</c>.
/// </summary>
public sealed class PythonClientTests
{
    // Debian's interpreter: the one python3-twilio installs into (another python3 may come first on PATH).
    private const string Python = "/usr/bin/python3";

    private static string ScriptDirectory => Path.Combine(Repository.Root, "tests", "FakeRooms.Server.Tests", "python");

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = ScriptDirectory };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        // Region/edge variables would rewrite the host; a proxy variable would send loopback calls to the proxy.
        foreach (var name in new[] { "TWILIO_REGION", "TWILIO_EDGE", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy" })
            info.Environment.Remove(name);
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new AssertionException($"{Python} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Test]
    public async Task Official_twilio_python_sdk_creates_fetches_pages_completes_and_gets_twilio_error_codes()
    {
        if (!File.Exists(Python))
            Assert.Fail($"{Python} is missing: apt-get install -y python3-twilio (.ci/run installs it)");
        var probe = await Run(new Dictionary<string, string>(), "-c", "import twilio; print(twilio.__version__)");
        probe.Exit.Should().Be(0, $"twilio-python must be installed (apt-get install -y python3-twilio):\n{probe.Stderr}");

        await using var server = await StandaloneServer.StartAsync("--quiet", "--clock", "manual", "--start-time", "2026-01-05T09:00:00Z");
        var python = await Run(new Dictionary<string, string>
        {
            ["FAKEROOMS_URL"] = server.Url,
            ["FAKEROOMS_ACCOUNT_SID"] = server.AccountSid,
            ["FAKEROOMS_AUTH_TOKEN"] = server.AuthToken,
        }, "rooms.py");

        python.Exit.Should().Be(0, python.Stderr);
        using var reader = new JsonTextReader(new StringReader(python.Stdout)) { DateParseHandling = DateParseHandling.None };
        var result = JObject.Load(reader);
        result.Value<string>("version").Should().StartWith("7.", "Debian's python3-twilio is twilio-python 7.x");
        var created = result["created"]!;
        var sid = created.Value<string>("sid");
        sid.Should().MatchRegex("^RM[0-9a-f]{32}$");
        created.Value<string>("uniqueName").Should().Be("python standup");
        created.Value<string>("status").Should().Be("in-progress");
        created.Value<string>("type").Should().Be("group");
        created.Value<int>("maxParticipants").Should().Be(8);
        created["videoCodecs"]!.Values<string>().Should().Equal("VP8", "H264");
        created.Value<string>("url").Should().Be($"{server.Url}/v1/Rooms/{sid}");
        created.Value<string>("dateCreated").Should().Be("2026-01-05T09:00:00+00:00", "python parsed Twilio's date format into a datetime");
        result.Value<string>("bySid").Should().Be(sid);
        result.Value<string>("byName").Should().Be(sid);
        result["listed"]!.Values<string>().Should().Equal("python-4", "python-3", "python-2", "python-1", "python-0", "python standup");
        result["firstPage"]!["names"]!.Values<string>().Should().Equal("python-4", "python-3", "python-2", "python-1");
        result["firstPage"]!.Value<string>("nextPageUrl").Should().StartWith($"{server.Url}/v1/Rooms?PageSize=4&Page=1&PageToken=");
        result["secondPage"]!.Values<string>().Should().Equal("python-0", "python standup");
        result["completed"]!.Value<string>("status").Should().Be("completed");
        result["completed"]!.Value<int>("duration").Should().Be(0);

        var errors = result["errors"]!;
        (string?, int, int) Error(string name) =>
            (errors[name]!.Value<string>("name"), errors[name]!.Value<int>("status"), errors[name]!.Value<int>("code"));
        Error("duplicate").Should().Be(("TwilioRestException", 400, 53113));
        errors["duplicate"]!.Value<string>("message").Should().Be("Unable to create record: Room exists");
        Error("missing").Should().Be(("TwilioRestException", 404, 20404));
        Error("completeAgain").Should().Be(("TwilioRestException", 400, 53112));
        Error("wrongToken").Should().Be(("TwilioRestException", 401, 20003));
    }
}
