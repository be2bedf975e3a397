using System.Collections.Concurrent;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Rooms;
using FakeRooms.Domain.Sids;

namespace FakeRooms.Domain;

/// <summary>
/// Every account's rooms, on one clock. Accounts are isolated: each has its own store, lock and SID sequence (seeded
/// from the server seed and the account SID, so a test's SIDs do not depend on what other tests do in parallel).
/// </summary>
/// <remarks>
/// A store leaves the map only retired (<see cref="RoomStore.Retire"/>): an operation that looked the store up before a
/// reset and takes its lock after it throws <see cref="StoreRetiredException"/>, and <see cref="Run{T}"/> runs it again
/// on the live store, so nothing acknowledged lands in a discarded store. Stores are added under one lock, which a
/// reset takes too: no store is ever added to a map that was just swapped out.
/// </remarks>
internal sealed partial class VideoBackend(TimeProvider clock, int seed, IRoomEventSink sink, DomainOptions options)
{
    private volatile ConcurrentDictionary<string, RoomStore> _accounts = new(StringComparer.Ordinal);
    private readonly Lock _mapGate = new();

    public TimeProvider Clock { get; } = clock;

    public int Seed { get; } = seed;

    public DomainOptions Options { get; } = options;

    private readonly IRoomEventSink _sink = sink;

    /// <summary>
    /// The store of an account, created on first use (a write). Past <see cref="DomainOptions.MaxAccounts"/> a new
    /// account is refused with 20003. The store may be retired by a concurrent reset: use it through <see cref="Run{T}"/>.
    /// </summary>
    public RoomStore Account(string accountSid)
    {
        if (_accounts.TryGetValue(accountSid, out var store))
            return store;
        lock (_mapGate)
        {
            var accounts = _accounts;
            if (accounts.TryGetValue(accountSid, out store))
                return store;
            if (Options.MaxAccounts is { } max && accounts.Count >= max)
                throw new TwilioErrorException(TwilioErrors.TooManyAccounts(max));
            store = NewStore(accountSid);
            accounts[accountSid] = store;
            return store;
        }
    }

    /// <summary>
    /// The store of an account for a read: the live one, or an empty one outside the map when the account has none
    /// (a read leaves no trace in the state).
    /// </summary>
    public RoomStore AccountForRead(string accountSid) =>
        _accounts.TryGetValue(accountSid, out var store) ? store : NewStore(accountSid);

    /// <summary>
    /// Runs an operation on an account's store; when a reset retired that store first, runs it again on the live one.
    /// </summary>
    public T Run<T>(string accountSid, Func<RoomStore, T> operation, bool read = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return operation(read ? AccountForRead(accountSid) : Account(accountSid));
            }
            catch (StoreRetiredException) when (attempt < 100)
            {
            }
        }
    }

    /// <summary>Drops an account that holds nothing (a refused write made it): refusals leave no trace.</summary>
    public void DropIfPristine(string accountSid)
    {
        if (!_accounts.TryGetValue(accountSid, out var store))
            return;
        lock (_mapGate)
        {
            if (store.RetireIfPristine())
                ((ICollection<KeyValuePair<string, RoomStore>>)_accounts).Remove(new(accountSid, store));
        }
    }

    private RoomStore NewStore(string accountSid) => new(accountSid, Clock, SidGenerator.For(Seed, accountSid), _sink, Options);

    /// <summary>The accounts that have a store.</summary>
    public IReadOnlyCollection<RoomStore> Accounts => _accounts.Values.ToList();

    /// <summary>Number of accounts with a store.</summary>
    public int AccountCount => _accounts.Count;

    /// <summary>Whether an account has a store yet.</summary>
    public bool HasAccount(string accountSid) => _accounts.ContainsKey(accountSid);

    /// <summary>Runs every timed event that has fallen due, in every account.</summary>
    public void Settle()
    {
        foreach (var store in _accounts.Values)
        {
            try
            {
                store.AdvanceToNow();
            }
            catch (StoreRetiredException)
            {
                // Reset meanwhile: nothing of it is due any more.
            }
        }
    }

    /// <summary>The earliest pending timer over every account.</summary>
    public DateTimeOffset? NextDue => _accounts.Values.Select(s => s.NextDue).Where(d => d is not null).Min();

    /// <summary>Forgets every account's state; returns once no operation can still write to the old stores.</summary>
    public void Reset() => Replace(new ConcurrentDictionary<string, RoomStore>(StringComparer.Ordinal));

    /// <summary>Forgets one account's state.</summary>
    public void Reset(string accountSid)
    {
        RoomStore? removed;
        lock (_mapGate)
            _accounts.TryRemove(accountSid, out removed);
        removed?.Retire();
    }

    private void Replace(ConcurrentDictionary<string, RoomStore> fresh)
    {
        ConcurrentDictionary<string, RoomStore> old;
        lock (_mapGate)
        {
            old = _accounts;
            _accounts = fresh;
        }
        foreach (var store in old.Values)
            store.Retire();
    }
}
