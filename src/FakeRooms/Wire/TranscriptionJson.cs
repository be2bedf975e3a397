using FakeRooms.Domain.Transcriptions;
using Newtonsoft.Json;

namespace FakeRooms.Wire;

/// <summary>
/// Spec schema <c>video.v1.room.room_transcriptions</c> as the official SDKs read it (twilio-csharp 8.2.0
/// <c>TranscriptionsResource</c>, twilio-node 6.2.0): ttid, account_sid, room_sid, source_sid, status, date_created,
/// date_updated, start_time, end_time, duration, url, configuration. The older spec copy inside
/// <c>@twilio-alpha/mcp@0.7.0</c> has <c>identity</c> instead of <c>source_sid</c> and <c>configuration</c>, and a
/// <c>created</c> status; neither SDK reads those, so the fake serves the current shape (docs/transcriptions.md).
/// </summary>
internal static class TranscriptionJson
{
    public static string Write(Transcription t, string baseUrl) => JsonText.Write(w => WriteTranscription(w, t, baseUrl));

    public static void WriteTranscription(JsonWriter w, Transcription t, string baseUrl)
    {
        w.WriteStartObject();
        w.Prop("ttid", t.Ttid);
        w.Prop("account_sid", t.AccountSid);
        w.Prop("room_sid", t.RoomSid);
        // [INFERRED] The spec calls it "the SID of the transcriptions's associated call" (CA...); a Video room has no call,
        // and the docs' examples leave the field out: null.
        w.Prop("source_sid", (string?)null);
        w.Prop("status", Status(t.Status));
        w.Prop("date_created", t.DateCreated);
        w.Prop("date_updated", t.DateUpdated);
        w.Prop("start_time", t.StartTime);
        w.Prop("end_time", t.EndTime);
        w.Prop("duration", t.Duration);
        w.Prop("url", $"{baseUrl}/v1/Rooms/{t.RoomSid}/Transcriptions/{t.Ttid}");
        w.WritePropertyName("configuration");
        w.WriteStartObject();
        foreach (var (key, value) in t.Configuration)
            w.Prop(key, value);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The wire name of a status.</summary>
    public static string Status(TranscriptionStatus status) => status switch
    {
        TranscriptionStatus.Started => "started",
        TranscriptionStatus.Stopped => "stopped",
        _ => "failed",
    };
}
