using System.Globalization;
using System.Text.RegularExpressions;
using FakeRooms.Domain.Errors;
using FakeRooms.Http;
using FakeRooms.Http.Catalogue;
using FakeRooms.Journal;
using FakeRooms.Validation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Control;

/// <summary>One thing a recorded call did that real Twilio would reject or silently ignore.</summary>
/// <param name="Call">The call.</param>
/// <param name="Parameter">The parameter (or <c>(body)</c>, <c>(credentials)</c>, <c>(path)</c>).</param>
/// <param name="Location">form, query, body, header or path.</param>
/// <param name="Rule">The rule's id, e.g. <c>unknown-parameter</c>.</param>
/// <param name="Message">What is wrong and what Twilio does with it.</param>
internal sealed record ContractFinding(CallRecord Call, string Parameter, string Location, string Rule, string Message)
{
    /// <summary>The value sent, when there is one.</summary>
    public string? Value { get; init; }

    /// <summary>The name or value meant, when one is near.</summary>
    public string? Suggestion { get; init; }

    /// <summary>The Twilio error code this would get, when known.</summary>
    public int? TwilioCode { get; init; }
}

/// <summary>
/// The client contract report: reads the journal and lists every call that real Twilio would have rejected or
/// silently ignored. Parameter names, types and enums per operation are those of the operation catalogue
/// (Http/Catalogue, held against Twilio's Video v1 spec); Twilio's parameter names and enum values are case-sensitive
/// (docs rooms-resource: "parameters are case-sensitive").
/// </summary>
internal static class ContractCheck
{
    /// <summary>The rule ids, for <c>Ignore=</c> and the README.</summary>
    public static readonly IReadOnlyDictionary<string, string> Rules = new Dictionary<string, string>
    {
        ["auth"] = "missing or wrong credentials (Twilio answers 401, 20003)",
        ["content-type"] = "a POST body that is not application/x-www-form-urlencoded (Twilio ignores it: JSON bodies create a default room)",
        ["unknown-parameter"] = "a parameter the operation does not have (Twilio ignores it), with the nearest known name",
        ["parameter-case"] = "a known parameter in the wrong case or snake_case (Twilio ignores it: names are case-sensitive)",
        ["enum-case"] = "an enum value in the wrong case (Twilio rejects it)",
        ["enum-value"] = "a value outside the parameter's enum (Twilio rejects it)",
        ["type"] = "a value of the wrong type, e.g. MaxParticipants=lots (Twilio rejects it)",
        ["twilio-rule"] = "a create the fake accepted under the Schema profile that Twilio's own rules reject (range, per-type limits...)",
        ["error-response"] = "any other 4xx answer: real Twilio rejects the call too",
        ["unknown-endpoint"] = "a path or method the Video API does not have (404/405)",
    };

    /// <summary>
    /// Every finding over the given calls. <paramref name="ignore"/> holds rule ids and Twilio codes to leave out
    /// (an app that tests its handling of 53113 ignores 53113).
    /// </summary>
    public static IReadOnlyList<ContractFinding> Check(IEnumerable<CallRecord> calls, IReadOnlySet<string> ignore, int? largeRoomMaxParticipants)
    {
        var findings = new List<ContractFinding>();
        foreach (var call in calls)
        {
            if (call.InjectedFault is not null)
                continue;   // the test asked for that answer
            var own = new List<ContractFinding>();
            CheckCall(call, own, largeRoomMaxParticipants);
            findings.AddRange(own.Where(f => !ignore.Contains(f.Rule) &&
                                             !(f.TwilioCode is { } code && ignore.Contains(code.ToString(CultureInfo.InvariantCulture)))));
        }
        return findings;
    }

