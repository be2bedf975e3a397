using System.Globalization;
using System.Text;

namespace FakeRooms.Callbacks;

/// <summary>
/// Every status callback the fake delivered (or failed to deliver), newest <see cref="Capacity"/> kept. Tests wait on it
/// instead of sleeping: <see cref="WaitForAsync"/> completes when a matching delivery is recorded, and
/// <see cref="WhenIdleAsync"/> when every queued callback has been delivered. Safe to read while callbacks go out.
/// </summary>
/// <example>
/// <code>
/// var ended = await fake.Callbacks.WaitForAsync(c => c.RoomSid == room.Sid &amp;&amp; c.Event == "room-ended");
/// await fake.Callbacks.WhenIdleAsync();
/// </code>
/// </example>
/// <remarks>
/// The journal is not a list: it changes while you read it. Take a <see cref="Snapshot"/> (one copy, which never changes)
/// and index or count that; enumerating the journal enumerates one snapshot. <see cref="Count"/> copies nothing.
/// </remarks>
public sealed class CallbackJournal : IEnumerable<CallbackRecord>
{
    /// <summary>How long <see cref="WaitForAsync"/> and <see cref="WhenIdleAsync"/> wait when no timeout is given.</summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    private const int ListedInErrors = 20;

    private readonly object _gate = new();
    private readonly CallbackRecord?[] _ring;
    private readonly List<Waiter> _waiters = [];
    private long _total;
    private long _sequence;
    private CallbackDispatcher? _dispatcher;

    internal CallbackJournal(int capacity)
    {
        if (capacity < 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The callback journal capacity cannot be negative.");
        _ring = new CallbackRecord?[capacity];
    }

    /// <summary>The most records kept; older ones are dropped first.</summary>
    public int Capacity => _ring.Length;

    /// <summary>Records added since the start (or the last clear), including those already dropped.</summary>
    public long TotalRecorded
    {
        get { lock (_gate) return _total; }
    }

    /// <summary>The number of records kept now. Copies nothing.</summary>
    public int Count
    {
        get { lock (_gate) return (int)Math.Min(_total, _ring.Length); }
    }

    /// <summary>Callbacks queued or being sent now.</summary>
    public int Pending => _dispatcher?.PendingCount ?? 0;

    /// <summary>
    /// The kept records now, oldest first (in delivery order): one copy, taken under the journal's lock, that does not
    /// change when later callbacks are recorded.
    /// </summary>
    public IReadOnlyList<CallbackRecord> Snapshot()
    {
        lock (_gate)
            return SnapshotLocked().AsReadOnly();
    }

    /// <summary>The kept records of one room, in delivery order: a snapshot, as <see cref="Snapshot"/>.</summary>
    public IReadOnlyList<CallbackRecord> ForRoom(string roomSid) => Snapshot().Where(c => c.RoomSid == roomSid).ToList().AsReadOnly();

    /// <summary>
    /// Waits for a record that matches, and returns it. A record already in the journal counts (the oldest match
    /// wins); otherwise the wait ends as soon as a matching delivery is recorded. Nothing sleeps.
    /// </summary>
    /// <param name="predicate">Which delivery to wait for, e.g. <c>c =&gt; c.Event == "room-ended"</c>.</param>
    /// <param name="timeout">How long to wait; default <see cref="DefaultWaitTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">No match in time; the message lists what was delivered and what is pending.</exception>
    public async Task<CallbackRecord> WaitForAsync(Func<CallbackRecord, bool> predicate, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var limit = timeout ?? DefaultWaitTimeout;
        // Registered before the records are read, under the journal's lock, so a record added meanwhile is offered to
        // the wait; the predicate itself runs outside every lock of the fake (it is the test's code and may read the
        // fake's state, e.g. fake.Rooms.Find, which takes an account's lock).
        var waiter = new Waiter(predicate);
        List<CallbackRecord> existing;
        lock (_gate)
        {
            existing = SnapshotLocked();
            _waiters.Add(waiter);
        }

        CallbackRecord? found = null;
        try
        {
            foreach (var record in existing)
                if (predicate(record))
                {
                    found = record;
                    break;
                }
        }
        catch
        {
            Forget(waiter);
            throw;
        }
        if (found is not null)
        {
            Forget(waiter);
            return found;
        }
        waiter.EndScan();

        try
        {
            return await waiter.Completion.Task.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Forget(waiter);
            throw new TimeoutException(
                $"No status callback matched within {Seconds(limit)}. {Describe()}");
        }
        catch (OperationCanceledException)
        {
            Forget(waiter);
            throw;
        }
    }

    private void Forget(Waiter waiter)
    {
        lock (_gate)
            _waiters.Remove(waiter);
    }

    /// <summary>
    /// Completes when no callback is queued or in flight: every callback of the events so far has been delivered (or
    /// has failed) and recorded. Call it after the REST calls and clock moves whose callbacks a test checks.
    /// </summary>
    /// <param name="timeout">How long to wait; default <see cref="DefaultWaitTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">Callbacks are still pending; the message lists them.</exception>
    public async Task WhenIdleAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (_dispatcher is not { } dispatcher)
            return;
        var limit = timeout ?? DefaultWaitTimeout;
        try
        {
            await dispatcher.WhenIdleAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Status callbacks were still pending after {Seconds(limit)}. {Describe()}");
        }
    }

