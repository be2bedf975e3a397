using FakeRooms.Domain.Rooms;
using FakeRooms.Domain.State;

namespace FakeRooms.Domain.Compositions;

/// <summary>What retention, snapshots and footprints need of the compositions: forget a room's, export, rebuild.</summary>
internal sealed partial class CompositionRegistry
{
    public int Count => _compositions.Count;

    public int IndexCount => _compositionIndex.Count;

    /// <summary>Forgets the compositions of a room retention forgets.</summary>
    public void ForgetRoom(RoomState room)
    {
        if (room.Compositions is { } compositions)
            foreach (var composition in compositions)
            {
                _compositions.Remove(composition.Current.Sid);
                _compositionIndex.Remove(composition);
            }
        room.Compositions = null;
    }

    public List<CompositionSnapshot> Export() =>
        _compositions.Values.OrderBy(c => c.Current.Sequence).Select(c => new CompositionSnapshot
        {
            Composition = c.Current,
            ProcessingStart = c.ProcessingStart,
            NextEventNumber = c.NextEventNumber,
            StepOrder = c.Current.Status is CompositionStatus.Enqueued or CompositionStatus.Processing ? c.StepOrder : null,
        }).ToList();

    /// <summary>
    /// Rebuilds a composition (its room, recordings and hooks in place) with the steps the live store would still run.
    /// Steps due at or before <paramref name="exportedAt"/> had run in the exported store; of those, only the progress
    /// report would not be idempotent, so it is not scheduled again.
    /// </summary>
    public void Restore(CompositionSnapshot entry, DateTimeOffset exportedAt)
    {
        var composition = entry.Composition;
        var room = rooms[composition.RoomSid];
        // The hook record only matters for events without a composition (hook-failed); the current one will do.
        var hook = composition.HookSid is { } hookSid ? hooks.TryFind(hookSid) : null;
        var state = new CompositionState(composition, room, hook)
        {
            NextEventNumber = entry.NextEventNumber,
            ProcessingStart = entry.ProcessingStart ?? composition.DateCreated + account.Options.Media.CompositionQueue,
            Chosen = composition.RecordingSids.Select(sid => recordings[sid]).ToList(),
        };
        Add(state);
        account.Sequence = Math.Max(account.Sequence, composition.Sequence);
        switch (composition.Status)
        {
            case CompositionStatus.Enqueued:
                // Enqueue schedules the start right after numbering the composition.
                state.StepOrder = entry.StepOrder ?? composition.Sequence + 1;
                account.Timers.Restore(new RoomTimer(TimerKind.Deferred, room, Run: t => Start(state, t)), state.ProcessingStart, state.StepOrder.Value);
                break;
            case CompositionStatus.Processing:
                state.StepOrder = entry.StepOrder ?? composition.Sequence + 1;
                var progress = state.ProcessingStart + ProgressAfter;
                if (progress > exportedAt)
                    account.Timers.Restore(new RoomTimer(TimerKind.Deferred, room, Run: t => ReportProgress(state, t)), progress, state.StepOrder.Value - 1);
                account.Timers.Restore(new RoomTimer(TimerKind.Deferred, room, Run: t => Complete(state, t)),
                    state.ProcessingStart + account.Options.Media.CompositionProcessing, state.StepOrder.Value);
                break;
        }
        if (state.StepOrder is { } order)
            account.Sequence = Math.Max(account.Sequence, order);
    }
}
