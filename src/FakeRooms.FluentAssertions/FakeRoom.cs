#if AWESOME_ASSERTIONS
namespace FakeRooms.AwesomeAssertions;
#else
namespace FakeRooms.FluentAssertions;
#endif

/// <summary>
/// A room of the fake, named by SID or unique name and looked up each time it is read, so an assertion sees the state
/// as it is now. A unique name means the newest room with that name, whatever its status (Twilio's own fetch by name
/// finds in-progress rooms only). Get one with <c>fake.Room("standup")</c> and assert with <c>.Should()</c>.
/// </summary>
public sealed class FakeRoom
{
    internal FakeRoom(SimulatedRooms rooms, string sidOrName)
    {
        Rooms = rooms;
        SidOrName = sidOrName;
    }

    /// <summary>The SID or unique name the room was asked for by.</summary>
    public string SidOrName { get; }

    /// <summary>The account's rooms the room is looked up in.</summary>
    public SimulatedRooms Rooms { get; }

    /// <summary>The room now, or null when the account has no such room.</summary>
    public RoomInfo? Current => Find(Rooms, SidOrName);

    /// <summary>Every participant the room ever had, in join order (empty when there is no such room).</summary>
    public IReadOnlyList<ParticipantInfo> Participants => Current is { } room ? Rooms.ParticipantsOf(room.Sid) : [];

    /// <inheritdoc />
    public override string ToString() => $"room \"{SidOrName}\"";

    /// <summary>By SID (any status), else the newest room with this unique name (any status).</summary>
    internal static RoomInfo? Find(SimulatedRooms rooms, string sidOrName)
    {
        var all = rooms.All;
        return all.FirstOrDefault(r => r.Sid == sidOrName) ?? all.LastOrDefault(r => r.UniqueName == sidOrName);
    }
}
