using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Participants;

namespace FakeRooms.Domain.Rooms;

/// <summary>
/// The rooms of one account and the indexes that find them: by SID (any status), by unique name (in progress, and
/// every room of a name), and by status, newest first. Data only: <see cref="RoomLifecycle"/> changes rooms,
/// <see cref="Retention"/> forgets them. Touched only under the account lock.
/// </summary>
internal sealed class RoomIndex
{
    private readonly Dictionary<string, RoomState> _bySid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoomState> _inProgressByName = new(StringComparer.Ordinal);
    // Every room of a name, newest first (a room forgotten by retention is the oldest of its name: O(1) to drop).
    private readonly Dictionary<string, NewestFirstIndex<RoomState>> _allByName = new(StringComparer.Ordinal);
    private readonly NewestFirstIndex<RoomState> _inProgress = new(KeyOf);
    private readonly NewestFirstIndex<RoomState> _completed = new(KeyOf);
    private readonly NewestFirstIndex<RoomState> _failed = new(KeyOf);

    /// <summary>Rooms of every status.</summary>
    public int Count => _bySid.Count;

    public int InProgressCount => _inProgress.Count;

    public int EndedCount => _completed.Count + _failed.Count;

    public IEnumerable<RoomState> All => _bySid.Values;

    /// <summary>Every room, oldest first.</summary>
    public IEnumerable<RoomState> InCreationOrder => _bySid.Values.OrderBy(r => r.Current.Sequence);

    public bool IsInProgressName(string uniqueName) => _inProgressByName.ContainsKey(uniqueName);

    /// <summary>A room by SID (any status) or by unique name (in-progress only), as the docs describe fetch; else 20404.</summary>
    public RoomState Find(string sidOrName) =>
        TryFind(sidOrName) ?? throw new TwilioErrorException(TwilioErrors.NotFound($"/Rooms/{sidOrName}"));

    public RoomState? TryFind(string sidOrName)
    {
        if (_bySid.TryGetValue(sidOrName, out var bySid))
            return bySid;
        return _inProgressByName.GetValueOrDefault(sidOrName);
    }

    /// <summary>A room by SID; the caller knows it is there (snapshots).</summary>
    public RoomState this[string sid] => _bySid[sid];

    /// <summary>Adds a room as its status files it (a new room is in progress).</summary>
    public void Add(RoomState state, int nameCapacity = 0)
    {
        var room = state.Current;
        _bySid.Add(room.Sid, state);
        if (!_allByName.TryGetValue(room.UniqueName, out var sameName))
            _allByName[room.UniqueName] = sameName = new NewestFirstIndex<RoomState>(KeyOf, nameCapacity);
        sameName.Add(state);
        if (room.Status == RoomStatus.InProgress)
        {
            _inProgress.Add(state);
            _inProgressByName[room.UniqueName] = state;
        }
        else
            AddEnded(state);
    }

    /// <summary>The room is ending: it leaves the in-progress index and frees its unique name.</summary>
    public void LeaveInProgress(RoomState state)
    {
        _inProgress.Remove(state);
        _inProgressByName.Remove(state.Current.UniqueName);
    }

    /// <summary>Files a room that ended (its status set) under completed or failed.</summary>
    public void AddEnded(RoomState state) =>
        (state.Current.Status == RoomStatus.Completed ? _completed : _failed).Add(state);

    /// <summary>Rooms of one status, or of one name and status, newest first, paged.</summary>
    public ListPage<Room> List(RoomQuery query)
    {
        var status = query.Status ?? RoomStatus.InProgress;
        if (query.UniqueName is { } name)
        {
            // Few rooms share a name: filter that short list, newest first.
            IEnumerable<RoomState> source = _allByName.TryGetValue(name, out var sameName)
                ? sameName.Where(r => r.Current.Status == status)
                : [];
            return Paging.Page(source.ToList(), KeyOf, static r => r.Current, query.PageSize, query.Cursor,
                query.CreatedOnOrAfter, query.CreatedBefore);
        }

        var index = status switch { RoomStatus.InProgress => _inProgress, RoomStatus.Completed => _completed, _ => _failed };
        return Paging.Page(index, KeyOf, static r => r.Current, query.PageSize, query.Cursor,
            query.CreatedOnOrAfter, query.CreatedBefore);
    }

    /// <summary>The oldest ended room by creation: the oldest end of the completed or of the failed index.</summary>
    public RoomState OldestEnded()
    {
        if (_failed.Count == 0)
            return _completed.Oldest;
        if (_completed.Count == 0)
            return _failed.Oldest;
        var completed = _completed.Oldest;
        var failed = _failed.Oldest;
        return NewestFirstIndex<RoomState>.Compare(KeyOf(completed), KeyOf(failed)) > 0 ? completed : failed;
    }

    /// <summary>Removes an ended room from every index (retention).</summary>
    public void RemoveEnded(RoomState room)
    {
        var current = room.Current;
        (current.Status == RoomStatus.Completed ? _completed : _failed).Remove(room);
        _bySid.Remove(current.Sid);
        if (_allByName.TryGetValue(current.UniqueName, out var sameName))
        {
            sameName.Remove(room);
            if (sameName.Count == 0)
                _allByName.Remove(current.UniqueName);
        }
    }

    /// <summary>Sizes of the indexes (footprint tests).</summary>
    public (int InProgress, int InProgressNames, int Names, int RoomsByName) Sizes() =>
        (_inProgress.Count, _inProgressByName.Count, _allByName.Count, _allByName.Values.Sum(r => r.Count));

    public static (DateTimeOffset, long) KeyOf(RoomState state) => (state.Current.DateCreated, state.Current.Sequence);
}

/// <summary>Mutable bookkeeping around a room's current snapshot; touched only under the account lock.</summary>
internal sealed class RoomState(Room current)
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
    /// <summary>The room's Transcriptions resource (docs: one per room at most), or null.</summary>
    public Transcriptions.TranscriptionClock? Transcription;
    public int ConnectedCount => _connectedByIdentity?.Count ?? 0;
}
