using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.State;

/// <summary>
/// One account's rooms, participants and tracks at one moment: everything needed to rebuild the account exactly
/// (indexes, in-progress names, pending timeouts are derived from it on restore).
/// </summary>
public sealed record AccountSnapshot
{
    /// <summary>The account (<c>AC...</c>).</summary>
    public required string AccountSid { get; init; }

    /// <summary>Every room of the account, in creation order.</summary>
    public IReadOnlyList<RoomSnapshot> Rooms { get; init; } = [];

    /// <summary>The account's ordering counter; new rooms and participants continue after it.</summary>
    public long Sequence { get; init; }

    /// <summary>How many SIDs the account's seeded generator has drawn; a restored account continues after them.</summary>
    public long SidDraws { get; init; }
}

/// <summary>A room and its participants.</summary>
public sealed record RoomSnapshot
{
    /// <summary>The room.</summary>
    public required Room Room { get; init; }

    /// <summary>Every participant the room had, in join order.</summary>
    public IReadOnlyList<ParticipantSnapshot> Participants { get; init; } = [];

    /// <summary>The <c>SequenceNumber</c> the room's next status callback event gets.</summary>
    public int NextEventNumber { get; init; }
}

/// <summary>A participant and the tracks it publishes now.</summary>
public sealed record ParticipantSnapshot
{
    /// <summary>The participant.</summary>
    public required Participant Participant { get; init; }

    /// <summary>Tracks published now, in publication order (a disconnected participant has none).</summary>
    public IReadOnlyList<PublishedTrack> PublishedTracks { get; init; } = [];
}
