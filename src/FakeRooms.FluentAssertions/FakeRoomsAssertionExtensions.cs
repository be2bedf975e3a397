using FakeRooms.Journal;

#if AWESOME_ASSERTIONS
namespace FakeRooms.AwesomeAssertions;
#else
namespace FakeRooms.FluentAssertions;
#endif

/// <summary>Entry points: <c>fake.Should()</c>, <c>account.Should()</c>, <c>fake.Room("standup").Should()</c>.</summary>
public static class FakeRoomsAssertionExtensions
{
    /// <summary>
    /// Assertions over every call and status callback this server recorded (all accounts, and calls whose
    /// authentication failed) and the default account's rooms. For one account of a shared server use <c>fake.ForAccount(sid).Should()</c>.
    /// </summary>
    /// <param name="fake">The fake.</param>
    public static FakeRoomsAssertions Should(this FakeRoomsServer fake)
    {
        ArgumentNullException.ThrowIfNull(fake);
        CallJournal calls = fake.Calls;
        return new FakeRoomsAssertions(fake.ForAccount(fake.AccountSid), () => calls.Snapshot(), () => fake.Callbacks.Snapshot());
    }

    /// <summary>Assertions over one account's calls, status callbacks and rooms.</summary>
    /// <param name="account">The account, from <see cref="FakeRoomsServer.ForAccount"/>.</param>
    public static FakeRoomsAssertions Should(this FakeRoomsAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new FakeRoomsAssertions(account);
    }

    /// <summary>Assertions over a room's state now.</summary>
    /// <param name="room">The room, from <c>fake.Room(...)</c>.</param>
    public static RoomAssertions Should(this FakeRoom room)
    {
        ArgumentNullException.ThrowIfNull(room);
        return new RoomAssertions(room);
    }

    /// <summary>A room of the default account, by SID or unique name (the newest room with that name, any status).</summary>
    /// <param name="fake">The fake.</param>
    /// <param name="sidOrName">The room's SID or unique name.</param>
    public static FakeRoom Room(this FakeRoomsServer fake, string sidOrName)
    {
        ArgumentNullException.ThrowIfNull(fake);
        ArgumentNullException.ThrowIfNull(sidOrName);
        return new FakeRoom(fake.Rooms, sidOrName);
    }

    /// <summary>A room of this account, by SID or unique name (the newest room with that name, any status).</summary>
    /// <param name="account">The account.</param>
    /// <param name="sidOrName">The room's SID or unique name.</param>
    public static FakeRoom Room(this FakeRoomsAccount account, string sidOrName)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(sidOrName);
        return new FakeRoom(account.Rooms, sidOrName);
    }
}
