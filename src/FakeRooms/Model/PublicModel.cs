using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;
using FakeRooms.Wire;

namespace FakeRooms;

/// <summary>
/// The one place where the internal domain's records become the public ones users see. The enums are twins with
/// the same values (PublicModelTests holds them in step), so they convert by cast.
/// </summary>
internal static class PublicModel
{
    public static RoomInfo ToInfo(this Room room) => new()
    {
        Sid = room.Sid,
        AccountSid = room.AccountSid,
        UniqueName = room.UniqueName,
        Status = (VideoRoomStatus)room.Status,
        Type = (VideoRoomType)room.Type,
        StatusCallback = room.StatusCallback,
        StatusCallbackMethod = room.StatusCallbackMethod,
        MaxParticipants = room.MaxParticipants,
        MaxParticipantDuration = room.MaxParticipantDuration,
        MaxConcurrentPublishedTracks = room.MaxConcurrentPublishedTracks,
        RecordParticipantsOnConnect = room.RecordParticipantsOnConnect,
        VideoCodecs = room.VideoCodecs.Count == 0 ? ValueList<string>.Empty : new ValueList<string>(room.VideoCodecs.Select(WireNames.Of).ToArray()),
        MediaRegion = room.MediaRegion,
        AudioOnly = room.AudioOnly,
        EmptyRoomTimeout = room.EmptyRoomTimeout,
        UnusedRoomTimeout = room.UnusedRoomTimeout,
        LargeRoom = room.LargeRoom,
        DateCreated = room.DateCreated,
        DateUpdated = room.DateUpdated,
        EndTime = room.EndTime,
        Duration = room.Duration,
        RecordingRules = room.RecordingRules.Count == 0 ? ValueList<RecordingRuleInfo>.Empty : new ValueList<RecordingRuleInfo>(room.RecordingRules.ToInfos(ToInfo)),
        Sequence = room.Sequence,
    };

    public static RecordingRuleInfo ToInfo(this RecordingRule rule) => new(
        rule.Type switch { RecordingRuleType.Include => "include", RecordingRuleType.Exclude => "exclude", _ => null },
        rule.All, rule.Publisher, rule.Track, rule.Kind);

    public static CreateRoom ToCommand(this NewRoom? room) => room is null ? new CreateRoom() : new CreateRoom
    {
        UniqueName = room.UniqueName,
        Type = (RoomType?)room.Type,
        StatusCallback = room.StatusCallback,
        StatusCallbackMethod = room.StatusCallbackMethod,
        MaxParticipants = room.MaxParticipants,
        MaxParticipantDuration = room.MaxParticipantDuration,
        RecordParticipantsOnConnect = room.RecordParticipantsOnConnect,
        MediaRegion = room.MediaRegion,
        AudioOnly = room.AudioOnly,
        EmptyRoomTimeout = room.EmptyRoomTimeout,
        UnusedRoomTimeout = room.UnusedRoomTimeout,
        LargeRoom = room.LargeRoom,
    };

    public static ParticipantInfo ToInfo(this Participant participant) => new()
    {
        Sid = participant.Sid,
        RoomSid = participant.RoomSid,
        AccountSid = participant.AccountSid,
        Identity = participant.Identity,
        Status = (VideoParticipantStatus)participant.Status,
        DateCreated = participant.DateCreated,
        DateUpdated = participant.DateUpdated,
        StartTime = participant.StartTime,
        EndTime = participant.EndTime,
        Duration = participant.Duration,
        DisconnectError = participant.DisconnectError?.ToInfo(),
        Sequence = participant.Sequence,
    };

    public static PublishedTrackInfo ToInfo(this PublishedTrack track) => new()
    {
        Sid = track.Sid,
        ParticipantSid = track.ParticipantSid,
        RoomSid = track.RoomSid,
        Name = track.Name,
        Kind = (VideoTrackKind)track.Kind,
        Enabled = track.Enabled,
        DateCreated = track.DateCreated,
        DateUpdated = track.DateUpdated,
    };

