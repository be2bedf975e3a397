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
/// The ReadRoom calls of <see cref="FakeRoomsAssertions.HaveListedRooms"/>. Each <c>With...</c> keeps the calls that
/// sent that filter and fails when none did, listing the filters each call sent.
/// </summary>
public sealed class ListedRoomsConstraint : CallConstraint
{
    internal ListedRoomsConstraint(FakeRoomsAssertions parent, IReadOnlyList<Numbered> matches)
        : base(parent, matches)
    {
    }

    /// <summary>Asserts a list call filtered by <c>Status</c> (<c>in-progress</c>, <c>completed</c>, <c>failed</c>).</summary>
    /// <param name="status">The status as Twilio spells it.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public ListedRoomsConstraint WithStatus(string status, string because = "", params object[] becauseArgs) =>
        WithFilter("Status", status, because, becauseArgs);

    /// <summary>Asserts a list call filtered by <c>UniqueName</c>.</summary>
    /// <param name="uniqueName">The name as sent.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public ListedRoomsConstraint WithUniqueName(string uniqueName, string because = "", params object[] becauseArgs) =>
        WithFilter("UniqueName", uniqueName, because, becauseArgs);

    /// <summary>Asserts a list call sent a query parameter with this value (e.g. <c>DateCreatedAfter</c>, <c>PageSize</c>).</summary>
    /// <param name="name">The query parameter as Twilio spells it.</param>
    /// <param name="value">The value as sent.</param>
    /// <param name="because">Why the assertion is needed.</param>
    /// <param name="becauseArgs">Values formatted into <paramref name="because"/>.</param>
    [CustomAssertion]
    public ListedRoomsConstraint WithFilter(string name, string value, string because = "", params object[] becauseArgs)
    {
        if (Matches.Count == 0)
            return this;
        var kept = Matches.Where(n => n.Call.Query.TryGetValue(name, out var values) && values.Contains(value)).ToList();
        FakeRoomsAssertions.Check(kept.Count > 0,
            $"to have listed rooms with {name}={value}",
            () => $"the ReadRoom calls sent: {List(Matches.Select(n => $"#{n.Position} {Filters(n.Call, name)}"), "; ")}",
            because, becauseArgs);
        return kept.Count > 0 ? new ListedRoomsConstraint(Parent, kept) : this;
    }

    private static string Filters(CallRecord call, string wanted)
    {
        var sent = call.Query.Count == 0
            ? "no filters"
            : string.Join("&", call.Query.SelectMany(p => p.Value.Select(v => $"{p.Key}={v}")));
        if (!call.Query.ContainsKey(wanted) && IgnoredStandIn(call, wanted) is { } standIn)
            sent += $" (Twilio ignored {standIn})";
        return sent;
    }
}
