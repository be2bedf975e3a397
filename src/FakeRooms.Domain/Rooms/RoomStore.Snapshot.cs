using System.Text.RegularExpressions;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.State;

namespace FakeRooms.Domain.Rooms;

/// <summary>Snapshots: export an account's state, and rebuild a fresh store from one.</summary>
internal sealed partial class RoomStore
{
    [GeneratedRegex("^RM[0-9a-fA-F]{32}$")]
    private static partial Regex RoomSidPattern();

    [GeneratedRegex("^PA[0-9a-fA-F]{32}$")]
    private static partial Regex ParticipantSidPattern();

    [GeneratedRegex("^MT[0-9a-fA-F]{32}$")]
    private static partial Regex TrackSidPattern();

    /// <summary>The account's state after settling every timer due now.</summary>
    public AccountSnapshot Export()
    {
        lock (_gate)
        {
            var now = Settle();
            return new AccountSnapshot
            {
                AccountSid = AccountSid,
                Sequence = _sequence,
                SidDraws = _sids.Draws,
                SettledUntil = now,
                Rooms = _bySid.Values.OrderBy(r => r.Current.Sequence).Select(r => new RoomSnapshot
                {
                    Room = r.Current,
                    NextEventNumber = r.NextEventNumber,
                    Participants = r.Participants.Select(p => new ParticipantSnapshot
                    {
                        Participant = p.Current,
                        PublishedTracks = p.Tracks.ToList(),
                    }).ToList(),
                    RecordingRulesUpdated = _roomRecordings.GetValueOrDefault(r.Current.Sid)?.RulesUpdated,
                }).ToList(),
                Recordings = ExportRecordings(),
                Compositions = ExportCompositions(),
                CompositionHooks = _hooks.Values.OrderBy(h => h.Current.Sequence).Select(h => h.Current).ToList(),
                RecordingSettings = _recordingSettings,
                CompositionSettings = _compositionSettings,
            };
        }
    }

    /// <summary>
    /// Fills this (empty, new) store from a snapshot: rooms, the in-progress name index, status indexes, participants,
    /// tracks, recordings (and which live tracks they capture), compositions, hooks, settings, and every pending timeout
    /// and processing step, derived from the state as the live store would have scheduled it. No events are emitted. Timers that fell due before <paramref name="settledUntil"/> fire on the next operation.
    /// </summary>
    /// <exception cref="ArgumentException">The snapshot is inconsistent (the message says where).</exception>
    public void Import(AccountSnapshot snapshot, DateTimeOffset settledUntil)
    {
        lock (_gate)
        {
            if (_bySid.Count != 0 || _hooks.Count != 0 || _recordingSettings is not null || _compositionSettings is not null)
                throw new InvalidOperationException("Import needs an empty store.");
            Validate(snapshot);
            ValidateMedia(snapshot);
            _sequence = snapshot.Sequence;
            foreach (var entry in snapshot.Rooms.OrderBy(r => r.Room.Sequence))
            {
                var state = new RoomState(entry.Room) { NextEventNumber = entry.NextEventNumber };
                _bySid.Add(entry.Room.Sid, state);
                if (!_allByName.TryGetValue(entry.Room.UniqueName, out var sameName))
                    _allByName[entry.Room.UniqueName] = sameName = new NewestFirstIndex<RoomState>(KeyOf);
                sameName.Add(state);
                (entry.Room.Status switch
                {
                    RoomStatus.InProgress => _inProgress,
                    RoomStatus.Completed => _completed,
                    _ => _failed,
                }).Add(state);

                foreach (var p in entry.Participants)
                {
                    var participant = new ParticipantState(p.Participant);
                    participant.Tracks.AddRange(p.PublishedTracks);
                    state.Participants.Add(participant);
                    if (p.Participant.Status != ParticipantStatus.Disconnected)
                        state.ConnectedByIdentity[p.Participant.Identity] = participant;
                }
                state.EverJoined = state.Participants.Count > 0;
                if (entry.Room.Status == RoomStatus.InProgress)
                {
                    _inProgressByName[entry.Room.UniqueName] = state;
                    RestoreTimers(state);
                }
                _sequence = Math.Max(_sequence, entry.Room.Sequence);
                foreach (var p in entry.Participants)
                    _sequence = Math.Max(_sequence, Math.Max(p.Participant.Sequence, p.PublishedTracks.Select(t => t.Sequence).DefaultIfEmpty().Max()));
            }
            ImportMedia(snapshot, snapshot.SettledUntil ?? settledUntil);
            // A snapshot from a fake with a higher limit (or none) is cut down to this fake's, as if its rooms had
            // ended here.
            ForgetEndedRoomsOverLimit();
            _sids.SkipTo(snapshot.SidDraws);
            _settledUntil = settledUntil;
        }
    }

