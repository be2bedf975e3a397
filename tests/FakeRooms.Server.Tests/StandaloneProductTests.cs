using System.Text.RegularExpressions;
using FakeRooms.Server.Tests.Support;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Server.Tests;

public sealed class StandaloneProductTests
{
    private static string TempFile(string name) =>
        Path.Combine(Path.GetTempPath(), $"fakerooms-{TestContext.CurrentContext.Test.ID}-{name}");

    [Test]
    public async Task Each_request_logs_method_path_status_twilio_code_and_time()
    {
        await using var server = await StandaloneServer.StartAsync("--clock", "manual");
        var client = server.CreateTwilioClient();

        await RoomResource.CreateAsync(uniqueName: "logged", client: client);
        var duplicate = () => RoomResource.CreateAsync(uniqueName: "logged", client: client);
        await duplicate.Should().ThrowAsync<ApiException>();

        // Each line starts with the wall-clock UTC time, to the millisecond.
        (await server.WaitForLineAsync(l => l.Contains(" POST /v1/Rooms 201 ", StringComparison.Ordinal)))
            .Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z POST /v1/Rooms 201 - \d+\.\dms$");
        (await server.WaitForLineAsync(l => l.Contains(" POST /v1/Rooms 400 ", StringComparison.Ordinal)))
            .Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z POST /v1/Rooms 400 53113 \d+\.\dms$");
    }

    [Test]
    public async Task Quiet_from_the_environment_logs_no_request_and_env_vars_set_the_account()
    {
        const string sid = "AC0123456789abcdef0123456789abcdef";
        await using var server = await StandaloneServer.StartAsync(new Dictionary<string, string>
        {
            ["FAKEROOMS_QUIET"] = "1",
            ["FAKEROOMS_ACCOUNT_SID"] = sid,
            ["FAKEROOMS_AUTH_TOKEN"] = "from-the-environment",
            ["FAKEROOMS_CLOCK"] = "manual",
        });

        await RoomResource.CreateAsync(uniqueName: "quiet", client: server.CreateTwilioClient());
        (await server.StopAsync()).Should().Be(0);
        await server.WaitForLineAsync(l => l == "FakeRooms stopped");

        server.AccountSid.Should().Be(sid);
        server.AuthToken.Should().Be("from-the-environment");
        server.Output.Should().NotContain(l => l.Contains("POST ", StringComparison.Ordinal));
    }

    [Test]
    public async Task Persist_writes_the_state_on_sigterm_and_restores_it_on_the_next_start()
    {
        var file = TempFile("state.json");
        File.Delete(file);
        string sid;
        await using (var first = await StandaloneServer.StartAsync("--persist", file, "--quiet"))
        {
            var client = first.CreateTwilioClient();
            sid = (await RoomResource.CreateAsync(uniqueName: "survivor", client: client)).Sid;
            var ended = await RoomResource.CreateAsync(uniqueName: "ended", client: client);
            await RoomResource.UpdateAsync(ended.Sid, RoomResource.RoomStatusEnum.Completed, client: client);
            (await first.StopAsync()).Should().Be(0);
            await first.WaitForLineAsync(l => l == $"State written to {file}");
        }

        await using var second = await StandaloneServer.StartAsync("--persist", file, "--quiet");
        var again = second.CreateTwilioClient();
        var survivor = await RoomResource.FetchAsync("survivor", client: again);
        var duplicate = () => RoomResource.CreateAsync(uniqueName: "survivor", client: again);
        var fresh = await RoomResource.CreateAsync(uniqueName: "ended", client: again);

        (await second.WaitForLineAsync(l => l.StartsWith("Restored", StringComparison.Ordinal))).Should().Be($"Restored 2 room(s) from {file}");
        survivor.Sid.Should().Be(sid);
        survivor.Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
        (await duplicate.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(53113);
        fresh.Sid.Should().NotBe(sid);
        File.Delete(file);
    }

    [Test]
    public async Task Fixture_flag_seeds_the_standup_rooms_before_the_listening_line()
    {
        var seed = Path.Combine(Repository.Root, "fixtures", "seeds", "standup.json");
        await using var server = await StandaloneServer.StartAsync("--fixture", seed, "--quiet", "--clock", "manual");

        var rooms = await RoomResource.ReadAsync(client: server.CreateTwilioClient());
        var participants = await Twilio.Rest.Video.V1.Room.ParticipantResource.ReadAsync("daily-standup", client: server.CreateTwilioClient());

        server.Output.Should().Contain($"Seeded 3 room(s), 6 participant(s), 3 track(s) from {seed}");
        rooms.Select(r => r.UniqueName).Should().BeEquivalentTo("daily-standup", "one-to-one-alice-dave");
        participants.Select(p => p.Identity).Should().BeEquivalentTo("alice", "bob");
    }

    [Test]
    public async Task Bad_fixture_stops_the_start_with_exit_code_1_and_the_reason()
    {
        var file = TempFile("bad-seed.json");
        await File.WriteAllTextAsync(file, """{ "rooms": [ { "UniqueName": "x", "EmptyRoomTimeout": 90 } ] }""");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ServerCommand.RunAsync(["--port", "0", "--fixture", file, "--quiet"], stdout, stderr);

        exit.Should().Be(1);
        stderr.ToString().Should().Contain("rooms[0] (x): Twilio error 53109: Timeout is out of range");
        File.Delete(file);
    }

    [Test]
    public void Help_documents_every_flag_with_its_environment_variable_and_every_control_endpoint()
    {
        var help = ServerFlags.Help();

        foreach (var flag in ServerFlags.Flags.Concat(ServerFlags.VerifyFlags).Concat(ServerFlags.ContractTestFlags))
            help.Should().MatchRegex($@"(?m)^  {Regex.Escape(flag.Name)} +{flag.Env} +\S");
        foreach (var route in new FakeRooms.Http.RouteTable().Routes.Where(r => r.IsControl))
            help.Should().Contain($"{route.Method,-5} {route.Template}");
        help.Should().Contain("fakerooms verify").And.Contain("fakerooms contract-test");
    }

    [Test]
    public async Task Unknown_flag_exits_2_with_a_pointer_to_help()
    {
        var stderr = new StringWriter();

        var exit = await ServerCommand.RunAsync(["--prot", "5080"], new StringWriter(), stderr);

        exit.Should().Be(2);
        stderr.ToString().Should().Contain("unknown flag --prot").And.Contain("fakerooms --help");
    }
}
