using FakeRooms.Domain.Events;
using FakeRooms.Faults;

namespace FakeRooms.Callbacks;

/// <summary>
/// Injected faults on status callbacks (issue 7): drop, delay, duplicate, reorder. Twilio's callbacks arrive at least
/// once and in no guaranteed order, so a webhook handler should dedupe by <c>I-Twilio-Idempotency-Token</c> or
/// <c>SequenceNumber</c> and order by <c>SequenceNumber</c>/<c>Timestamp</c>; these faults make that testable. They change
/// delivery only: every parameter, signature and header of a callback stays what it would have been.
/// </summary>
internal sealed partial class CallbackDispatcher
{
    /// <summary>The next callback of a lane (under <c>_gate</c>): a held one whose successor went out, else the queue.</summary>
    private static bool TryTakeNext(CallbackLane lane, out PendingCallback? item)
    {
        if (lane.Held is { } held && lane.HeldOvertaken)
        {
            lane.Held = null;
            lane.HeldOvertaken = false;
            if (!held.Cancelled)
            {
                item = held;
                return true;
            }
        }
        while (lane.Items.TryDequeue(out var next))
        {
            if (next.Cancelled)
                continue;
            if (lane.Held is not null)
                lane.HeldOvertaken = true;
            item = next;
            return true;
        }
        item = null;
        return false;
    }

    private static bool IsHeld(PendingCallback item) => !item.InFlight && item.Fault?.Action.Kind == FaultKind.ReorderCallback;

    /// <summary>
    /// Takes a callback out of the lane's normal path when a fault says so: dropped (recorded, not sent), delayed (sent
    /// later on its own, so the room's next callbacks overtake it) or held for a reorder. False: deliver it now.
    /// </summary>
    private bool Divert(CallbackLane lane, PendingCallback item)
    {
        // A callback comes back to the lane after its reorder hold: it goes out now.
        if (item.Fault is not { } fault || item.Diverted)
            return false;
        item.Diverted = true;
        switch (fault.Action.Kind)
        {
            case FaultKind.DropCallback:
                Finish(item, _sender.Prepare(item).ToRecord(_server.Clock.UtcNow) with
                {
                    Outcome = CallbackOutcome.Dropped,
                    Error = "Not sent: dropped by an injected fault.",
                    InjectedFault = fault.Description,
                });
                return true;
            case FaultKind.DelayCallback:
                _ = Task.Run(() => DeliverLateAsync(item, fault));
                return true;
            case FaultKind.ReorderCallback when item.Event.Kind != RoomEventKind.RoomEnded:
                lock (_gate)
                {
                    // One callback held per room; another reorder while one is held goes out now, ahead of it.
                    if (lane.Held is not null || item.Cancelled)
                        return false;
                    lane.Held = item;
                    item.InFlight = false;
                    return true;
                }
            default:
                return false;
        }
    }

    /// <summary>Delivers with the fault's mark; a duplicate is delivered and journaled twice.</summary>
    private async Task<CallbackRecord> DeliverWithFaultAsync(PendingCallback item)
    {
        var record = await _sender.DeliverAsync(item).ConfigureAwait(false);
        if (item.Fault is not { } fault)
            return record;
        if (fault.Action.Kind == FaultKind.ReorderCallback && item.Event.Kind == RoomEventKind.RoomEnded)
            return record with { InjectedFault = fault.Description + " (room-ended is a room's last callback: sent at once)" };
        if (fault.Action.Kind != FaultKind.DuplicateCallback)
            return record with { InjectedFault = fault.Description };

        CallbackJournal.Waiter[] waiters;
        lock (_gate)
        {
            if (item.Cancelled)
                return record;
            record = _journal.Add(record with { InjectedFault = fault.Description + " (first delivery)" }, out waiters);
        }
        _journal.Notify(record, waiters);
        var second = await _sender.DeliverAsync(item).ConfigureAwait(false);
        return second with { InjectedFault = fault.Description + " (second delivery)" };
    }

    /// <summary>
    /// A delayed callback: waits on real time (like API latency; a receiver's view of lateness is wall-clock), then
    /// takes a delivery slot like any other. It stays pending meanwhile, so <c>WhenIdleAsync</c> waits for it.
    /// </summary>
    private async Task DeliverLateAsync(PendingCallback item, FaultDecision fault)
    {
        CallbackRecord record;
        try
        {
            await Task.Delay(fault.Action.Delay, TimeProvider.System, _stop.Token).ConfigureAwait(false);
            if (item.Cancelled)
                return;
            await _slots.WaitAsync(_stop.Token).ConfigureAwait(false);
            try
            {
                record = await _sender.DeliverAsync(item).ConfigureAwait(false) with { InjectedFault = fault.Description };
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            _server.ReportBug(e);
            record = _sender.Prepare(item).ToRecord(_server.Clock.UtcNow) with
            {
                Outcome = CallbackOutcome.ConnectionFailed,
                Error = "Internal error in FakeRooms: " + e.Message,
                InjectedFault = fault.Description,
            };
        }
        Finish(item, record);
    }
}