    public static SubscribedTrackInfo ToInfo(this SubscribedTrack track) => new()
    {
        Sid = track.Sid,
        ParticipantSid = track.ParticipantSid,
        PublisherSid = track.PublisherSid,
        RoomSid = track.RoomSid,
        Name = track.Name,
        Kind = (VideoTrackKind)track.Kind,
        Enabled = track.Enabled,
        DateCreated = track.DateCreated,
        DateUpdated = track.DateUpdated,
    };

    public static RecordingInfo ToInfo(this Recording recording) => new()
    {
        Sid = recording.Sid,
        AccountSid = recording.AccountSid,
        RoomSid = recording.RoomSid,
        ParticipantSid = recording.ParticipantSid,
        SourceSid = recording.SourceSid,
        TrackName = recording.TrackName,
        Type = (VideoTrackKind)recording.Type,
        Status = (VideoRecordingStatus)recording.Status,
        DateCreated = recording.DateCreated,
        CaptureEnded = recording.CaptureEnded,
        AvailableAt = recording.AvailableAt,
        Size = recording.Size,
        Duration = recording.Duration,
        FailedOperation = (VideoRecordingFailedOperation?)recording.FailedOperation,
    };

    public static CompositionInfo ToInfo(this Composition composition) => new()
    {
        Sid = composition.Sid,
        AccountSid = composition.AccountSid,
        RoomSid = composition.RoomSid,
        Status = (VideoCompositionStatus)composition.Status,
        DateCreated = composition.DateCreated,
        DateCompleted = composition.DateCompleted,
        Duration = composition.Duration,
        Size = composition.Size,
        HookSid = composition.HookSid,
        ErrorMessage = composition.ErrorMessage,
    };

    public static TwilioErrorInfo ToInfo(this TwilioError error) => new(error.Code, error.HttpStatus, error.Message);

    public static TPublic[] ToInfos<TDomain, TPublic>(this IReadOnlyList<TDomain> items, Func<TDomain, TPublic> map)
    {
        var result = new TPublic[items.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = map(items[i]);
        return result;
    }

    public static VideoTrackKind ToPublic(this TrackKind kind) => (VideoTrackKind)kind;
    public static TrackKind ToDomain(this VideoTrackKind kind) => (TrackKind)kind;
    public static RoomEventKind ToDomain(this VideoCallbackEvent kind) => (RoomEventKind)kind;
    public static RecordingFailedOperation ToDomain(this VideoRecordingFailedOperation operation) => (RecordingFailedOperation)operation;

    /// <summary>Twilio's spelling of a room status, e.g. <c>in-progress</c>.</summary>
    public static string WireName(this VideoRoomStatus status) => WireNames.Of((RoomStatus)status);

    /// <summary>Twilio's spelling of a room type, e.g. <c>peer-to-peer</c>.</summary>
    public static string WireName(this VideoRoomType type) => WireNames.Of((RoomType)type);

    /// <summary>Twilio's spelling of a callback event, e.g. <c>participant-connected</c>.</summary>
    public static string WireName(this VideoCallbackEvent kind) => WireNames.Of(kind.ToDomain());

    /// <summary>Runs an in-process action; a domain refusal reaches the user as the public <see cref="TwilioVideoException"/>.</summary>
    public static T Translate<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (TwilioErrorException e)
        {
            throw new TwilioVideoException(e.Error.ToInfo(), e);
        }
    }

    public static SubscribeRuleInfo ToInfo(this Domain.Subscriptions.SubscribeRule rule) => new(
        rule.Type switch { Domain.Subscriptions.SubscribeRuleType.Include => "include", Domain.Subscriptions.SubscribeRuleType.Exclude => "exclude", _ => null },
        rule.All, rule.Publisher, rule.Track, rule.Kind, rule.Priority);

    public static TranscriptionInfo ToInfo(this Domain.Transcriptions.Transcription t) => new()
    {
        Ttid = t.Ttid,
        AccountSid = t.AccountSid,
        RoomSid = t.RoomSid,
        Status = (VideoTranscriptionStatus)t.Status,
        Configuration = t.Configuration,
        DateCreated = t.DateCreated,
        DateUpdated = t.DateUpdated,
        StartTime = t.StartTime,
        EndTime = t.EndTime,
        Duration = t.Duration,
    };
}
