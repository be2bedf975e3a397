namespace FakeRooms.Domain.Rooms;

/// <summary>Whether a recording rule adds or removes tracks.</summary>
internal enum RecordingRuleType
{
    /// <summary><c>include</c></summary>
    Include,
    /// <summary><c>exclude</c></summary>
    Exclude,
}

/// <summary>
/// One recording rule (Twilio docs, recording-rules): a type and filters that are ANDed. A null filter was not given.
/// </summary>
/// <param name="Type">include or exclude; null when the request left it out (which makes the rule set invalid).</param>
/// <param name="All">The <c>all</c> filter; only <c>true</c> is valid, and only alone.</param>
/// <param name="Publisher">Participant identity or PA SID, case-sensitive.</param>
/// <param name="Track">Track name or MT SID.</param>
/// <param name="Kind">audio or video (as given; validated by <see cref="RoomRules"/>).</param>
internal sealed record RecordingRule(RecordingRuleType? Type, bool? All = null, string? Publisher = null, string? Track = null, string? Kind = null)
{
    /// <summary>Set when the request's rule object carried something Twilio refuses (unknown or repeated filter).</summary>
    public bool Malformed { get; init; }
}
