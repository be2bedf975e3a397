namespace FakeRooms.Server.Tests;

/// <summary>The standalone's client-side room creation settings (Twilio console: Room Settings).</summary>
public sealed class AdHocRoomFlagsTests
{
    [Test]
    public void Flags_set_client_side_room_creation_and_the_default_room_settings()
    {
        var options = new FakeRoomsOptions();

        ServerCommand.Configure(options, new Dictionary<string, string>
        {
            ["--adhoc-rooms"] = "off",
            ["--adhoc-room-type"] = "go",
            ["--adhoc-status-callback"] = "http://127.0.0.1:9/events",
        });

        options.AdHocRooms.Enabled.Should().BeFalse();
        options.AdHocRooms.Type.Should().Be("go");
        options.AdHocRooms.StatusCallback.Should().Be("http://127.0.0.1:9/events");
    }

    [Test]
    public async Task A_bad_value_is_refused_naming_the_flag()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ServerCommand.RunAsync(["--adhoc-rooms", "sometimes", "--quiet"], stdout, stderr);

        exit.Should().NotBe(0);
        stderr.ToString().Should().Contain("--adhoc-rooms must be on or off, not 'sometimes'");
        stdout.ToString().Should().NotContain("FakeRooms listening");
    }

    [Test]
    public async Task An_unknown_room_type_stops_the_start_with_one_line()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ServerCommand.RunAsync(["--adhoc-room-type", "huge", "--port", "0", "--quiet"], stdout, stderr);

        exit.Should().NotBe(0);
        stderr.ToString().Should().Contain("AdHocRooms.Type 'huge'");
        stdout.ToString().Should().NotContain("FakeRooms listening");
    }
}
