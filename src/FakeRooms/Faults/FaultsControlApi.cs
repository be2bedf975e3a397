using System.Globalization;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Http;
using FakeRooms.Wire;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Faults;

/// <summary>
/// Fault rules and rate limits over HTTP, for the standalone server and tests in any language:
/// <c>POST /__fakerooms/faults</c> (a form or a JSON object describing one rule; answers 201 with the rule and its id),
/// <c>GET /__fakerooms/faults</c> (every rule with how often it fired), <c>DELETE /__fakerooms/faults</c> and
/// <c>DELETE /__fakerooms/faults/{Id}</c>, and <c>GET/POST /__fakerooms/rate-limit</c>.
/// <para>
/// Fields (names are case-insensitive; <c>RetryAfter</c>, <c>retry_after</c> and <c>retryAfter</c> are the same):
/// <c>Operation</c> (repeatable, or comma-separated; absent = any), <c>Room</c>, <c>Account</c>; one of <c>Times</c>
/// (default 1), <c>Always=true</c>, <c>Probability</c> (with an optional <c>Seed</c>); <c>Fault</c>, one of
/// too-many-requests, internal-server-error, service-unavailable, error (with <c>Status</c>, <c>Code</c>,
/// <c>Message</c>), raw-body (<c>Status</c>, <c>Body</c>, <c>ContentType</c>), truncated-body, drop-connection,
/// drop-connection-after-processing, delay; <c>RetryAfter</c> (seconds) and <c>DelayMs</c> where they apply.
/// Status-callback faults: <c>Fault</c> drop-callback, delay-callback (with <c>DelayMs</c>), duplicate-callback or
/// reorder-callback, with <c>Event</c> (wire names such as participant-connected; repeatable; absent = any) instead
/// of <c>Operation</c>.
/// </para>
/// </summary>
internal static class FaultsControlApi
{
    private const string Prefix = "/__fakerooms";

    private static readonly string[] Fields =
    [
        "Operation", "Event", "Room", "Account", "Times", "Always", "Probability", "Seed", "Fault", "Status", "Code", "Message",
        "RetryAfter", "DelayMs", "Body", "ContentType",
    ];

    private static readonly Dictionary<string, string> FieldsByKey =
        Fields.ToDictionary(Key, f => f, StringComparer.Ordinal);

    public static void Register(RouteTable routes)
    {
        routes.Add("POST", Prefix + "/faults", Operation.Control, AddRule, control: true,
            summary: "Adds a fault rule (form or JSON: Operation or Event, Room, Account, Times/Always/Probability, Fault, Status, Code, " +
                     "Message, RetryAfter, DelayMs, Body, ContentType): 201 with the rule and its id.",
            parameters: [.. Fields.Select(Control.ControlParameters.Text)]);
        routes.Add("GET", Prefix + "/faults", Operation.Control, ListRules, control: true,
            summary: "Every fault rule, with how often it fired.");
        routes.Add("DELETE", Prefix + "/faults", Operation.Control, ClearRules, control: true,
            summary: "Removes every fault rule.");
        routes.Add("DELETE", Prefix + "/faults/{Id}", Operation.Control, RemoveRule, control: true,
            summary: "Removes one fault rule by its id.");
        routes.Add("GET", Prefix + "/rate-limit", Operation.Control, GetRateLimit, control: true,
            summary: "The rate limits (write and read requests per second per account) answered with 429/20429.");
        routes.Add("POST", Prefix + "/rate-limit", Operation.Control, SetRateLimit, control: true,
            summary: "Sets the rate limits (form or JSON WritesPerSecond, ReadsPerSecond; absent or off turns one off).",
            parameters: [Control.ControlParameters.Text("WritesPerSecond"), Control.ControlParameters.Text("ReadsPerSecond")]);
    }

    private static HttpResult AddRule(RequestContext ctx)
    {
        var fields = ReadFields(ctx.Request);
        var action = ParseAction(fields);
        if (fields.ContainsKey(action.IsCallbackFault ? "Operation" : "Event"))
            throw new TwilioErrorException(new TwilioError(20001, 400, action.IsCallbackFault
                ? $"Operation does not apply to the callback fault {action.KindName}; use Event"
                : $"Event applies only to callback faults, not to {action.KindName}; use Operation"));
        var target = new FaultTargetSpec
        {
            Callbacks = action.IsCallbackFault,
            Operations = action.IsCallbackFault ? null : ParseOperations(fields),
            Events = action.IsCallbackFault ? ParseEvents(fields) : null,
            Room = Single(fields, "Room"),
            Account = Single(fields, "Account"),
        };
        var rule = ctx.Server.Faults.Add(target, ParseFrequency(fields), action);
        return new HttpResult(201, JsonText.Write(w => WriteRule(w, rule)));
    }

