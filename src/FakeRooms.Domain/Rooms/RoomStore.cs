using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Sids;

namespace FakeRooms.Domain.Rooms;

/// <summary>
/// The rooms, participants and tracks of one account, and the rules that change them. Every operation takes the
/// account's lock, first runs every timed event that has fallen due on the clock (in time order), then applies
/// itself. Reads return immutable snapshots.
/// </summary>
internal sealed partial class RoomStore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly SidGenerator _sids;
    private readonly IRoomEventSink _sink;
    private readonly DomainOptions _options;

    private readonly Dictionary<string, RoomState> _bySid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoomState> _inProgressByName = new(StringComparer.Ordinal);
    // Every room of a name, newest first (a room forgotten by retention is the oldest of its name: O(1) to drop).
    private readonly Dictionary<string, NewestFirstIndex<RoomState>> _allByName = new(StringComparer.Ordinal);
    private readonly NewestFirstIndex<RoomState> _inProgress = new(KeyOf);
    private readonly NewestFirstIndex<RoomState> _completed = new(KeyOf);
    private readonly NewestFirstIndex<RoomState> _failed = new(KeyOf);
    private readonly PriorityQueue<Timer, (DateTimeOffset Due, long Order)> _timers = new();
    private long _sequence;
    private DateTimeOffset _settledUntil = DateTimeOffset.MinValue;

    public RoomStore(string accountSid, TimeProvider clock, SidGenerator sids, IRoomEventSink sink, DomainOptions options)
    {
        AccountSid = accountSid;
        _clock = clock;
        _sids = sids;
        _sink = sink;
        _options = options;
    }

    public string AccountSid { get; }

    /// <summary>Number of rooms of every status.</summary>
    public int Count
    {
        get { lock (_gate) return _bySid.Count; }
    }

    // ------------------------------------------------------------------ rooms

    public Room Create(CreateRoom command)
    {
        lock (_gate)
        {
            var now = Settle();
            // UniqueName is unique among in-progress rooms only (spec); a completed room's name is free again.
            if (command.UniqueName is { } name && _inProgressByName.ContainsKey(name))
                throw new TwilioErrorException(TwilioErrors.RoomExists);
            if (_options.MaxInProgressRooms is { } quota && _inProgress.Count >= quota)
                throw new TwilioErrorException(TwilioErrors.RoomQuotaExceeded);

            var sid = _sids.Next("RM");
            var state = new RoomState(RoomRules.Build(command, sid, AccountSid, now, ++_sequence));
            _bySid.Add(sid, state);
            _inProgress.Add(state);
            _inProgressByName.Add(state.Current.UniqueName, state);
            if (!_allByName.TryGetValue(state.Current.UniqueName, out var sameName))
                _allByName[state.Current.UniqueName] = sameName = new NewestFirstIndex<RoomState>(KeyOf, capacity: 1);
            sameName.Add(state);

            Emit(state, RoomEventKind.RoomCreated, now);
            // Docs: "Rooms created via the REST API exist for five minutes to allow the first Participant to connect"
            // (UnusedRoomTimeout); every room lasts at most 24 hours (docs programmable-video-limits).
            Schedule(now.AddMinutes(state.Current.UnusedRoomTimeout), new Timer(TimerKind.Unused, state));
            Schedule(now.AddHours(24), new Timer(TimerKind.MaxRoomDuration, state));
            return state.Current;
        }
    }

    /// <summary>A room by SID (any status) or by unique name (in-progress only), as the docs describe fetch.</summary>
    public Room Get(string sidOrName)
    {
        lock (_gate)
        {
            Settle();
            return Find(sidOrName).Current;
        }
    }

    /// <summary>Looks a room up without failing.</summary>
    public Room? TryGet(string sidOrName)
    {
        lock (_gate)
        {
            Settle();
            return TryFind(sidOrName)?.Current;
        }
    }

    /// <summary>
    /// Ends an in-progress room (REST update with Status=completed). <paramref name="validate"/> checks the request once
    /// the room is found (so an unknown room is 20404 first), under the same lock: the room resolved is the room ended,
    /// even when its unique name is completed and taken again meanwhile.
    /// </summary>
    public Room Complete(string sidOrName, Action? validate = null)
    {
        lock (_gate)
        {
            var now = Settle();
            var state = Find(sidOrName);
            validate?.Invoke();
            // Docs error 53112: "Raised in the REST API when Status is not valid or the Room is not in-progress".
            if (state.Current.Status != RoomStatus.InProgress)
                throw new TwilioErrorException(TwilioErrors.RoomStatusInvalid);
            EndRoom(state, now, RoomStatus.Completed);
            return state.Current;
        }
    }

    /// <summary>Marks an in-progress room failed (a test-only transition; Twilio never documents when it happens).</summary>
    public Room Fail(string sidOrName)
    {
        lock (_gate)
        {
            var now = Settle();
            var state = Find(sidOrName);
            if (state.Current.Status != RoomStatus.InProgress)
                throw new TwilioErrorException(TwilioErrors.RoomStatusInvalid);
            EndRoom(state, now, RoomStatus.Failed);
            return state.Current;
        }
    }

    public ListPage<Room> List(RoomQuery query)
    {
        lock (_gate)
        {
            Settle();
            var status = query.Status ?? RoomStatus.InProgress;
            IEnumerable<RoomState> source;
            if (query.UniqueName is { } name)
            {
                // Few rooms share a name: filter that short list, newest first.
                source = _allByName.TryGetValue(name, out var sameName)
                    ? sameName.Where(r => r.Current.Status == status)
                    : [];
                return Paging.Page(source.ToList(), KeyOf, static r => r.Current, query.PageSize, query.Cursor,
                    query.CreatedOnOrAfter, query.CreatedBefore);
            }

            var index = status switch { RoomStatus.InProgress => _inProgress, RoomStatus.Completed => _completed, _ => _failed };
            return Paging.Page(index, KeyOf, static r => r.Current, query.PageSize, query.Cursor,
                query.CreatedOnOrAfter, query.CreatedBefore);
        }
    }

    /// <summary>Runs every timed event due by now. Returns the settled time.</summary>
    public DateTimeOffset AdvanceToNow()
    {
        lock (_gate)
            return Settle();
    }

    /// <summary>The earliest pending timer, for clocks that want to know when to tick.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
                return _timers.TryPeek(out _, out var priority) ? priority.Due : null;
        }
    }

    /// <summary>Every room of the account, oldest first (for snapshots and assertions).</summary>
    public IReadOnlyList<Room> AllRooms()
    {
        lock (_gate)
        {
            Settle();
            return _bySid.Values.OrderBy(r => r.Current.Sequence).Select(r => r.Current).ToList();
        }
    }

    // ------------------------------------------------------------------ internals

    private RoomState Find(string sidOrName) =>
        TryFind(sidOrName) ?? throw new TwilioErrorException(TwilioErrors.NotFound($"/Rooms/{sidOrName}"));

    private RoomState? TryFind(string sidOrName)
    {
        if (_bySid.TryGetValue(sidOrName, out var bySid))
            return bySid;
        return _inProgressByName.GetValueOrDefault(sidOrName);
    }

    /// <summary>Runs due timers in time order, each at its own due time, then returns now.</summary>
    private DateTimeOffset Settle()
    {
        ThrowIfRetired();
        var now = _clock.GetUtcNow();
        // A clock that was moved back does not un-happen events: the store never goes back before what it settled.
        if (now < _settledUntil)
            now = _settledUntil;
        while (_timers.TryPeek(out var timer, out var priority) && priority.Due <= now)
        {
            _timers.Dequeue();
            Fire(timer, priority.Due);
        }
        _settledUntil = now;
        return now;
    }

    /// <summary>Queues a timer; returns its order among timers due at the same time (snapshots keep it).</summary>
    private long Schedule(DateTimeOffset due, Timer timer)
    {
        _timers.Enqueue(timer, (due, ++_sequence));
        SweepTimersIfDue();
        return _sequence;
    }

    private void Fire(Timer timer, DateTimeOffset at)
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
        var room = timer.Room;
        if (room.Current.Status != RoomStatus.InProgress)
            return;
        switch (timer.Kind)
        {
            case TimerKind.Unused when !room.EverJoined:
            case TimerKind.Empty when room.ConnectedCount == 0 && room.EmptyGeneration == timer.Generation:
            case TimerKind.MaxRoomDuration:
                EndRoom(room, at, RoomStatus.Completed);
                break;
            case TimerKind.MaxParticipantDuration when timer.Participant is { Current.Status: ParticipantStatus.Connected } p &&
                                                       p.Generation == timer.Generation:
                DisconnectParticipant(room, p, at, TwilioErrors.SessionLengthExceeded);
                break;
        }
    }

    private void EndRoom(RoomState state, DateTimeOffset at, RoomStatus status)
    {
        // Docs: completing a room disconnects every connected participant immediately.
        foreach (var participant in state.Participants.Where(p => p.Current.Status != ParticipantStatus.Disconnected).ToList())
            DisconnectParticipant(state, participant, at, TwilioErrors.RoomCompleted, roomEnding: true);

        var before = state.Current;
        _inProgress.Remove(state);
        _inProgressByName.Remove(before.UniqueName);
        state.Current = before with
        {
            Status = status,
            EndTime = at,
            DateUpdated = at,
            Duration = WholeSeconds(before.DateCreated, at),
        };
        (status == RoomStatus.Completed ? _completed : _failed).Add(state);
        Emit(state, RoomEventKind.RoomEnded, at);
        OnRoomEnded(state, at);
        ForgetEndedRoomsOverLimit();
    }

    private void Emit(RoomState state, RoomEventKind kind, DateTimeOffset at, Participant? participant = null, PublishedTrack? track = null) =>
        _sink.Publish(new RoomEvent(kind, state.Current, at, state.NextEventNumber++, participant, track));

    /// <summary>
    /// Whole seconds from <paramref name="start"/> to <paramref name="end"/>, counted between the whole-second
    /// timestamps Twilio shows (JSON dates carry no fraction, FACTS §1.1), so that <c>end_time - start_time</c> read
    /// off the wire always equals <c>duration</c>. [INFERRED: Twilio does not say how it rounds; with a clock on whole
    /// seconds, the default in tests, this is plain subtraction.]
    /// </summary>
    internal static int WholeSeconds(DateTimeOffset start, DateTimeOffset end)
    {
        var seconds = end.UtcTicks / TimeSpan.TicksPerSecond - start.UtcTicks / TimeSpan.TicksPerSecond;
        return (int)Math.Clamp(seconds, 0, int.MaxValue);
    }

    private enum TimerKind { Unused, Empty, MaxRoomDuration, MaxParticipantDuration, Deferred }

    private sealed record Timer(TimerKind Kind, RoomState Room, ParticipantState? Participant = null, long Generation = 0,
        Action<DateTimeOffset>? Run = null);

    /// <summary>Mutable bookkeeping around a room's current snapshot; touched only under the account lock.</summary>
    private sealed class RoomState(Room current)
    {
        public Room Current = current;
        public int NextEventNumber;
        public bool EverJoined;
        public long EmptyGeneration;
        /// <summary>Set when retention forgets the room: its pending timers do nothing.</summary>
        public bool Forgotten;
        // Made on first use: most rooms a test suite or a load test creates never see a participant, and every room is
        // kept (bench: retained bytes per room).
        private List<ParticipantState>? _participants;
        private Dictionary<string, ParticipantState>? _connectedByIdentity;
        public List<ParticipantState> Participants => _participants ??= [];
        public Dictionary<string, ParticipantState> ConnectedByIdentity => _connectedByIdentity ??= new(StringComparer.Ordinal);
        /// <summary>The room's compositions, oldest first (null until the first), so retention finds them.</summary>
        public List<CompositionState>? Compositions;
        public int ConnectedCount => _connectedByIdentity?.Count ?? 0;
    }

    private static (DateTimeOffset, long) KeyOf(RoomState state) => (state.Current.DateCreated, state.Current.Sequence);
}
