using System.Collections.Concurrent;
using Twilio.Clients;
using Twilio.Rest.Video.V1;
using Twilio.Security;

var builder = WebApplication.CreateBuilder(args);

// The one line an app adds: its Twilio client goes to the fake when FakeRooms:Url is configured (AppHost, tests),
// and is left untouched otherwise (production).
builder.Services.AddHttpClient("Twilio").RedirectTwilioToFakeRoomsWhenConfigured(builder.Configuration);

builder.Services.AddSingleton<ITwilioRestClient>(services =>
{
    var settings = services.GetRequiredService<IConfiguration>().GetSection("Twilio:Client");
    var accountSid = settings["AccountSid"] ?? throw new InvalidOperationException("Twilio:Client:AccountSid is not set");
    var http = new Twilio.Http.SystemNetHttpClient(services.GetRequiredService<IHttpClientFactory>().CreateClient("Twilio"));
    // API key credentials when configured (Twilio's advice for server apps), else the account's auth token.
    return settings["ApiKeySid"] is { Length: > 0 } keySid
        ? new TwilioRestClient(keySid, settings["ApiKeySecret"], accountSid, httpClient: http)
        : new TwilioRestClient(accountSid, settings["AuthToken"], httpClient: http);
});
builder.Services.AddSingleton<ConcurrentQueue<ReceivedCallback>>();

var app = builder.Build();

app.MapPost("/meetings", async (HttpRequest request, ITwilioRestClient twilio) =>
{
    var form = await request.ReadFormAsync();
    var callback = new Uri($"{request.Scheme}://{request.Host}/twilio/rooms");
    var room = await RoomResource.CreateAsync(uniqueName: form["name"].ToString(), type: RoomResource.RoomTypeEnum.Group,
        statusCallback: callback, client: twilio);
    return Results.Ok(new Meeting(room.Sid, room.UniqueName, room.Status.ToString()));
});

app.MapGet("/meetings/{sid}", async (string sid, ITwilioRestClient twilio) =>
{
    var room = await RoomResource.FetchAsync(sid, client: twilio);
    return Results.Ok(new Meeting(room.Sid, room.UniqueName, room.Status.ToString()));
});

// Twilio's status callbacks: checked with the official validator, as production would.
app.MapPost("/twilio/rooms", async (HttpRequest request, IConfiguration configuration, ConcurrentQueue<ReceivedCallback> received) =>
{
    var form = await request.ReadFormAsync();
    var parameters = form.ToDictionary(p => p.Key, p => p.Value.ToString());
    var url = $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}";
    var valid = new RequestValidator(configuration["Twilio:Client:AuthToken"]).Validate(url, parameters, request.Headers["X-Twilio-Signature"].ToString());
    received.Enqueue(new ReceivedCallback(parameters.GetValueOrDefault("RoomSid"), parameters.GetValueOrDefault("StatusCallbackEvent"), valid));
    return valid ? Results.Ok() : Results.StatusCode(StatusCodes.Status403Forbidden);
});

app.MapGet("/twilio/rooms", (ConcurrentQueue<ReceivedCallback> received) => Results.Ok(received.ToArray()));

app.Run();

internal sealed record Meeting(string Sid, string Name, string Status);

internal sealed record ReceivedCallback(string? RoomSid, string? Event, bool SignatureValid);
