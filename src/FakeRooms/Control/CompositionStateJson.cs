using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.State;
using FakeRooms.Wire;
using Newtonsoft.Json.Linq;
using static FakeRooms.Control.StateJsonFields;

namespace FakeRooms.Control;

/// <summary>
/// The state JSON of compositions (with when processing starts, the step order and the event counter) and composition
/// hooks; both carry the composition parameters named as in the composition resource.
/// </summary>
internal static class CompositionStateJson
{
    internal static JObject CompositionJson(CompositionSnapshot entry)
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

    internal static JObject HookJson(CompositionHook h)
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

    internal static CompositionSnapshot ReadComposition(JObject json, string accountSid)
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

    internal static CompositionHook ReadHook(JObject json, string accountSid) => new()
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
}
