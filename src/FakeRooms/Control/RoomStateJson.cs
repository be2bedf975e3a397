using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Rooms;
using FakeRooms.Domain.State;
using FakeRooms.Wire;
using Newtonsoft.Json.Linq;
using static FakeRooms.Control.StateJsonFields;

namespace FakeRooms.Control;

/// <summary>The state JSON of a room with its recording rules, participants and their published tracks.</summary>
internal static class RoomStateJson
{
    internal static JObject RoomJson(RoomSnapshot entry)
    {
        var room = entry.Room;
        var participants = new JArray();
        foreach (var p in entry.Participants)
        {
            var tracks = new JArray();
            foreach (var t in p.PublishedTracks)
                tracks.Add(new JObject
                {
                    ["sid"] = t.Sid,
                    ["name"] = t.Name,
                    ["kind"] = WireNames.Of(t.Kind),
                    ["enabled"] = t.Enabled,
                    ["date_created"] = Date(t.DateCreated),
                    ["date_updated"] = Date(t.DateUpdated),
                    ["sequence"] = t.Sequence,
                });
            var participant = p.Participant;
            participants.Add(new JObject
            {
                ["sid"] = participant.Sid,
                ["identity"] = participant.Identity,
                ["status"] = WireNames.Of(participant.Status),
                ["date_created"] = Date(participant.DateCreated),
                ["date_updated"] = Date(participant.DateUpdated),
                ["start_time"] = Date(participant.StartTime),
                ["end_time"] = Date(participant.EndTime),
                ["duration"] = participant.Duration,
                ["sequence"] = participant.Sequence,
                ["disconnect_error"] = participant.DisconnectError is { } reason
                    ? new JObject { ["code"] = reason.Code, ["status"] = reason.HttpStatus, ["message"] = reason.Message }
                    : JValue.CreateNull(),
                ["published_tracks"] = tracks,
                ["subscribe_rules"] = p.SubscribeRules is { } subscribeRules
                    ? ClientFlowStateJson.SubscribeRulesJson(subscribeRules)
                    : JValue.CreateNull(),
                ["reconnect_deadline"] = Date(p.ReconnectDeadline),
            });
        }
        var rules = new JArray();
        foreach (var rule in room.RecordingRules)
        {
            var r = new JObject { ["type"] = rule.Type == RecordingRuleType.Exclude ? "exclude" : "include" };
            if (rule.All is { } all) r["all"] = all;
            if (rule.Publisher is { } publisher) r["publisher"] = publisher;
            if (rule.Track is { } track) r["track"] = track;
            if (rule.Kind is { } kind) r["kind"] = kind;
            rules.Add(r);
        }
        return new JObject
        {
            ["sid"] = room.Sid,
            ["unique_name"] = room.UniqueName,
            ["status"] = WireNames.Of(room.Status),
            ["type"] = WireNames.Of(room.Type),
            ["date_created"] = Date(room.DateCreated),
            ["date_updated"] = Date(room.DateUpdated),
            ["end_time"] = Date(room.EndTime),
            ["duration"] = room.Duration,
            ["status_callback"] = room.StatusCallback,
            ["status_callback_method"] = room.StatusCallbackMethod,
            ["max_participants"] = room.MaxParticipants,
            ["max_participant_duration"] = room.MaxParticipantDuration,
            ["max_concurrent_published_tracks"] = room.MaxConcurrentPublishedTracks,
            ["record_participants_on_connect"] = room.RecordParticipantsOnConnect,
            ["video_codecs"] = new JArray(room.VideoCodecs.Select(c => (object)WireNames.Of(c)).ToArray()),
            ["media_region"] = room.MediaRegion,
            ["audio_only"] = room.AudioOnly,
            ["empty_room_timeout"] = room.EmptyRoomTimeout,
            ["unused_room_timeout"] = room.UnusedRoomTimeout,
            ["large_room"] = room.LargeRoom,
            ["enable_turn"] = room.EnableTurn,
            ["recording_rules"] = rules,
            ["recording_rules_updated"] = Date(entry.RecordingRulesUpdated),
            ["sequence"] = room.Sequence,
            ["next_event_number"] = entry.NextEventNumber,
            ["participants"] = participants,
            ["transcription"] = ClientFlowStateJson.TranscriptionJson(entry.Transcription),
        };
    }

