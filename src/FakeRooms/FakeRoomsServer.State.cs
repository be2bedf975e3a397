namespace FakeRooms;

public sealed partial class FakeRoomsServer
{
    /// <summary>
    /// Every account's rooms, participants and published tracks as they are now (timeouts due now have fired first).
    /// The journal and the clock are not part of it, nor (yet) recordings, compositions, composition hooks and the
    /// recording/composition settings.
    /// </summary>
    /// <example>
    /// <code>
    /// var before = fake.Snapshot();
    /// // ... a test changes rooms ...
    /// fake.Restore(before);
    /// </code>
    /// </example>
    public FakeRoomsSnapshot Snapshot() => new() { Time = Clock.UtcNow, Accounts = Backend.Export() };

    /// <summary>
    /// Replaces every account's state with the snapshot's: rooms with their SIDs, statuses and unique names (an
    /// in-progress name is taken again), participants, tracks, the counters that number SIDs, callbacks and pages,
    /// and the pending timeouts (unused and empty rooms, 24-hour rooms, participant durations), which run on this
    /// fake's clock from now on. Accounts not in the snapshot are emptied. No status callbacks are sent. A manual clock
    /// that is behind the snapshot's time moves forward to it; no clock moves back. The journal is kept. Recordings,
    /// compositions, composition hooks and media settings are not in snapshots yet: a restore leaves none, and tracks
    /// restored live are not being recorded.
    /// </summary>
    /// <param name="snapshot">A snapshot of this fake or another.</param>
    /// <exception cref="ArgumentException">The snapshot is inconsistent (the message says where); nothing changed.</exception>
    public void Restore(FakeRoomsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var now = Clock.UtcNow;
        Backend.Restore(snapshot.Accounts, snapshot.Time > now ? snapshot.Time : now);
        if (Clock.IsManual && snapshot.Time > now)
            Clock.SetUtcNow(snapshot.Time);
    }
}
