using System.Text.RegularExpressions;
using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.State;

namespace FakeRooms.Domain.Rooms;

/// <summary>
/// Snapshots of recordings, compositions, composition hooks and media settings: export them, check them, and rebuild
/// them with the steps the live store would still run (recordings completing, compositions starting, reporting
/// progress and completing) and the live tracks it would still be recording.
/// </summary>
internal sealed partial class RoomStore
{
    [GeneratedRegex("^RT[0-9a-fA-F]{32}$")]
    private static partial Regex RecordingSidPattern();

    [GeneratedRegex("^CJ[0-9a-fA-F]{32}$")]
    private static partial Regex CompositionSidPattern();

    [GeneratedRegex("^HK[0-9a-fA-F]{32}$")]
    private static partial Regex HookSidPattern();

    private List<RecordingSnapshot> ExportRecordings() =>
        _recordings.Values.OrderBy(r => r.Current.Sequence).Select(r => new RecordingSnapshot
        {
            Recording = r.Current,
            CompletionOrder = r.Current is { Status: RecordingStatus.Processing, CaptureEnded: not null } ? r.CompletionOrder : null,
        }).ToList();

    private List<CompositionSnapshot> ExportCompositions() =>
        _compositions.Values.OrderBy(c => c.Current.Sequence).Select(c => new CompositionSnapshot
        {
            Composition = c.Current,
            ProcessingStart = c.ProcessingStart,
            NextEventNumber = c.NextEventNumber,
            StepOrder = c.Current.Status is CompositionStatus.Enqueued or CompositionStatus.Processing ? c.StepOrder : null,
        }).ToList();

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
                RecordingsOf(entry.Room).RulesUpdated = updated;

        foreach (var entry in snapshot.Recordings.OrderBy(r => r.Recording.Sequence))
        {
            var recording = entry.Recording;
            var room = _bySid[recording.RoomSid];
            var state = new RecordingState(recording, room);
            _recordings.Add(recording.Sid, state);
            _recordingIndex.Add(state);
            RecordingsOf(room.Current).Recordings.Add(state);
            _sequence = Math.Max(_sequence, recording.Sequence);
            if (recording.Status != RecordingStatus.Processing)
                continue;
            if (recording.CaptureEnded is null)
                _capturingByTrack[recording.SourceSid] = state;   // still capturing: OnTrackStopped ends it
            else
            {
                state.CompletionOrder = entry.CompletionOrder ?? recording.Sequence;
                _timers.Enqueue(new Timer(TimerKind.Deferred, room, Run: t => CompleteRecording(state, t)),
                    (recording.AvailableAt!.Value, state.CompletionOrder.Value));
                _sequence = Math.Max(_sequence, state.CompletionOrder.Value);
            }
        }

        foreach (var hook in snapshot.CompositionHooks.OrderBy(h => h.Sequence))
        {
            var state = new HookState(hook);
            _hooks.Add(hook.Sid, state);
            _hookIndex.Add(state);
            _sequence = Math.Max(_sequence, hook.Sequence);
        }

        foreach (var entry in snapshot.Compositions.OrderBy(c => c.Composition.Sequence))
        {
            var composition = entry.Composition;
            var room = _bySid[composition.RoomSid];
            // The hook record only matters for events without a composition (hook-failed); the current one will do.
            var hook = composition.HookSid is { } hookSid ? _hooks.GetValueOrDefault(hookSid)?.Current : null;
            var state = new CompositionState(composition, room, hook)
            {
                NextEventNumber = entry.NextEventNumber,
                ProcessingStart = entry.ProcessingStart ?? composition.DateCreated + _options.Media.CompositionQueue,
                Chosen = composition.RecordingSids.Select(sid => _recordings[sid].Current).ToList(),
            };
            _compositions.Add(composition.Sid, state);
            _compositionIndex.Add(state);
            (room.Compositions ??= []).Add(state);
            _sequence = Math.Max(_sequence, composition.Sequence);
            switch (composition.Status)
            {
                case CompositionStatus.Enqueued:
                    // Enqueue schedules the start right after numbering the composition.
                    state.StepOrder = entry.StepOrder ?? composition.Sequence + 1;
                    _timers.Enqueue(new Timer(TimerKind.Deferred, room, Run: t => StartComposition(state, t)), (state.ProcessingStart, state.StepOrder.Value));
                    break;
                case CompositionStatus.Processing:
                    state.StepOrder = entry.StepOrder ?? composition.Sequence + 1;
                    var progress = state.ProcessingStart + ProgressAfter;
                    if (progress > exportedAt)
                        _timers.Enqueue(new Timer(TimerKind.Deferred, room, Run: t => ReportProgress(state, t)), (progress, state.StepOrder.Value - 1));
                    _timers.Enqueue(new Timer(TimerKind.Deferred, room, Run: t => CompleteComposition(state, t)),
                        (state.ProcessingStart + _options.Media.CompositionProcessing, state.StepOrder.Value));
                    break;
            }
            if (state.StepOrder is { } order)
                _sequence = Math.Max(_sequence, order);
        }

