using FakeRooms.Domain.Errors;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Validation;

/// <summary>
/// Reads a rule set (recording or subscribe rules) from one form field's JSON: a bare array (the docs' curl examples,
/// twilio-node's <c>rules: [...]</c>) or <c>{"rules": [...]}</c> (what the C# SDK's RecordingRulesUpdate and
/// SubscribeRulesUpdate serialise to; FACTS §3.6). A repeated property is an error (docs track-subscriptions: "A rule
/// cannot contain several times the same filter"). Anything that is not an array of objects gives the caller's error.
/// </summary>
internal static class RuleSetJson
{
    private static readonly JsonLoadSettings Strict = new() { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error };

    /// <summary>The fields of one rule object. A field sent as JSON null is a field not given.</summary>
    /// <param name="Include">True for <c>include</c>, false for <c>exclude</c>, null when missing or invalid.</param>
    /// <param name="All">The <c>all</c> filter.</param>
    /// <param name="Publisher">The <c>publisher</c> filter.</param>
    /// <param name="Track">The <c>track</c> filter.</param>
    /// <param name="Kind">The <c>kind</c> filter, as given.</param>
    /// <param name="Priority">A subscribe rule's <c>priority</c>, as given.</param>
    /// <param name="Malformed">An unknown field, a value of the wrong JSON type, or a type that is neither include nor exclude.</param>
    internal readonly record struct Rule(bool? Include, bool? All, string? Publisher, string? Track, string? Kind, string? Priority, bool Malformed);

    /// <summary>
    /// The rules of <paramref name="json"/>. <paramref name="withPriority"/>: subscribe rules also have <c>priority</c>
    /// (spec room_participant_subscribe_rule); for recording rules it is an unknown field.
    /// </summary>
    public static IReadOnlyList<Rule> Read(string json, TwilioError invalid, bool withPriority)
    {
        JToken token;
        try
        {
            token = JToken.Parse(json, Strict);
        }
        catch (JsonException)
        {
            throw new TwilioErrorException(invalid);
        }

        if (token is JObject wrapper && wrapper.Count == 1 && wrapper["rules"] is JArray inner)
            token = inner;
        if (token is not JArray array)
            throw new TwilioErrorException(invalid);

        var rules = new List<Rule>(array.Count);
        foreach (var item in array)
            rules.Add(ReadRule(item as JObject ?? throw new TwilioErrorException(invalid), withPriority));
        return rules;
    }

    private static Rule ReadRule(JObject rule, bool withPriority)
    {
        bool? include = null, all = null;
        string? publisher = null, track = null, kind = null, priority = null;
        var malformed = false;
        foreach (var property in rule.Properties())
        {
            var value = property.Value;
            // The C# SDK's RecordingRulesUpdate and SubscribeRulesUpdate write every field, the unused ones as null:
            // {"type":"include","all":true,"publisher":null,"track":null,"kind":null} (checked with Twilio 8.2.0's
            // JsonConvert output). A null field is a field not given.
            if (value.Type == JTokenType.Null)
                continue;
            switch (property.Name)
            {
                case "type":
                    include = value.Type == JTokenType.String ? (string?)value switch { "include" => true, "exclude" => false, _ => null } : null;
                    malformed |= include is null;
                    break;
                case "all":
                    // Docs track-subscriptions: {"type": "include", "all": "true", ...} is invalid; only the JSON true counts.
                    if (value.Type == JTokenType.Boolean) all = (bool)value; else malformed = true;
                    break;
                case "publisher":
                    publisher = Text(value, ref malformed);
                    break;
                case "track":
                    track = Text(value, ref malformed);
                    break;
                case "kind":
                    kind = Text(value, ref malformed);
                    break;
                case "priority" when withPriority:
                    priority = Text(value, ref malformed);
                    break;
                default:
                    malformed = true;
                    break;
            }
        }
        return new Rule(include, all, publisher, track, kind, priority, malformed);
    }

    private static string? Text(JToken value, ref bool malformed)
    {
        if (value.Type == JTokenType.String)
            return (string?)value;
        malformed = true;
        return null;
    }
}
