namespace FakeRooms;

public sealed partial class FakeRoomsServer
{
    /// <summary>
    /// Every account's rooms, participants, published tracks, recording rules, recordings, compositions, composition
    /// hooks and recording/composition settings as they are now (timeouts and processing steps due now have run first).
    /// The journal, the callback journal and the clock are not part of it.
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
    /// recording rules, recordings (tracks being recorded stay recorded), compositions, composition hooks, media
    /// settings, and the pending timeouts and steps (unused and empty rooms, 24-hour rooms, participant durations,
    /// recordings completing, compositions starting, progressing and completing), which run on this fake's clock from
    /// now on. Accounts not in the snapshot are emptied. No status callbacks are sent by the restore itself. A manual
    /// clock that is behind the snapshot's time moves forward to it; no clock moves back. The journal is kept. Past this
    /// fake's <see cref="FakeRoomsOptions.MaxCompletedRoomsPerAccount"/>, the oldest ended rooms of the snapshot are
    /// forgotten.
    /// </summary>
    /// <param name="snapshot">A snapshot of this fake or another.</param>
    /// <exception cref="ArgumentException">The snapshot is inconsistent (the message says where); nothing changed.</exception>
    public void Restore(FakeRoomsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var now = Clock.UtcNow;
        Backend.Restore(snapshot.Accounts, snapshot.Time > now ? snapshot.Time : now);
        // Restored rooms take their timelines from their state; events of the rooms replaced must not mix in.
        Timeline.Reset(null);
        if (Clock.IsManual && snapshot.Time > now)
            Clock.SetUtcNow(snapshot.Time);
    }
}
