using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FakeRooms.Aspire.Tests;

/// <summary>
/// The AppHost of tests/FakeRooms.Aspire.Tests.AppHost (the fake with a manual clock, and an app booking meetings
/// through the official Twilio SDK), run by Aspire.Hosting.Testing: DCP starts both processes on loopback ports.
/// One AppHost for the fixture (starting one costs seconds); each test resets the fake first.
/// </summary>
[NonParallelizable]
public class AppHostTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private DistributedApplication _app = null!;
    private FakeRoomsResource _fake = null!;
    private HttpClient _appClient = null!;
    private HttpClient _fakeClient = null!;

    [OneTimeSetUp]
    public async Task StartAppHost()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.FakeRooms_Aspire_Tests_AppHost>(cts.Token)
            .WaitAsync(StartTimeout);
        _fake = builder.Resources.OfType<FakeRoomsResource>().Single();
        _app = await builder.BuildAsync(cts.Token).WaitAsync(StartTimeout);
        await _app.StartAsync(cts.Token).WaitAsync(StartTimeout);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("twilio", cts.Token).WaitAsync(StartTimeout);
        await _app.ResourceNotifications.WaitForResourceAsync("app", KnownResourceStates.Running, cts.Token).WaitAsync(StartTimeout);
        _appClient = _app.CreateHttpClient("app");
        _fakeClient = _app.CreateHttpClient("twilio");
        _fakeClient.DefaultRequestHeaders.Authorization = new("Basic",
            Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(_fake.AccountSid + ":" + _fake.AuthToken)));
    }

    [OneTimeTearDown]
    public async Task StopAppHost()
    {
        _appClient?.Dispose();
        _fakeClient?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(StartTimeout);
            await _app.DisposeAsync().AsTask().WaitAsync(StartTimeout);
        }
    }

    [SetUp]
    public async Task ResetFake()
    {
        var result = await Command(FakeRoomsResource.ResetCommand);
        result.Success.Should().BeTrue(result.Message);
    }

    private Task<ExecuteCommandResult> Command(string name, params InteractionInput[] arguments) =>
        _app.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync("twilio", name, new InteractionInputCollection(arguments), CancellationToken.None)
            .WaitAsync(StepTimeout);

    private async Task<JsonElement> BookMeeting(string name)
    {
        using var response = await _appClient.PostAsync("/meetings", new FormUrlEncodedContent([new("name", name)])).WaitAsync(StepTimeout);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(StepTimeout);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<JsonElement> FakeRoom(string sid)
    {
        using var response = await _fakeClient.GetAsync($"/v1/Rooms/{sid}").WaitAsync(StepTimeout);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(StepTimeout);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Polls the app's record of received callbacks (the app is another process) until one matches.</summary>
    private async Task<JsonElement> CallbackReceived(string roomSid, string @event)
    {
        using var cts = new CancellationTokenSource(StepTimeout);
        JsonElement[] seen = [];
        while (!cts.IsCancellationRequested)
        {
            seen = (await _appClient.GetFromJsonAsync<JsonElement[]>("/twilio/rooms", cts.Token).WaitAsync(StepTimeout))!;
            var match = seen.FirstOrDefault(c => c.GetProperty("roomSid").GetString() == roomSid && c.GetProperty("event").GetString() == @event);
            if (match.ValueKind != JsonValueKind.Undefined)
                return match;
            await Task.Delay(100, CancellationToken.None);
        }
        throw new TimeoutException($"No {@event} callback for {roomSid} reached the app within {StepTimeout}; it received: "
            + string.Join(", ", seen.Select(c => c.GetRawText())));
    }

    [Test]
    public async Task A_meeting_booked_through_the_app_is_a_room_in_the_fake()
    {
        var meeting = await BookMeeting("standup");

        var sid = meeting.GetProperty("sid").GetString()!;
        sid.Should().StartWith("RM");
        var room = await FakeRoom(sid);
        room.GetProperty("unique_name").GetString().Should().Be("standup");
        room.GetProperty("status").GetString().Should().Be("in-progress");
        room.GetProperty("account_sid").GetString().Should().Be(_fake.AccountSid);
        room.GetProperty("status_callback").GetString().Should().EndWith("/twilio/rooms");
    }

    [Test]
    public async Task The_room_created_callback_reaches_the_app_signed_with_its_token()
    {
        var sid = (await BookMeeting("retro")).GetProperty("sid").GetString()!;

        var callback = await CallbackReceived(sid, "room-created");

        callback.GetProperty("signatureValid").GetBoolean().Should().BeTrue();
    }

    [Test]
    public async Task Advancing_the_clock_with_the_dashboard_command_ends_the_unused_room()
    {
        var sid = (await BookMeeting("planning")).GetProperty("sid").GetString()!;

        // Nobody joins: Twilio ends an unused room after its UnusedRoomTimeout (5 minutes by default; FACTS §lifecycle).
        var result = await Command(FakeRoomsResource.AdvanceClockCommand, new InteractionInput
        {
            Name = "Seconds", InputType = InputType.Number, Value = "300",
        });

        result.Success.Should().BeTrue(result.Message);
        (await FakeRoom(sid)).GetProperty("status").GetString().Should().Be("completed");
        await CallbackReceived(sid, "room-ended");
        using var fetched = await _appClient.GetAsync($"/meetings/{sid}").WaitAsync(StepTimeout);
        (await fetched.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(StepTimeout)).GetProperty("status").GetString().Should().Be("completed");
    }

    [Test]
    public async Task Advancing_the_clock_less_than_the_timeout_leaves_the_room_in_progress()
    {
        var sid = (await BookMeeting("one-on-one")).GetProperty("sid").GetString()!;

        var result = await Command(FakeRoomsResource.AdvanceClockCommand, new InteractionInput
        {
            Name = "Seconds", InputType = InputType.Number, Value = "299",
        });

        result.Success.Should().BeTrue(result.Message);
        (await FakeRoom(sid)).GetProperty("status").GetString().Should().Be("in-progress");
    }

    [Test]
    public async Task The_reset_command_forgets_the_rooms()
    {
        var sid = (await BookMeeting("all-hands")).GetProperty("sid").GetString()!;

        var result = await Command(FakeRoomsResource.ResetCommand);

        result.Success.Should().BeTrue(result.Message);
        using var response = await _fakeClient.GetAsync($"/v1/Rooms/{sid}").WaitAsync(StepTimeout);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
