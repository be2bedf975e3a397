using System.Diagnostics;
using FakeRooms.Server.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Server.Tests;

/// <summary>
/// A real client in another language: the official <c>twilio</c> npm package 6.2.0 (lockfile in node/) drives the
/// standalone server. <c>npm ci</c> runs once into node/node_modules (git-ignored) and is reused after that.
/// </summary>
public sealed class NodeClientTests
{
    private static string NodeDirectory => Path.Combine(Repository.Root, "tests", "FakeRooms.Server.Tests", "node");

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(string file, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = NodeDirectory };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        // Region/edge variables would rewrite the host the node SDK calls (FACTS §8.4).
        info.Environment.Remove("TWILIO_REGION");
        info.Environment.Remove("TWILIO_EDGE");
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new AssertionException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static async Task EnsureTwilioInstalled()
    {
        var installed = Path.Combine(NodeDirectory, "node_modules", "twilio", "package.json");
        if (File.Exists(installed) && JObject.Parse(await File.ReadAllTextAsync(installed)).Value<string>("version") == "6.2.0")
            return;
        var npm = await Run("npm", new Dictionary<string, string>(), "ci", "--no-audit", "--no-fund");
        npm.Exit.Should().Be(0, $"npm ci must install twilio@6.2.0 from the lockfile:\n{npm.Stdout}\n{npm.Stderr}");
    }

    [Test]
    public async Task Official_twilio_node_sdk_creates_fetches_pages_completes_and_gets_twilio_error_codes()
    {
        await EnsureTwilioInstalled();
        await using var server = await StandaloneServer.StartAsync("--quiet", "--clock", "manual", "--start-time", "2026-01-05T09:00:00Z");

        var node = await Run("node", new Dictionary<string, string>
        {
            ["FAKEROOMS_URL"] = server.Url,
            ["FAKEROOMS_ACCOUNT_SID"] = server.AccountSid,
            ["FAKEROOMS_AUTH_TOKEN"] = server.AuthToken,
        }, "rooms.js");

        node.Exit.Should().Be(0, node.Stderr);
        using var reader = new JsonTextReader(new StringReader(node.Stdout)) { DateParseHandling = DateParseHandling.None };
        var result = JObject.Load(reader);
        var created = result["created"]!;
        created.Value<string>("sid").Should().MatchRegex("^RM[0-9a-f]{32}$");
        created.Value<string>("uniqueName").Should().Be("node standup", "node sends a space as %20, the fake decodes it");
        created.Value<string>("status").Should().Be("in-progress");
        created.Value<int>("maxParticipants").Should().Be(8);
        created["videoCodecs"]!.Values<string>().Should().Equal("VP8", "H264");
        created.Value<string>("url").Should().Be($"{server.Url}/v1/Rooms/{created.Value<string>("sid")}");
        created.Value<string>("dateCreated").Should().Be("2026-01-05T09:00:00.000Z");
        result.Value<string>("bySid").Should().Be(created.Value<string>("sid"));
        result.Value<string>("byName").Should().Be(created.Value<string>("sid"));
        result["listed"]!.Values<string>().Should().Equal("node-4", "node-3", "node-2", "node-1", "node-0", "node standup");
        result["firstPage"]!["names"]!.Values<string>().Should().Equal("node-4", "node-3", "node-2", "node-1");
        result["firstPage"]!.Value<string>("nextPageUrl").Should().StartWith($"{server.Url}/v1/Rooms?PageSize=4&Page=1&PageToken=");
        result["secondPage"]!.Values<string>().Should().Equal("node-0", "node standup");
        result["completed"]!.Value<string>("status").Should().Be("completed");
        result["completed"]!.Value<int>("duration").Should().Be(0);

        var errors = result["errors"]!;
        (string?, int, int) Error(string name) =>
            (errors[name]!.Value<string>("name"), errors[name]!.Value<int>("status"), errors[name]!.Value<int>("code"));
        Error("duplicate").Should().Be(("RestException", 400, 53113));
        errors["duplicate"]!.Value<string>("message").Should().Be("Room exists");
        errors["duplicate"]!.Value<string>("moreInfo").Should().Be("https://www.twilio.com/docs/errors/53113");
        Error("badType").Should().Be(("RestException", 400, 53108));
        Error("missing").Should().Be(("RestException", 404, 20404));
        Error("completedByName").Should().Be(("RestException", 404, 20404));
        Error("completeAgain").Should().Be(("RestException", 400, 53112));
        Error("wrongToken").Should().Be(("RestException", 401, 20003));
    }

