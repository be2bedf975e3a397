using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;

namespace FakeRooms.Domain.Rooms;

/// <summary>
/// Recording rules and track recordings (docs recording-rules and recordings-resource; FACTS §3.6, §3.7). A track is
/// recorded while the room's rules include it: its recording starts when it is published (or when the rules change to
/// include it), capture ends when it is unpublished, excluded, or the room ends, and the recording turns
/// <c>completed</c> (with <c>recording-completed</c>) after the processing delay on the clock.
/// </summary>
internal sealed partial class RoomStore
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

    // ------------------------------------------------------------------ recording rules

    /// <summary>The room's recording rules (GET RecordingRules).</summary>
    public RecordingRulesState GetRecordingRules(string roomSidOrName)
    {
        lock (_gate)
        {
            Settle();
            return RulesOf(Find(roomSidOrName));
        }
    }

    /// <summary>
    /// Replaces the room's recording rules (POST RecordingRules; "each POST replaces all rules", docs). Live tracks are
    /// re-evaluated at once: newly included ones start recording, newly excluded ones stop. The rules must already be
    /// valid (<see cref="RoomRules.CheckRecordingRules"/>).
    /// </summary>
    public RecordingRulesState UpdateRecordingRules(string roomSidOrName, IReadOnlyList<RecordingRule> rules) =>
        UpdateRecordingRules(roomSidOrName, () => rules).Rules;

    /// <summary>
    /// As <see cref="UpdateRecordingRules(string, IReadOnlyList{RecordingRule})"/>, with the rules read from the request
    /// once the room is found (an unknown room is 20404 before an invalid rule set), under the same lock.
    /// </summary>
    /// <returns>The room the name resolved to, and its rules now.</returns>
    public (Room Room, RecordingRulesState Rules) UpdateRecordingRules(string roomSidOrName, Func<IReadOnlyList<RecordingRule>> readRules)
    {
        lock (_gate)
        {
            var now = Settle();
            var room = Find(roomSidOrName);
            var rules = readRules();
            if (!IsRecordable(room.Current))
                throw new TwilioErrorException(TwilioErrors.RecordingOperationNotSupported);
            room.Current = room.Current with { RecordingRules = rules };
            RecordingsOf(room.Current).RulesUpdated = now;
            // [INFERRED] A completed room keeps the rules it is given; nothing is recorded any more.
            if (room.Current.Status == RoomStatus.InProgress)
                foreach (var participant in room.Participants)
                {
                    if (participant.Current.Status != ParticipantStatus.Connected)
                        continue;
                    foreach (var track in participant.Tracks)
                    {
                        var included = RecordingRuleEvaluator.Includes(rules, track, participant.Current);
                        var capturing = _capturingByTrack.ContainsKey(track.Sid);
                        if (included && !capturing)
                            StartRecording(room, participant.Current, track, now);
                        else if (!included && capturing)
                            OnTrackStopped(track, now);
                    }
                }
            return (room.Current, RulesOf(room));
        }
    }

    // ------------------------------------------------------------------ recordings

    /// <summary>Recordings of the account, or of one room, newest first, filtered and paged.</summary>
    public ListPage<Recording> ListRecordings(RecordingQuery query) => ListRecordingsOf(query).Page;

    /// <summary>
    /// As <see cref="ListRecordings"/>, with the room <see cref="RecordingQuery.RoomSid"/> (a SID or the name of a room in
    /// progress) resolved to, under the same lock; null for the account's list.
    /// </summary>
    public (Room? Room, ListPage<Recording> Page) ListRecordingsOf(RecordingQuery query)
    {
        lock (_gate)
        {
            Settle();
            IEnumerable<RecordingState> source;
            Room? resolved = null;
            if (query.RoomSid is { } roomId)
            {
                var room = Find(roomId);
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
    }

    /// <summary>A recording by RT SID; with a room, only that room's (the room-scoped path).</summary>
    public Recording GetRecording(string sid, string? roomSidOrName = null)
    {
        lock (_gate)
        {
            Settle();
            return FindRecording(sid, roomSidOrName).Current;
        }
    }

    /// <summary>A recording by RT SID, or null.</summary>
    public Recording? TryGetRecording(string sid)
    {
        lock (_gate)
        {
            Settle();
            return _recordings.GetValueOrDefault(sid)?.Current;
        }
    }

    /// <summary>
    /// Deletes a recording's media (DELETE, 204): the status becomes <c>deleted</c> and the metadata stays (spec
    /// status description). [INFERRED] A recording still being captured or processed cannot be deleted; deleting a
    /// deleted recording changes nothing.
    /// </summary>
    public Recording DeleteRecording(string sid, string? roomSidOrName = null)
    {
        lock (_gate)
        {
            Settle();
            var state = FindRecording(sid, roomSidOrName);
            if (state.Current.Status == RecordingStatus.Processing)
                throw new TwilioErrorException(TwilioErrors.StillProcessing(RecordingPath(sid, roomSidOrName)));
            if (state.Current.Status != RecordingStatus.Deleted)
                state.Current = state.Current with { Status = RecordingStatus.Deleted };
            return state.Current;
        }
    }

    /// <summary>
    /// Makes a processing recording fail (a test-only transition: Twilio documents no cause). Capture stops, the status
    /// becomes <c>failed</c>, and <c>recording-failed</c> is sent with <paramref name="operation"/>.
    /// </summary>
    public Recording FailRecording(string sid, RecordingFailedOperation operation)
    {
        lock (_gate)
        {
            var now = Settle();
            var state = FindRecording(sid, null);
            if (state.Current.Status != RecordingStatus.Processing)
                throw new TwilioErrorException(new TwilioError(20001, 400, $"Recording {sid} is {state.Current.Status}: only a processing recording can fail"));
            _capturingByTrack.Remove(state.Current.SourceSid);
            state.Current = state.Current with
            {
                Status = RecordingStatus.Failed,
                FailedOperation = operation,
                CaptureEnded = state.Current.CaptureEnded ?? now,
            };
            EmitRecording(state.Room, RoomEventKind.RecordingFailed, now, state.Current);
            return state.Current;
        }
    }

    /// <summary>Every recording of a room, oldest first (assertions).</summary>
    public IReadOnlyList<Recording> AllRecordings(string roomSidOrName)
    {
        lock (_gate)
        {
            Settle();
            var room = Find(roomSidOrName);
            return _roomRecordings.TryGetValue(room.Current.Sid, out var of)
                ? of.Recordings.Select(r => r.Current).ToList()
                : [];
        }
    }

    // ------------------------------------------------------------------ hooks from the room lifecycle

    private void OnTrackPublished(RoomState room, ParticipantState participant, PublishedTrack track, DateTimeOffset at)
    {
        if (IsRecordable(room.Current) && RecordingRuleEvaluator.Includes(room.Current.RecordingRules, track, participant.Current))
            StartRecording(room, participant.Current, track, at);
    }

    /// <summary>The track stopped being published, or the rules excluded it: its capture ends.</summary>
    private void OnTrackStopped(PublishedTrack track, DateTimeOffset at)
    {
        if (!_capturingByTrack.Remove(track.Sid, out var state))
            return;
        var available = at + _options.Media.RecordingProcessing;
        state.Current = state.Current with { CaptureEnded = at, AvailableAt = available };
        state.CompletionOrder = Schedule(available, new Timer(TimerKind.Deferred, state.Room, Run: t => CompleteRecording(state, t)));
    }

    // ------------------------------------------------------------------ internals

    /// <summary>Older spec: recording is "not available in peer-to-peer rooms" (nor go rooms).</summary>
    private static bool IsRecordable(Room room) => room.Type is RoomType.Group or RoomType.GroupSmall;

    private void StartRecording(RoomState room, Participant publisher, PublishedTrack track, DateTimeOffset at)
    {
        var audio = track.Kind == TrackKind.Audio;
        var recording = new Recording
        {
            Sid = _sids.Next("RT"),
            AccountSid = AccountSid,
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
            Sequence = ++_sequence,
        };
        var state = new RecordingState(recording, room);
        _recordings.Add(recording.Sid, state);
        _recordingIndex.Add(state);
        _capturingByTrack[track.Sid] = state;
        RecordingsOf(room.Current).Recordings.Add(state);
        EmitRecording(room, RoomEventKind.RecordingStarted, at, recording);
    }

    private void CompleteRecording(RecordingState state, DateTimeOffset at)
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
            Size = r.Container == RecordingContainer.Mka ? _options.Media.AudioRecordingBytes : _options.Media.VideoRecordingBytes,
        };
        EmitRecording(state.Room, RoomEventKind.RecordingCompleted, at, state.Current);
    }

    private void EmitRecording(RoomState room, RoomEventKind kind, DateTimeOffset at, Recording recording)
    {
        var publisher = room.Participants.FirstOrDefault(p => p.Current.Sid == recording.ParticipantSid)?.Current;
        _sink.Publish(new RoomEvent(kind, room.Current, at, room.NextEventNumber++, publisher) { Recording = recording });
    }

    private RecordingState FindRecording(string sid, string? roomSidOrName)
    {
        if (roomSidOrName is null)
            return _recordings.GetValueOrDefault(sid) ?? throw new TwilioErrorException(TwilioErrors.NotFound(RecordingPath(sid, null)));
        var room = Find(roomSidOrName);
        return _recordings.TryGetValue(sid, out var state) && state.Current.RoomSid == room.Current.Sid
            ? state
            : throw new TwilioErrorException(TwilioErrors.NotFound(RecordingPath(sid, roomSidOrName)));
    }

    private static string RecordingPath(string sid, string? roomSidOrName) =>
        roomSidOrName is null ? $"/Recordings/{sid}" : $"/Rooms/{roomSidOrName}/Recordings/{sid}";

    private RecordingRulesState RulesOf(RoomState room) =>
        new(room.Current.Sid, room.Current.RecordingRules, room.Current.DateCreated,
            _roomRecordings.TryGetValue(room.Current.Sid, out var of) && of.RulesUpdated is { } updated ? updated : room.Current.DateCreated);

    private RoomRecordings RecordingsOf(Room room)
    {
        if (!_roomRecordings.TryGetValue(room.Sid, out var of))
            _roomRecordings[room.Sid] = of = new RoomRecordings();
        return of;
    }

    /// <summary>Mutable bookkeeping around a recording; touched only under the account lock.</summary>
    private sealed class RecordingState(Recording current, RoomState room)
    {
        public Recording Current = current;
        public readonly RoomState Room = room;
        /// <summary>The order of the pending completion among steps due at the same time.</summary>
        public long? CompletionOrder;
    }

    /// <summary>A room's recordings (oldest first) and when its rules last changed.</summary>
    private sealed class RoomRecordings
    {
        public DateTimeOffset? RulesUpdated;
        public readonly List<RecordingState> Recordings = [];
    }
}