        _recordingSettings = snapshot.RecordingSettings;
        _compositionSettings = snapshot.CompositionSettings;
    }

    /// <summary>Checks what <see cref="ImportMedia"/> relies on; throws <see cref="ArgumentException"/> naming the item.</summary>
    private void ValidateMedia(AccountSnapshot snapshot)
    {
        var rooms = snapshot.Rooms.ToDictionary(r => r.Room.Sid, StringComparer.Ordinal);
        var recordings = new HashSet<string>(StringComparer.Ordinal);
        var capturedTracks = new HashSet<string>(StringComparer.Ordinal);
        var sequences = new HashSet<long>();
        foreach (var r in snapshot.Recordings.Select(e => e.Recording))
        {
            var where = $"recording {r.Sid}";
            if (!RecordingSidPattern().IsMatch(r.Sid))
                throw new ArgumentException($"{where}: a recording SID is RT followed by 32 hex digits");
            if (!recordings.Add(r.Sid))
                throw new ArgumentException($"{where}: the SID appears twice");
            if (!sequences.Add(r.Sequence))
                throw new ArgumentException($"{where}: sequence {r.Sequence} appears twice");
            if (r.AccountSid != AccountSid)
                throw new ArgumentException($"{where}: account_sid {r.AccountSid} is not the account {AccountSid}");
            if (!rooms.TryGetValue(r.RoomSid, out var room))
                throw new ArgumentException($"{where}: room {r.RoomSid} is not in the snapshot");
            var publisher = room.Participants.FirstOrDefault(p => p.Participant.Sid == r.ParticipantSid)
                            ?? throw new ArgumentException($"{where}: participant {r.ParticipantSid} is not in room {r.RoomSid}");
            if (!TrackSidPattern().IsMatch(r.SourceSid))
                throw new ArgumentException($"{where}: source_sid {r.SourceSid} is not a track SID (MT followed by 32 hex digits)");
            if (r.Status != RecordingStatus.Processing)
                continue;
            if (r.CaptureEnded is null)
            {
                // Capturing: the track must be published now, in a room in progress, and captured once.
                if (room.Room.Status != RoomStatus.InProgress)
                    throw new ArgumentException($"{where}: a recording still capturing needs its room in progress");
                if (!publisher.PublishedTracks.Any(t => t.Sid == r.SourceSid))
                    throw new ArgumentException($"{where}: a recording still capturing needs its track {r.SourceSid} published by {r.ParticipantSid}");
                if (!capturedTracks.Add(r.SourceSid))
                    throw new ArgumentException($"{where}: track {r.SourceSid} is captured by two recordings");
            }
            else if (r.AvailableAt is null)
                throw new ArgumentException($"{where}: a processing recording whose capture ended needs available_at");
        }

        var hooks = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in snapshot.CompositionHooks)
        {
            var where = $"composition hook {h.Sid}";
            if (!HookSidPattern().IsMatch(h.Sid))
                throw new ArgumentException($"{where}: a composition hook SID is HK followed by 32 hex digits");
            if (!hooks.Add(h.Sid))
                throw new ArgumentException($"{where}: the SID appears twice");
            if (!sequences.Add(h.Sequence))
                throw new ArgumentException($"{where}: sequence {h.Sequence} appears twice");
            if (h.AccountSid != AccountSid)
                throw new ArgumentException($"{where}: account_sid {h.AccountSid} is not the account {AccountSid}");
            if (string.IsNullOrEmpty(h.FriendlyName))
                throw new ArgumentException($"{where}: friendly_name is empty");
            // Spec: the hook's friendly name is unique in the account.
            if (!names.Add(h.FriendlyName))
                throw new ArgumentException($"{where}: friendly_name '{h.FriendlyName}' is used by two hooks");
        }

        var compositions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in snapshot.Compositions)
        {
            var c = entry.Composition;
            var where = $"composition {c.Sid}";
            if (!CompositionSidPattern().IsMatch(c.Sid))
                throw new ArgumentException($"{where}: a composition SID is CJ followed by 32 hex digits");
            if (!compositions.Add(c.Sid))
                throw new ArgumentException($"{where}: the SID appears twice");
            if (!sequences.Add(c.Sequence))
                throw new ArgumentException($"{where}: sequence {c.Sequence} appears twice");
            if (c.AccountSid != AccountSid)
                throw new ArgumentException($"{where}: account_sid {c.AccountSid} is not the account {AccountSid}");
            if (!rooms.ContainsKey(c.RoomSid))
                throw new ArgumentException($"{where}: room {c.RoomSid} is not in the snapshot");
            foreach (var sid in c.RecordingSids)
                if (!recordings.Contains(sid))
                    throw new ArgumentException($"{where}: recording {sid} is not in the snapshot");
        }

        foreach (var (settings, name) in new[] { (snapshot.RecordingSettings, "recording settings"), (snapshot.CompositionSettings, "composition settings") })
            if (settings is not null && settings.AccountSid != AccountSid)
                throw new ArgumentException($"{name}: account_sid {settings.AccountSid} is not the account {AccountSid}");
    }
}
