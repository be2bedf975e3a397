using FakeRooms.Callbacks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Twilio.Rest.Video.V1;
using Twilio.Security;

namespace FakeRooms.Tests.Callbacks;

/// <summary>
/// Callbacks delivered to an ASP.NET Core app in process: the handler of its TestServer (what
/// <c>WebApplicationFactory.Server.CreateHandler()</c> returns), no port at all.
/// </summary>
public sealed class InProcessCallbackTests
{
    [Test]
    public async Task Callbacks_reach_an_aspnetcore_app_through_its_test_server_handler_and_pass_its_signature_check()
    {
        const string authToken = "app-under-test-token";
        var events = new List<string>();

        // The app under test: a status callback endpoint that checks X-Twilio-Signature like production code would.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        app.MapPost("/twilio/room-events", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var parameters = form.ToDictionary(p => p.Key, p => p.Value.ToString());
            if (!new RequestValidator(authToken).Validate(request.GetEncodedUrl(), parameters, request.Headers["X-Twilio-Signature"].ToString()))
                return Results.StatusCode(403);
            lock (events)
                events.Add(parameters["StatusCallbackEvent"]);
            return Results.NoContent();
        });
        await app.StartAsync();

        await using var fake = await FakeRoomsServer.StartAsync(o =>
        {
            o.AuthToken = authToken;
            o.CallbackHandler = app.GetTestServer().CreateHandler();
        });
        var room = await RoomResource.CreateAsync(uniqueName: "in-process", statusCallback: new Uri("https://app.invalid/twilio/room-events"),
            client: fake.CreateTwilioClient());
        fake.Rooms.Connect("in-process", "alice").Publish(VideoTrackKind.Audio, "mic");
        await fake.Callbacks.WhenIdleAsync();

        events.Should().Equal("room-created", "participant-connected", "track-added");
        fake.Callbacks.Should().HaveCount(3).And.OnlyContain(c => c.StatusCode == 204 && c.Outcome == CallbackOutcome.Succeeded);
        fake.Callbacks.Snapshot()[0].Url.Should().Be("https://app.invalid/twilio/room-events");
        fake.Callbacks.Snapshot()[0].RoomSid.Should().Be(room.Sid);
    }
}
