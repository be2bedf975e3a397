using FakeRooms.Domain.Subscriptions;
using Newtonsoft.Json;

namespace FakeRooms.Wire;

/// <summary>Spec schema <c>video.v1.room.room_participant.room_participant_subscribe_rule</c>.</summary>
internal static class SubscribeRulesJson
{
    /// <summary>
    /// participant_sid, room_sid, rules, date_created, date_updated. Both spec examples (readEmpty, updateFilters) show
    /// <c>"date_created": null, "date_updated": null</c>, before and after a POST: the fake sends the same.
    /// </summary>
    public static string Write(string participantSid, string roomSid, IReadOnlyList<SubscribeRule> rules) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.Prop("participant_sid", participantSid);
        w.Prop("room_sid", roomSid);
        w.WritePropertyName("rules");
        w.WriteStartArray();
        foreach (var rule in rules)
            WriteRule(w, rule);
        w.WriteEndArray();
        w.Prop("date_created", (string?)null);
        w.Prop("date_updated", (string?)null);
        w.WriteEndObject();
    });

    /// <summary>
    /// One rule with every field, null when unused, as both spec examples show it
    /// (<c>{"type":"include","all":true,"publisher":null,"track":null,"kind":null,"priority":null}</c>).
    /// </summary>
    public static void WriteRule(JsonWriter w, SubscribeRule rule)
    {
        w.WriteStartObject();
        w.Prop("type", rule.Type == SubscribeRuleType.Exclude ? "exclude" : "include");
        w.Prop("all", rule.All);
        w.Prop("publisher", rule.Publisher);
        w.Prop("track", rule.Track);
        w.Prop("kind", rule.Kind);
        w.Prop("priority", rule.Priority);
        w.WriteEndObject();
    }
}