    private static HttpResult ListRules(RequestContext ctx) => new(200, JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("faults");
        w.WriteStartArray();
        foreach (var rule in ctx.Server.Faults.Rules)
            WriteRule(w, rule);
        w.WriteEndArray();
        w.WritePropertyName("rate_limit");
        WriteRateLimit(w, ctx.Server.Faults);
        w.WriteEndObject();
    }));

    private static HttpResult ClearRules(RequestContext ctx)
    {
        var count = ctx.Server.Faults.Rules.Count;
        ctx.Server.Faults.Clear();
        return Deleted(count);
    }

    private static HttpResult RemoveRule(RequestContext ctx)
    {
        var id = ctx.Path("Id");
        if (!ctx.Server.Faults.Remove(id))
            throw new TwilioErrorException(TwilioErrors.NotFound($"{Prefix}/faults/{id}"));
        return Deleted(1);
    }

    private static HttpResult GetRateLimit(RequestContext ctx) => new(200, JsonText.Write(w => WriteRateLimit(w, ctx.Server.Faults)));

    /// <summary>Sets both limits; an absent or empty field (or <c>off</c>) turns that limit off.</summary>
    private static HttpResult SetRateLimit(RequestContext ctx)
    {
        var fields = ReadFields(ctx.Request, "WritesPerSecond", "ReadsPerSecond");
        ctx.Server.Faults.LimitRate(PerSecond(fields, "WritesPerSecond"), PerSecond(fields, "ReadsPerSecond"));
        return GetRateLimit(ctx);
    }

    private static int? PerSecond(Dictionary<string, List<string>> fields, string name) =>
        Single(fields, name) is not { } raw || raw.Equals("off", StringComparison.OrdinalIgnoreCase)
            ? null
            : Int(raw, name, 1, 1_000_000);

    private static HttpResult Deleted(int count) => new(200, JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.Prop("deleted", count);
        w.WriteEndObject();
    }));

    // ---- parsing ----

    /// <summary>A form body, or a JSON object (any content type starting with <c>{</c>), as name -> values.</summary>
    private static Dictionary<string, List<string>> ReadFields(HttpRequestData request, params string[] known)
    {
        var byKey = known.Length == 0 ? FieldsByKey : known.ToDictionary(Key, k => k, StringComparer.Ordinal);
        var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Put(string name, string value)
        {
            if (!byKey.TryGetValue(Key(name), out var canonical))
                throw new TwilioErrorException(new TwilioError(20001, 400,
                    $"Unknown parameter {name}; expected one of {string.Join(", ", byKey.Values)}"));
            if (!fields.TryGetValue(canonical, out var list))
                fields[canonical] = list = [];
            list.Add(value);
        }

        if (request.BodyText is { } text && text.TrimStart().StartsWith('{'))
        {
            JObject json;
            try
            {
                using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
                json = JObject.Load(reader);
            }
            catch (JsonException e)
            {
                throw new TwilioErrorException(new TwilioError(20001, 400, $"The JSON body is not valid: {e.Message}"));
            }
            foreach (var property in json.Properties())
            {
                IEnumerable<JToken> values = property.Value is JArray array ? array.Children() : [property.Value];
                foreach (var value in values)
                {
                    if (value is not JValue scalar)
                        throw new TwilioErrorException(TwilioErrors.InvalidParameter(property.Name, value.ToString(Formatting.None)));
                    if (scalar.Type != JTokenType.Null)
                        Put(property.Name, scalar.Type == JTokenType.Boolean
                            ? (bool)scalar ? "true" : "false"
                            : Convert.ToString(scalar.Value, CultureInfo.InvariantCulture) ?? "");
                }
            }
        }
        else if (request.HasNonFormBody)
            throw new TwilioErrorException(new TwilioError(20001, 400,
                "Send the rule as application/x-www-form-urlencoded or as a JSON object"));
        foreach (var (name, value) in request.Form.Pairs)
            Put(name, value);
        return fields;
    }

    /// <summary>Field names compare without case, underscores or dashes.</summary>
    private static string Key(string name) => name.Replace("_", "").Replace("-", "").ToLowerInvariant();

    private static string? Single(Dictionary<string, List<string>> fields, string name) =>
        fields.TryGetValue(name, out var values) && values.Count > 0 && values[0].Length > 0 ? values[0] : null;

    private static HashSet<Operation>? ParseOperations(Dictionary<string, List<string>> fields)
    {
        if (!fields.TryGetValue("Operation", out var values))
            return null;
        var names = values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (names.Count == 0 || names.Any(n => n is "*" || n.Equals("any", StringComparison.OrdinalIgnoreCase)))
            return null;
        var set = new HashSet<Operation>();
        foreach (var name in names)
        {
            if (!Enum.TryParse<Operation>(name, ignoreCase: true, out var operation) || int.TryParse(name, out _) ||
                operation is Operation.Unknown or Operation.Control || !Enum.IsDefined(operation))
                throw new TwilioErrorException(TwilioErrors.InvalidParameter("Operation", name));
            set.Add(operation);
        }
        return set;
    }

    private static HashSet<RoomEventKind>? ParseEvents(Dictionary<string, List<string>> fields)
    {
        if (!fields.TryGetValue("Event", out var values))
            return null;
        var names = values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (names.Count == 0 || names.Any(n => n is "*" || n.Equals("any", StringComparison.OrdinalIgnoreCase)))
            return null;
        var set = new HashSet<RoomEventKind>();
        foreach (var name in names)
        {
            var kind = Enum.GetValues<RoomEventKind>().Cast<RoomEventKind?>()
                .FirstOrDefault(k => WireNames.Of(k!.Value) == name.ToLowerInvariant());
            set.Add(kind ?? throw new TwilioErrorException(TwilioErrors.InvalidParameter("Event", name)));
        }
        return set;
    }

    private static FaultFrequency ParseFrequency(Dictionary<string, List<string>> fields)
    {
        var times = Single(fields, "Times");
        var always = Single(fields, "Always");
        var probability = Single(fields, "Probability");
        var given = (times is null ? 0 : 1) + (always is null ? 0 : 1) + (probability is null ? 0 : 1);
        if (given > 1)
            throw new TwilioErrorException(new TwilioError(20001, 400, "Give only one of Times, Always and Probability"));
        if (always is not null)
        {
            if (!always.Equals("true", StringComparison.OrdinalIgnoreCase))
                throw new TwilioErrorException(TwilioErrors.InvalidParameter("Always", always));
            return new FaultFrequency(FaultFrequencyKind.Always);
        }
        if (probability is not null)
        {
            if (!double.TryParse(probability, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || double.IsNaN(p) || p is < 0 or > 1)
                throw new TwilioErrorException(TwilioErrors.OutOfRange("Probability", probability, "0 to 1"));
            int? seed = Single(fields, "Seed") is { } rawSeed ? Int(rawSeed, "Seed", int.MinValue, int.MaxValue) : null;
            return new FaultFrequency(FaultFrequencyKind.Probability, Probability: p, Seed: seed);
        }
        // One call unless told otherwise: a `curl -d Fault=drop-connection` fails the next call only.
        return new FaultFrequency(FaultFrequencyKind.Next, Times: times is null ? 1 : Int(times, "Times", 1, 1_000_000));
    }

    private static FaultAction ParseAction(Dictionary<string, List<string>> fields)
    {
        var kind = Single(fields, "Fault") ?? throw new TwilioErrorException(TwilioErrors.MissingParameter("Fault"));
        var delay = Single(fields, "DelayMs") is { } ms
            ? TimeSpan.FromMilliseconds(Int(ms, "DelayMs", 0, (int)FaultResponder.MaxDelay.TotalMilliseconds))
            : TimeSpan.Zero;
        int? retryAfter = null;
        if (Single(fields, "RetryAfter") is { } rawRetry)
        {
            if (!double.TryParse(rawRetry, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ||
                double.IsNaN(seconds) || seconds is < 0 or > 86_400)
                throw new TwilioErrorException(TwilioErrors.OutOfRange("RetryAfter", rawRetry, "0 to 86400 seconds"));
            retryAfter = FaultAction.RetryAfter(TimeSpan.FromSeconds(seconds));
        }
        FaultAction Error(TwilioError error) => new() { Kind = FaultKind.Error, Error = error, RetryAfterSeconds = retryAfter, Delay = delay };

        switch (kind.ToLowerInvariant())
        {
            case "too-many-requests":
                return Error(TwilioErrors.TooManyRequests);
            case "internal-server-error":
                return Error(TwilioErrors.InternalServerError);
            case "service-unavailable":
                return Error(TwilioErrors.ServiceUnavailable);
            case "error":
                var status = Int(Single(fields, "Status") ?? throw new TwilioErrorException(TwilioErrors.MissingParameter("Status")), "Status", 400, 599);
                var code = Int(Single(fields, "Code") ?? throw new TwilioErrorException(TwilioErrors.MissingParameter("Code")), "Code", 1, int.MaxValue);
                var message = Single(fields, "Message") ?? throw new TwilioErrorException(TwilioErrors.MissingParameter("Message"));
                return Error(new TwilioError(code, status, message));
            case "raw-body":
                // A final status only: a 1xx is not an answer (the client waits for the real one, and the fake sent
                // none). 204, 205 and 304 carry no body, so one given with them could never be sent.
                var rawStatus = Int(Single(fields, "Status") ?? throw new TwilioErrorException(TwilioErrors.MissingParameter("Status")), "Status", 200, 599);
                var rawBody = fields.TryGetValue("Body", out var body) ? body[0] : "";
                if (rawStatus is 204 or 205 or 304 && rawBody.Length > 0)
                    throw new TwilioErrorException(new TwilioError(20001, 400, $"Status {rawStatus} has no body; leave Body out"));
                var contentType = Single(fields, "ContentType") ?? "text/html";
                // A header value: visible ASCII and spaces only. CR or LF would end the header early, and NUL or any
                // other control character made the next answer fail.
                if (contentType.AsSpan().ContainsAnyExceptInRange(' ', '~'))
                    throw new TwilioErrorException(TwilioErrors.InvalidParameter("ContentType", contentType));
                return new FaultAction
                {
                    Kind = FaultKind.RawBody,
                    RawStatus = rawStatus,
                    RawBody = rawBody,
                    RawContentType = contentType,
                    Delay = delay,
                };
            case "truncated-body":
                return new FaultAction { Kind = FaultKind.TruncatedBody, Delay = delay };
            case "drop-connection":
                return new FaultAction { Kind = FaultKind.DropConnection, Delay = delay };
            case "drop-connection-after-processing":
                return new FaultAction { Kind = FaultKind.DropConnectionAfterProcessing, Delay = delay };
            case "delay":
                if (delay <= TimeSpan.Zero)
                    throw new TwilioErrorException(TwilioErrors.MissingParameter("DelayMs"));
                return new FaultAction { Kind = FaultKind.Delay, Delay = delay };
            case "drop-callback":
                return new FaultAction { Kind = FaultKind.DropCallback };
            case "delay-callback":
                if (delay <= TimeSpan.Zero)
                    throw new TwilioErrorException(TwilioErrors.MissingParameter("DelayMs"));
                return new FaultAction { Kind = FaultKind.DelayCallback, Delay = delay };
            case "duplicate-callback":
                return new FaultAction { Kind = FaultKind.DuplicateCallback };
            case "reorder-callback":
                return new FaultAction { Kind = FaultKind.ReorderCallback };
            default:
                throw new TwilioErrorException(TwilioErrors.InvalidParameter("Fault", kind));
        }
    }

    private static int Int(string raw, string name, int min, int max) =>
        !int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? throw new TwilioErrorException(TwilioErrors.InvalidParameter(name, raw))
            : value < min || value > max
                ? throw new TwilioErrorException(TwilioErrors.OutOfRange(name, raw, $"{min} to {max}"))
                : value;

    // ---- JSON ----

    private static void WriteRule(JsonWriter w, FaultRule rule)
    {
        var action = rule.Action;
        w.WriteStartObject();
        w.Prop("id", rule.Id);
        w.Prop("description", rule.Description);
        w.WritePropertyName("operations");
        if (rule.Target.Operations is { } operations)
        {
            w.WriteStartArray();
            foreach (var operation in operations.Order())
                w.WriteValue(operation.ToString());
            w.WriteEndArray();
        }
        else
            w.WriteNull();
        w.Prop("callbacks", rule.Target.Callbacks);
        w.WritePropertyName("events");
        if (rule.Target.Events is { } events)
        {
            w.WriteStartArray();
            foreach (var kind in events.Order())
                w.WriteValue(WireNames.Of(kind));
            w.WriteEndArray();
        }
        else
            w.WriteNull();
        w.Prop("room", rule.Target.Room);
        w.Prop("account", rule.Target.Account);
        w.Prop("frequency", rule.Frequency.Kind.ToString().ToLowerInvariant());
        w.Prop("times", rule.Frequency.Kind == FaultFrequencyKind.Next ? rule.Frequency.Times : null);
        w.WritePropertyName("probability");
        if (rule.Frequency.Kind == FaultFrequencyKind.Probability) w.WriteValue(rule.Frequency.Probability); else w.WriteNull();
        w.Prop("seed", rule.Frequency.Seed);
        w.Prop("fault", action.KindName);
        w.Prop("status", action.Error?.HttpStatus ?? (action.Kind == FaultKind.RawBody ? action.RawStatus : null));
        w.Prop("code", action.Error?.Code);
        w.Prop("message", action.Error?.Message);
        w.Prop("retry_after", action.RetryAfterSeconds);
        w.Prop("delay_ms", (long)action.Delay.TotalMilliseconds);
        w.Prop("fired", rule.Fired);
        w.Prop("remaining", rule.Remaining);
        w.Prop("active", rule.IsActive);
        w.WriteEndObject();
    }

    private static void WriteRateLimit(JsonWriter w, FaultInjector faults)
    {
        w.WriteStartObject();
        w.Prop("writes_per_second", faults.WritesPerSecond);
        w.Prop("reads_per_second", faults.ReadsPerSecond);
        w.WriteEndObject();
    }
}
