using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;
using Newtonsoft.Json;

namespace FakeRooms.Wire;

/// <summary>JSON of recordings and recording rules, property for property in the spec schemas' order.</summary>
internal static class RecordingJson
{
    /// <summary>
    /// Spec schema <c>video.v1.room.room_recording</c> (<paramref name="roomScoped"/>: under /v1/Rooms/{RoomSid}) or
    /// <c>video.v1.recording</c> (/v1/Recordings: adds status_callback and status_callback_method, no room_sid).
    /// </summary>
    public static void Write(JsonWriter w, Recording r, string baseUrl, bool roomScoped)
    {
        var url = roomScoped ? $"{baseUrl}/v1/Rooms/{r.RoomSid}/Recordings/{r.Sid}" : $"{baseUrl}/v1/Recordings/{r.Sid}";
        w.WriteStartObject();
        w.Prop("account_sid", r.AccountSid);
        w.Prop("status", MediaWireNames.Of(r.Status));
        w.Prop("date_created", r.DateCreated);
        w.Prop("sid", r.Sid);
        w.Prop("source_sid", r.SourceSid);
        w.Prop("size", r.Size);
        w.Prop("url", url);
        w.Prop("type", WireNames.Of(r.Type));
        w.Prop("duration", r.Duration);
        w.Prop("container_format", MediaWireNames.Of(r.Container));
        w.Prop("codec", MediaWireNames.Of(r.Codec));
        // Spec: "A list of SIDs related to the recording. Includes the room_sid and participant_sid."
        w.WritePropertyName("grouping_sids");
        w.WriteStartObject();
        w.Prop("room_sid", r.RoomSid);
        w.Prop("participant_sid", r.ParticipantSid);
        w.WriteEndObject();
        w.Prop("track_name", r.TrackName);
        w.Prop("offset", r.Offset);
        // Media always stays in the fake; S3 settings are stored, never applied.
        w.Prop("media_external_location", (string?)null);
        if (roomScoped)
            w.Prop("room_sid", r.RoomSid);
        else
        {
            w.Prop("status_callback", r.StatusCallback);
            w.Prop("status_callback_method", r.StatusCallbackMethod);
        }
        w.WritePropertyName("links");
        w.WriteStartObject();
        w.Prop("media", url + "/Media");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Spec schema <c>video.v1.room.room_recording_rule</c>: room_sid, rules, date_created, date_updated.</summary>
    public static string Rules(RecordingRulesState state) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.Prop("room_sid", state.RoomSid);
        w.WritePropertyName("rules");
        w.WriteStartArray();
        foreach (var rule in state.Rules)
            WriteRule(w, rule);
        w.WriteEndArray();
        w.Prop("date_created", state.DateCreated);
        w.Prop("date_updated", state.DateUpdated);
        w.WriteEndObject();
    });

    /// <summary>One rule with the filters it has (the spec marks rule items NON_NULL; its example is {"type":"include","all":true}).</summary>
    public static void WriteRule(JsonWriter w, RecordingRule rule)
    {
        w.WriteStartObject();
        w.Prop("type", rule.Type == RecordingRuleType.Exclude ? "exclude" : "include");
        if (rule.All is { } all) w.Prop("all", all);
        if (rule.Publisher is { } publisher) w.Prop("publisher", publisher);
        if (rule.Track is { } track) w.Prop("track", track);
        if (rule.Kind is { } kind) w.Prop("kind", kind);
        w.WriteEndObject();
    }

    /// <summary>
    /// The Media subresource's answer: <c>{"redirect_to": url}</c>. Twilio's own download samples read exactly this
    /// field (TwilioDevEd/api-snippets video/rest/recordings/retrieve-recording-binary-data: the C# sample turns
    /// redirects off and reads <c>redirect_to</c>; the sample output is <c>{"redirect_to": "https://...s3.amazonaws.com/RT..."}</c>).
    /// </summary>
    public static string Redirect(string url) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.Prop("redirect_to", url);
        w.WriteEndObject();
    });

    /// <summary>The media file name of a recording: its SID and container, e.g. <c>RT...mka</c>.</summary>
    public static string FileName(Recording r) => r.Sid + "." + MediaWireNames.Of(r.Container);
}
