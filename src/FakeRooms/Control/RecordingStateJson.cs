using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.State;
using FakeRooms.Wire;
using Newtonsoft.Json.Linq;
using static FakeRooms.Control.StateJsonFields;

namespace FakeRooms.Control;

/// <summary>
/// The state JSON of a recording (with when capture ended, when the media is available, and its completion order) and
/// of the account's recording/composition settings. Everything here is optional when read, so state files written
/// before recordings were snapshotted still load.
/// </summary>
internal static class RecordingStateJson
{
    internal static JObject RecordingEntryJson(RecordingSnapshot entry)
    {
        var json = RecordingJson(entry.Recording);
        json["completion_order"] = entry.CompletionOrder;
        return json;
    }

    private static JObject RecordingJson(Recording r) => new()
    {
        ["sid"] = r.Sid,
        ["room_sid"] = r.RoomSid,
        ["participant_sid"] = r.ParticipantSid,
        ["source_sid"] = r.SourceSid,
        ["track_name"] = r.TrackName,
        ["type"] = WireNames.Of(r.Type),
        ["codec"] = MediaWireNames.Of(r.Codec),
        ["container_format"] = MediaWireNames.Of(r.Container),
        ["status"] = MediaWireNames.Of(r.Status),
        ["date_created"] = Date(r.DateCreated),
        ["capture_ended"] = Date(r.CaptureEnded),
        ["available_at"] = Date(r.AvailableAt),
        ["offset"] = r.Offset,
        ["size"] = r.Size,
        ["duration"] = r.Duration,
        ["status_callback"] = r.StatusCallback,
        ["status_callback_method"] = r.StatusCallbackMethod,
        ["failed_operation"] = r.FailedOperation is { } failed ? MediaWireNames.Of(failed) : null,
        ["sequence"] = r.Sequence,
    };

    internal static JToken SettingsJson(MediaSettings? s) => s is null
        ? JValue.CreateNull()
        : new JObject
        {
            ["friendly_name"] = s.FriendlyName,
            ["aws_credentials_sid"] = s.AwsCredentialsSid,
            ["aws_s3_url"] = s.AwsS3Url,
            ["aws_storage_enabled"] = s.AwsStorageEnabled,
            ["encryption_key_sid"] = s.EncryptionKeySid,
            ["encryption_enabled"] = s.EncryptionEnabled,
        };

    internal static RecordingSnapshot ReadRecordingEntry(JObject json, string accountSid) =>
        new() { Recording = ReadRecording(json, accountSid), CompletionOrder = Long(json, "completion_order") };

    private static Recording ReadRecording(JObject json, string accountSid)
    {
        var typeText = Text(json, "type") ?? throw Missing(json, "type");
        if (!WireNames.TryTrackKind(typeText, out var type))
            throw Bad(json, "type", "audio, video or data");
        var statusText = Text(json, "status") ?? throw Missing(json, "status");
        if (!MediaWireNames.TryRecordingStatus(statusText, out var status))
            throw Bad(json, "status", "processing, completed, deleted or failed");
        return new Recording
        {
            Sid = Text(json, "sid") ?? throw Missing(json, "sid"),
            AccountSid = accountSid,
            RoomSid = Text(json, "room_sid") ?? throw Missing(json, "room_sid"),
            ParticipantSid = Text(json, "participant_sid") ?? throw Missing(json, "participant_sid"),
            SourceSid = Text(json, "source_sid") ?? throw Missing(json, "source_sid"),
            TrackName = Text(json, "track_name") ?? throw Missing(json, "track_name"),
            Type = type,
            Codec = Spelled(json, "codec", MediaWireNames.Of, RecordingCodec.Opus),
            Container = Spelled(json, "container_format", MediaWireNames.Of, type == TrackKind.Audio ? RecordingContainer.Mka : RecordingContainer.Mkv),
            Status = status,
            DateCreated = ReadDate(json, "date_created") ?? throw Missing(json, "date_created"),
            CaptureEnded = ReadDate(json, "capture_ended"),
            AvailableAt = ReadDate(json, "available_at"),
            Offset = Long(json, "offset") ?? 0,
            Size = Long(json, "size") ?? 0,
            Duration = Int(json, "duration") ?? 0,
            StatusCallback = Text(json, "status_callback"),
            StatusCallbackMethod = Text(json, "status_callback_method") ?? "POST",
            FailedOperation = Text(json, "failed_operation") is null
                ? null
                : Spelled(json, "failed_operation", MediaWireNames.Of, RecordingFailedOperation.RecordingStart),
            Sequence = Long(json, "sequence") ?? throw Missing(json, "sequence"),
        };
    }

    internal static MediaSettings? ReadSettings(JObject json, string name, string accountSid) => json[name] switch
    {
        null or { Type: JTokenType.Null } => null,
        JObject s => new MediaSettings
        {
            AccountSid = accountSid,
            FriendlyName = Text(s, "friendly_name"),
            AwsCredentialsSid = Text(s, "aws_credentials_sid"),
            AwsS3Url = Text(s, "aws_s3_url"),
            AwsStorageEnabled = Bool(s, "aws_storage_enabled") ?? false,
            EncryptionKeySid = Text(s, "encryption_key_sid"),
            EncryptionEnabled = Bool(s, "encryption_enabled") ?? false,
        },
        var other => throw new FormatException($"{other.Path}: expected an object or null"),
    };
}
