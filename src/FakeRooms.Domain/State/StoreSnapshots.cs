using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;
using FakeRooms.Domain.Subscriptions;
using FakeRooms.Domain.Transcriptions;

namespace FakeRooms.Domain.State;

/// <summary>
/// Snapshots of one account's store: export its state, and fill a fresh store from one with every pending timeout and
/// processing step the live store would still run. No events are emitted.
/// </summary>
internal sealed class StoreSnapshots(AccountState account, RoomIndex rooms, RecordingRegistry recordings,
    CompositionRegistry compositions, HookRegistry hooks, Retention retention, Reconnections reconnections)
{
    /// <summary>The account's state after settling every timer due now.</summary>
    public AccountSnapshot Export()
    {
        using var held = account.Begin(out var now);
        var (hookList, recordingSettings, compositionSettings) = hooks.Export();
        return new AccountSnapshot
        {
            AccountSid = account.AccountSid,
            Sequence = account.Sequence,
            SidDraws = account.Sids.Draws,
            SettledUntil = now,
            Rooms = rooms.InCreationOrder.Select(r => new RoomSnapshot
            {
                Room = r.Current,
                NextEventNumber = r.NextEventNumber,
                Participants = r.Participants.Select(p => new ParticipantSnapshot
                {
                    Participant = p.Current,
                    PublishedTracks = p.Tracks.ToList(),
                    SubscribeRules = p.SubscribeRules,
                    ReconnectDeadline = p.Current.Status == ParticipantStatus.Reconnecting ? p.ReconnectDeadline : null,
                }).ToList(),
                RecordingRulesUpdated = recordings.RulesUpdated(r.Current.Sid),
                Transcription = r.Transcription is { } t
                    ? new TranscriptionSnapshot { Transcription = t.Current, RunningSince = t.RunningSince }
                    : null,
            }).ToList(),
            Recordings = recordings.Export(),
            Compositions = compositions.Export(),
            CompositionHooks = hookList,
            RecordingSettings = recordingSettings,
            CompositionSettings = compositionSettings,
        };
    }

    /// <summary>
    /// Fills this (empty, new) store from a snapshot: rooms, the in-progress name index, status indexes, participants
    /// (their subscribe rules and reconnection windows), tracks, transcriptions, recordings (and which live tracks they capture), compositions, hooks, settings, and every pending timeout
    /// and processing step, derived from the state as the live store would have scheduled it. No events are emitted.
    /// Timers that fell due before <paramref name="settledUntil"/> fire on the next operation.
    /// </summary>
    /// <exception cref="ArgumentException">The snapshot is inconsistent (the message says where).</exception>
    public void Import(AccountSnapshot snapshot, DateTimeOffset settledUntil)
    {
        lock (account.Gate)
        {
            if (rooms.Count != 0 || hooks.Count != 0 || !hooks.SettingsUntouched)
                throw new InvalidOperationException("Import needs an empty store.");
            SnapshotValidator.Validate(account.AccountSid, snapshot);
            account.Sequence = snapshot.Sequence;
            foreach (var entry in snapshot.Rooms.OrderBy(r => r.Room.Sequence))
                ImportRoom(entry);
            ImportMedia(snapshot, snapshot.SettledUntil ?? settledUntil);
            // A snapshot from a fake with a higher limit (or none) is cut down to this fake's, as if its rooms had
            // ended here.
            retention.ForgetEndedRoomsOverLimit();
            account.Sids.SkipTo(snapshot.SidDraws);
            account.SettledUntil = settledUntil;
        }
    }

    private void ImportRoom(RoomSnapshot entry)
    {
        var state = new RoomState(entry.Room) { NextEventNumber = entry.NextEventNumber };
        rooms.Add(state);
        foreach (var p in entry.Participants)
        {
            var participant = new ParticipantState(p.Participant);
            participant.Tracks.AddRange(p.PublishedTracks);
            participant.SubscribeRules = p.SubscribeRules ?? SubscribeRules.SubscribeToAll;
            state.Participants.Add(participant);
            if (p.Participant.Status != ParticipantStatus.Disconnected)
                state.ConnectedByIdentity[p.Participant.Identity] = participant;
        }
        state.EverJoined = state.Participants.Count > 0;
        if (entry.Transcription is { } transcription)
        {
            state.Transcription = TranscriptionClock.Restore(transcription.Transcription, transcription.RunningSince);
            account.Sequence = Math.Max(account.Sequence, transcription.Transcription.Sequence);
        }
        if (entry.Room.Status == RoomStatus.InProgress)
            RestoreTimers(state);
        foreach (var (p, participant) in entry.Participants.Zip(state.Participants))
            if (p.Participant.Status == ParticipantStatus.Reconnecting)
                reconnections.Restore(state, participant,
                    p.ReconnectDeadline ?? p.Participant.DateUpdated + account.Options.ReconnectionWindow);
        account.Sequence = Math.Max(account.Sequence, entry.Room.Sequence);
        foreach (var p in entry.Participants)
            account.Sequence = Math.Max(account.Sequence, Math.Max(p.Participant.Sequence, p.PublishedTracks.Select(t => t.Sequence).DefaultIfEmpty().Max()));
    }

    /// <summary>
    /// The timers the live store keeps for an in-progress room (see <see cref="RoomLifecycle.Create"/>,
    /// <see cref="ParticipantRegistry.Connect"/> and <see cref="ParticipantRegistry.Disconnect(RoomState, ParticipantState, DateTimeOffset, Errors.TwilioError?, bool)"/>).
    /// Their tie-break order is the room's or participant's own sequence, below every sequence handed out after the restore.
    /// </summary>
    private void RestoreTimers(RoomState state)
    {
        var room = state.Current;
        var timers = account.Timers;
        if (!state.EverJoined)
            timers.Restore(new RoomTimer(TimerKind.Unused, state), room.DateCreated.AddMinutes(room.UnusedRoomTimeout), room.Sequence);
        timers.Restore(new RoomTimer(TimerKind.MaxRoomDuration, state), room.DateCreated.AddHours(24), room.Sequence);
        foreach (var participant in state.Participants)
            if (participant.Current.Status != ParticipantStatus.Disconnected)
                timers.Restore(new RoomTimer(TimerKind.MaxParticipantDuration, state, participant, participant.Generation),
                    participant.Current.StartTime.AddSeconds(room.MaxParticipantDuration), participant.Current.Sequence);
        if (state.EverJoined && state.ConnectedCount == 0)
        {
            // Empty since the last participant left: the room ends EmptyRoomTimeout minutes after that.
            var lastLeft = state.Participants.Max(p => p.Current.EndTime ?? p.Current.DateUpdated);
            state.EmptyGeneration++;
            timers.Restore(new RoomTimer(TimerKind.Empty, state, Generation: state.EmptyGeneration),
                lastLeft.AddMinutes(room.EmptyRoomTimeout), room.Sequence);
        }
    }

    /// <summary>
    /// Rebuilds recordings, hooks, compositions and settings (the rooms are already in place). Steps due at or before
    /// <paramref name="exportedAt"/> had run in the exported store; of those, only the progress report would not be
    /// idempotent, so it is not scheduled again. The others check the status they act on, and a restored step that fell
    /// due while the store was away runs on the next operation, at its own due time. Restored steps keep their order
    /// among steps due at the same time.
    /// </summary>
    private void ImportMedia(AccountSnapshot snapshot, DateTimeOffset exportedAt)
    {
        foreach (var entry in snapshot.Rooms)
            if (entry.RecordingRulesUpdated is { } updated)
                recordings.RestoreRulesUpdated(entry.Room, updated);
        foreach (var entry in snapshot.Recordings.OrderBy(r => r.Recording.Sequence))
            recordings.Restore(entry);
        hooks.Restore(snapshot);
        foreach (var entry in snapshot.Compositions.OrderBy(c => c.Composition.Sequence))
            compositions.Restore(entry, exportedAt);
    }
}
