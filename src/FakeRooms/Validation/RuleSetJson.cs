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

    public static IReadOnlyList<JObject> Read(string json, TwilioError invalid)
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

        var rules = new List<JObject>(array.Count);
        foreach (var item in array)
            rules.Add(item as JObject ?? throw new TwilioErrorException(invalid));
        return rules;
    }

    /// <summary>A string filter, or null when absent; <paramref name="malformed"/> when it is not a string.</summary>
    public static string? Text(JToken value, ref bool malformed)
    {
        if (value.Type == JTokenType.String)
            return (string?)value;
        malformed = true;
        return null;
    }
}
