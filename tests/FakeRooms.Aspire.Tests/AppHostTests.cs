using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FakeRooms.Aspire.Tests;

/// <summary>
/// The AppHost of tests/FakeRooms.Aspire.Tests.AppHost (the fake with a manual clock, and samples/MeetingApp, which
/// books meetings through the official Twilio SDK on its redirected "Twilio" client), run by Aspire.Hosting.Testing:
/// DCP starts both processes on loopback ports. One AppHost for the fixture (starting one costs seconds); each test
/// resets the fake first and uses its own meeting names (the app keeps the events it received across tests).
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

    private Task<ExecuteCommandResult> AdvanceClock(int seconds) =>
        Command(FakeRoomsResource.AdvanceClockCommand, new InteractionInput
        {
            Name = "Seconds", InputType = InputType.Number, Value = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    /// <summary>POST /meetings on the app: it creates the room through the Twilio SDK and answers 201 with it.</summary>
    private async Task<JsonElement> BookMeeting(string name)
    {
        using var response = await _appClient.PostAsJsonAsync("/meetings", new { name }).WaitAsync(StepTimeout);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(StepTimeout);
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<JsonElement> FakeRoom(string sidOrName)
    {
        using var response = await _fakeClient.GetAsync($"/v1/Rooms/{sidOrName}").WaitAsync(StepTimeout);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(StepTimeout);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>
    /// Polls the app's GET /meetings/{name}/events (the app is another process) until it lists the event. The app
    /// records a status callback only when its X-Twilio-Signature validates against its auth token (else 403).
    /// </summary>
    private async Task<string[]> EventReceived(string meeting, string @event)
    {
        using var cts = new CancellationTokenSource(StepTimeout);
        string[] seen = [];
        while (!cts.IsCancellationRequested)
        {
            seen = (await _appClient.GetFromJsonAsync<string[]>($"/meetings/{meeting}/events", cts.Token).WaitAsync(StepTimeout))!;
            if (seen.Contains(@event))
                return seen;
            await Task.Delay(100, CancellationToken.None);
        }
        throw new TimeoutException($"No {@event} callback for {meeting} reached the app within {StepTimeout}; it received: "
            + string.Join(", ", seen));
    }

    /// <summary>
    /// The fake's record of one status callback delivery (GET /__fakerooms/callbacks), polled: the fake records it
    /// once the app has answered, which may be just after the app lists the event.
    /// </summary>
    private async Task<JsonElement> Delivery(string roomSid, string @event)
    {
        using var cts = new CancellationTokenSource(StepTimeout);
        JsonElement journal = default;
        while (!cts.IsCancellationRequested)
        {
            journal = await _fakeClient.GetFromJsonAsync<JsonElement>($"/__fakerooms/callbacks?RoomSid={roomSid}&Event={@event}", cts.Token)
                .WaitAsync(StepTimeout);
            if (journal.GetProperty("callbacks").GetArrayLength() > 0)
                return journal.GetProperty("callbacks").EnumerateArray().Should().ContainSingle().Subject;
            await Task.Delay(100, CancellationToken.None);
        }
        throw new TimeoutException($"The fake recorded no {@event} delivery for {roomSid} within {StepTimeout}: {journal}");
    }

    [Test]
    public async Task A_meeting_booked_through_the_app_is_a_room_in_the_fake()
    {
        var meeting = await BookMeeting("standup");

        meeting.GetProperty("name").GetString().Should().Be("standup");
        var sid = meeting.GetProperty("sid").GetString()!;
        sid.Should().StartWith("RM");
        var room = await FakeRoom(sid);
        room.GetProperty("unique_name").GetString().Should().Be("standup");
        room.GetProperty("type").GetString().Should().Be("group");
        room.GetProperty("status").GetString().Should().Be("in-progress");
        room.GetProperty("account_sid").GetString().Should().Be(_fake.AccountSid);
        // The app's own base URL, as it was called through its Aspire endpoint.
        room.GetProperty("status_callback").GetString().Should()
            .Be(new Uri(_appClient.BaseAddress!, "/twilio/room-events").ToString());
        (await FakeRoom("standup")).GetProperty("sid").GetString().Should().Be(sid, "Twilio fetches an in-progress room by its UniqueName too");
    }

    [Test]
    public async Task The_room_created_callback_reaches_the_app_and_its_signature_is_accepted()
    {
        var sid = (await BookMeeting("retro")).GetProperty("sid").GetString()!;

        var events = await EventReceived("retro", "room-created");

        events.Should().Equal("room-created");
        // The fake's side of the same delivery: the app answered 204 (an invalid signature gets 403 and is not recorded).
        var delivery = await Delivery(sid, "room-created");
        delivery.GetProperty("outcome").GetString().Should().Be("succeeded");
        delivery.GetProperty("status_code").GetInt32().Should().Be(204);
    }

    [Test]
    public async Task Advancing_the_clock_with_the_dashboard_command_ends_the_unused_room()
    {
        var sid = (await BookMeeting("planning")).GetProperty("sid").GetString()!;

        // Nobody joins: Twilio ends an unused room after its UnusedRoomTimeout (5 minutes by default; FACTS §lifecycle).
        var result = await AdvanceClock(300);

        result.Success.Should().BeTrue(result.Message);
        (await FakeRoom(sid)).GetProperty("status").GetString().Should().Be("completed");
        (await EventReceived("planning", "room-ended")).Should().Equal("room-created", "room-ended");
        // The app's end endpoint now finds no in-progress room by that name (Twilio answers 404, the app passes it on).
        using var end = await _appClient.PostAsync("/meetings/planning/end", null).WaitAsync(StepTimeout);
        end.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Advancing_the_clock_less_than_the_timeout_leaves_the_room_in_progress()
    {
        var sid = (await BookMeeting("one-on-one")).GetProperty("sid").GetString()!;

        var result = await AdvanceClock(299);

        result.Success.Should().BeTrue(result.Message);
        (await FakeRoom(sid)).GetProperty("status").GetString().Should().Be("in-progress");
    }

    [Test]
    public async Task Ending_the_meeting_through_the_app_completes_the_room_and_reports_room_ended()
    {
        var sid = (await BookMeeting("demo")).GetProperty("sid").GetString()!;

        using var end = await _appClient.PostAsync("/meetings/demo/end", null).WaitAsync(StepTimeout);

        var body = await end.Content.ReadAsStringAsync().WaitAsync(StepTimeout);
        end.StatusCode.Should().Be(HttpStatusCode.OK, body);
        JsonDocument.Parse(body).RootElement.GetProperty("status").GetString().Should().Be("completed");
        (await FakeRoom(sid)).GetProperty("status").GetString().Should().Be("completed");
        (await EventReceived("demo", "room-ended")).Should().Equal("room-created", "room-ended");
    }

    [Test]
    public async Task The_reset_command_forgets_the_rooms()
    {
        var sid = (await BookMeeting("all-hands")).GetProperty("sid").GetString()!;
        using (var again = await _appClient.PostAsJsonAsync("/meetings", new { name = "all-hands" }).WaitAsync(StepTimeout))
            again.StatusCode.Should().Be(HttpStatusCode.Conflict, "an in-progress room already has the name (Twilio 53113)");

        var result = await Command(FakeRoomsResource.ResetCommand);

        result.Success.Should().BeTrue(result.Message);
        using var response = await _fakeClient.GetAsync($"/v1/Rooms/{sid}").WaitAsync(StepTimeout);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var rooms = await _fakeClient.GetFromJsonAsync<JsonElement>("/v1/Rooms").WaitAsync(StepTimeout);
        rooms.GetProperty("rooms").GetArrayLength().Should().Be(0);
        // The name is free again: the app books it without a conflict.
        (await BookMeeting("all-hands")).GetProperty("status").GetString().Should().Be("in-progress");
    }
}
