using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Recordings;

namespace FakeRooms.Domain.Rooms;

/// <summary>
/// Retention: an account keeps at most <see cref="DomainOptions.MaxEndedRooms"/> ended rooms. This is the fake's own
/// bound, not Twilio behaviour: a fake that runs for days, or under a soak test, cannot keep every room it ever
/// created. When a room ends past the limit the oldest ended rooms, by creation, are forgotten in the same locked
/// operation: fetched by SID they answer 20404 like a SID never used. Their pending timers do nothing, and the
/// <see cref="TimerQueue"/> sweeps them out as they pile up.
/// </summary>
internal sealed class Retention(DomainOptions options, RoomIndex rooms, RecordingRegistry recordings, CompositionRegistry compositions)
{
    /// <summary>Forgets the oldest ended rooms while the account holds more than the limit (O(1) amortized each).</summary>
    public void ForgetEndedRoomsOverLimit()
    {
        if (options.MaxEndedRooms is not { } limit)
            return;
        while (rooms.EndedCount > Math.Max(0, limit))
            Forget(rooms.OldestEnded());
    }

    /// <summary>
    /// Removes an ended room from every index with its participants, tracks, recording rules, recordings and
    /// compositions. Its pending timers become no-ops and are dropped by the next sweep.
    /// </summary>
    private void Forget(RoomState room)
    {
        room.Forgotten = true;
        rooms.RemoveEnded(room);
        recordings.ForgetRoom(room.Current.Sid);
        compositions.ForgetRoom(room);
        room.Participants.Clear();
        room.ConnectedByIdentity.Clear();
    }
}
