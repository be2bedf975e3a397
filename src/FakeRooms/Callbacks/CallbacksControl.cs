using System.Globalization;
using FakeRooms.Domain.Errors;
using FakeRooms.Http;
using FakeRooms.Wire;
using Newtonsoft.Json;

namespace FakeRooms.Callbacks;

/// <summary>
/// <c>GET /__fakerooms/callbacks</c>: the callback journal for tests in any language (standalone server). Optional
/// query filters <c>RoomSid</c>, <c>Event</c>, <c>AccountSid</c>, <c>After</c> (a sequence number, for polling) and
/// <c>Limit</c> (the newest N that match). Like the rest of the control API it needs no
/// credentials and is not journaled.
/// </summary>
internal static class CallbacksControl
{
    public static void Register(RouteTable routes) =>
        routes.Add("GET", "/__fakerooms/callbacks", Operation.Control, List, control: true,
            summary: "The status callbacks sent (or failed), oldest first; query filters RoomSid, Event, AccountSid, After (a sequence number: only later ones), Limit (the newest N).",
            parameters:
            [
                Control.ControlParameters.Text("RoomSid"), Control.ControlParameters.Text("Event"), Control.ControlParameters.AccountSid,
                Control.ControlParameters.Int("After"), Control.ControlParameters.Int("Limit", 10_000),
            ]);

    private static HttpResult List(RequestContext ctx)
    {
        var query = ctx.Arguments;
        var roomSid = query.Raw("RoomSid");
        var eventName = query.Raw("Event");
        var accountSid = query.Raw("AccountSid");
        long? after = null;
        if (query.Raw("After") is { Length: > 0 } rawAfter)
            after = long.TryParse(rawAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedAfter)
                ? parsedAfter
                : throw new TwilioErrorException(TwilioErrors.InvalidParameter("After", rawAfter));
        var limit = int.MaxValue;
        if (query.Raw("Limit") is { Length: > 0 } rawLimit)
            limit = int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedLimit) && parsedLimit is >= 1 and <= 10_000
                ? parsedLimit
                : throw new TwilioErrorException(TwilioErrors.OutOfRange("Limit", rawLimit, "1 to 10000"));
        var journal = ctx.Server.Callbacks;
        var records = journal.Snapshot()
            .Where(c => after is null || c.Sequence > after)
            .Where(c => string.IsNullOrEmpty(roomSid) || c.RoomSid == roomSid)
            .Where(c => string.IsNullOrEmpty(eventName) || c.Event == eventName)
            .Where(c => string.IsNullOrEmpty(accountSid) || c.AccountSid == accountSid)
            .ToList();
        if (records.Count > limit)
            records = records.Skip(records.Count - limit).ToList();
        return new HttpResult(200, JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("callbacks");
            w.WriteStartArray();
            foreach (var record in records)
                Write(w, record);
            w.WriteEndArray();
            w.Prop("pending", journal.Pending);
            w.Prop("total_recorded", journal.TotalRecorded);
            w.WriteEndObject();
        }));
    }

    private static void Write(JsonWriter w, CallbackRecord c)
    {
        w.WriteStartObject();
        w.Prop("sequence", c.Sequence);
        w.Prop("account_sid", c.AccountSid);
        w.Prop("room_sid", c.RoomSid);
        w.Prop("event", c.Event);
        w.Prop("sequence_number", c.SequenceNumber);
        w.Prop("status_callback", c.StatusCallback);
        w.Prop("url", c.Url);
        w.Prop("method", c.Method);
        w.WritePropertyName("parameters");
        w.WriteStartObject();
        foreach (var (name, value) in c.Parameters)
            w.Prop(name, value);
        w.WriteEndObject();
        w.Prop("body", c.Body);
        w.Prop("signature", c.Signature);
        w.Prop("idempotency_token", c.IdempotencyToken);
        w.Prop("attempted_at", StatusCallbackParameters.Timestamp(c.AttemptedAt));
        w.Prop("outcome", Outcome(c.Outcome));
        w.Prop("status_code", c.StatusCode);
        w.Prop("error", c.Error);
        w.Prop("latency_ms", (long)Math.Round(c.Latency.TotalMilliseconds));
        w.Prop("response_body", c.ResponseBody);
        w.Prop("injected_fault", c.InjectedFault);
        w.WriteEndObject();
    }

    private static string Outcome(CallbackOutcome outcome) => outcome switch
    {
        CallbackOutcome.Succeeded => "succeeded",
        CallbackOutcome.ErrorStatus => "error-status",
        CallbackOutcome.TimedOut => "timed-out",
        CallbackOutcome.ConnectionFailed => "connection-failed",
        CallbackOutcome.InvalidUrl => "invalid-url",
        _ => "dropped",
    };
}
