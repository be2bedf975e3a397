using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Validation;

/// <summary>
/// Reads recording rules from JSON: a bare array (docs curl examples) or <c>{"rules": [...]}</c> (what the C# SDK's
/// RecordingRulesUpdate serialises to; FACTS §3.6). Anything that is not a rule set gives 53120.
/// </summary>
internal static class RecordingRulesParser
{
    public static IReadOnlyList<RecordingRule> Parse(string json) =>
        RuleSetJson.Read(json, TwilioErrors.InvalidRecordingRules, withPriority: false)
            .Select(r => new RecordingRule(r.Include switch { true => RecordingRuleType.Include, false => RecordingRuleType.Exclude, _ => null },
                r.All, r.Publisher, r.Track, r.Kind) { Malformed = r.Malformed })
            .ToList();
}
