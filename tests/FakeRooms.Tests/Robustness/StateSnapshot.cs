using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Tests.Robustness;

/// <summary>
/// Everything a request could change, read through the fake: the clock, and for every account that has rooms, every
/// room, participant and track. Records are immutable snapshots, so equal state gives equal snapshots.
/// </summary>
public sealed record StateSnapshot(DateTimeOffset Clock, IReadOnlyList<StateSnapshot.AccountState> Accounts)
{
    public sealed record AccountState(string AccountSid, IReadOnlyList<RoomState> Rooms);

    public sealed record RoomState(Room Room, IReadOnlyList<ParticipantState> Participants);

    public sealed record ParticipantState(Participant Participant, IReadOnlyList<PublishedTrack> Published, IReadOnlyList<SubscribedTrack> Subscribed);

    public static StateSnapshot Of(FakeRoomsServer fake)
    {
        var accounts = new List<AccountState>();
        foreach (var store in fake.Backend.Accounts.OrderBy(s => s.AccountSid, StringComparer.Ordinal))
        {
            var rooms = store.AllRooms();
            if (rooms.Count == 0)
                continue;
            accounts.Add(new AccountState(store.AccountSid, rooms.Select(room => new RoomState(room,
                store.AllParticipants(room.Sid).Select(p => new ParticipantState(p,
                    store.PublishedTracks(room.Sid, p.Sid), store.SubscribedTracks(room.Sid, p.Sid))).ToList())).ToList()));
        }
        return new StateSnapshot(fake.Clock.UtcNow, accounts);
    }

    public bool SameAs(StateSnapshot other) =>
        Clock == other.Clock &&
        Accounts.Count == other.Accounts.Count &&
        Accounts.Zip(other.Accounts).All(pair =>
            pair.First.AccountSid == pair.Second.AccountSid &&
            pair.First.Rooms.Count == pair.Second.Rooms.Count &&
            pair.First.Rooms.Zip(pair.Second.Rooms).All(r =>
                r.First.Room == r.Second.Room &&
                r.First.Participants.Count == r.Second.Participants.Count &&
                r.First.Participants.Zip(r.Second.Participants).All(p =>
                    p.First.Participant == p.Second.Participant &&
                    p.First.Published.SequenceEqual(p.Second.Published) &&
                    p.First.Subscribed.SequenceEqual(p.Second.Subscribed))));

    public override string ToString() =>
        $"clock {Clock:O}; " + string.Join("; ", Accounts.Select(a =>
            $"{a.AccountSid}: " + string.Join(", ", a.Rooms.Select(r =>
                $"{r.Room.Sid}/{r.Room.UniqueName}/{r.Room.Status} [{string.Join(" ", r.Participants.Select(p => $"{p.Participant.Identity}:{p.Participant.Status}:{p.Published.Count}t"))}]"))));
}
