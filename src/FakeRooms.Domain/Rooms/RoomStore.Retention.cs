using FakeRooms.Domain.Participants;

namespace FakeRooms.Domain.Rooms;

/// <summary>
/// Retention: an account keeps at most <see cref="DomainOptions.MaxEndedRooms"/> ended rooms. This is the fake's own
/// bound, not Twilio behaviour: a fake that runs for days, or under a soak test, cannot keep every room it ever
/// created. When a room ends past the limit the oldest ended rooms, by creation, are forgotten in the same locked operation: fetched
/// by SID they answer 20404 like a SID never used. The pending timers of the store are swept of dead entries as they
/// pile up, so neither forgotten rooms nor ended ones stay reachable through the timer queue.
/// </summary>
internal sealed partial class RoomStore
{
    /// <summary>The timer queue is swept once it holds this many timers, and then at twice what the last sweep kept.</summary>
    private const int MinTimersBeforeSweep = 1024;

    private int _sweepTimersAt = MinTimersBeforeSweep;

    /// <summary>Forgets the oldest ended rooms while the account holds more than the limit (O(1) amortized each).</summary>
    private void ForgetEndedRoomsOverLimit()
    {
        if (_options.MaxEndedRooms is not { } limit)
            return;
        while (_completed.Count + _failed.Count > Math.Max(0, limit))
            Forget(OldestEnded());
    }

    /// <summary>The oldest ended room by creation: the oldest end of the completed or of the failed index.</summary>
    private RoomState OldestEnded()
    {
        if (_failed.Count == 0)
            return _completed.Oldest;
        if (_completed.Count == 0)
            return _failed.Oldest;
        var completed = _completed.Oldest;
        var failed = _failed.Oldest;
        return NewestFirstIndex<RoomState>.Compare(KeyOf(completed), KeyOf(failed)) > 0 ? completed : failed;
    }

    /// <summary>
    /// Removes an ended room from every index with its participants, tracks, recording rules, recordings and
    /// compositions. Its pending timers become no-ops (<see cref="Fire"/>) and are dropped by the next sweep.
    /// </summary>
    private void Forget(RoomState room)
    {
        var current = room.Current;
        room.Forgotten = true;
        (current.Status == RoomStatus.Completed ? _completed : _failed).Remove(room);
        _bySid.Remove(current.Sid);
        if (_allByName.TryGetValue(current.UniqueName, out var sameName))
        {
            sameName.Remove(room);
            if (sameName.Count == 0)
                _allByName.Remove(current.UniqueName);
        }

        if (_roomRecordings.Remove(current.Sid, out var recordings))
            foreach (var recording in recordings.Recordings)
            {
                _recordings.Remove(recording.Current.Sid);
                _recordingIndex.Remove(recording);
                // A room that ended captures nothing; kept for safety, so no track entry can outlive its recording.
                if (_capturingByTrack.TryGetValue(recording.Current.SourceSid, out var capturing) && ReferenceEquals(capturing, recording))
                    _capturingByTrack.Remove(recording.Current.SourceSid);
            }

        if (room.Compositions is { } compositions)
            foreach (var composition in compositions)
            {
                _compositions.Remove(composition.Current.Sid);
                _compositionIndex.Remove(composition);
            }
        room.Compositions = null;
        room.Participants.Clear();
        room.ConnectedByIdentity.Clear();
    }

    /// <summary>
    /// Drops timers that can no longer do anything, once the queue has doubled since the last sweep: rooms that ended
    /// leave their unused-room and 24-hour timers behind (due for up to a day, or never on a clock nobody moves), and
    /// each of them would keep its room reachable. Each sweep is O(n) and comes after at least n/2 new timers, so it is
    /// O(1) amortized; the order in which the kept timers fire does not change.
    /// </summary>
    private void SweepTimersIfDue()
    {
        if (_timers.Count < _sweepTimersAt)
            return;
        var kept = new List<(Timer, (DateTimeOffset, long))>(_timers.Count);
        foreach (var (timer, priority) in _timers.UnorderedItems)
            if (!IsDead(timer))
                kept.Add((timer, priority));
        _timers.Clear();
        _timers.EnqueueRange(kept);
        _sweepTimersAt = Math.Max(MinTimersBeforeSweep, 2 * _timers.Count);
    }

    /// <summary>True when <see cref="Fire"/> would do nothing with the timer, now or later.</summary>
    private static bool IsDead(Timer timer)
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

    /// <summary>How many items each structure of the store holds (for tests of boundedness; not a public API).</summary>
    internal StoreFootprint Footprint()
    {
        lock (_gate)
        {
            return new StoreFootprint
            {
                Rooms = _bySid.Count,
                InProgressRooms = _inProgress.Count,
                InProgressNames = _inProgressByName.Count,
                EndedRooms = _completed.Count + _failed.Count,
                Names = _allByName.Count,
                RoomsByName = _allByName.Values.Sum(r => r.Count),
                Participants = _bySid.Values.Sum(r => r.Participants.Count),
                Recordings = _recordings.Count,
                RecordingIndex = _recordingIndex.Count,
                RoomsWithRecordings = _roomRecordings.Count,
                CapturedTracks = _capturingByTrack.Count,
                Compositions = _compositions.Count,
                CompositionIndex = _compositionIndex.Count,
                Timers = _timers.Count,
            };
        }
    }
}

/// <summary>Sizes of a <see cref="RoomStore"/>'s structures.</summary>
internal sealed record StoreFootprint
{
    public int Rooms { get; init; }
    public int InProgressRooms { get; init; }
    public int InProgressNames { get; init; }
    public int EndedRooms { get; init; }
    public int Names { get; init; }
    public int RoomsByName { get; init; }
    public int Participants { get; init; }
    public int Recordings { get; init; }
    public int RecordingIndex { get; init; }
    public int RoomsWithRecordings { get; init; }
    public int CapturedTracks { get; init; }
    public int Compositions { get; init; }
    public int CompositionIndex { get; init; }
    public int Timers { get; init; }
}
