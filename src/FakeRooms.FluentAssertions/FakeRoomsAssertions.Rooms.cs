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
    /// this SID. Chain <see cref="CreatedRoomConstraint.WithType"/> and friends to check what it was created with;
    /// <c>.Which</c> is the recorded call (the latest one, when the name was created more than once) and
    /// <c>.Which.Room</c> the room as created.
    /// </summary>
    /// <param name="uniqueNameOrSid">The room's unique name as the app sent it, or its SID.</param>
    /// <param name="because">Why the assertion is needed; a phrase that starts with "because" if you like.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public CreatedRoomConstraint HaveCreatedRoom(string uniqueNameOrSid, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(uniqueNameOrSid);
        var creates = NumberedOf(Operation.CreateRoom);
        var made = creates.Where(n => n.Call.Succeeded && Names(n.Call, uniqueNameOrSid)).ToList();
        Check(made.Count > 0,
            $"to have created room {Quote(uniqueNameOrSid)}",
            () => $"there was no CreateRoom with UniqueName {Quote(uniqueNameOrSid)}; recorded: "
                + (creates.Count == 0 ? "no CreateRoom calls" : List(creates.Select(n => CreateEntry(n.Call, uniqueNameOrSid)))),
            because, becauseArgs);
        return new CreatedRoomConstraint(this, uniqueNameOrSid, made);
    }

    /// <summary>Asserts that no CreateRoom call succeeded with this unique name (or made the room with this SID).</summary>
    /// <param name="uniqueNameOrSid">The room's unique name as the app would send it, or its SID.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<FakeRoomsAssertions> NotHaveCreatedRoom(string uniqueNameOrSid, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(uniqueNameOrSid);
        var made = NumberedOf(Operation.CreateRoom).Where(n => n.Call.Succeeded && Names(n.Call, uniqueNameOrSid)).ToList();
        Check(made.Count == 0,
            $"not to have created room {Quote(uniqueNameOrSid)}",
            () => $"it did: {Calls(made)}",
            because, becauseArgs);
        return new AndConstraint<FakeRoomsAssertions>(this);
    }

    /// <summary>Asserts how many CreateRoom calls succeeded. <c>.Which</c> is the rooms as created, oldest first.</summary>
    /// <param name="expected">The number of rooms created.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<FakeRoomsAssertions, IReadOnlyList<RoomInfo>> HaveCreatedRooms(int expected, string because = "", params object[] becauseArgs)
    {
        var creates = NumberedOf(Operation.CreateRoom);
        var made = creates.Where(n => n.Call.Succeeded).ToList();
        var rejected = creates.Where(n => !n.Call.Succeeded).ToList();
        Check(made.Count == expected,
            $"to have created {Plural(expected, "room")}",
            () => (made.Count == 0 ? "it created none" : $"it created {made.Count}: {List(made.Select(n => Quote(n.Call.Room?.UniqueName)))}")
                + (rejected.Count == 0 ? "" : $"; rejected: {List(rejected.Select(n => CreateEntry(n.Call, "")))}"),
            because, becauseArgs);
        return new AndWhichConstraint<FakeRoomsAssertions, IReadOnlyList<RoomInfo>>(this, made.Select(n => n.Call.Room!).ToList());
    }

    /// <summary>
    /// Asserts that an UpdateRoom call with <c>Status=completed</c> succeeded for this room (by SID or unique name, as
    /// addressed or as answered). <c>.Which</c> is that call; <c>.Which.Room</c> the room as it ended.
    /// </summary>
    /// <param name="uniqueNameOrSid">The room's unique name or SID.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<FakeRoomsAssertions, CallRecord> HaveCompletedRoom(string uniqueNameOrSid, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(uniqueNameOrSid);
        var updates = NumberedOf(Operation.UpdateRoom);
        var completed = updates
            .Where(n => n.Call.Succeeded && n.Call.FormValue("Status") == "completed" && Addresses(n.Call, uniqueNameOrSid))
            .ToList();
        Check(completed.Count > 0,
            $"to have completed room {Quote(uniqueNameOrSid)}",
            () =>
            {
                var text = $"no UpdateRoom with Status=completed succeeded for it; recorded: "
                    + (updates.Count == 0 ? "no UpdateRoom calls" : List(updates.Select(n => Call(n) + AddressNote(n.Call, uniqueNameOrSid))));
                // The room may have ended without the app: an unused or empty room times out (docs UnusedRoomTimeout).
                if (FakeRoom.Find(Subject.Rooms, uniqueNameOrSid) is { Status: not VideoRoomStatus.InProgress } ended)
                    text += $" (room {Quote(uniqueNameOrSid)} is {Status(ended.Status)}, but not through the REST API)";
                return text;
            },
            because, becauseArgs);
        return new AndWhichConstraint<FakeRoomsAssertions, CallRecord>(this, completed.Count > 0 ? completed[^1].Call : null!);
    }

    /// <summary>
    /// Asserts that a FetchRoom call asked for this room (by SID or unique name), whatever the answer (a fetch by name
    /// of a room that does not exist yet answers 404). <c>.Which</c> is the latest such call.
    /// </summary>
    /// <param name="uniqueNameOrSid">The room's unique name or SID.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<FakeRoomsAssertions, CallRecord> HaveFetchedRoom(string uniqueNameOrSid, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(uniqueNameOrSid);
        var fetches = NumberedOf(Operation.FetchRoom);
        var matching = fetches.Where(n => Addresses(n.Call, uniqueNameOrSid)).ToList();
        Check(matching.Count > 0,
            $"to have fetched room {Quote(uniqueNameOrSid)}",
            () => "no FetchRoom asked for it; recorded: "
                + (fetches.Count == 0 ? "no FetchRoom calls" : List(fetches.Select(n => Call(n) + AddressNote(n.Call, uniqueNameOrSid)))),
            because, becauseArgs);
        return new AndWhichConstraint<FakeRoomsAssertions, CallRecord>(this, matching.Count > 0 ? matching[^1].Call : null!);
    }

    /// <summary>
    /// Asserts that the app listed rooms (ReadRoom), whatever the answer. Chain
    /// <see cref="ListedRoomsConstraint.WithStatus"/>, <see cref="ListedRoomsConstraint.WithUniqueName"/> or
    /// <see cref="ListedRoomsConstraint.WithFilter"/> to check the filters it sent.
    /// </summary>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public ListedRoomsConstraint HaveListedRooms(string because = "", params object[] becauseArgs)
    {
        var reads = NumberedOf(Operation.ReadRoom);
        Check(reads.Count > 0,
            "to have listed rooms",
            () => "it received no ReadRoom calls" + (Numbered() is { Count: > 0 } all ? $"; recorded: {Calls(all)}" : ""),
            because, becauseArgs);
        return new ListedRoomsConstraint(this, reads);
    }

    /// <summary>True when a successful create sent this unique name, or made the room with this SID.</summary>
    private static bool Names(CallRecord call, string uniqueNameOrSid) =>
        call.FormValue("UniqueName") == uniqueNameOrSid || call.Room?.Sid == uniqueNameOrSid;

    /// <summary>True when a call on /v1/Rooms/{Sid} addressed this room, by the path or by the room it answered with.</summary>
    private static bool Addresses(CallRecord call, string uniqueNameOrSid) =>
        call.PathParameters.GetValueOrDefault("Sid") == uniqueNameOrSid
        || call.Room?.Sid == uniqueNameOrSid
        || call.Room?.UniqueName == uniqueNameOrSid;

    private static string AddressNote(CallRecord call, string wanted) =>
        NearMiss(call.PathParameters.GetValueOrDefault("Sid"), wanted) is { } miss ? $" ({miss})" : "";

    /// <summary>One recorded create, as the nearest-miss list shows it: <c>"standup" (case differs)</c>.</summary>
    private static string CreateEntry(CallRecord call, string wanted)
    {
        var notes = new List<string>();
        var sent = call.FormValue("UniqueName");
        string label;
        if (sent is not null)
        {
            label = Quote(sent);
            if (NearMiss(sent, wanted) is { } miss)
                notes.Add(miss);
        }
        else
        {
            label = "no UniqueName";
            if (call.Room is { } room)
                notes.Add($"room {room.Sid}");
            if (IgnoredStandIn(call, "UniqueName") is { } standIn)
                notes.Add($"Twilio ignored {standIn}");
            if (call.HadNonFormBody)
                notes.Add($"Twilio ignored the {call.ContentType ?? "non-form"} body");
        }
        if (!call.Succeeded)
            notes.Add($"rejected: {Answer(call)}");
        return notes.Count == 0 ? label : $"{label} ({string.Join("; ", notes)})";
    }
}
