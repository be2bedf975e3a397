using FakeRooms.Domain.Errors;
using FakeRooms.Http;
using FakeRooms.Wire;
using Newtonsoft.Json;

namespace FakeRooms.Control;

/// <summary>
/// The fake's own API under <c>/__fakerooms/</c>, for tests and tools in any language: health, reset, the clock.
/// It needs no Twilio credentials and is not journaled.
/// </summary>
internal static class ControlApi
{
    public static void Register(RouteTable routes)
    {
        routes.Add("GET", "/__fakerooms/health", Operation.Control, Health, control: true,
            summary: "Liveness: status ok, the default account SID, the fake's URL and clock.");
        routes.Add("POST", "/__fakerooms/reset", Operation.Control, Reset, control: true,
            summary: "Forgets every room, participant and recorded call; with AccountSid (form field or query) only that account's.",
            parameters: [ControlParameters.AccountSid]);
        routes.Add("GET", "/__fakerooms/clock", Operation.Control, GetClock, control: true,
            summary: "The fake's clock: now, and whether it is manual.");
        routes.Add("POST", "/__fakerooms/clock/advance", Operation.Control, AdvanceClock, control: true,
            summary: "Moves a manual clock forward by form field Seconds and runs every timeout that falls due.",
            parameters: [ControlParameters.Number("Seconds").Required()]);
    }

    private static HttpResult Health(RequestContext ctx) => new(200, JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.Prop("status", "ok");
        w.Prop("account_sid", ctx.Server.AccountSid);
        w.Prop("url", ctx.Server.Url);
        w.Prop("clock", ctx.Server.Clock.UtcNow);
        w.WriteEndObject();
    }));

    /// <summary>
    /// Resets everything, or one account with <c>AccountSid</c> (form field or query, as every control route reads it).
    /// Like its siblings it refuses a value that is not an account SID (400) and an account the fake does not know
    /// (404): a typo must not look like a reset that worked.
    /// </summary>
    private static HttpResult Reset(RequestContext ctx)
    {
        var account = ControlParameters.Read(ctx, "AccountSid");
        if (!string.IsNullOrEmpty(account))
        {
            if (!Authenticator.IsAccountSid(account))
                throw new TwilioErrorException(TwilioErrors.InvalidParameter("AccountSid", account));
            var server = ctx.Server;
            if (account != server.AccountSid && !server.Backend.HasAccount(account) && server.Calls.ForAccount(account).Count == 0)
                throw new TwilioErrorException(TwilioErrors.NotFound($"/Accounts/{account}"));
            server.Reset(account);
        }
        else
            ctx.Server.Reset();
        return new HttpResult(200, JsonText.Write(w => { w.WriteStartObject(); w.Prop("reset", true); w.WriteEndObject(); }));
    }

    private static HttpResult GetClock(RequestContext ctx) => ClockBody(ctx);

    /// <summary>Advances a manual clock by form field <c>Seconds</c> (a whole or decimal number, not negative).</summary>
    private static HttpResult AdvanceClock(RequestContext ctx)
    {
        var raw = ControlParameters.Read(ctx, "Seconds");
        if (string.IsNullOrEmpty(raw))
            throw new TwilioErrorException(TwilioErrors.MissingParameter("Seconds"));
        if (!double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ||
            seconds < 0 || double.IsNaN(seconds) || seconds > TimeSpan.FromDays(3650).TotalSeconds)
            throw new TwilioErrorException(TwilioErrors.InvalidParameter("Seconds", raw));
        if (!ctx.Server.Clock.IsManual)
            throw new TwilioErrorException(new TwilioError(20001, 400, "The clock is not manual: start the server with --clock manual"));
        // The clock stops at the year 9000 (ManualTimeProvider.Latest), so every date the fake computes stays valid.
        if (!ctx.Server.Clock.TryAdvance(TimeSpan.FromSeconds(seconds), out _))
            throw new TwilioErrorException(TwilioErrors.OutOfRange("Seconds", raw, "the clock cannot pass the year 9000"));
        return ClockBody(ctx);
    }

    private static HttpResult ClockBody(RequestContext ctx) => new(200, JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("now");
        w.WriteValue(ctx.Server.Clock.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        w.Prop("manual", ctx.Server.Clock.IsManual);
        w.WriteEndObject();
    }));

}
