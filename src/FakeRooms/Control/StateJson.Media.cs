using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.State;
using FakeRooms.Wire;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Control;

/// <summary>
/// The JSON form of an account's recordings, compositions, composition hooks and recording/composition settings.
/// Resource fields keep Twilio's names and spellings; the fake's bookkeeping rides along: when capture ended and when
/// the media is (or was) available, when a composition's processing starts, the sequences and event counters.
/// Everything here is optional when read, so state files written before recordings were snapshotted still load.
/// </summary>
internal static partial class StateJson
{
    private static void WriteMedia(JObject account, AccountSnapshot snapshot)
    {
        account["recordings"] = new JArray(snapshot.Recordings.Select(RecordingEntryJson).ToArray<object>());
        account["compositions"] = new JArray(snapshot.Compositions.Select(CompositionJson).ToArray<object>());
        account["composition_hooks"] = new JArray(snapshot.CompositionHooks.Select(HookJson).ToArray<object>());
        account["recording_settings"] = SettingsJson(snapshot.RecordingSettings);
        account["composition_settings"] = SettingsJson(snapshot.CompositionSettings);
    }

    private static JObject RecordingEntryJson(RecordingSnapshot entry)
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

    private static JObject CompositionJson(CompositionSnapshot entry)
    {
        var c = entry.Composition;
        var json = new JObject
        {
            ["sid"] = c.Sid,
            ["room_sid"] = c.RoomSid,
            ["status"] = MediaWireNames.Of(c.Status),
            ["date_created"] = Date(c.DateCreated),
            ["date_completed"] = Date(c.DateCompleted),
            ["date_deleted"] = Date(c.DateDeleted),
            ["processing_start"] = Date(entry.ProcessingStart),
            ["bitrate"] = c.Bitrate,
            ["size"] = c.Size,
            ["duration"] = c.Duration,
            ["recording_sids"] = new JArray(c.RecordingSids.ToArray<object>()),
            ["hook_sid"] = c.HookSid,
            ["hook_friendly_name"] = c.HookFriendlyName,
            ["error_message"] = c.ErrorMessage,
            ["sequence"] = c.Sequence,
            ["next_event_number"] = entry.NextEventNumber,
            ["step_order"] = entry.StepOrder,
        };
        WriteSpec(json, c.Spec);
        return json;
    }

    private static JObject HookJson(CompositionHook h)
    {
        var json = new JObject
        {
            ["sid"] = h.Sid,
            ["friendly_name"] = h.FriendlyName,
            ["enabled"] = h.Enabled,
            ["date_created"] = Date(h.DateCreated),
            ["date_updated"] = Date(h.DateUpdated),
            ["sequence"] = h.Sequence,
        };
        WriteSpec(json, h.Spec);
        return json;
    }

    /// <summary>The composition parameters, named as in the composition resource (<c>video_layout</c> keeps its region order).</summary>
    private static void WriteSpec(JObject json, CompositionSpec spec)
    {
        json["audio_sources"] = new JArray(spec.AudioSources.ToArray<object>());
        json["audio_sources_excluded"] = new JArray(spec.AudioSourcesExcluded.ToArray<object>());
        var layout = new JObject();
        foreach (var region in spec.VideoLayout)
            layout[region.Name] = new JObject
            {
                ["video_sources"] = new JArray(region.VideoSources.ToArray<object>()),
                ["video_sources_excluded"] = new JArray(region.VideoSourcesExcluded.ToArray<object>()),
                ["reuse"] = region.Reuse,
                ["x_pos"] = region.XPos,
                ["y_pos"] = region.YPos,
                ["z_pos"] = region.ZPos,
                ["width"] = region.Width,
                ["height"] = region.Height,
                ["max_columns"] = region.MaxColumns,
                ["max_rows"] = region.MaxRows,
                ["cells_excluded"] = new JArray(region.CellsExcluded.Select(c => (object)c).ToArray()),
            };
        json["video_layout"] = layout;
        json["resolution"] = spec.Resolution;
        json["format"] = MediaWireNames.Of(spec.Format);
        json["trim"] = spec.Trim;
        json["status_callback"] = spec.StatusCallback;
        json["status_callback_method"] = spec.StatusCallbackMethod;
    }

    private static JToken SettingsJson(MediaSettings? s) => s is null
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

    // ------------------------------------------------------------------ reading

    private static AccountSnapshot ReadMedia(JObject json, AccountSnapshot account) => account with
    {
        Recordings = Array(json, "recordings").Select(r => ReadRecordingEntry(r, account.AccountSid)).ToList(),
        Compositions = Array(json, "compositions").Select(c => ReadComposition(c, account.AccountSid)).ToList(),
        CompositionHooks = Array(json, "composition_hooks").Select(h => ReadHook(h, account.AccountSid)).ToList(),
        RecordingSettings = ReadSettings(json, "recording_settings", account.AccountSid),
        CompositionSettings = ReadSettings(json, "composition_settings", account.AccountSid),
    };

    private static RecordingSnapshot ReadRecordingEntry(JObject json, string accountSid) =>
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

