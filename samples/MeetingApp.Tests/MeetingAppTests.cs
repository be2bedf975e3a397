using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FakeRooms;
using FakeRooms.AspNetCore;
using FakeRooms.FluentAssertions;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;

namespace MeetingApp.Tests;

/// <summary>
/// The meeting app against FakeRooms: its real Program, its real Twilio client registrations, through
/// WebApplicationFactory. No network: REST calls go to the fake, callbacks come back through the app's TestServer.
/// </summary>
public sealed class MeetingAppTests
{
    private const string ApiKeySid = "SK0123456789abcdef0123456789abcdef";
    private const string ApiKeySecret = "meeting-app-tests-api-key-secret-0123456789";

    private FakeRoomsServer _fake = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _fake = await FakeRoomsServer.StartAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // The app's settings: its account and auth token (which signs the fake's callbacks), its API key.
            web.UseSetting("Twilio:Client:AccountSid", _fake.AccountSid);
            web.UseSetting("Twilio:Client:AuthToken", _fake.AuthToken);
            web.UseSetting("Twilio:Client:ApiKeySid", ApiKeySid);
            web.UseSetting("Twilio:Client:ApiKeySecret", ApiKeySecret);
            web.ConfigureTestServices(services => services.AddFakeRooms(_fake));
        });
        _app = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _app.Dispose();
        await _factory.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [SetUp]
    public void ResetFake() => _fake.Reset();

    [Test]
    public async Task Booking_a_meeting_creates_a_group_room_that_reports_to_the_app()
    {
        var response = await _app.PostAsJsonAsync("/meetings", new { name = "standup" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var meeting = await response.Content.ReadFromJsonAsync<JsonElement>();
        _fake.Should().HaveCreatedRoom("standup").WithType("group").WithStatusCallback("http://localhost/twilio/room-events");
        meeting.GetProperty("sid").GetString().Should().Be(_fake.Room("standup").Current!.Sid);
        meeting.GetProperty("status").GetString().Should().Be("in-progress");
    }

    [Test]
    public async Task A_participant_gets_an_access_token_for_this_meeting_only()
    {
        var response = await _app.PostAsJsonAsync("/meetings/design-review/tokens", new { identity = "alice" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var jwt = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        // Signed with the API key secret, issued by the API key, for the account (Twilio's access token format).
        new JwtSecurityTokenHandler().ValidateToken(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ApiKeySecret)),
            ValidIssuer = ApiKeySid,
            ValidateAudience = false,
        }, out var validated);
        var token = (JwtSecurityToken)validated;
        token.Subject.Should().Be(_fake.AccountSid);
        var grants = JsonDocument.Parse(JsonSerializer.Serialize(token.Payload["grants"])).RootElement;
        grants.GetProperty("identity").GetString().Should().Be("alice");
        grants.GetProperty("video").GetProperty("room").GetString().Should().Be("design-review");
    }

    [Test]
    public async Task Status_callbacks_reach_the_app_through_its_test_server_and_pass_its_signature_check()
    {
        (await _app.PostAsJsonAsync("/meetings", new { name = "retro" })).EnsureSuccessStatusCode();
        _fake.Rooms.Connect("retro", "alice");
        await _fake.Callbacks.WhenIdleAsync();

        _fake.Should().HaveSentCallback("participant-connected").For("retro").WithParameter("ParticipantIdentity", "alice");
        _fake.Callbacks.Should().OnlyContain(c => c.StatusCode == 204, "the app answers 204 to a callback whose signature it accepted");
        var events = await _app.GetFromJsonAsync<string[]>("/meetings/retro/events");
        events.Should().Equal("room-created", "participant-connected");
    }

    [Test]
    public async Task A_forged_status_callback_is_refused_with_403_and_not_recorded()
    {
        var forged = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["AccountSid"] = _fake.AccountSid,
            ["RoomName"] = "forged",
            ["RoomSid"] = "RM00000000000000000000000000000000",
            ["StatusCallbackEvent"] = "room-ended",
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/twilio/room-events") { Content = forged };
        request.Headers.Add("X-Twilio-Signature", "bm90IGEgcmVhbCBzaWduYXR1cmU=");

        var response = await _app.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _app.GetFromJsonAsync<string[]>("/meetings/forged/events")).Should().BeEmpty();
    }

    [Test]
    public async Task Ending_a_meeting_completes_its_room_and_the_app_hears_room_ended()
    {
        (await _app.PostAsJsonAsync("/meetings", new { name = "all-hands" })).EnsureSuccessStatusCode();
        _fake.Rooms.Connect("all-hands", "bob");

        var response = await _app.PostAsync("/meetings/all-hands/end", content: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("completed");
        _fake.Should().HaveCompletedRoom("all-hands");
        await _fake.Callbacks.WhenIdleAsync();
        (await _app.GetFromJsonAsync<string[]>("/meetings/all-hands/events")).Should()
            .StartWith("room-created").And.Contain("participant-disconnected").And.EndWith("room-ended");
    }

    [Test]
    public async Task Booking_a_meeting_already_in_progress_is_a_409_carrying_twilios_53113()
    {
        (await _app.PostAsJsonAsync("/meetings", new { name = "planning" })).EnsureSuccessStatusCode();

        var response = await _app.PostAsJsonAsync("/meetings", new { name = "planning" });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("twilioCode").GetInt32().Should().Be(53113);
        _fake.Should().HaveRejected(Operation.CreateRoom).WithErrorCode(53113).WithStatusCode(400);
    }
}
