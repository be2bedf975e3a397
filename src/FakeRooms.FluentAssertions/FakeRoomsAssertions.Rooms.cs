using FakeRooms.Journal;
#if AWESOME_ASSERTIONS
using static FakeRooms.AwesomeAssertions.Describe;
#else
using static FakeRooms.FluentAssertions.Describe;
#endif

#if AWESOME_ASSERTIONS
namespace FakeRooms.AwesomeAssertions;
#else
namespace FakeRooms.FluentAssertions;
#endif

public sealed partial class FakeRoomsAssertions
{
    /// <summary>
    /// Asserts that a CreateRoom call succeeded with this <c>UniqueName</c> (exactly as sent) or made the room with
    /// this SID. Chain <see cref="CreatedRoomConstraint.WithType(string, string, object[])"/> and friends to check what it was created with;
    /// <c>.Which</c> is the recorded call (the latest one, when the name was created more than once) and
    /// <c>.Which.Room</c> the room as created.
    /// </summary>
    /// <param name="uniqueNameOrSid">The room's unique name as the app sent it, or its SID.</param>
    /// <param name="because">Why the assertion is needed; a phrase that starts with "because" if you like.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public CreatedRoomConstraint HaveCreatedRoom(string uniqueNameOrSid, string because = "", params object[] becauseArgs) =>
        RoomCallChecks.HaveCreatedRoom(this, uniqueNameOrSid, because, becauseArgs);

    /// <summary>Asserts that no CreateRoom call succeeded with this unique name (or made the room with this SID).</summary>
    /// <param name="uniqueNameOrSid">The room's unique name as the app would send it, or its SID.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<FakeRoomsAssertions> NotHaveCreatedRoom(string uniqueNameOrSid, string because = "", params object[] becauseArgs) =>
        RoomCallChecks.NotHaveCreatedRoom(this, uniqueNameOrSid, because, becauseArgs);

    /// <summary>Asserts how many CreateRoom calls succeeded. <c>.Which</c> is the rooms as created, oldest first.</summary>
    /// <param name="expected">The number of rooms created.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<FakeRoomsAssertions, IReadOnlyList<RoomInfo>> HaveCreatedRooms(int expected, string because = "", params object[] becauseArgs) =>
        RoomCallChecks.HaveCreatedRooms(this, expected, because, becauseArgs);

    /// <summary>
    /// Asserts that an UpdateRoom call with <c>Status=completed</c> succeeded for this room (by SID or unique name, as
    /// addressed or as answered). <c>.Which</c> is that call; <c>.Which.Room</c> the room as it ended.
    /// </summary>
    /// <param name="uniqueNameOrSid">The room's unique name or SID.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<FakeRoomsAssertions, CallRecord> HaveCompletedRoom(string uniqueNameOrSid, string because = "", params object[] becauseArgs) =>
        RoomCallChecks.HaveCompletedRoom(this, uniqueNameOrSid, because, becauseArgs);

    /// <summary>
    /// Asserts that a FetchRoom call asked for this room (by SID or unique name), whatever the answer (a fetch by name
    /// of a room that does not exist yet answers 404). <c>.Which</c> is the latest such call.
    /// </summary>
    /// <param name="uniqueNameOrSid">The room's unique name or SID.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<FakeRoomsAssertions, CallRecord> HaveFetchedRoom(string uniqueNameOrSid, string because = "", params object[] becauseArgs) =>
        RoomCallChecks.HaveFetchedRoom(this, uniqueNameOrSid, because, becauseArgs);

    /// <summary>
    /// Asserts that the app listed rooms (ReadRoom), whatever the answer. Chain
    /// <see cref="ListedRoomsConstraint.WithStatus"/>, <see cref="ListedRoomsConstraint.WithUniqueName"/> or
    /// <see cref="ListedRoomsConstraint.WithFilter"/> to check the filters it sent.
    /// </summary>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public ListedRoomsConstraint HaveListedRooms(string because = "", params object[] becauseArgs) =>
        RoomCallChecks.HaveListedRooms(this, because, becauseArgs);
}