    /// <summary>Forgets every record. Callbacks still queued are not affected (use <see cref="FakeRoomsServer.Reset()"/>).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_ring);
            _total = 0;
        }
    }

    /// <summary>Enumerates one <see cref="Snapshot"/>, taken when the enumeration starts.</summary>
    public IEnumerator<CallbackRecord> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Sees every recorded delivery, outside the locks (<see cref="FakeRoomsOptions.CallbackObserver"/>).</summary>
    internal Action<CallbackRecord>? Observer { get; set; }

    internal void Attach(CallbackDispatcher dispatcher) => _dispatcher = dispatcher;

    /// <summary>
    /// Stores a record (numbered here) and returns the waits to check it against; the caller runs
    /// <see cref="Notify"/> once it holds no lock, so a predicate never runs under the fake's locks.
    /// </summary>
    internal CallbackRecord Add(CallbackRecord record, out Waiter[] waiters)
    {
        lock (_gate)
        {
            record = record with { Sequence = ++_sequence };
            if (_ring.Length > 0)
                _ring[_total % _ring.Length] = record;
            _total++;
            waiters = _waiters.Count == 0 ? [] : _waiters.ToArray();
            return record;
        }
    }

    /// <summary>Completes the waits a new record matches. Called with no lock of the fake held: it runs the predicates.</summary>
    internal void Notify(CallbackRecord record, Waiter[] waiters)
    {
        if (Observer is { } observer)
        {
            try
            {
                observer(record);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // An observer (the standalone's log) must never break delivery or the waits.
            }
        }
        foreach (var waiter in waiters)
        {
            if (waiter.Completion.Task.IsCompleted)
                continue;
            try
            {
                if (!waiter.Predicate(record))
                    continue;
                waiter.Offer(record);
            }
            catch (Exception e)
            {
                waiter.Fail(e);
            }
            Forget(waiter);
        }
    }

    /// <summary>Forgets the records of one account (<see cref="FakeRoomsServer.Reset(string)"/>).</summary>
    internal void RemoveAccount(string accountSid)
    {
        lock (_gate)
        {
            var kept = SnapshotLocked().Where(c => c.AccountSid != accountSid).ToList();
            Array.Clear(_ring);
            _total = 0;
            foreach (var record in kept)
                _ring[_total++ % _ring.Length] = record;
        }
    }

    private List<CallbackRecord> SnapshotLocked()
    {
        var kept = (int)Math.Min(_total, _ring.Length);
        var result = new List<CallbackRecord>(kept);
        for (var i = _total - kept; i < _total; i++)
            result.Add(_ring[i % _ring.Length]!);
        return result;
    }

    /// <summary>What was delivered and what is pending, for timeout messages.</summary>
    private string Describe()
    {
        var delivered = Snapshot();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Delivered ({delivered.Count}");
        if (delivered.Count > ListedInErrors)
            text.Append(CultureInfo.InvariantCulture, $", last {ListedInErrors} shown");
        text.Append("):");
        if (delivered.Count == 0)
            text.Append(" none");
        foreach (var record in delivered.Skip(Math.Max(0, delivered.Count - ListedInErrors)))
            text.Append("\n  ").Append(record);
        var pending = _dispatcher?.DescribePending(ListedInErrors) ?? [];
        text.Append(CultureInfo.InvariantCulture, $"\nPending ({Pending}):");
        if (pending.Count == 0)
            text.Append(" none");
        foreach (var line in pending)
            text.Append("\n  ").Append(line);
        return text.ToString();
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>
    /// One <see cref="WaitForAsync"/>. While its caller still checks the records that were already there, a match among
    /// new records is kept aside (the oldest record wins), then used if the old records had none.
    /// </summary>
    internal sealed class Waiter(Func<CallbackRecord, bool> predicate)
    {
        private readonly Lock _gate = new();
        private bool _scanning = true;
        private CallbackRecord? _early;
        private Exception? _earlyError;

        public Func<CallbackRecord, bool> Predicate { get; } = predicate;
        public TaskCompletionSource<CallbackRecord> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>A new record matched.</summary>
        public void Offer(CallbackRecord record)
        {
            lock (_gate)
            {
                if (_scanning)
                {
                    if (_early is null || record.Sequence < _early.Sequence)
                        _early = record;
                    return;
                }
            }
            Completion.TrySetResult(record);
        }

        /// <summary>The predicate threw on a new record.</summary>
        public void Fail(Exception error)
        {
            lock (_gate)
            {
                if (_scanning)
                {
                    _earlyError ??= error;
                    return;
                }
            }
            Completion.TrySetException(error);
        }

        /// <summary>No record that was already there matched: what new records gave, if anything, completes the wait.</summary>
        public void EndScan()
        {
            CallbackRecord? early;
            Exception? error;
            lock (_gate)
            {
                _scanning = false;
                (early, error) = (_early, _earlyError);
            }
            if (early is not null)
                Completion.TrySetResult(early);
            else if (error is not null)
                Completion.TrySetException(error);
        }
    }
}
