using System.Xml.Linq;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace FakeRooms.Server.Tests.Contract;

public sealed class ContractTestCommandTests
{
    [Test]
    public async Task Contract_test_against_a_second_fakerooms_finds_no_drift_and_exits_0()
    {
        await using var target = await FakeRoomsServer.StartAsync(o => o.Seed = 99);
        var stdout = new StringWriter();
        var junit = Path.Combine(Path.GetTempPath(), $"fakerooms-drift-{Guid.NewGuid():N}.xml");

        var exit = await ServerCommand.RunAsync(
            ["contract-test", "--target", target.Url, "--account-sid", target.AccountSid, "--auth-token", target.AuthToken, "--junit", junit],
            stdout, new StringWriter());

        exit.Should().Be(0, stdout.ToString());
        stdout.ToString().Should().Contain("ok    create-room ").And.Contain("ok    update-room-complete ")
            .And.Contain($"{Drift.DriftScenario.Steps.Count} step(s), 0 with differences");
        XDocument.Load(junit).Root!.Element("testsuite")!.Attribute("failures")!.Value.Should().Be("0");
        target.Calls.Select(c => c.Operation).Distinct().Should().Contain([Operation.CreateRoom, Operation.FetchRoom, Operation.ReadRoom,
            Operation.UpdateRoom, Operation.ReadParticipant, Operation.FetchParticipant]);
        File.Delete(junit);
    }

    [Test]
    public async Task Contract_test_against_a_different_target_reports_status_code_and_shape_drift_and_exits_1()
    {
        using var stub = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], StartAdminInterface = false });
        // A "Video API" that forgets links, sends max_participants as a string and answers every error with a bare 400.
        stub.Given(Request.Create().WithPath("/v1/Rooms").UsingPost()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(
                """{"sid":"RM0123456789abcdef0123456789abcdef","status":"in-progress","date_created":"2026-01-05T09:00:00Z","date_updated":"2026-01-05T09:00:00Z","account_sid":"AC0123456789abcdef0123456789abcdef","enable_turn":true,"unique_name":"x","status_callback":null,"status_callback_method":"POST","end_time":null,"duration":null,"type":"group","max_participants":"50","max_participant_duration":14400,"max_concurrent_published_tracks":170,"record_participants_on_connect":false,"video_codecs":["VP8"],"media_region":"us1","audio_only":false,"empty_room_timeout":5,"unused_room_timeout":5,"large_room":false,"url":"http://127.0.0.1/v1/Rooms/RM0123456789abcdef0123456789abcdef"}"""));
        stub.Given(Request.Create().WithPath("/*").UsingAnyMethod()).AtPriority(5)
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json").WithBody("""{"error":"bad request"}"""));
        var stdout = new StringWriter();

        var exit = await ServerCommand.RunAsync(
            ["contract-test", "--target", stub.Url!, "--account-sid", "AC0123456789abcdef0123456789abcdef", "--auth-token", "token"],
            stdout, new StringWriter());

        var output = stdout.ToString();
        exit.Should().Be(1);
        output.Should().Contain("DRIFT create-room ")
            .And.Contain("$.max_participants: type differs (fake integer, target string)")
            .And.Contain("$.links: missing on the target")
            .And.Contain("DRIFT fetch-room-by-sid ")
            .And.Contain("status: fake 200, target 400")
            .And.Contain("$.code: missing on the target")
            .And.Contain("$.error: only on the target");
        output.Should().Contain("DRIFT create-bad-type ").And.Contain("status: fake 400 (53108), target 201");
        output.Should().Contain($"{Drift.DriftScenario.Steps.Count} step(s), {Drift.DriftScenario.Steps.Count} with differences");
    }

    [Test]
    public async Task Contract_test_without_a_target_exits_2()
    {
        var stderr = new StringWriter();

        var exit = await ServerCommand.RunAsync(["contract-test", "--account-sid", "AC1", "--auth-token", "x"], new StringWriter(), stderr);

        exit.Should().Be(2);
        stderr.ToString().Should().Contain("contract-test needs --target");
    }
}
