using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Recordings;

/// <summary>
/// Recording rules and track recordings (docs recording-rules and recordings-resource; FACTS §3.6, §3.7). A track is
/// recorded while the room's rules include it: its recording starts when it is published (or when the rules change to
/// include it), capture ends when it is unpublished, excluded, or the room ends, and the recording turns
/// <c>completed</c> (with <c>recording-completed</c>) after the processing delay on the clock.
/// </summary>
internal sealed partial class RecordingRegistry(AccountState account, RoomIndex rooms)
{
    /// <summary>
    /// [INFERRED] The Twilio Video epoch that <c>offset</c> counts from ("an arbitrary point in time, common to all group
    /// rooms", spec): the Unix epoch. Offsets of one room's recordings differ by the time between their starts.
    /// </summary>
    public static readonly DateTimeOffset VideoEpoch = DateTimeOffset.UnixEpoch;

    private readonly Dictionary<string, RecordingState> _recordings = new(StringComparer.Ordinal);
    private readonly NewestFirstIndex<RecordingState> _recordingIndex = new(static r => (r.Current.DateCreated, r.Current.Sequence));
    private readonly Dictionary<string, RecordingState> _capturingByTrack = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoomRecordings> _roomRecordings = new(StringComparer.Ordinal);

    /// <summary>Older spec: recording is "not available in peer-to-peer rooms" (nor go rooms).</summary>
    public static bool IsRecordable(Room room) => room.Type is RoomType.Group or RoomType.GroupSmall;

    // ------------------------------------------------------------------ recordings

    /// <summary>
    /// Recordings of the account, or of one room, newest first, filtered and paged, with the room
    /// <see cref="RecordingQuery.RoomSid"/> (a SID or the name of a room in progress) resolved to, under the same lock;
    /// null for the account's list.
    /// </summary>
    public (Room? Room, ListPage<Recording> Page) List(RecordingQuery query)
    {
        using var held = account.Begin(out _);
        IEnumerable<RecordingState> source;
        Room? resolved = null;
        if (query.RoomSid is { } roomId)
        {
            var room = rooms.Find(roomId);
            resolved = room.Current;
            source = _roomRecordings.TryGetValue(room.Current.Sid, out var of)
                ? Enumerable.Reverse(of.Recordings)
                : [];
        }
        else
            source = _recordingIndex;

        var matching = new List<RecordingState>();
        foreach (var state in source)
        {
            var r = state.Current;
            if (query.Status is { } status && r.Status != status) continue;
            if (query.SourceSid is { } sourceSid && r.SourceSid != sourceSid) continue;
            if (query.MediaType is { } type && r.Type != type) continue;
            if (query.GroupingSids.Count > 0 && !query.GroupingSids.All(g => g == r.RoomSid || g == r.ParticipantSid)) continue;
            matching.Add(state);
        }
        return (resolved, Paging.Page(matching, static r => (r.Current.DateCreated, r.Current.Sequence), static r => r.Current,
            query.PageSize, query.Cursor, query.CreatedOnOrAfter, query.CreatedBefore));
    }

    /// <summary>A recording by RT SID; with a room, only that room's (the room-scoped path).</summary>
    public Recording Get(string sid, string? roomSidOrName = null)
    {
        using var held = account.Begin(out _);
        return Find(sid, roomSidOrName).Current;
    }

    /// <summary>A recording by RT SID, or null.</summary>
    public Recording? TryGet(string sid)
    {
        using var held = account.Begin(out _);
        return _recordings.GetValueOrDefault(sid)?.Current;
    }

    /// <summary>
    /// Deletes a recording's media (DELETE, 204): the status becomes <c>deleted</c> and the metadata stays (spec
    /// status description). [INFERRED] A recording still being captured or processed cannot be deleted; deleting a
    /// deleted recording changes nothing.
    /// </summary>
    public Recording Delete(string sid, string? roomSidOrName = null)
    {
        using var held = account.Begin(out _);
        var state = Find(sid, roomSidOrName);
        if (state.Current.Status == RecordingStatus.Processing)
            throw new TwilioErrorException(TwilioErrors.StillProcessing(RecordingPath(sid, roomSidOrName)));
        if (state.Current.Status != RecordingStatus.Deleted)
            state.Current = state.Current with { Status = RecordingStatus.Deleted };
        return state.Current;
    }

    /// <summary>
    /// Makes a processing recording fail (a test-only transition: Twilio documents no cause). Capture stops, the status
    /// becomes <c>failed</c>, and <c>recording-failed</c> is sent with <paramref name="operation"/>.
    /// </summary>
    public Recording Fail(string sid, RecordingFailedOperation operation)
    {
        using var held = account.Begin(out var now);
        var state = Find(sid, null);
        if (state.Current.Status != RecordingStatus.Processing)
            throw new TwilioErrorException(new TwilioError(20001, 400, $"Recording {sid} is {state.Current.Status}: only a processing recording can fail"));
        _capturingByTrack.Remove(state.Current.SourceSid);
        state.Current = state.Current with
        {
            Status = RecordingStatus.Failed,
            FailedOperation = operation,
            CaptureEnded = state.Current.CaptureEnded ?? now,
        };
        Emit(state.Room, RoomEventKind.RecordingFailed, now, state.Current);
        return state.Current;
    }

    /// <summary>Every recording of a room, oldest first (assertions).</summary>
    public IReadOnlyList<Recording> AllOf(string roomSidOrName)
    {
        using var held = account.Begin(out _);
        var room = rooms.Find(roomSidOrName);
        return _roomRecordings.TryGetValue(room.Current.Sid, out var of)
            ? of.Recordings.Select(r => r.Current).ToList()
            : [];
    }