    private static void CheckCall(CallRecord call, List<ContractFinding> findings, int? largeRoomMaxParticipants)
    {
        if (call.StatusCode == 401)
        {
            findings.Add(new ContractFinding(call, "(credentials)", "header", "auth",
                $"Twilio answers 401 {call.ErrorCode} '{call.ErrorMessage}': send HTTP Basic auth with the account SID and auth token, or an API key SID and secret")
            { TwilioCode = call.ErrorCode });
            return;
        }
        if (call.Operation == Operation.Unknown)
        {
            findings.Add(new ContractFinding(call, "(path)", "path", "unknown-endpoint",
                call.StatusCode == 405
                    ? $"{call.Method} is not a method of {call.Path} (Twilio answers 405 {call.ErrorCode})"
                    : $"{call.Path} is not a Video v1 resource (Twilio answers 404 {call.ErrorCode})")
            { TwilioCode = call.ErrorCode });
            return;
        }

        if (call.HadNonFormBody)
            findings.Add(new ContractFinding(call, "(body)", "body", "content-type",
                $"Twilio reads only application/x-www-form-urlencoded bodies; this {(call.ContentType ?? "untyped")} body was ignored " +
                "(a JSON body to POST /v1/Rooms creates a room with every default)") { Value = call.ContentType });

        var spec = OperationCatalog.Find(call.Operation);
        if (spec is not null)
        {
            var values = spec.Location == ParameterLocation.Form ? call.Form : call.Query;
            foreach (var name in call.IgnoredParameters)
                findings.Add(UnknownParameter(call, spec, name, values));
            foreach (var (name, sent) in values)
            {
                if (spec.Find(name) is not { } parameter)
                    continue;
                foreach (var value in sent.Distinct())
                    if (CheckValue(call, parameter, value) is { } finding)
                        findings.Add(finding);
            }
            // Under the Schema profile the fake lets through what Twilio's own rules refuse: re-check with Strict.
            if (call.Operation == Operation.CreateRoom && call.Succeeded)
            {
                try
                {
                    CreateRoomParser.Parse(new Arguments(spec, FormOf(call.Form), FormValues.Empty), ValidationProfile.Strict, largeRoomMaxParticipants);
                }
                catch (TwilioErrorException e)
                {
                    findings.Add(new ContractFinding(call, ParameterOf(e.Error) ?? "(form)", "form", "twilio-rule",
                        $"Twilio answers {e.Error.HttpStatus} {e.Error.Code} '{e.Error.Message}' (the fake accepted it under the Schema validation profile)")
                    { TwilioCode = e.Error.Code });
                }
            }
        }

        if (call.StatusCode is >= 400 and < 500 && call.ErrorCode is { } code)
        {
            var parameter = ParameterOf(new TwilioError(code, call.StatusCode, call.ErrorMessage ?? ""));
            if (!findings.Any(f => f.Parameter == parameter && f.Rule is "enum-case" or "enum-value" or "type"))
                findings.Add(new ContractFinding(call, parameter ?? "(call)", spec is null ? "path" : LocationOf(spec), "error-response",
                    $"the fake answered {call.StatusCode} {code} '{call.ErrorMessage}'; real Twilio rejects this call too")
                { TwilioCode = code });
        }
    }

    private static string LocationOf(OperationDescription spec) => LocationOf(spec.Location);

    private static string LocationOf(ParameterLocation location) => location == ParameterLocation.Form ? "form" : "query";

    private static ContractFinding UnknownParameter(CallRecord call, OperationDescription spec, string name, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        var value = values.TryGetValue(name, out var sent) && sent.Count > 0 ? sent[0] : null;
        var squashed = name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var sameLetters = spec.Names.FirstOrDefault(k => string.Equals(k, squashed, StringComparison.OrdinalIgnoreCase));
        if (sameLetters is not null)
            return new ContractFinding(call, name, LocationOf(spec), "parameter-case",
                $"'{name}' is not a parameter of {call.Operation}; Twilio's names are case-sensitive PascalCase, so it is ignored. Use '{sameLetters}'")
            { Value = value, Suggestion = sameLetters };
        var nearest = spec.Names
            .Select(k => (Name: k, Distance: Distance(k.ToLowerInvariant(), squashed.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, c.Name.Length / 4))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name).FirstOrDefault();
        var known = spec.Names.Count == 0 ? "it takes no parameters" : "known: " + string.Join(", ", spec.Names.Order(StringComparer.Ordinal));
        return new ContractFinding(call, name, LocationOf(spec), "unknown-parameter",
            nearest is not null
                ? $"'{name}' is not a parameter of {call.Operation} and Twilio ignores it; did you mean '{nearest}'?"
                : $"'{name}' is not a parameter of {call.Operation} and Twilio ignores it ({known})")
        { Value = value, Suggestion = nearest };
    }

