using System.Globalization;
using FakeRooms.Control;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Rooms;
using FakeRooms.Http;
using FakeRooms.Wire;
using Newtonsoft.Json;

namespace FakeRooms.Inspector;

/// <summary>
/// The inspector: a page at <c>/__fakerooms/ui</c> (plain HTML, CSS and JavaScript embedded in this assembly, no CDN)
/// that reads and drives the fake through the control API, and the few JSON routes it needs beyond the existing ones:
/// the rooms list, one room with its timeline, one call with its response. They are control routes like the rest of
/// <c>/__fakerooms/</c>: the same dispatcher entry, the same access rule, not journaled.
/// </summary>
internal static class InspectorApi
{
    public static void Register(RouteTable routes)
    {
        routes.Add("GET", "/__fakerooms/ui", Operation.Control, Page, control: true,
            summary: "The inspector page: rooms, calls, callbacks and controls, updated live (open it in a browser).");
        routes.Add("GET", "/__fakerooms/ui/{File}", Operation.Control, Asset, control: true,
            summary: "The inspector's script and style sheet (app.js, app.css), embedded in the fake.");
        routes.Add("GET", "/__fakerooms/rooms", Operation.Control, Rooms, control: true,
            summary: "Every account's rooms, newest first, with connected participants; query AccountSid, Status " +
                     "(in-progress|completed|failed), Limit (1 to 1000, default 200).",
            parameters:
            [
                Control.ControlParameters.AccountSid, Control.ControlParameters.Enum("Status", "in-progress", "completed", "failed"),
                Control.ControlParameters.Int("Limit", 1000),
            ]);
        routes.Add("GET", "/__fakerooms/rooms/{Room}", Operation.Control, Room, control: true,
            summary: "One room (SID, or the name of an in-progress room; query AccountSid) with its participants, tracks, " +
                     "recordings, compositions and timeline of events, each at its time on the fake's clock.",
            parameters: [Control.ControlParameters.AccountSid]);
        routes.Add("GET", "/__fakerooms/calls/{Sequence}", Operation.Control, Call, control: true,
            summary: "One journaled call by its sequence number: the request, its contract findings and the response " +
                     "(the error JSON, or the room for room operations).");
    }

    // The page reads only its own origin, runs no inline script and cannot be framed: a room name or a parameter that
    // holds markup stays text even if a rendering bug slipped through (the script only ever sets textContent).
    private static readonly KeyValuePair<string, string>[] PageHeaders =
    [
        new("Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
        new("X-Content-Type-Options", "nosniff"),
        new("Referrer-Policy", "no-referrer"),
        new("Cache-Control", "no-cache"),
    ];

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
    };

    private static readonly Lazy<Dictionary<string, string>> Files = new(() => ContentTypes.Keys.ToDictionary(name => name, Load, StringComparer.Ordinal));

    private static string Load(string name)
    {
        using var stream = typeof(InspectorApi).Assembly.GetManifestResourceStream("FakeRooms.Inspector." + name)
            ?? throw new InvalidOperationException($"The inspector's {name} is not embedded in FakeRooms.dll.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static HttpResult Page(RequestContext ctx) => Serve("index.html");

    private static HttpResult Asset(RequestContext ctx)
    {
        var name = ctx.Path("File");
        if (!ContentTypes.ContainsKey(name))
            throw new TwilioErrorException(TwilioErrors.NotFound(ctx.Request.RawPath));
        return Serve(name);
    }

    private static HttpResult Serve(string name) => new(200, Files.Value[name], ContentTypes[name]) { Headers = PageHeaders };

    private static HttpResult Rooms(RequestContext ctx)
    {
        var query = ctx.Arguments;
        RoomStatus? status = null;
        if (query.Raw("Status") is { Length: > 0 } rawStatus)
            status = WireNames.TryRoomStatus(rawStatus, out var parsed)
                ? parsed
                : throw new TwilioErrorException(TwilioErrors.InvalidParameter("Status", rawStatus));
        var limit = 200;
        if (query.Raw("Limit") is { Length: > 0 } rawLimit)
            limit = int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedLimit) && parsedLimit is >= 1 and <= 1000
                ? parsedLimit
                : throw new TwilioErrorException(TwilioErrors.OutOfRange("Limit", rawLimit, "1 to 1000"));
        return new HttpResult(200, InspectorJson.Rooms(ctx.Server, NonEmpty(query.Raw("AccountSid")), status, limit));
    }

    private static HttpResult Room(RequestContext ctx) =>
        new(200, InspectorJson.Room(ctx.Server, ctx.Path("Room"), NonEmpty(ctx.Arguments.Raw("AccountSid")), ctx.BaseUrl));

    /// <summary>
    /// One call. The journal keeps no response bodies (a kept call costs no object until it is read; README:
    /// Performance), so the response is rebuilt where it can be: Twilio's error JSON from the code and message, and
    /// for CreateRoom, FetchRoom and UpdateRoom the room as it was right after the call.
    /// </summary>
    private static HttpResult Call(RequestContext ctx)
    {
        var raw = ctx.Path("Sequence");
        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            throw new TwilioErrorException(TwilioErrors.InvalidParameter("Sequence", raw));
        var call = ctx.Server.Calls.Snapshot().FirstOrDefault(c => c.Sequence == sequence)
            ?? throw new TwilioErrorException(TwilioErrors.NotFound(ctx.Request.RawPath));
        var json = CallsJson.Call(call, ctx.Server.Options.LargeRoomMaxParticipants);
        string? body = null;
        string note;
        if (call.ErrorCode is { } code)
        {
            body = TwilioJson.Error(new TwilioError(code, call.StatusCode, call.ErrorMessage ?? ""));
            note = "Twilio's error JSON, rebuilt from the journal";
        }
        else if (call.RoomState is { } room && call.Operation is Operation.CreateRoom or Operation.FetchRoom or Operation.UpdateRoom)
        {
            body = TwilioJson.Room(room, ctx.BaseUrl);
            note = "the room as it was right after the call";
        }
        else
            note = call.StatusCode == 0
                ? "no answer: the connection was closed"
                : "the journal keeps no response bodies; fetch the resource to see it now";
        json["response"] = new Newtonsoft.Json.Linq.JObject
        {
            ["status"] = call.StatusCode,
            // Dates stay Twilio's strings (JToken.Parse would turn them into DateTime and print them another way).
            ["body"] = body is null ? null : JsonConvert.DeserializeObject<Newtonsoft.Json.Linq.JToken>(body, new JsonSerializerSettings { DateParseHandling = DateParseHandling.None }),
            ["note"] = note,
        };
        return new HttpResult(200, json.ToString(Formatting.Indented));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
