using FakeRooms.Domain.Participants;

namespace FakeRooms.Domain.Rooms;

/// <summary>
/// The account's timed events on the clock: room timeouts (unused, empty, 24 hours), participant session limits, and
/// the deferred steps of recordings and compositions. They run in time order when an operation settles the account
/// (<see cref="AccountState.Settle"/>), each at its own due time; events due at the same time run in the order they
/// were queued. Touched only under the account lock.
/// </summary>
/// <remarks>
/// Retention: the queue is swept of dead entries as they pile up, so neither rooms retention forgot nor ended ones
/// stay reachable through it.
/// </remarks>
internal sealed class TimerQueue(AccountState account)
{
    /// <summary>The timer queue is swept once it holds this many timers, and then at twice what the last sweep kept.</summary>
    private const int MinTimersBeforeSweep = 1024;

    private readonly PriorityQueue<RoomTimer, (DateTimeOffset Due, long Order)> _timers = new();
    private Action<RoomTimer, DateTimeOffset>? _fireRoomTimer;
    private int _sweepTimersAt = MinTimersBeforeSweep;

    public int Count => _timers.Count;

    /// <summary>The earliest pending timer.</summary>
    public DateTimeOffset? NextDue => _timers.TryPeek(out _, out var priority) ? priority.Due : null;

    /// <summary>Who fires the room and participant timeouts (the rooms component); set once when the store is built.</summary>
    public void FireRoomTimersWith(Action<RoomTimer, DateTimeOffset> fire) => _fireRoomTimer = fire;

    /// <summary>Queues a timer; returns its order among timers due at the same time (snapshots keep it).</summary>
    public long Schedule(DateTimeOffset due, RoomTimer timer)
    {
        var order = account.NextSequence();
        _timers.Enqueue(timer, (due, order));
        SweepIfDue();
        return order;
    }

    /// <summary>Queues a timer restored from a snapshot, with the order it had.</summary>
    public void Restore(RoomTimer timer, DateTimeOffset due, long order) => _timers.Enqueue(timer, (due, order));

    /// <summary>Runs every timer due by <paramref name="now"/>, in time order, each at its own due time.</summary>
    public void RunDue(DateTimeOffset now)
    {
        while (_timers.TryPeek(out var timer, out var priority) && priority.Due <= now)
        {
            _timers.Dequeue();
            Fire(timer, priority.Due);
        }
    }

    private void Fire(RoomTimer timer, DateTimeOffset at)
    {
        // A room forgotten by retention takes its pending steps with it (recordings, compositions included).
        if (timer.Room.Forgotten)
            return;
        // Recording and composition steps run whatever the room's status (they follow the room's end).
        if (timer.Run is { } run)
        {
            run(at);
            return;
        }
        _fireRoomTimer?.Invoke(timer, at);
    }

    /// <summary>
    /// Drops timers that can no longer do anything, once the queue has doubled since the last sweep: rooms that ended
    /// leave their unused-room and 24-hour timers behind (due for up to a day, or never on a clock nobody moves), and
    /// each of them would keep its room reachable. Each sweep is O(n) and comes after at least n/2 new timers, so it is
    /// O(1) amortized; the order in which the kept timers fire does not change.
    /// </summary>
    private void SweepIfDue()
    {
        if (_timers.Count < _sweepTimersAt)
            return;
        var kept = new List<(RoomTimer, (DateTimeOffset, long))>(_timers.Count);
        foreach (var (timer, priority) in _timers.UnorderedItems)
            if (!IsDead(timer))
                kept.Add((timer, priority));
        _timers.Clear();
        _timers.EnqueueRange(kept);
        _sweepTimersAt = Math.Max(MinTimersBeforeSweep, 2 * _timers.Count);
    }

    /// <summary>True when firing the timer would do nothing, now or later.</summary>
    private static bool IsDead(RoomTimer timer)
    {
        var room = timer.Room;
        if (room.Forgotten)
            return true;
        // Recording and composition steps check their own state when they run, and run after the room ended.
        if (timer.Run is not null)
            return false;
        if (room.Current.Status != RoomStatus.InProgress)
            return true;
        return timer.Kind switch
        {
            TimerKind.Unused => room.EverJoined,
            TimerKind.Empty => room.EmptyGeneration != timer.Generation,
            TimerKind.MaxParticipantDuration => timer.Participant is not { Current.Status: ParticipantStatus.Connected } p ||
                                                p.Generation != timer.Generation,
            _ => false,
        };
    }
}

internal enum TimerKind { Unused, Empty, MaxRoomDuration, MaxParticipantDuration, Deferred }

/// <summary>
/// One timed event: a room or participant timeout (<see cref="Kind"/>, checked against the room's generations when it
/// fires), or a deferred recording/composition step (<see cref="Run"/>).
/// </summary>
internal sealed record RoomTimer(TimerKind Kind, RoomState Room, ParticipantState? Participant = null, long Generation = 0,
    Action<DateTimeOffset>? Run = null);
