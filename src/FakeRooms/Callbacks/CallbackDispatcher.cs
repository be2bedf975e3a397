using System.Globalization;
using FakeRooms.Domain.Events;
using FakeRooms.Wire;

namespace FakeRooms.Callbacks;

/// <summary>
/// Sends Twilio's Rooms status callbacks. As an event listener it runs under the account's lock, so it only enqueues;
/// background lanes (one per room, started on demand) deliver each room's callbacks in event order, rooms in parallel,
/// each request with its own timeout. Whatever the receiver does (slow, down, 500) is recorded in the
/// <see cref="CallbackJournal"/> and never reaches the REST call or the clock (FACTS §6.3 [INFERRED]: "Deliver
/// asynchronously. Do not fail the REST call if the webhook fails."). Twilio's retries are not simulated.
/// The lanes live here; <see cref="CallbackSender"/> builds, signs and sends each request; injected faults apply in
/// <c>CallbackDispatcher.Faults.cs</c>.
/// </summary>
internal sealed partial class CallbackDispatcher : IRoomEventSink, IDisposable
{
    /// <summary>Requests in flight at once over all rooms; more rooms wait for a slot (each room sends one at a time).</summary>
    public const int MaxConcurrentDeliveries = 64;

    private readonly FakeRoomsServer _server;
    private readonly CallbackJournal _journal;
    private readonly CallbackSender _sender;
    private readonly int _capacity;
    private readonly object _gate = new();
    private readonly Dictionary<string, CallbackLane> _lanes = new(StringComparer.Ordinal);
    private readonly HashSet<PendingCallback> _pending = [];
    private readonly List<TaskCompletionSource> _idleWaiters = [];
    private readonly SemaphoreSlim _slots = new(MaxConcurrentDeliveries, MaxConcurrentDeliveries);
    private readonly CancellationTokenSource _stop = new();
    private long _issued;
    private bool _disposed;

    public CallbackDispatcher(FakeRoomsServer server, CallbackJournal journal)
    {
        var options = server.Options;
        CallbackSender.Validate(options);
        if (options.CallbackQueueCapacity < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.CallbackQueueCapacity, "FakeRoomsOptions.CallbackQueueCapacity must be at least 1.");
        _sender = new CallbackSender(server, _stop.Token);
        _server = server;
        _journal = journal;
        _capacity = options.CallbackQueueCapacity;
        journal.Attach(this);
    }

    /// <summary>Where callbacks are sent; <see cref="FakeRoomsServer.DeliverCallbacksThrough"/> can divert it.</summary>
    public CallbackRoute Route => _sender.Route;

    /// <summary>Callbacks queued or in flight.</summary>
    public int PendingCount
    {
        get { lock (_gate) return _pending.Count; }
    }

    /// <summary>Per-room delivery lanes alive now (idle lanes are removed; tests of boundedness read it).</summary>
    internal int LaneCount
    {
        get { lock (_gate) return _lanes.Count; }
    }

    /// <summary>Takes a room event (under the account's lock): enqueue only, never block, never throw.</summary>
    public void Publish(RoomEvent roomEvent)
    {
        // Only rooms created with a StatusCallback get callbacks (docs video/api/status-callbacks); composition events go
        // to the composition's own StatusCallback ("If not provided, status callback events will not be dispatched").
        if (MediaCallbackParameters.TargetOf(roomEvent) is null)
            return;
        CallbackLane? start = null;
        (CallbackRecord Record, CallbackJournal.Waiter[] Waiters)? dropped = null;
        lock (_gate)
        {
            if (_disposed)
                return;
            var item = new PendingCallback(roomEvent, ++_issued);
            if (_pending.Count >= _capacity)
            {
                // Bounded: a receiver that cannot keep up loses callbacks, visibly, instead of growing the queue.
                var record = _journal.Add(_sender.Prepare(item).ToRecord(_server.Clock.UtcNow) with
                {
                    Outcome = CallbackOutcome.Dropped,
                    Error = string.Create(CultureInfo.InvariantCulture,
                        $"Dropped: {_capacity} callbacks were already queued (FakeRoomsOptions.CallbackQueueCapacity)."),
                }, out var waiters);
                dropped = (record, waiters);
            }
            else
            {
                // Injected faults (CallbackDispatcher.Faults.cs) are decided here, in event order.
                item.Fault = _server.Faults.DecideCallback(roomEvent);
                _pending.Add(item);
                if (!_lanes.TryGetValue(item.LaneKey, out var lane))
                    _lanes[item.LaneKey] = lane = new CallbackLane(item.LaneKey, item.AccountSid);
                lane.Items.Enqueue(item);
                if (!lane.Running)
                {
                    lane.Running = true;
                    start = lane;
                }
            }
        }
        // Publish runs under the account's lock: the waits' predicates (the test's code) run elsewhere.
        if (dropped is { } d && d.Waiters.Length > 0)
            _ = Task.Run(() => _journal.Notify(d.Record, d.Waiters));
        if (start is not null)
            _ = Task.Run(() => DrainAsync(start));
    }

