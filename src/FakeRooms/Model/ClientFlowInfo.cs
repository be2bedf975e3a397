namespace FakeRooms;

/// <summary>
/// One of a participant's subscribe rules, as <c>GET .../SubscribeRules</c> shows it (Twilio docs, track-subscriptions):
/// a type and filters that are ANDed; a null filter was not given.
/// </summary>
/// <param name="Type"><c>include</c> or <c>exclude</c>.</param>
/// <param name="All">The <c>all</c> filter (only <c>true</c>).</param>
/// <param name="Publisher">A publisher's identity or SID.</param>
/// <param name="Track">A track's name or SID.</param>
/// <param name="Kind"><c>audio</c>, <c>video</c> or <c>data</c>.</param>
/// <param name="Priority"><c>low</c>, <c>standard</c> or <c>high</c>; kept and shown, it does not change subscriptions.</param>
public sealed record SubscribeRuleInfo(string? Type, bool? All, string? Publisher, string? Track, string? Kind, string? Priority);

/// <summary>The status of a room's Transcriptions resource.</summary>
public enum VideoTranscriptionStatus
{
    /// <summary><c>started</c></summary>
    Started,
    /// <summary><c>stopped</c></summary>
    Stopped,
    /// <summary><c>failed</c></summary>
    Failed,
}

/// <summary>A room's Transcriptions resource as the fake holds it (the shape the official SDKs read).</summary>
public sealed record TranscriptionInfo
{
    /// <summary>The resource's Twilio Type ID.</summary>
    public required string Ttid { get; init; }
    /// <summary>The account's SID.</summary>
    public required string AccountSid { get; init; }
    /// <summary>The room's SID.</summary>
    public required string RoomSid { get; init; }
    /// <summary>started, stopped or failed.</summary>
    public VideoTranscriptionStatus Status { get; init; }
    /// <summary>The configuration it was created or last updated with (wire names and values).</summary>
    public required IReadOnlyDictionary<string, string> Configuration { get; init; }
    /// <summary>When it was created.</summary>
    public DateTimeOffset DateCreated { get; init; }
    /// <summary>When it last changed.</summary>
    public DateTimeOffset? DateUpdated { get; init; }
    /// <summary>When transcribing started.</summary>
    public DateTimeOffset? StartTime { get; init; }
    /// <summary>When transcribing stopped.</summary>
    public DateTimeOffset? EndTime { get; init; }
    /// <summary>Seconds transcribed, once stopped.</summary>
    public int? Duration { get; init; }
}
