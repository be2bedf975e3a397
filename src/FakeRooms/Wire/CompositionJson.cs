using FakeRooms.Domain.Compositions;
using Newtonsoft.Json;

namespace FakeRooms.Wire;

/// <summary>JSON of compositions, composition hooks and settings, in the spec schemas' property order.</summary>
internal static class CompositionJson
{
    /// <summary>Spec schema <c>video.v1.composition</c>.</summary>
    public static void Write(JsonWriter w, Composition c, string baseUrl)
    {
        var url = $"{baseUrl}/v1/Compositions/{c.Sid}";
        w.WriteStartObject();
        w.Prop("account_sid", c.AccountSid);
        w.Prop("status", MediaWireNames.Of(c.Status));
        w.Prop("date_created", c.DateCreated);
        w.Prop("date_completed", c.DateCompleted);
        w.Prop("date_deleted", c.DateDeleted);
        w.Prop("sid", c.Sid);
        w.Prop("room_sid", c.RoomSid);
        WriteSources(w, c.Spec);
        w.Prop("resolution", c.Spec.Resolution);
        w.Prop("trim", c.Spec.Trim);
        w.Prop("format", MediaWireNames.Of(c.Spec.Format));
        w.Prop("bitrate", c.Bitrate);
        w.Prop("size", c.Size);
        w.Prop("duration", c.Duration);
        w.Prop("media_external_location", (string?)null);
        w.Prop("status_callback", c.Spec.StatusCallback);
        w.Prop("status_callback_method", c.Spec.StatusCallbackMethod);
        w.Prop("url", url);
        w.WritePropertyName("links");
        w.WriteStartObject();
        w.Prop("media", url + "/Media");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Spec schema <c>video.v1.composition_hook</c>.</summary>
    public static void WriteHook(JsonWriter w, CompositionHook h, string baseUrl)
    {
        w.WriteStartObject();
        w.Prop("account_sid", h.AccountSid);
        w.Prop("friendly_name", h.FriendlyName);
        w.Prop("enabled", h.Enabled);
        w.Prop("date_created", h.DateCreated);
        w.Prop("date_updated", h.DateUpdated);
        w.Prop("sid", h.Sid);
        WriteSources(w, h.Spec);
        w.Prop("resolution", h.Spec.Resolution);
        w.Prop("trim", h.Spec.Trim);
        w.Prop("format", MediaWireNames.Of(h.Spec.Format));
        w.Prop("status_callback", h.Spec.StatusCallback);
        w.Prop("status_callback_method", h.Spec.StatusCallbackMethod);
        w.Prop("url", $"{baseUrl}/v1/CompositionHooks/{h.Sid}");
        w.WriteEndObject();
    }

    /// <summary>Spec schemas <c>video.v1.recording_settings</c> and <c>video.v1.composition_settings</c>.</summary>
    public static string Settings(MediaSettings s, MediaSettingsKind kind, string baseUrl) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.Prop("account_sid", s.AccountSid);
        w.Prop("friendly_name", s.FriendlyName);
        w.Prop("aws_credentials_sid", s.AwsCredentialsSid);
        w.Prop("aws_s3_url", s.AwsS3Url);
        w.Prop("aws_storage_enabled", s.AwsStorageEnabled);
        w.Prop("encryption_key_sid", s.EncryptionKeySid);
        w.Prop("encryption_enabled", s.EncryptionEnabled);
        w.Prop("url", $"{baseUrl}/v1/{(kind == MediaSettingsKind.Recording ? "RecordingSettings" : "CompositionSettings")}/Default");
        w.WriteEndObject();
    });

    /// <summary>The media file name of a composition: its SID and format, e.g. <c>CJ...mp4</c>.</summary>
    public static string FileName(Composition c) => c.Sid + "." + MediaWireNames.Of(c.Spec.Format);

    private static void WriteSources(JsonWriter w, CompositionSpec spec)
    {
        WriteStrings(w, "audio_sources", spec.AudioSources);
        WriteStrings(w, "audio_sources_excluded", spec.AudioSourcesExcluded);
        // The spec's examples show every property of each region (defaults included), and {} when there is none.
        w.WritePropertyName("video_layout");
        w.WriteStartObject();
        foreach (var region in spec.VideoLayout)
        {
            w.WritePropertyName(region.Name);
            w.WriteStartObject();
            WriteStrings(w, "video_sources", region.VideoSources);
            WriteStrings(w, "video_sources_excluded", region.VideoSourcesExcluded);
            w.Prop("reuse", region.Reuse);
            w.Prop("x_pos", region.XPos);
            w.Prop("y_pos", region.YPos);
            w.Prop("z_pos", region.ZPos);
            w.Prop("width", region.Width);
            w.Prop("height", region.Height);
            w.Prop("max_columns", region.MaxColumns);
            w.Prop("max_rows", region.MaxRows);
            w.WritePropertyName("cells_excluded");
            w.WriteStartArray();
            foreach (var cell in region.CellsExcluded)
                w.WriteValue(cell);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteStrings(JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (var value in values)
            w.WriteValue(value);
        w.WriteEndArray();
    }
}