    /// <summary>Completes when nothing is queued or in flight.</summary>
    public async Task WhenIdleAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource idle;
        lock (_gate)
        {
            if (_pending.Count == 0)
                return;
            idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _idleWaiters.Add(idle);
        }
        try
        {
            await idle.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_gate)
                _idleWaiters.Remove(idle);
            throw;
        }
    }

    /// <summary>One line per pending callback, oldest first, for timeout messages.</summary>
    public IReadOnlyList<string> DescribePending(int max)
    {
        lock (_gate)
        {
            return _pending.OrderBy(p => p.Issue).Take(max).Select(p =>
                $"{WireNames.Of(p.Event.Kind)} {p.Event.Room.Sid} seq={p.Event.SequenceNumber} -> {p.Target.Url} " +
                (p.InFlight ? "(sending)" : IsHeld(p) ? "(held by a reorder fault)" : "(queued)")).ToList();
        }
    }

    /// <summary>
    /// <see cref="FakeRoomsServer.Reset()"/>: callbacks still queued for the reset accounts are not sent, those in flight
    /// are not recorded, and their journal records are forgotten.
    /// </summary>
    public void Reset(string? accountSid)
    {
        lock (_gate)
        {
            // The reset accounts' lanes are let go: a lane still sending a callback from before the reset finishes on
            // its own, and the rooms after the reset get lanes of their own, even when their SIDs repeat (seeded SIDs
            // do), so they never wait behind it. Other accounts keep their lanes, so their rooms' callbacks stay in
            // event order (a new lane for a room with a callback in flight would let its next callback overtake it).
            foreach (var (key, lane) in _lanes.Where(l => accountSid is null || l.Value.AccountSid == accountSid).ToList())
            {
                lane.Held = null;
                _lanes.Remove(key);
            }
            foreach (var item in _pending.Where(p => accountSid is null || p.AccountSid == accountSid).ToList())
            {
                item.Cancelled = true;
                _pending.Remove(item);
            }
            if (accountSid is null)
                _journal.Clear();
            else
                _journal.RemoveAccount(accountSid);
            CompleteIdleIfIdle();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (var item in _pending)
                item.Cancelled = true;
            _pending.Clear();
            CompleteIdleIfIdle();
        }
        _stop.Cancel();
        _sender.Dispose();
    }

    private async Task DrainAsync(CallbackLane lane)
    {
        while (true)
        {
            PendingCallback item;
            lock (_gate)
            {
                if (!TryTakeNext(lane, out item!))
                {
                    lane.Running = false;
                    // A lane holding a callback for a reorder fault stays, for the room's next event to restart it. A
                    // lane let go by a reset may have a successor under its key: that one stays.
                    if (lane.Held is null && _lanes.TryGetValue(lane.Key, out var current) && ReferenceEquals(current, lane))
                        _lanes.Remove(lane.Key);
                    return;
                }
                item.InFlight = true;
            }
            if (Divert(lane, item))
                continue;

            CallbackRecord record;
            try
            {
                await _slots.WaitAsync(_stop.Token).ConfigureAwait(false);
                try
                {
                    record = await DeliverWithFaultAsync(item).ConfigureAwait(false);
                }
                finally
                {
                    _slots.Release();
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return; // the server is being disposed: nothing more is sent or recorded
            }
            catch (Exception e)
            {
                // A bug in the fake, not the receiver's fault: make it visible (InternalErrors) and keep the lane going.
                _server.ReportBug(e);
                record = new CallbackRecord
                {
                    AccountSid = item.AccountSid,
                    RoomSid = item.Event.Room.Sid,
                    Event = WireNames.Of(item.Event.Kind),
                    SequenceNumber = item.Event.SequenceNumber,
                    Timestamp = item.Event.Timestamp,
                    StatusCallback = item.Target.Url,
                    Url = item.Target.Url,
                    Method = item.Target.Method,
                    Parameters = new Dictionary<string, string>(),
                    Signature = "",
                    IdempotencyToken = "",
                    AttemptedAt = _server.Clock.UtcNow,
                    Outcome = CallbackOutcome.ConnectionFailed,
                    Error = "Internal error in FakeRooms: " + e.Message,
                };
            }
            Finish(item, record);
        }
    }

    private void Finish(PendingCallback item, CallbackRecord record)
    {
        CallbackJournal.Waiter[] waiters;
        lock (_gate)
        {
            if (item.Cancelled)
                return; // reset or disposed while in flight: not recorded
            _pending.Remove(item);
            record = _journal.Add(record, out waiters);
            CompleteIdleIfIdle();
        }
        _journal.Notify(record, waiters);
    }

    private void CompleteIdleIfIdle()
    {
        if (_pending.Count != 0 || _idleWaiters.Count == 0)
            return;
        foreach (var waiter in _idleWaiters)
            waiter.TrySetResult();
        _idleWaiters.Clear();
    }
}
