using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Subscriptions;

namespace FakeRooms.Validation;

/// <summary>
/// Reads the <c>Rules</c> field of POST SubscribeRules (spec: "A JSON-encoded array of subscribe rules"). Anything that is
/// not a rule set gives 53215; <see cref="SubscribeRules.Check"/> then applies Twilio's validity rules.
/// </summary>
internal static class SubscribeRulesParser
{
    public static IReadOnlyList<SubscribeRule> Parse(string json) =>
        RuleSetJson.Read(json, TwilioErrors.InvalidSubscribeRules, withPriority: true)
            .Select(r => new SubscribeRule(r.Include switch { true => SubscribeRuleType.Include, false => SubscribeRuleType.Exclude, _ => null },
                r.All, r.Publisher, r.Track, r.Kind, r.Priority) { Malformed = r.Malformed })
            .ToList();
}