    internal static RoomSnapshot ReadRoom(JObject json, string accountSid)
    {
        var sid = Text(json, "sid") ?? throw Missing(json, "sid");
        var status = Text(json, "status") ?? "in-progress";
        if (!WireNames.TryRoomStatus(status, out var roomStatus))
            throw Bad(json, "status", "in-progress, completed or failed");
        var typeText = Text(json, "type") ?? "group";
        if (!WireNames.TryRoomType(typeText, out var type))
            throw Bad(json, "type", "group, group-small, peer-to-peer or go");
        var created = ReadDate(json, "date_created") ?? throw Missing(json, "date_created");
        var codecs = new List<VideoCodec>();
        if (json["video_codecs"] is JArray codecArray)
            foreach (var c in codecArray)
                codecs.Add((string?)c switch
                {
                    "VP8" => VideoCodec.VP8,
                    "H264" => VideoCodec.H264,
                    _ => throw Bad(json, "video_codecs", "VP8 or H264"),
                });
        var rules = new List<RecordingRule>();
        foreach (var rule in Array(json, "recording_rules"))
            rules.Add(new RecordingRule(
                Text(rule, "type") switch
                {
                    "include" => RecordingRuleType.Include,
                    "exclude" => RecordingRuleType.Exclude,
                    _ => throw Bad(rule, "type", "include or exclude"),
                },
                Bool(rule, "all"), Text(rule, "publisher"), Text(rule, "track"), Text(rule, "kind")));
        var room = new Room
        {
            Sid = sid,
            AccountSid = accountSid,
            UniqueName = Text(json, "unique_name") ?? sid,
            Status = roomStatus,
            Type = type,
            DateCreated = created,
            DateUpdated = ReadDate(json, "date_updated") ?? created,
            EndTime = ReadDate(json, "end_time"),
            Duration = Int(json, "duration"),
            StatusCallback = Text(json, "status_callback"),
            StatusCallbackMethod = Text(json, "status_callback_method") ?? "POST",
            MaxParticipants = Int(json, "max_participants") ?? RoomRules.MaxParticipantsFor(type),
            MaxParticipantDuration = Int(json, "max_participant_duration") ?? RoomRules.DefaultMaxParticipantDuration,
            MaxConcurrentPublishedTracks = Int(json, "max_concurrent_published_tracks") ?? 0,
            RecordParticipantsOnConnect = Bool(json, "record_participants_on_connect") ?? false,
            VideoCodecs = codecs,
            MediaRegion = Text(json, "media_region") ?? "us1",
            AudioOnly = Bool(json, "audio_only") ?? false,
            EmptyRoomTimeout = Int(json, "empty_room_timeout") ?? RoomRules.DefaultTimeoutMinutes,
            UnusedRoomTimeout = Int(json, "unused_room_timeout") ?? RoomRules.DefaultTimeoutMinutes,
            LargeRoom = Bool(json, "large_room") ?? false,
            EnableTurn = Bool(json, "enable_turn") ?? true,
            RecordingRules = rules,
            Sequence = Long(json, "sequence") ?? throw Missing(json, "sequence"),
        };
        var participants = Array(json, "participants").Select(p => ReadParticipant(p, room)).ToList();
        return new RoomSnapshot
        {
            Room = room,
            Participants = participants,
            NextEventNumber = Int(json, "next_event_number") ?? 0,
            RecordingRulesUpdated = ReadDate(json, "recording_rules_updated"),
            Transcription = ClientFlowStateJson.ReadTranscription(json, accountSid, sid),
        };
    }

    private static ParticipantSnapshot ReadParticipant(JObject json, Room room)
    {
        var sid = Text(json, "sid") ?? throw Missing(json, "sid");
        var statusText = Text(json, "status") ?? "connected";
        if (!WireNames.TryParticipantStatus(statusText, out var status))
            throw Bad(json, "status", "connected, disconnected or reconnecting");
        var created = ReadDate(json, "date_created") ?? throw Missing(json, "date_created");
        var participant = new Participant
        {
            Sid = sid,
            RoomSid = room.Sid,
            AccountSid = room.AccountSid,
            Identity = Text(json, "identity") ?? throw Missing(json, "identity"),
            Status = status,
            DateCreated = created,
            DateUpdated = ReadDate(json, "date_updated") ?? created,
            StartTime = ReadDate(json, "start_time") ?? created,
            EndTime = ReadDate(json, "end_time"),
            Duration = Int(json, "duration"),
            Sequence = Long(json, "sequence") ?? throw Missing(json, "sequence"),
            DisconnectError = json["disconnect_error"] is JObject reason
                ? new TwilioError(
                    Int(reason, "code") ?? throw Missing(reason, "code"),
                    Int(reason, "status") ?? throw Missing(reason, "status"),
                    Text(reason, "message") ?? throw Missing(reason, "message"))
                : null,
        };
        var tracks = new List<PublishedTrack>();
        foreach (var t in Array(json, "published_tracks"))
        {
            var kindText = Text(t, "kind") ?? throw Missing(t, "kind");
            if (!WireNames.TryTrackKind(kindText, out var kind))
                throw Bad(t, "kind", "audio, video or data");
            var trackCreated = ReadDate(t, "date_created") ?? throw Missing(t, "date_created");
            tracks.Add(new PublishedTrack
            {
                Sid = Text(t, "sid") ?? throw Missing(t, "sid"),
                ParticipantSid = sid,
                RoomSid = room.Sid,
                Name = Text(t, "name") ?? throw Missing(t, "name"),
                Kind = kind,
                Enabled = Bool(t, "enabled") ?? true,
                DateCreated = trackCreated,
                DateUpdated = ReadDate(t, "date_updated") ?? trackCreated,
                Sequence = Long(t, "sequence") ?? throw Missing(t, "sequence"),
            });
        }
        return new ParticipantSnapshot
        {
            Participant = participant,
            PublishedTracks = tracks,
            SubscribeRules = ClientFlowStateJson.ReadSubscribeRules(json),
            ReconnectDeadline = ReadDate(json, "reconnect_deadline"),
        };
    }
}
