using System.Collections.Concurrent;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Rooms;
using FakeRooms.Domain.Sids;

namespace FakeRooms.Domain;

/// <summary>
/// Every account's rooms, on one clock. Accounts are isolated: each has its own store, lock and SID sequence (seeded
/// from the server seed and the account SID, so a test's SIDs do not depend on what other tests do in parallel).
/// </summary>
internal sealed partial class VideoBackend(TimeProvider clock, int seed, IRoomEventSink sink, DomainOptions options)
{
    private ConcurrentDictionary<string, RoomStore> _accounts = new(StringComparer.Ordinal);

    public TimeProvider Clock { get; } = clock;

    public int Seed { get; } = seed;

    public DomainOptions Options { get; } = options;

    /// <summary>The store of an account, created on first use.</summary>
    public RoomStore Account(string accountSid) =>
        _accounts.GetOrAdd(accountSid, static (sid, self) =>
            new RoomStore(sid, self.Clock, SidGenerator.For(self.Seed, sid), self._sink, self.Options), this);

    private readonly IRoomEventSink _sink = sink;

    /// <summary>The accounts that have a store.</summary>
    public IReadOnlyCollection<RoomStore> Accounts => _accounts.Values.ToList();

    /// <summary>Whether an account has a store yet.</summary>
    public bool HasAccount(string accountSid) => _accounts.ContainsKey(accountSid);

    /// <summary>Runs every timed event that has fallen due, in every account.</summary>
    public void Settle()
    {
        foreach (var store in _accounts.Values)
            store.AdvanceToNow();
    }

    /// <summary>The earliest pending timer over every account.</summary>
    public DateTimeOffset? NextDue => _accounts.Values.Select(s => s.NextDue).Where(d => d is not null).Min();

    /// <summary>Forgets every account's state (O(1)).</summary>
    public void Reset() => _accounts = new ConcurrentDictionary<string, RoomStore>(StringComparer.Ordinal);

    /// <summary>Forgets one account's state.</summary>
    public void Reset(string accountSid) => _accounts.TryRemove(accountSid, out _);
}