    // ------------------------------------------------------------------ hooks from the room lifecycle

    /// <summary>A track was published: its recording starts when the room records and its rules include the track.</summary>
    public void OnTrackPublished(RoomState room, ParticipantState participant, PublishedTrack track, DateTimeOffset at)
    {
        if (IsRecordable(room.Current) && RecordingRuleEvaluator.Includes(room.Current.RecordingRules, track, participant.Current))
            StartRecording(room, participant.Current, track, at);
    }

    /// <summary>The track stopped being published, or the rules excluded it: its capture ends.</summary>
    public void OnTrackStopped(PublishedTrack track, DateTimeOffset at)
    {
        if (!_capturingByTrack.Remove(track.Sid, out var state))
            return;
        var available = at + account.Options.Media.RecordingProcessing;
        state.Current = state.Current with { CaptureEnded = at, AvailableAt = available };
        state.CompletionOrder = account.Timers.Schedule(available, new RoomTimer(TimerKind.Deferred, state.Room, Run: t => Complete(state, t)));
    }

    // ------------------------------------------------------------------ internals

    private void StartRecording(RoomState room, Participant publisher, PublishedTrack track, DateTimeOffset at)
    {
        var audio = track.Kind == TrackKind.Audio;
        var recording = new Recording
        {
            Sid = account.Sids.Next("RT"),
            AccountSid = account.AccountSid,
            RoomSid = room.Current.Sid,
            ParticipantSid = publisher.Sid,
            SourceSid = track.Sid,
            TrackName = track.Name,
            Type = track.Kind,
            // Audio tracks are Opus (the codec of WebRTC audio Twilio records); video uses the room's codec, the first
            // of its VideoCodecs (VP8 by default). [INFERRED] which one a multi-codec room picks.
            Codec = audio ? RecordingCodec.Opus : room.Current.VideoCodecs is [VideoCodec.H264, ..] ? RecordingCodec.H264 : RecordingCodec.VP8,
            Container = audio ? RecordingContainer.Mka : RecordingContainer.Mkv,
            Status = RecordingStatus.Processing,
            DateCreated = at,
            Offset = (at.UtcTicks - VideoEpoch.UtcTicks) / TimeSpan.TicksPerMillisecond,
            StatusCallback = room.Current.StatusCallback,
            StatusCallbackMethod = room.Current.StatusCallbackMethod,
            Sequence = account.NextSequence(),
        };
        var state = new RecordingState(recording, room);
        _recordings.Add(recording.Sid, state);
        _recordingIndex.Add(state);
        _capturingByTrack[track.Sid] = state;
        RecordingsOf(room.Current).Recordings.Add(state);
        Emit(room, RoomEventKind.RecordingStarted, at, recording);
    }

    private void Complete(RecordingState state, DateTimeOffset at)
    {
        if (state.Current.Status != RecordingStatus.Processing)
            return;
        var r = state.Current;
        // Spec: "The duration of the recording in seconds rounded to the nearest second. Sub-second tracks have a
        // Duration property of 1 second".
        var seconds = ((r.CaptureEnded ?? at) - r.DateCreated).TotalSeconds;
        state.Current = r with
        {
            Status = RecordingStatus.Completed,
            Duration = Math.Max(1, (int)Math.Round(seconds, MidpointRounding.AwayFromZero)),
            Size = r.Container == RecordingContainer.Mka ? account.Options.Media.AudioRecordingBytes : account.Options.Media.VideoRecordingBytes,
        };
        Emit(state.Room, RoomEventKind.RecordingCompleted, at, state.Current);
    }

    private void Emit(RoomState room, RoomEventKind kind, DateTimeOffset at, Recording recording)
    {
        var publisher = room.Participants.FirstOrDefault(p => p.Current.Sid == recording.ParticipantSid)?.Current;
        account.Publish(new RoomEvent(kind, room.Current, at, room.NextEventNumber++, publisher) { Recording = recording });
    }

    private RecordingState Find(string sid, string? roomSidOrName)
    {
        if (roomSidOrName is null)
            return _recordings.GetValueOrDefault(sid) ?? throw new TwilioErrorException(TwilioErrors.NotFound(RecordingPath(sid, null)));
        var room = rooms.Find(roomSidOrName);
        return _recordings.TryGetValue(sid, out var state) && state.Current.RoomSid == room.Current.Sid
            ? state
            : throw new TwilioErrorException(TwilioErrors.NotFound(RecordingPath(sid, roomSidOrName)));
    }

    private static string RecordingPath(string sid, string? roomSidOrName) =>
        roomSidOrName is null ? $"/Recordings/{sid}" : $"/Rooms/{roomSidOrName}/Recordings/{sid}";

    private RoomRecordings RecordingsOf(Room room)
    {
        if (!_roomRecordings.TryGetValue(room.Sid, out var of))
            _roomRecordings[room.Sid] = of = new RoomRecordings();
        return of;
    }

    /// <summary>A room's recordings, oldest first (compositions choose from them).</summary>
    public IReadOnlyList<RecordingState> OfRoom(string roomSid) =>
        _roomRecordings.TryGetValue(roomSid, out var of) ? of.Recordings : [];
}

/// <summary>Mutable bookkeeping around a recording; touched only under the account lock.</summary>
internal sealed class RecordingState(Recording current, RoomState room)
{
    public Recording Current = current;
    public readonly RoomState Room = room;
    /// <summary>The order of the pending completion among steps due at the same time.</summary>
    public long? CompletionOrder;
}

/// <summary>A room's recordings (oldest first) and when its rules last changed.</summary>
internal sealed class RoomRecordings
{
    public DateTimeOffset? RulesUpdated;
    public readonly List<RecordingState> Recordings = [];
}
