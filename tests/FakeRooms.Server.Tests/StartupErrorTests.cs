namespace FakeRooms.Server.Tests;

public sealed class StartupErrorTests
{
    [Test]
    public async Task A_port_in_use_is_a_one_line_error_and_exit_code_1_not_a_stack_trace()
    {
        await using var occupant = await FakeRoomsServer.StartAsync();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ServerCommand.RunAsync(["--port", occupant.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--quiet"], stdout, stderr);

        exit.Should().Be(1);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle().Which.Should()
            .StartWith($"fakerooms: cannot start: Cannot listen on http://127.0.0.1:{occupant.Port}:")
            .And.ContainEquivalentOf("address already in use");
        stdout.ToString().Should().NotContain("FakeRooms listening");
    }

    [Test]
    public async Task In_process_start_on_a_port_in_use_throws_IOException_naming_the_address()
    {
        await using var occupant = await FakeRoomsServer.StartAsync();

        var act = () => FakeRoomsServer.Start(o => o.Port = occupant.Port);

        act.Should().Throw<IOException>().WithMessage($"Cannot listen on http://127.0.0.1:{occupant.Port}: *");
    }
}
