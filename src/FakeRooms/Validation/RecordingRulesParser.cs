using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Rooms;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Validation;

/// <summary>
/// Reads recording rules from JSON: a bare array (docs curl examples) or <c>{"rules": [...]}</c> (what the C# SDK's
/// RecordingRulesUpdate serialises to; FACTS §3.6). Anything that is not a rule set gives 53120.
/// </summary>
internal static class RecordingRulesParser
{
    private static readonly JsonLoadSettings Strict = new() { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error };

    public static IReadOnlyList<RecordingRule> Parse(string json)
    {
        JToken token;
        try
        {
            token = JToken.Parse(json, Strict);
        }
        catch (JsonException)
        {
            throw new TwilioErrorException(TwilioErrors.InvalidRecordingRules);
        }

        if (token is JObject wrapper && wrapper.Count == 1 && wrapper["rules"] is JArray inner)
            token = inner;
        if (token is not JArray array)
            throw new TwilioErrorException(TwilioErrors.InvalidRecordingRules);

        var rules = new List<RecordingRule>(array.Count);
        foreach (var item in array)
        {
            if (item is not JObject rule)
                throw new TwilioErrorException(TwilioErrors.InvalidRecordingRules);
            rules.Add(ParseRule(rule));
        }
        return rules;
    }

    private static RecordingRule ParseRule(JObject rule)
    {
        RecordingRuleType? type = null;
        bool? all = null;
        string? publisher = null, track = null, kind = null;
        var malformed = false;
        foreach (var property in rule.Properties())
        {
            var value = property.Value;
            // The C# SDK's RecordingRulesUpdate serialises every filter, the unused ones as null:
            // {"type":"include","all":true,"publisher":null,"track":null,"kind":null} (checked with Twilio 8.2.0's
            // JsonConvert output). A null filter is a filter not given.
            if (value.Type == JTokenType.Null)
                continue;
            switch (property.Name)
            {
                case "type":
                    type = value.Type == JTokenType.String ? (string?)value switch
                    {
                        "include" => RecordingRuleType.Include,
                        "exclude" => RecordingRuleType.Exclude,
                        _ => null,
                    } : null;
                    malformed |= type is null;
                    break;
                case "all":
                    if (value.Type == JTokenType.Boolean) all = (bool)value; else malformed = true;
                    break;
                case "publisher":
                    if (value.Type == JTokenType.String) publisher = (string?)value; else malformed = true;
                    break;
                case "track":
                    if (value.Type == JTokenType.String) track = (string?)value; else malformed = true;
                    break;
                case "kind":
                    if (value.Type == JTokenType.String) kind = (string?)value; else malformed = true;
                    break;
                default:
                    malformed = true;
                    break;
            }
        }
        return new RecordingRule(type, all, publisher, track, kind) { Malformed = malformed };
    }
}
