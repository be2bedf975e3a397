using FakeRooms.Domain.State;
using FakeRooms.Domain.Subscriptions;
using FakeRooms.Domain.Transcriptions;
using Newtonsoft.Json.Linq;
using static FakeRooms.Control.StateJsonFields;

namespace FakeRooms.Control;

/// <summary>
/// The state JSON of the client-flow resources: a participant's <c>subscribe_rules</c> (the rule fields as Twilio's
/// SubscribeRules resource spells them) and a room's <c>transcription</c> (the Transcriptions resource's fields, plus
/// the fake's <c>running_since</c> and <c>sequence</c>). Missing fields read as Twilio's defaults: the include-all rule,
/// no transcription.
/// </summary>
internal static class ClientFlowStateJson
{
    internal static JArray SubscribeRulesJson(IReadOnlyList<SubscribeRule> rules)
    {
        var array = new JArray();
        foreach (var rule in rules)
        {
            var r = new JObject { ["type"] = rule.Type == SubscribeRuleType.Exclude ? "exclude" : "include" };
            if (rule.All is { } all) r["all"] = all;
            if (rule.Publisher is { } publisher) r["publisher"] = publisher;
            if (rule.Track is { } track) r["track"] = track;
            if (rule.Kind is { } kind) r["kind"] = kind;
            if (rule.Priority is { } priority) r["priority"] = priority;
            array.Add(r);
        }
        return array;
    }

    /// <summary>The participant's rules, or null when the field is missing (the default rule applies).</summary>
    internal static IReadOnlyList<SubscribeRule>? ReadSubscribeRules(JObject participant)
    {
        if (participant["subscribe_rules"] is null or { Type: JTokenType.Null })
            return null;
        return Array(participant, "subscribe_rules").Select(rule => new SubscribeRule(
            Text(rule, "type") switch
            {
                "include" => SubscribeRuleType.Include,
                "exclude" => SubscribeRuleType.Exclude,
                _ => throw Bad(rule, "type", "include or exclude"),
            },
            Bool(rule, "all"), Text(rule, "publisher"), Text(rule, "track"), Text(rule, "kind"), Text(rule, "priority"))).ToList();
    }

    internal static JToken TranscriptionJson(TranscriptionSnapshot? snapshot)
    {
        if (snapshot is null)
            return JValue.CreateNull();
        var t = snapshot.Transcription;
        var configuration = new JObject();
        foreach (var (key, value) in t.Configuration)
            configuration[key] = value;
        return new JObject
        {
            ["ttid"] = t.Ttid,
            ["status"] = StatusName(t.Status),
            ["configuration"] = configuration,
            ["date_created"] = Date(t.DateCreated),
            ["date_updated"] = Date(t.DateUpdated),
            ["start_time"] = Date(t.StartTime),
            ["end_time"] = Date(t.EndTime),
            ["duration"] = t.Duration,
            ["sequence"] = t.Sequence,
            ["running_since"] = Date(snapshot.RunningSince),
        };
    }

    /// <summary>The room's transcription, or null when the field is missing or null.</summary>
    internal static TranscriptionSnapshot? ReadTranscription(JObject room, string accountSid, string roomSid)
    {
        switch (room["transcription"])
        {
            case null or { Type: JTokenType.Null }:
                return null;
            case not JObject:
                throw new FormatException($"{room["transcription"]!.Path}: expected an object");
        }
        var json = (JObject)room["transcription"]!;
        var configuration = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (json["configuration"])
        {
            case null or { Type: JTokenType.Null }:
                break;
            case JObject map:
                foreach (var property in map.Properties())
                    configuration[property.Name] = Text(map, property.Name) ?? throw Bad(map, property.Name, "a string");
                break;
            case var other:
                throw new FormatException($"{other.Path}: expected an object");
        }
        return new TranscriptionSnapshot
        {
            Transcription = new Transcription
            {
                Ttid = Text(json, "ttid") ?? throw Missing(json, "ttid"),
                AccountSid = accountSid,
                RoomSid = roomSid,
                Status = Spelled(json, "status", StatusName, TranscriptionStatus.Started),
                Configuration = configuration,
                DateCreated = ReadDate(json, "date_created") ?? throw Missing(json, "date_created"),
                DateUpdated = ReadDate(json, "date_updated"),
                StartTime = ReadDate(json, "start_time"),
                EndTime = ReadDate(json, "end_time"),
                Duration = Int(json, "duration"),
                Sequence = Long(json, "sequence") ?? throw Missing(json, "sequence"),
            },
            RunningSince = ReadDate(json, "running_since"),
        };
    }

    private static string StatusName(TranscriptionStatus status) => status switch
    {
        TranscriptionStatus.Stopped => "stopped",
        TranscriptionStatus.Failed => "failed",
        _ => "started",
    };
}
