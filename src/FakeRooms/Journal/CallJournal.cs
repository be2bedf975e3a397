namespace FakeRooms.Journal;

/// <summary>
/// The bounded record of every call the fake answered: the newest <see cref="Capacity"/> calls are kept, older ones
/// dropped, so a long-running server does not grow. Safe to read while requests arrive.
/// </summary>
/// <remarks>
/// The journal is not a list: it changes while you read it. Take a <see cref="Snapshot"/> (one copy, which never changes)
/// and index or count that; enumerating the journal enumerates one snapshot. <see cref="Count"/> copies nothing.
/// </remarks>
public sealed class CallJournal : IEnumerable<CallRecord>
{
    private readonly Lock _gate = new();
    // Kept calls live through the next Capacity requests: long enough for the GC to promote them, so each object a
    // kept call holds is copied twice and then dies in gen2. A slot is a struct in one array, and its CallRecord is
    // built the first time a test reads it; a call costs the journal no object of its own until then (README: Performance, what it took).
    // Grows by doubling up to the capacity (a fake that answers a handful of calls does not hold a full ring), then
    // wraps around.
    private Slot[] _ring;
    private readonly int _capacity;
    private long _total;
    // CallRecord.Sequence: never reused, so it keeps counting across Clear and Reset (unlike _total).
    private long _sequence;
    private readonly string? _accountFilter;
    private readonly CallJournal? _source;

    internal CallJournal(int capacity)
    {
        if (capacity < 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The journal capacity cannot be negative.");
        _capacity = capacity;
        _ring = new Slot[Math.Min(capacity, InitialSlots)];
    }

    private CallJournal(CallJournal source, string accountSid)
    {
        _source = source;
        _accountFilter = accountSid;
        _ring = [];
    }

    /// <summary>The most calls kept.</summary>
    public int Capacity => _source?.Capacity ?? _capacity;

    private const int InitialSlots = 64;

    /// <summary>Calls recorded since the start (or the last clear), including those already dropped.</summary>
    public long TotalRecorded
    {
        get
        {
            if (_source is not null) return Count;
            lock (_gate) return _total;
        }
    }

    /// <summary>The number of calls kept now (of this account only, on an account view). Copies nothing.</summary>
    public int Count => _source is not null ? _source.CountOf(_accountFilter!) : Kept;

    private int Kept
    {
        get { lock (_gate) return (int)Math.Min(_total, _capacity); }
    }

    private int CountOf(string accountSid)
    {
        lock (_gate)
        {
            var kept = (int)Math.Min(_total, _capacity);
            var count = 0;
            for (var i = _total - kept; i < _total; i++)
            {
                ref var slot = ref _ring[i % _capacity];
                if ((slot.Record?.AccountSid ?? slot.Call.AccountSid) == accountSid)
                    count++;
            }
            return count;
        }
    }

    /// <summary>Only the calls of one account (for tests sharing a server in <see cref="AuthMode.AnyAccount"/>).</summary>
    public CallJournal ForAccount(string accountSid) => new(_source ?? this, accountSid);

    /// <summary>
    /// The kept calls now, oldest first: one copy, taken under the journal's lock, that does not change when later
    /// calls arrive. Index and count it as often as you like.
    /// </summary>
    public IReadOnlyList<CallRecord> Snapshot()
    {
        if (_source is not null)
            return _source.Snapshot().Where(c => c.AccountSid == _accountFilter).ToList().AsReadOnly();
        lock (_gate)
            return SnapshotLocked().AsReadOnly();
    }

    private List<CallRecord> SnapshotLocked()
    {
        var kept = (int)Math.Min(_total, _capacity);
        var result = new List<CallRecord>(kept);
        for (var i = _total - kept; i < _total; i++)
        {
            ref var slot = ref _ring[i % _capacity];
            result.Add(slot.Record ??= slot.Call.ToRecord());
            slot.Call = default;
        }
        return result;
    }

    /// <summary>The kept calls of one operation, oldest first: a snapshot, as <see cref="Snapshot"/>.</summary>
    public IReadOnlyList<CallRecord> Of(Operation operation) => Snapshot().Where(c => c.Operation == operation).ToList().AsReadOnly();

    /// <summary>Forgets every call (of this account only, on an account view).</summary>
    public void Clear()
    {
        if (_source is not null)
        {
            _source.RemoveAccount(_accountFilter!);
            return;
        }
        lock (_gate)
        {
            Array.Clear(_ring);
            _total = 0;
        }
    }

    /// <summary>Enumerates one <see cref="Snapshot"/>, taken when the enumeration starts.</summary>
    public IEnumerator<CallRecord> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    internal long Add(in CallData call)
    {
        lock (_gate)
        {
            var sequence = ++_sequence;
            if (_capacity > 0)
            {
                if (_total < _capacity && _total == _ring.Length)
                    Array.Resize(ref _ring, (int)Math.Min(_capacity, 2L * _ring.Length));
                _ring[_total % _capacity] = new Slot { Call = call with { Sequence = sequence } };
            }
            _total++;
            return sequence;
        }
    }

    private void RemoveAccount(string accountSid)
    {
        lock (_gate)
        {
            var kept = SnapshotLocked().Where(c => c.AccountSid != accountSid).ToList();
            Array.Clear(_ring);
            _total = 0;
            foreach (var call in kept)
                _ring[_total++ % _capacity] = new Slot { Record = call };
        }
    }

    /// <summary>A kept call: its data, and its record once somebody has read it.</summary>
    private struct Slot
    {
        public CallData Call;
        public CallRecord? Record;
    }
}

/// <summary>What the dispatcher records of one call; becomes a <see cref="CallRecord"/> when read.</summary>
internal readonly record struct CallData
{
    public long Sequence { get; init; }
    public DateTimeOffset Time { get; init; }
    public string? AccountSid { get; init; }
    public Operation Operation { get; init; }
    public string Method { get; init; }
    public string Path { get; init; }
    public IReadOnlyDictionary<string, string> PathParameters { get; init; }
    public string? EncodedQuery { get; init; }
    public string? EncodedForm { get; init; }
    public string? ContentType { get; init; }
    public bool HadNonFormBody { get; init; }
    public IReadOnlyList<string> IgnoredParameters { get; init; }
    public int StatusCode { get; init; }
    public int? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public Domain.Rooms.Room? Room { get; init; }
    public string? InjectedFault { get; init; }
    public TimeSpan Elapsed { get; init; }

    public CallRecord ToRecord() => new()
    {
        Sequence = Sequence,
        Time = Time,
        AccountSid = AccountSid,
        Operation = Operation,
        Method = Method,
        Path = Path,
        PathParameters = PathParameters,
        EncodedQuery = EncodedQuery,
        EncodedForm = EncodedForm,
        ContentType = ContentType,
        HadNonFormBody = HadNonFormBody,
        IgnoredParameters = IgnoredParameters,
        StatusCode = StatusCode,
        ErrorCode = ErrorCode,
        ErrorMessage = ErrorMessage,
        Room = Room?.ToInfo(),
        RoomState = Room,
        InjectedFault = InjectedFault,
        Elapsed = Elapsed,
    };
}