    [Test]
    public async Task Tokens_minted_by_twilio_node_connect_clients_and_refusals_carry_twilios_codes()
    {
        const string keySid = "SK0123456789abcdef0123456789abcdef";
        const string keySecret = "0123456789abcdef0123456789abcdef";
        await EnsureTwilioInstalled();
        // A real clock: twilio-node stamps exp from the machine's time.
        await using var server = await StandaloneServer.StartAsync("--quiet", "--api-key", $"{keySid}:{keySecret}");

        var node = await Run("node", new Dictionary<string, string>
        {
            ["FAKEROOMS_URL"] = server.Url,
            ["FAKEROOMS_ACCOUNT_SID"] = server.AccountSid,
            ["FAKEROOMS_AUTH_TOKEN"] = server.AuthToken,
            ["FAKEROOMS_KEY_SID"] = keySid,
            ["FAKEROOMS_KEY_SECRET"] = keySecret,
        }, "tokens.js");

        node.Exit.Should().Be(0, node.Stderr);
        var result = JObject.Parse(node.Stdout);
        result["joined"]!.Value<int>("status").Should().Be(201);
        result["joined"]!.Value<string>("identity").Should().Be("alice");
        result["room"]!.Value<string>("uniqueName").Should().Be("node huddle", "the connect created the room (client-side room creation)");
        result["room"]!.Value<string>("sid").Should().Be(result["joined"]!.Value<string>("roomSid"));
        result["room"]!.Value<string>("type").Should().Be("group");
        result["participants"]!.Values<string>().Should().Equal("alice");
        result["wrongSecret"]!.Value<int>("code").Should().Be(20107);
        result["wrongSecret"]!.Value<int>("status").Should().Be(401);
        result["tooLong"]!.Value<int>("code").Should().Be(20157);
        result["otherRoom"]!.Value<int>("code").Should().Be(20106);
    }

    [Test]
    public async Task Twilio_node_sets_subscribe_rules_runs_transcriptions_and_sees_a_reconnecting_participant()
    {
        await EnsureTwilioInstalled();
        await using var server = await StandaloneServer.StartAsync("--quiet", "--clock", "manual", "--start-time", "2026-01-05T09:00:00Z");

        var node = await Run("node", new Dictionary<string, string>
        {
            ["FAKEROOMS_URL"] = server.Url,
            ["FAKEROOMS_ACCOUNT_SID"] = server.AccountSid,
            ["FAKEROOMS_AUTH_TOKEN"] = server.AuthToken,
        }, "clientflows.js");

        node.Exit.Should().Be(0, node.Stderr);
        using var reader = new JsonTextReader(new StringReader(node.Stdout)) { DateParseHandling = DateParseHandling.None };
        var result = JObject.Load(reader);
        result["defaults"]!.ToString(Formatting.None).Should().Be(
            "[{\"type\":\"include\",\"all\":true,\"publisher\":null,\"track\":null,\"kind\":null,\"priority\":null}]");
        result["updated"]!["rules"]!.ToString(Formatting.None).Should().Be(
            "[{\"type\":\"include\",\"all\":null,\"publisher\":null,\"track\":null,\"kind\":\"audio\",\"priority\":null}," +
            "{\"type\":\"include\",\"all\":null,\"publisher\":\"bob\",\"track\":\"screen\",\"kind\":null,\"priority\":null}]");
        result["subscribed"]!.Values<string>().Should().Equal("bob-audio", "screen");
        result["invalidRules"]!.ToString(Formatting.None).Should().Be("{\"name\":\"RestException\",\"status\":400,\"code\":53215}");
        var transcription = result["transcription"]!;
        transcription.Value<string>("ttid").Should().StartWith("video_extension_");
        transcription.Value<string>("status").Should().Be("started");
        transcription["configuration"]!.ToString(Formatting.None).Should().Be("{\"languageCode\":\"en-US\",\"partialResults\":\"true\"}");
        transcription.Value<string>("startTime").Should().Be("2026-01-05T09:00:00.000Z", "twilio-node turns the date into a Date");
        transcription.Value<string>("stopped").Should().Be("stopped");
        transcription.Value<string>("fetched").Should().Be("stopped");
        result["second"]!.ToString(Formatting.None).Should().Be("{\"name\":\"RestException\",\"status\":400,\"code\":20001}");
        result["reconnecting"]!.Values<string>().Should().Equal("carl");
        result.Value<string>("carl").Should().Be("connected");
    }
}