    /// <summary>
    /// The timers the live store keeps for an in-progress room (see Create, Connect, DisconnectParticipant). Their
    /// tie-break order is the room's or participant's own sequence, below every sequence handed out after the restore.
    /// </summary>
    private void RestoreTimers(RoomState state)
    {
        var room = state.Current;
        if (!state.EverJoined)
            _timers.Enqueue(new Timer(TimerKind.Unused, state), (room.DateCreated.AddMinutes(room.UnusedRoomTimeout), room.Sequence));
        _timers.Enqueue(new Timer(TimerKind.MaxRoomDuration, state), (room.DateCreated.AddHours(24), room.Sequence));
        foreach (var participant in state.Participants)
            if (participant.Current.Status != ParticipantStatus.Disconnected)
                _timers.Enqueue(new Timer(TimerKind.MaxParticipantDuration, state, participant, participant.Generation),
                    (participant.Current.StartTime.AddSeconds(room.MaxParticipantDuration), participant.Current.Sequence));
        if (state.EverJoined && state.ConnectedCount == 0)
        {
            // Empty since the last participant left: the room ends EmptyRoomTimeout minutes after that.
            var lastLeft = state.Participants.Max(p => p.Current.EndTime ?? p.Current.DateUpdated);
            state.EmptyGeneration++;
            _timers.Enqueue(new Timer(TimerKind.Empty, state, Generation: state.EmptyGeneration),
                (lastLeft.AddMinutes(room.EmptyRoomTimeout), room.Sequence));
        }
    }

    private void Validate(AccountSnapshot snapshot)
    {
        if (snapshot.AccountSid != AccountSid)
            throw new ArgumentException($"the snapshot is of account {snapshot.AccountSid}, not {AccountSid}");
        var sids = new HashSet<string>(StringComparer.Ordinal);
        var sequences = new HashSet<long>();
        var inProgressNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in snapshot.Rooms)
        {
            var room = entry.Room;
            var where = $"room {room.Sid}";
            if (!RoomSidPattern().IsMatch(room.Sid))
                throw new ArgumentException($"{where}: a room SID is RM followed by 32 hex digits");
            if (!sids.Add(room.Sid))
                throw new ArgumentException($"{where}: the SID appears twice");
            if (!sequences.Add(room.Sequence))
                throw new ArgumentException($"{where}: sequence {room.Sequence} appears twice");
            if (room.AccountSid != AccountSid)
                throw new ArgumentException($"{where}: account_sid {room.AccountSid} is not the account {AccountSid}");
            if (string.IsNullOrEmpty(room.UniqueName))
                throw new ArgumentException($"{where}: unique_name is empty");
            // Spec: unique_name "is unique for in-progress rooms".
            if (room.Status == RoomStatus.InProgress && !inProgressNames.Add(room.UniqueName))
                throw new ArgumentException($"{where}: two in-progress rooms are named '{room.UniqueName}'");
            if (room.Status != RoomStatus.InProgress && room.EndTime is null)
                throw new ArgumentException($"{where}: a room that is not in progress needs an end_time");
            var identities = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in entry.Participants)
            {
                var participant = p.Participant;
                var at = $"{where}, participant {participant.Sid}";
                if (!ParticipantSidPattern().IsMatch(participant.Sid))
                    throw new ArgumentException($"{at}: a participant SID is PA followed by 32 hex digits");
                if (!sids.Add(participant.Sid))
                    throw new ArgumentException($"{at}: the SID appears twice");
                if (participant.RoomSid != room.Sid || participant.AccountSid != AccountSid)
                    throw new ArgumentException($"{at}: room_sid or account_sid does not match its room");
                if (string.IsNullOrEmpty(participant.Identity))
                    throw new ArgumentException($"{at}: identity is empty");
                if (participant.Status != ParticipantStatus.Disconnected)
                {
                    if (room.Status != RoomStatus.InProgress)
                        throw new ArgumentException($"{at}: a room that has ended has no connected participants");
                    if (!identities.Add(participant.Identity))
                        throw new ArgumentException($"{at}: identity '{participant.Identity}' is connected twice");
                }
                else if (p.PublishedTracks.Count > 0)
                    throw new ArgumentException($"{at}: a disconnected participant publishes no tracks");
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var track in p.PublishedTracks)
                {
                    if (!TrackSidPattern().IsMatch(track.Sid))
                        throw new ArgumentException($"{at}, track {track.Sid}: a track SID is MT followed by 32 hex digits");
                    if (!sids.Add(track.Sid))
                        throw new ArgumentException($"{at}, track {track.Sid}: the SID appears twice");
                    if (track.ParticipantSid != participant.Sid || track.RoomSid != room.Sid)
                        throw new ArgumentException($"{at}, track {track.Sid}: participant_sid or room_sid does not match");
                    if (!names.Add(track.Name))
                        throw new ArgumentException($"{at}: track name '{track.Name}' appears twice");
                }
            }
        }
    }
}
