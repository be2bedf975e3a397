using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Extensions;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Jwt.AccessToken;
using Twilio.Rest.Video.V1;
using Twilio.Security;

// A small meeting service on Twilio Video: book a meeting (a group room), hand participants access tokens, record the
// room's status callbacks, end the meeting. Settings (environment variables use __ for :):
//   Twilio:Client:AccountSid, Twilio:Client:AuthToken      REST calls and callback signature checks
//   Twilio:Client:ApiKeySid, Twilio:Client:ApiKeySecret    access tokens
//   Meetings:PublicBaseUrl (optional)                      where Twilio can reach this app; default: the request's base
//   FakeRooms:Url (local runs and tests only)              send the Twilio client's requests to a FakeRooms fake
var builder = WebApplication.CreateBuilder(args);

// Twilio's clients, registered the way Twilio.AspNet.Core does: the named HttpClient "Twilio", and an ITwilioRestClient
// built on it with the credentials from configuration. The redirect sends the client's requests to a FakeRooms fake only
// when FakeRooms:Url is configured (an Aspire AppHost's WithReference sets it); in production it adds nothing.
builder.Services.AddHttpClient("Twilio").RedirectTwilioToFakeRoomsWhenConfigured(builder.Configuration);
builder.Services.AddScoped<ITwilioRestClient>(services =>
{
    var twilio = services.GetRequiredService<IConfiguration>().GetSection("Twilio:Client");
    var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("Twilio");
    return new TwilioRestClient(twilio["AccountSid"], twilio["AuthToken"], httpClient: new SystemNetHttpClient(http));
});
builder.Services.AddSingleton<RoomEvents>();

var app = builder.Build();

// Book: one group room per meeting, named after it; Twilio reports the room's life to /twilio/room-events.
app.MapPost("/meetings", async (BookMeeting booking, HttpRequest request, IConfiguration config, ITwilioRestClient twilio) =>
{
    var baseUrl = config["Meetings:PublicBaseUrl"] ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
    try
    {
        var room = await RoomResource.CreateAsync(
            uniqueName: booking.Name,
            type: RoomResource.RoomTypeEnum.Group,
            statusCallback: new Uri($"{baseUrl.TrimEnd('/')}/twilio/room-events"),
            statusCallbackMethod: Twilio.Http.HttpMethod.Post,
            client: twilio);
        return Results.Created($"/meetings/{room.UniqueName}", new Meeting(room.UniqueName, room.Sid, room.Status.ToString()));
    }
    catch (ApiException e) when (e.Code == 53113) // Twilio: "Room exists", an in-progress room already has this name
    {
        return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "This meeting is already in progress.",
            extensions: new Dictionary<string, object?> { ["twilioCode"] = e.Code });
    }
});

// Join: an access token that lets one participant into this meeting's room only.
app.MapPost("/meetings/{name}/tokens", (string name, JoinMeeting join, IConfiguration config) =>
{
    var twilio = config.GetSection("Twilio:Client");
    var token = new Token(twilio["AccountSid"], twilio["ApiKeySid"], twilio["ApiKeySecret"], identity: join.Identity,
        grants: [new VideoGrant { Room = name }]);
    return Results.Ok(new AccessTokenResponse(join.Identity, token.ToJwt()));
});

// Twilio's status callbacks: only requests signed with our auth token are taken.
app.MapPost("/twilio/room-events", async (HttpRequest request, IConfiguration config, RoomEvents events) =>
{
    var form = await request.ReadFormAsync();
    var parameters = form.ToDictionary(p => p.Key, p => p.Value.ToString());
    // The URL Twilio called, as it signed it (behind a proxy, forward the original scheme and host first).
    var validator = new RequestValidator(config["Twilio:Client:AuthToken"]);
    if (!validator.Validate(request.GetEncodedUrl(), parameters, request.Headers["X-Twilio-Signature"].ToString()))
        return Results.StatusCode(StatusCodes.Status403Forbidden);
    events.Record(parameters["RoomName"], parameters["StatusCallbackEvent"]);
    return Results.NoContent();
});

app.MapGet("/meetings/{name}/events", (string name, RoomEvents events) => events.Of(name));

// End: complete the room; everyone still in it is disconnected.
app.MapPost("/meetings/{name}/end", async (string name, ITwilioRestClient twilio) =>
{
    try
    {
        var room = await RoomResource.UpdateAsync(pathSid: name, status: RoomResource.RoomStatusEnum.Completed, client: twilio);
        return Results.Ok(new Meeting(room.UniqueName, room.Sid, room.Status.ToString()));
    }
    catch (ApiException e) when (e.Status == 404) // no in-progress room by that name
    {
        return Results.NotFound();
    }
});

app.Run();

internal sealed record BookMeeting(string Name);

internal sealed record JoinMeeting(string Identity);

internal sealed record Meeting(string Name, string Sid, string Status);

internal sealed record AccessTokenResponse(string Identity, string Token);

/// <summary>The status callback events received, per meeting, in arrival order.</summary>
internal sealed class RoomEvents
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _byMeeting = new(StringComparer.Ordinal);

    public void Record(string meeting, string statusCallbackEvent) =>
        _byMeeting.GetOrAdd(meeting, _ => new ConcurrentQueue<string>()).Enqueue(statusCallbackEvent);

    public IReadOnlyList<string> Of(string meeting) => _byMeeting.TryGetValue(meeting, out var events) ? [.. events] : [];
}
