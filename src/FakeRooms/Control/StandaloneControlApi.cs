using FakeRooms.Domain.Errors;
using FakeRooms.Http;
using FakeRooms.Wire;

namespace FakeRooms.Control;

/// <summary>
/// Control endpoints for scripting a fake from outside (any language, CI): the state as a snapshot, the journal, the
/// client contract report, seed fixtures, and this API's own OpenAPI document.
/// </summary>
internal static class StandaloneControlApi
{
    public static void Register(RouteTable routes)
    {
        routes.Add("GET", "/__fakerooms/openapi.json", Operation.Control, OpenApi, control: true,
            summary: "This document: the control API as OpenAPI 3, generated from the route table.");
        routes.Add("GET", "/__fakerooms/state", Operation.Control, GetState, control: true,
            summary: "A JSON snapshot of every account's rooms, participants, tracks, recordings, compositions, hooks and settings (the --persist format).");
        routes.Add("PUT", "/__fakerooms/state", Operation.Control, PutState, control: true,
            summary: "Replaces every account's state with a snapshot from GET /__fakerooms/state (JSON body).");
        routes.Add("GET", "/__fakerooms/calls", Operation.Control, Calls, control: true,
            summary: "The journal of Twilio API calls, oldest first; query filters Operation (e.g. CreateRoom), RoomSid (SID or name), " +
                     "Status (404 or 4xx), AccountSid, After (a sequence number: only later calls), Limit (the newest N); each call lists its contract findings.",
            parameters: CallFilter.Parameters);
        routes.Add("GET", "/__fakerooms/contract", Operation.Control, Contract, control: true,
            summary: "The client contract report: every recorded call real Twilio would reject or silently ignore, with the parameter " +
                     "and the rule; query Ignore=53113,unknown-parameter leaves codes or rules out.",
            parameters: [ControlParameters.Text("Ignore").Repeated()]);
        routes.Add("POST", "/__fakerooms/fixture", Operation.Control, LoadFixture, control: true,
            summary: "Seeds rooms and participants from a fixture (JSON body, the --fixture format).");
    }

    private static HttpResult OpenApi(RequestContext ctx) => new(200, ControlOpenApi.Document(ctx.Server.Routes, ctx.BaseUrl));

    private static HttpResult GetState(RequestContext ctx) => new(200, ctx.Server.Snapshot().ToJson());

    private static HttpResult PutState(RequestContext ctx)
    {
        var body = ctx.Request.BodyText;
        if (string.IsNullOrWhiteSpace(body))
            throw new TwilioErrorException(TwilioErrors.MissingParameter("state", "request body"));
        FakeRoomsSnapshot snapshot;
        try
        {
            snapshot = FakeRoomsSnapshot.FromJson(body);
            ctx.Server.Restore(snapshot);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new TwilioErrorException(new TwilioError(20001, 400, $"Invalid state: {e.Message}"));
        }
        return new HttpResult(200, JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.Prop("restored", true);
            w.Prop("accounts", snapshot.Accounts.Count);
            w.Prop("rooms", snapshot.Accounts.Sum(a => a.Rooms.Count));
            w.Prop("participants", snapshot.Accounts.Sum(a => a.Rooms.Sum(r => r.Participants.Count)));
            w.Prop("recordings", snapshot.Accounts.Sum(a => a.Recordings.Count));
            w.Prop("compositions", snapshot.Accounts.Sum(a => a.Compositions.Count));
            w.Prop("composition_hooks", snapshot.Accounts.Sum(a => a.CompositionHooks.Count));
            w.WriteEndObject();
        }));
    }

    private static HttpResult Calls(RequestContext ctx) =>
        new(200, CallsJson.Write(ctx.Server.Calls, CallFilter.Parse(ctx.Arguments), ctx.Server.Options.LargeRoomMaxParticipants));

    private static HttpResult Contract(RequestContext ctx)
    {
        var ignore = new HashSet<string>(
            ctx.Arguments.All("Ignore").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
            StringComparer.Ordinal);
        return new HttpResult(200, ContractCheck.Report(ctx.Server.Calls, ignore, ctx.Server.Options.LargeRoomMaxParticipants));
    }

    private static HttpResult LoadFixture(RequestContext ctx)
    {
        var body = ctx.Request.BodyText;
        if (string.IsNullOrWhiteSpace(body))
            throw new TwilioErrorException(TwilioErrors.MissingParameter("fixture", "request body"));
        FixtureResult result;
        try
        {
            result = Fixture.Apply(ctx.Server, body);
        }
        catch (FormatException e)
        {
            throw new TwilioErrorException(new TwilioError(20001, 400, $"Invalid fixture: {e.Message}"));
        }
        return new HttpResult(200, JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.Prop("rooms", result.Rooms);
            w.Prop("participants", result.Participants);
            w.Prop("published_tracks", result.Tracks);
            w.WriteEndObject();
        }));
    }
}
