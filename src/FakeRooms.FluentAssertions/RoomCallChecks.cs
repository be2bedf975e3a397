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

/// <summary>What the room assertions of <see cref="FakeRoomsAssertions"/> check and how they word a failure.</summary>
internal static class RoomCallChecks
{
    [CustomAssertion]
    public static CreatedRoomConstraint HaveCreatedRoom(FakeRoomsAssertions a, string uniqueNameOrSid, string because, object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(uniqueNameOrSid);
        var creates = a.NumberedOf(Operation.CreateRoom);
        var made = creates.Where(n => n.Call.Succeeded && Names(n.Call, uniqueNameOrSid)).ToList();
        FakeRoomsAssertions.Check(made.Count > 0,
            $"to have created room {Quote(uniqueNameOrSid)}",
            () => $"there was no CreateRoom with UniqueName {Quote(uniqueNameOrSid)}; recorded: "
                + (creates.Count == 0 ? "no CreateRoom calls" : List(creates.Select(n => CreateEntry(n.Call, uniqueNameOrSid)))),
            because, becauseArgs);
        return new CreatedRoomConstraint(a, uniqueNameOrSid, made);
    }

    [CustomAssertion]
    public static AndConstraint<FakeRoomsAssertions> NotHaveCreatedRoom(FakeRoomsAssertions a, string uniqueNameOrSid, string because, object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(uniqueNameOrSid);
        var made = a.NumberedOf(Operation.CreateRoom).Where(n => n.Call.Succeeded && Names(n.Call, uniqueNameOrSid)).ToList();
        FakeRoomsAssertions.Check(made.Count == 0,
            $"not to have created room {Quote(uniqueNameOrSid)}",
            () => $"it did: {Calls(made)}",
            because, becauseArgs);
        return new AndConstraint<FakeRoomsAssertions>(a);
    }

    [CustomAssertion]
    public static AndWhichConstraint<FakeRoomsAssertions, IReadOnlyList<RoomInfo>> HaveCreatedRooms(FakeRoomsAssertions a, int expected, string because, object[] becauseArgs)
    {
        var creates = a.NumberedOf(Operation.CreateRoom);
        var made = creates.Where(n => n.Call.Succeeded).ToList();
        var rejected = creates.Where(n => !n.Call.Succeeded).ToList();
        FakeRoomsAssertions.Check(made.Count == expected,
            $"to have created {Plural(expected, "room")}",
            () => (made.Count == 0 ? "it created none" : $"it created {made.Count}: {List(made.Select(n => Quote(n.Call.Room?.UniqueName)))}")
                + (rejected.Count == 0 ? "" : $"; rejected: {List(rejected.Select(n => CreateEntry(n.Call, "")))}"),
            because, becauseArgs);
        return new AndWhichConstraint<FakeRoomsAssertions, IReadOnlyList<RoomInfo>>(a, made.Select(n => n.Call.Room!).ToList());
    }

    [CustomAssertion]
    public static AndWhichConstraint<FakeRoomsAssertions, CallRecord> HaveCompletedRoom(FakeRoomsAssertions a, string uniqueNameOrSid, string because, object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(uniqueNameOrSid);
        var updates = a.NumberedOf(Operation.UpdateRoom);
        var completed = updates
            .Where(n => n.Call.Succeeded && n.Call.FormValue("Status") == "completed" && Addresses(n.Call, uniqueNameOrSid))
            .ToList();
        FakeRoomsAssertions.Check(completed.Count > 0,
            $"to have completed room {Quote(uniqueNameOrSid)}",
            () =>
            {
                var text = $"no UpdateRoom with Status=completed succeeded for it; recorded: "
                    + (updates.Count == 0 ? "no UpdateRoom calls" : List(updates.Select(n => Call(n) + AddressNote(n.Call, uniqueNameOrSid))));
                // The room may have ended without the app: an unused or empty room times out (docs UnusedRoomTimeout).
                if (FakeRoom.Find(a.Subject.Rooms, uniqueNameOrSid) is { Status: not VideoRoomStatus.InProgress } ended)
                    text += $" (room {Quote(uniqueNameOrSid)} is {Status(ended.Status)}, but not through the REST API)";
                return text;
            },
            because, becauseArgs);
        return new AndWhichConstraint<FakeRoomsAssertions, CallRecord>(a, completed.Count > 0 ? completed[^1].Call : null!);
    }

    [CustomAssertion]
    public static AndWhichConstraint<FakeRoomsAssertions, CallRecord> HaveFetchedRoom(FakeRoomsAssertions a, string uniqueNameOrSid, string because, object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(uniqueNameOrSid);
        var fetches = a.NumberedOf(Operation.FetchRoom);
        var matching = fetches.Where(n => Addresses(n.Call, uniqueNameOrSid)).ToList();
        FakeRoomsAssertions.Check(matching.Count > 0,
            $"to have fetched room {Quote(uniqueNameOrSid)}",
            () => "no FetchRoom asked for it; recorded: "
                + (fetches.Count == 0 ? "no FetchRoom calls" : List(fetches.Select(n => Call(n) + AddressNote(n.Call, uniqueNameOrSid)))),
            because, becauseArgs);
        return new AndWhichConstraint<FakeRoomsAssertions, CallRecord>(a, matching.Count > 0 ? matching[^1].Call : null!);
    }

    [CustomAssertion]
    public static ListedRoomsConstraint HaveListedRooms(FakeRoomsAssertions a, string because, object[] becauseArgs)
    {
        var reads = a.NumberedOf(Operation.ReadRoom);
        FakeRoomsAssertions.Check(reads.Count > 0,
            "to have listed rooms",
            () => "it received no ReadRoom calls" + (a.Numbered() is { Count: > 0 } all ? $"; recorded: {Calls(all)}" : ""),
            because, becauseArgs);
        return new ListedRoomsConstraint(a, reads);
    }

    /// <summary>True when a successful create sent this unique name, or made the room with this SID.</summary>
    internal static bool Names(CallRecord call, string uniqueNameOrSid) =>
        call.FormValue("UniqueName") == uniqueNameOrSid || call.Room?.Sid == uniqueNameOrSid;

    /// <summary>True when a call on /v1/Rooms/{Sid} addressed this room, by the path or by the room it answered with.</summary>
    internal static bool Addresses(CallRecord call, string uniqueNameOrSid) =>
        call.PathParameters.GetValueOrDefault("Sid") == uniqueNameOrSid
        || call.Room?.Sid == uniqueNameOrSid
        || call.Room?.UniqueName == uniqueNameOrSid;

    internal static string AddressNote(CallRecord call, string wanted) =>
        NearMiss(call.PathParameters.GetValueOrDefault("Sid"), wanted) is { } miss ? $" ({miss})" : "";

    /// <summary>One recorded create, as the nearest-miss list shows it: <c>"standup" (case differs)</c>.</summary>
    internal static string CreateEntry(CallRecord call, string wanted)
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
