using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Subscriptions;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Validation;

/// <summary>
/// Reads the <c>Rules</c> field of POST SubscribeRules (spec: "A JSON-encoded array of subscribe rules"). Anything that is
/// not a rule set gives 53215; <see cref="SubscribeRules.Check"/> then applies Twilio's validity rules.
/// </summary>
internal static class SubscribeRulesParser
{
    public static IReadOnlyList<SubscribeRule> Parse(string json)
    {
        var objects = RuleSetJson.Read(json, TwilioErrors.InvalidSubscribeRules);
        var rules = new List<SubscribeRule>(objects.Count);
        foreach (var rule in objects)
            rules.Add(ParseRule(rule));
        return rules;
    }

    private static SubscribeRule ParseRule(JObject rule)
    {
        SubscribeRuleType? type = null;
        bool? all = null;
        string? publisher = null, track = null, kind = null, priority = null;
        var malformed = false;
        foreach (var property in rule.Properties())
        {
            var value = property.Value;
            // The C# SDK's SubscribeRulesUpdate writes every field, the unused ones as null:
            // {"type":"include","all":null,"publisher":"alice","track":null,"kind":"audio","priority":"high"} (Twilio 8.2.0's
            // JsonConvert output). A null field is a field not given.
            if (value.Type == JTokenType.Null)
                continue;
            switch (property.Name)
            {
                case "type":
                    type = value.Type == JTokenType.String ? (string?)value switch
                    {
                        "include" => SubscribeRuleType.Include,
                        "exclude" => SubscribeRuleType.Exclude,
                        _ => null,
                    } : null;
                    malformed |= type is null;
                    break;
                case "all":
                    // Docs: {"type": "include", "all": "true", ...} is among the invalid examples; only the JSON true counts.
                    if (value.Type == JTokenType.Boolean) all = (bool)value; else malformed = true;
                    break;
                case "publisher":
                    publisher = RuleSetJson.Text(value, ref malformed);
                    break;
                case "track":
                    track = RuleSetJson.Text(value, ref malformed);
                    break;
                case "kind":
                    kind = RuleSetJson.Text(value, ref malformed);
                    break;
                case "priority":
                    priority = RuleSetJson.Text(value, ref malformed);
                    break;
                default:
                    malformed = true;
                    break;
            }
        }
        return new SubscribeRule(type, all, publisher, track, kind, priority) { Malformed = malformed };
    }
}
