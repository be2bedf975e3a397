using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Wire;

/// <summary>Twilio's wire spellings of the domain's enums (spec enums; status-callback event names from the docs).</summary>
internal static class WireNames
{
    public static string Of(RoomStatus status) => status switch
    {
        RoomStatus.InProgress => "in-progress",
        RoomStatus.Completed => "completed",
        _ => "failed",
    };

    public static string Of(RoomType type) => type switch
    {
        RoomType.GroupSmall => "group-small",
        RoomType.PeerToPeer => "peer-to-peer",
        RoomType.Go => "go",
        _ => "group",
    };

    public static string Of(VideoCodec codec) => codec == VideoCodec.H264 ? "H264" : "VP8";

    public static string Of(ParticipantStatus status) => status switch
    {
        ParticipantStatus.Connected => "connected",
        ParticipantStatus.Reconnecting => "reconnecting",
        _ => "disconnected",
    };

    public static string Of(TrackKind kind) => kind switch
    {
        TrackKind.Audio => "audio",
        TrackKind.Video => "video",
        _ => "data",
    };

    public static string Of(RoomEventKind kind) => kind switch
    {
        RoomEventKind.RoomCreated => "room-created",
        RoomEventKind.RoomEnded => "room-ended",
        RoomEventKind.ParticipantConnected => "participant-connected",
        RoomEventKind.ParticipantDisconnected => "participant-disconnected",
        RoomEventKind.TrackAdded => "track-added",
        RoomEventKind.TrackRemoved => "track-removed",
        RoomEventKind.TrackEnabled => "track-enabled",
        RoomEventKind.TrackDisabled => "track-disabled",
        // docs video/api/status-callbacks: recording-* (room callback) and composition-* (composition callback).
        RoomEventKind.RecordingStarted => "recording-started",
        RoomEventKind.RecordingCompleted => "recording-completed",
        RoomEventKind.RecordingFailed => "recording-failed",
        RoomEventKind.CompositionEnqueued => "composition-enqueued",
        RoomEventKind.CompositionHookFailed => "composition-hook-failed",
        RoomEventKind.CompositionStarted => "composition-started",
        RoomEventKind.CompositionProgress => "composition-progress",
        RoomEventKind.CompositionAvailable => "composition-available",
        _ => "composition-failed",
    };

    public static bool TryRoomStatus(string value, out RoomStatus status)
    {
        switch (value)
        {
            case "in-progress": status = RoomStatus.InProgress; return true;
            case "completed": status = RoomStatus.Completed; return true;
            case "failed": status = RoomStatus.Failed; return true;
            default: status = default; return false;
        }
    }

    public static bool TryRoomType(string value, out RoomType type)
    {
        switch (value)
        {
            case "group": type = RoomType.Group; return true;
            case "group-small": type = RoomType.GroupSmall; return true;
            case "peer-to-peer": type = RoomType.PeerToPeer; return true;
            case "go": type = RoomType.Go; return true;
            default: type = default; return false;
        }
    }

    public static bool TryParticipantStatus(string value, out ParticipantStatus status)
    {
        switch (value)
        {
            case "connected": status = ParticipantStatus.Connected; return true;
            case "disconnected": status = ParticipantStatus.Disconnected; return true;
            case "reconnecting": status = ParticipantStatus.Reconnecting; return true;
            default: status = default; return false;
        }
    }

    public static bool TryTrackKind(string value, out TrackKind kind)
    {
        switch (value)
        {
            case "audio": kind = TrackKind.Audio; return true;
            case "video": kind = TrackKind.Video; return true;
            case "data": kind = TrackKind.Data; return true;
            default: kind = default; return false;
        }
    }
}
