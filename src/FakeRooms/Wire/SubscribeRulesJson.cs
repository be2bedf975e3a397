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
    /// One rule with the fields it has. The spec's examples list every field (null when unused), but its schema does not
    /// mark them nullable; as for recording rules, an unused field is left out (the SDKs read both the same).
    /// </summary>
    public static void WriteRule(JsonWriter w, SubscribeRule rule)
    {
        w.WriteStartObject();
        w.Prop("type", rule.Type == SubscribeRuleType.Exclude ? "exclude" : "include");
        if (rule.All is { } all) w.Prop("all", all);
        if (rule.Publisher is { } publisher) w.Prop("publisher", publisher);
        if (rule.Track is { } track) w.Prop("track", track);
        if (rule.Kind is { } kind) w.Prop("kind", kind);
        if (rule.Priority is { } priority) w.Prop("priority", priority);
        w.WriteEndObject();
    }
}
