using System.Collections.Concurrent;
using FakeRooms.Domain.Rooms;
using FakeRooms.Domain.State;

namespace FakeRooms.Domain;

/// <summary>Snapshots of every account, and restoring them.</summary>
internal sealed partial class VideoBackend
{
    /// <summary>Every account's state, accounts in SID order.</summary>
    public IReadOnlyList<AccountSnapshot> Export() =>
        _accounts.Values.OrderBy(s => s.AccountSid, StringComparer.Ordinal).Select(s => s.Export()).ToList();

    /// <summary>
    /// Replaces every account's state with the snapshot's, at once: requests see the old state or the new, never a mix.
    /// </summary>
    /// <exception cref="ArgumentException">The snapshot is inconsistent; nothing was changed.</exception>
    public void Restore(IReadOnlyList<AccountSnapshot> accounts, DateTimeOffset settledUntil)
    {
        var fresh = new ConcurrentDictionary<string, RoomStore>(StringComparer.Ordinal);
        foreach (var account in accounts)
        {
            var store = NewStore(account.AccountSid);
            if (!fresh.TryAdd(account.AccountSid, store))
                throw new ArgumentException($"account {account.AccountSid} appears twice");
            store.Import(account, settledUntil);
        }
        Replace(fresh);
    }
}