    private static CompositionSnapshot ReadComposition(JObject json, string accountSid)
    {
        var statusText = Text(json, "status") ?? throw Missing(json, "status");
        if (!MediaWireNames.TryCompositionStatus(statusText, out var status))
            throw Bad(json, "status", "enqueued, processing, completed, deleted or failed");
        var composition = new Composition
        {
            Sid = Text(json, "sid") ?? throw Missing(json, "sid"),
            AccountSid = accountSid,
            RoomSid = Text(json, "room_sid") ?? throw Missing(json, "room_sid"),
            Spec = ReadSpec(json),
            Status = status,
            DateCreated = ReadDate(json, "date_created") ?? throw Missing(json, "date_created"),
            DateCompleted = ReadDate(json, "date_completed"),
            DateDeleted = ReadDate(json, "date_deleted"),
            Bitrate = Int(json, "bitrate") ?? 0,
            Size = Long(json, "size") ?? 0,
            Duration = Int(json, "duration") ?? 0,
            RecordingSids = Strings(json, "recording_sids"),
            HookSid = Text(json, "hook_sid"),
            HookFriendlyName = Text(json, "hook_friendly_name"),
            ErrorMessage = Text(json, "error_message"),
            Sequence = Long(json, "sequence") ?? throw Missing(json, "sequence"),
        };
        return new CompositionSnapshot
        {
            Composition = composition,
            ProcessingStart = ReadDate(json, "processing_start"),
            NextEventNumber = Int(json, "next_event_number") ?? 0,
            StepOrder = Long(json, "step_order"),
        };
    }

    private static CompositionHook ReadHook(JObject json, string accountSid) => new()
    {
        Sid = Text(json, "sid") ?? throw Missing(json, "sid"),
        AccountSid = accountSid,
        FriendlyName = Text(json, "friendly_name") ?? throw Missing(json, "friendly_name"),
        Enabled = Bool(json, "enabled") ?? true,
        Spec = ReadSpec(json),
        DateCreated = ReadDate(json, "date_created") ?? throw Missing(json, "date_created"),
        DateUpdated = ReadDate(json, "date_updated"),
        Sequence = Long(json, "sequence") ?? throw Missing(json, "sequence"),
    };

    private static CompositionSpec ReadSpec(JObject json)
    {
        var regions = new List<VideoRegion>();
        switch (json["video_layout"])
        {
            case null or { Type: JTokenType.Null }:
                break;
            case JObject layout:
                foreach (var property in layout.Properties())
                {
                    var region = property.Value as JObject ?? throw new FormatException($"{property.Value.Path}: expected an object");
                    var defaults = new VideoRegion { Name = property.Name };
                    regions.Add(defaults with
                    {
                        VideoSources = Strings(region, "video_sources"),
                        VideoSourcesExcluded = Strings(region, "video_sources_excluded"),
                        Reuse = Text(region, "reuse") ?? defaults.Reuse,
                        XPos = Int(region, "x_pos") ?? 0,
                        YPos = Int(region, "y_pos") ?? 0,
                        ZPos = Int(region, "z_pos") ?? 0,
                        Width = Int(region, "width") ?? 0,
                        Height = Int(region, "height") ?? 0,
                        MaxColumns = Int(region, "max_columns") ?? 0,
                        MaxRows = Int(region, "max_rows") ?? 0,
                        CellsExcluded = Integers(region, "cells_excluded"),
                    });
                }
                break;
            case var other:
                throw new FormatException($"{other.Path}: expected an object");
        }
        var defaultSpec = new CompositionSpec();
        return new CompositionSpec
        {
            VideoLayout = regions,
            AudioSources = Strings(json, "audio_sources"),
            AudioSourcesExcluded = Strings(json, "audio_sources_excluded"),
            Resolution = Text(json, "resolution") ?? defaultSpec.Resolution,
            Format = Spelled(json, "format", MediaWireNames.Of, defaultSpec.Format),
            Trim = Bool(json, "trim") ?? defaultSpec.Trim,
            StatusCallback = Text(json, "status_callback"),
            StatusCallbackMethod = Text(json, "status_callback_method") ?? defaultSpec.StatusCallbackMethod,
        };
    }

    private static MediaSettings? ReadSettings(JObject json, string name, string accountSid) => json[name] switch
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

    /// <summary>An enum value written with its wire spelling (<paramref name="spell"/>); <paramref name="absent"/> when missing.</summary>
    private static T Spelled<T>(JObject json, string name, Func<T, string> spell, T absent) where T : struct, Enum
    {
        if (Text(json, name) is not { } text)
            return absent;
        foreach (var value in Enum.GetValues<T>())
            if (spell(value) == text)
                return value;
        throw Bad(json, name, string.Join(", ", Enum.GetValues<T>().Select(spell)));
    }

    private static List<string> Strings(JObject json, string name) => json[name] switch
    {
        null or { Type: JTokenType.Null } => [],
        JArray array => array.Select(item => item is JValue { Type: JTokenType.String } value
            ? (string)value!
            : throw new FormatException($"{item.Path}: expected a string")).ToList(),
        var other => throw new FormatException($"{other.Path}: expected an array"),
    };

    private static List<int> Integers(JObject json, string name) => json[name] switch
    {
        null or { Type: JTokenType.Null } => [],
        JArray array => array.Select(item => item is JValue { Type: JTokenType.Integer, Value: long value } && value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new FormatException($"{item.Path}: expected a whole number")).ToList(),
        var other => throw new FormatException($"{other.Path}: expected an array"),
    };
}
