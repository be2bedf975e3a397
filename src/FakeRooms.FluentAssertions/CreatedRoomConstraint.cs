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

/// <summary>
/// The successful CreateRoom calls of <see cref="FakeRoomsAssertions.HaveCreatedRoom"/>. Each <c>With...</c> keeps
/// the creates that match it and fails when none does, saying what the room was created with instead.
/// <c>WithType</c>, <c>WithMaxParticipants</c> and <c>WithStatusCallback</c> check the room as created (Twilio's
/// defaults included: a create without <c>Type</c> made a group room); <see cref="WithParameter"/> checks the form
/// field exactly as sent.
/// </summary>
public sealed class CreatedRoomConstraint : CallConstraint
{
    private readonly string _room;

    internal CreatedRoomConstraint(FakeRoomsAssertions parent, string room, IReadOnlyList<Numbered> matches)
        : base(parent, matches)
    {
        _room = room;
    }

    /// <summary>Asserts the room's type, as <see cref="WithType(string, string, object[])"/> with its wire name.</summary>
    /// <param name="type">The type.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public CreatedRoomConstraint WithType(VideoRoomType type, string because = "", params object[] becauseArgs) =>
        WithType(type.WireName(), because, becauseArgs);

    /// <summary>Asserts the room's type: <c>group</c>, <c>group-small</c>, <c>peer-to-peer</c> or <c>go</c>.</summary>
    /// <param name="type">The type as Twilio spells it.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public CreatedRoomConstraint WithType(string type, string because = "", params object[] becauseArgs) =>
        Narrow($"type {Quote(type)}",
            call => call.Room is { } room && Type(room.Type) == type,
            call => $"type {Quote(call.Room is { } room ? Type(room.Type) : null)}{NotSent(call, "Type")}",
            because, becauseArgs);

    /// <summary>Asserts the room's maximum number of participants (Twilio's default applies when none was sent).</summary>
    /// <param name="maxParticipants">The expected maximum.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public CreatedRoomConstraint WithMaxParticipants(int maxParticipants, string because = "", params object[] becauseArgs) =>
        Narrow($"max participants {maxParticipants}",
            call => call.Room?.MaxParticipants == maxParticipants,
            call => $"max participants {call.Room?.MaxParticipants}{NotSent(call, "MaxParticipants")}",
            because, becauseArgs);

    /// <summary>Asserts the room's status callback URL, exactly.</summary>
    /// <param name="url">The expected URL.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public CreatedRoomConstraint WithStatusCallback(string url, string because = "", params object[] becauseArgs) =>
        Narrow($"status callback {Quote(url)}",
            call => call.Room?.StatusCallback == url,
            call => call.Room?.StatusCallback is { } actual
                ? $"status callback {Quote(actual)}{(NearMiss(actual, url) is { } miss ? $" ({miss})" : "")}"
                : $"no status callback{NotSent(call, "StatusCallback")}",
            because, becauseArgs);

    /// <summary>
    /// Asserts a form field exactly as the app sent it (any CreateRoom parameter, e.g. <c>RecordingRules</c> or
    /// <c>MediaRegion</c>). A repeated field (<c>VideoCodecs</c>) matches when any of its values does.
    /// </summary>
    /// <param name="name">The parameter name as Twilio spells it, e.g. <c>EmptyRoomTimeout</c>.</param>
    /// <param name="value">The value as sent.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public CreatedRoomConstraint WithParameter(string name, string value, string because = "", params object[] becauseArgs) =>
        Narrow($"parameter {name}={value}",
            call => call.Form.TryGetValue(name, out var values) && values.Contains(value),
            call => call.Form.TryGetValue(name, out var values)
                ? string.Join(", ", values.Select(v => $"{name}={v}"))
                : $"no {name} parameter{(IgnoredStandIn(call, name) is { } standIn ? $" (Twilio ignored {standIn})" : "")}",
            because, becauseArgs);

    [CustomAssertion]
    private CreatedRoomConstraint Narrow(string expectation, Func<CallRecord, bool> match, Func<CallRecord, string> actual,
        string because, object[] becauseArgs)
    {
        // Empty only when HaveCreatedRoom already failed inside an AssertionScope: say it once.
        if (Matches.Count == 0)
            return this;
        var kept = Matches.Where(n => match(n.Call)).ToList();
        FakeRoomsAssertions.Check(kept.Count > 0,
            $"to have created room {Quote(_room)} with {expectation}",
            () => $"it was created with {List(Matches.Select(n => actual(n.Call)).Distinct(), "; ")}",
            because, becauseArgs);
        return kept.Count > 0 ? new CreatedRoomConstraint(Parent, _room, kept) : this;
    }

    /// <summary><c> (Type not sent)</c>, when Twilio's default applied, and what Twilio ignored in its place.</summary>
    private static string NotSent(CallRecord call, string parameter)
    {
        if (call.FormValue(parameter) is not null)
            return "";
        return IgnoredStandIn(call, parameter) is { } standIn
            ? $" ({parameter} not sent; Twilio ignored {standIn})"
            : $" ({parameter} not sent)";
    }
}
