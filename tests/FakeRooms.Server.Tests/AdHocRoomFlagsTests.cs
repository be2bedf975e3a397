namespace FakeRooms.Server.Tests;

/// <summary>The standalone's client-side room creation settings (Twilio console: Room Settings).</summary>
public sealed class AdHocRoomFlagsTests
{
    [Test]
    public void Flags_set_client_side_room_creation_and_the_default_room_settings()
    {
        var options = new FakeRoomsOptions();

        ServerConfiguration.Configure(options, new Dictionary<string, string>
        {
            ["--adhoc-rooms"] = "off",
            ["--adhoc-room-type"] = "go",
            ["--adhoc-status-callback"] = "http://127.0.0.1:9/events",
        });

        options.AdHocRooms.Enabled.Should().BeFalse();
        options.AdHocRooms.Type.Should().Be(VideoRoomType.Go);
        options.AdHocRooms.StatusCallback.Should().Be("http://127.0.0.1:9/events");
    }

    [Test]
    public async Task A_bad_value_is_one_line_naming_the_flag_and_exit_code_2()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ServerCommand.RunAsync(["--adhoc-rooms", "sometimes", "--quiet"], stdout, stderr);

        exit.Should().Be(2);
        stderr.ToString().Should().StartWith("fakerooms: --adhoc-rooms must be on or off, not 'sometimes'");
        stdout.ToString().Should().NotContain("FakeRooms listening");
    }

    [Test]
    public async Task An_unknown_room_type_or_callback_url_stops_the_start_with_one_line_and_exit_code_2()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ServerCommand.RunAsync(["--adhoc-room-type", "huge", "--port", "0", "--quiet"], stdout, stderr);
        var exitUrl = await ServerCommand.RunAsync(["--adhoc-status-callback", "not-a-url", "--port", "0", "--quiet"], stdout, stderr);

        exit.Should().Be(2);
        exitUrl.Should().Be(2);
        stderr.ToString().Should().Contain("--adhoc-room-type must be group, group-small, peer-to-peer or go, not 'huge'")
            .And.Contain("--adhoc-status-callback must be an absolute http or https URL, not 'not-a-url'");
        stdout.ToString().Should().NotContain("FakeRooms listening");
    }

    [Test]
    public async Task The_reconnection_window_flag_sets_the_option_and_refuses_what_is_not_a_number_of_seconds()
    {
        var options = new FakeRoomsOptions();
        ServerConfiguration.Configure(options, new Dictionary<string, string> { ["--reconnection-window"] = "45" });
        options.ReconnectionWindow.Should().Be(TimeSpan.FromSeconds(45));

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await ServerCommand.RunAsync(["--reconnection-window", "0", "--port", "0", "--quiet"], stdout, stderr);

        exit.Should().Be(2);
        stderr.ToString().Should().StartWith("fakerooms: --reconnection-window must be a whole number from 1 to 86400, not '0'");
        stdout.ToString().Should().NotContain("FakeRooms listening");
    }
}