    private static ContractFinding? CheckValue(CallRecord call, ParameterDescription parameter, string value)
    {
        if (value.Length == 0)
            return null;
        var (name, location) = (parameter.Name, LocationOf(parameter.Location));
        switch (parameter.Type)
        {
            case ParameterType.Enum when !parameter.Values.Contains(value, StringComparer.Ordinal):
                var match = parameter.Values.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
                return match is not null
                    ? new ContractFinding(call, name, location, "enum-case",
                        $"{name}='{value}': Twilio's enum values are case-sensitive; use '{match}'") { Value = value, Suggestion = match, TwilioCode = call.ErrorCode }
                    : new ContractFinding(call, name, location, "enum-value",
                        $"{name}='{value}' is not one of {string.Join(", ", parameter.Values)}") { Value = value, TwilioCode = call.ErrorCode };
            case ParameterType.Integer when !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _):
                return new ContractFinding(call, name, location, "type", $"{name}='{value}' is not a whole number") { Value = value, TwilioCode = call.ErrorCode };
            case ParameterType.Boolean when !bool.TryParse(value, out _):
                return new ContractFinding(call, name, location, "type", $"{name}='{value}' is not true or false") { Value = value, TwilioCode = call.ErrorCode };
            default:
                return null;
        }
    }

    /// <summary>The parameter a Twilio error is about (531xx codes name one; 20001 messages carry the name).</summary>
    private static string? ParameterOf(TwilioError error) => error.Code switch
    {
        53101 or 53113 => "UniqueName",
        53107 => "MaxParticipants",
        53108 => "Type",
        53109 => "EmptyRoomTimeout/UnusedRoomTimeout",
        53110 => "StatusCallbackMethod",
        53111 => "StatusCallback",
        53112 => "Status",
        53114 => "Type",
        53115 => "MediaRegion",
        53120 => "RecordingRules",
        53123 => "MaxParticipantDuration",
        20001 => Regex.Match(error.Message, @"^(?:Missing required parameter (\S+)|Invalid (\S+?):|(\S+) is out of range)") is { Success: true } m
            ? m.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value
            : null,
        20404 => "(path)",
        _ => null,
    };

    private static FormValues FormOf(IReadOnlyDictionary<string, IReadOnlyList<string>> form) =>
        FormValues.Parse(string.Join("&", form.SelectMany(p => p.Value.Select(v => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(v)))));

    /// <summary>Levenshtein distance, for "did you mean".</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>The report as JSON (<c>GET /__fakerooms/contract</c>).</summary>
    public static string Report(CallJournal journal, IReadOnlySet<string> ignore, int? largeRoomMaxParticipants)
    {
        var calls = journal.Snapshot();
        var findings = Check(calls, ignore, largeRoomMaxParticipants);
        var list = new JArray();
        foreach (var f in findings)
            list.Add(new JObject
            {
                ["call"] = new JObject
                {
                    ["sequence"] = f.Call.Sequence,
                    ["operation"] = f.Call.Operation.ToString(),
                    ["method"] = f.Call.Method,
                    ["path"] = f.Call.Path,
                    ["status"] = f.Call.StatusCode,
                    ["error_code"] = f.Call.ErrorCode,
                },
                ["parameter"] = f.Parameter,
                ["location"] = f.Location,
                ["value"] = f.Value,
                ["rule"] = f.Rule,
                ["message"] = f.Message,
                ["suggestion"] = f.Suggestion,
                ["twilio_code"] = f.TwilioCode,
            });
        return new JObject
        {
            ["calls_checked"] = calls.Count,
            ["calls_not_kept"] = Math.Max(0, journal.TotalRecorded - calls.Count),
            ["ignored"] = new JArray(ignore.Order(StringComparer.Ordinal).Cast<object>().ToArray()),
            ["count"] = list.Count,
            ["findings"] = list,
        }.ToString(Formatting.Indented);
    }
}
