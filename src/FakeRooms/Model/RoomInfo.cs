namespace FakeRooms;

/// <summary>
/// A room as the fake holds it at one moment (the values <c>GET /v1/Rooms/{Sid}</c> serves). Read it from
/// <see cref="SimulatedRooms"/> or <see cref="Journal.CallRecord.Room"/>; it does not change when the room does.
/// </summary>
public sealed record RoomInfo
{
    /// <summary>The room SID, <c>RM</c> + 32 lowercase hex digits.</summary>
    public required string Sid { get; init; }
    /// <summary>The account that owns the room.</summary>
    public required string AccountSid { get; init; }
    /// <summary>The unique name; the SID when none was given.</summary>
    public required string UniqueName { get; init; }
    /// <summary>in-progress, completed or failed.</summary>
    public VideoRoomStatus Status { get; init; }
    /// <summary>The room type.</summary>
    public VideoRoomType Type { get; init; }
    /// <summary>The status callback URL, or null.</summary>
    public string? StatusCallback { get; init; }
    /// <summary>The status callback method as given (GET or POST).</summary>
    public string StatusCallbackMethod { get; init; } = "POST";
    /// <summary>Maximum concurrent participants.</summary>
    public int MaxParticipants { get; init; }
    /// <summary>Maximum seconds a participant may stay connected.</summary>
    public int MaxParticipantDuration { get; init; }
    /// <summary>Maximum concurrently published tracks (0 = unconstrained).</summary>
    public int MaxConcurrentPublishedTracks { get; init; }
    /// <summary>Whether participants are recorded when they connect.</summary>
    public bool RecordParticipantsOnConnect { get; init; }
    /// <summary>Video codecs allowed in the room, as Twilio spells them (<c>VP8</c>, <c>H264</c>); empty for audio-only rooms.</summary>
    public IReadOnlyList<string> VideoCodecs { get; init; } = [];
    /// <summary>The media region, e.g. <c>us1</c>.</summary>
    public string? MediaRegion { get; init; }
    /// <summary>Whether only audio may be published.</summary>
    public bool AudioOnly { get; init; }
    /// <summary>Minutes the room stays open after the last participant left.</summary>
    public int EmptyRoomTimeout { get; init; }
    /// <summary>Minutes the room stays open if nobody joins.</summary>
    public int UnusedRoomTimeout { get; init; }
    /// <summary>Whether this is a large room.</summary>
    public bool LargeRoom { get; init; }
    /// <summary>When the room was created.</summary>
    public DateTimeOffset DateCreated { get; init; }
    /// <summary>When the room last changed.</summary>
    public DateTimeOffset DateUpdated { get; init; }
    /// <summary>When the room ended, or null while in progress.</summary>
    public DateTimeOffset? EndTime { get; init; }
    /// <summary>Whole seconds from creation to end, or null while in progress.</summary>
    public int? Duration { get; init; }
    /// <summary>The active recording rules (empty when none), as <c>GET /v1/Rooms/{Sid}/RecordingRules</c> lists them.</summary>
    public IReadOnlyList<RecordingRuleInfo> RecordingRules { get; init; } = [];
    /// <summary>Creation order within the account; rooms created at the same instant sort by it.</summary>
    public long Sequence { get; init; }
}

/// <summary>One recording rule of a room (docs: video/api/recording-rules).</summary>
/// <param name="Type"><c>include</c> or <c>exclude</c>.</param>
/// <param name="All">True for a rule that matches every track.</param>
/// <param name="Publisher">The publisher's identity or SID the rule matches, or null.</param>
/// <param name="Track">The track name or SID the rule matches, or null.</param>
/// <param name="Kind">The track kind the rule matches (<c>audio</c>, <c>video</c>, <c>data</c>), or null.</param>
public sealed record RecordingRuleInfo(string? Type, bool? All, string? Publisher, string? Track, string? Kind);

/// <summary>
/// What <see cref="SimulatedRooms.Create"/> seeds a room with; what is left null takes Twilio's default, as a
/// <c>POST /v1/Rooms</c> without that parameter does. Recording rules and codecs: create the room through REST.
/// </summary>
public sealed record NewRoom
{
    /// <summary>Unique name; the SID when null.</summary>
    public string? UniqueName { get; init; }
    /// <summary>Room type; group when null.</summary>
    public VideoRoomType? Type { get; init; }
    /// <summary>Status callback URL.</summary>
    public string? StatusCallback { get; init; }
    /// <summary>Status callback method (GET or POST).</summary>
    public string? StatusCallbackMethod { get; init; }
    /// <summary>Maximum participants.</summary>
    public int? MaxParticipants { get; init; }
    /// <summary>Maximum participant duration in seconds.</summary>
    public int? MaxParticipantDuration { get; init; }
    /// <summary>Record participants on connect.</summary>
    public bool? RecordParticipantsOnConnect { get; init; }
    /// <summary>Media region, e.g. <c>us1</c>.</summary>
    public string? MediaRegion { get; init; }
    /// <summary>Audio only.</summary>
    public bool? AudioOnly { get; init; }
    /// <summary>Empty room timeout in minutes.</summary>
    public int? EmptyRoomTimeout { get; init; }
    /// <summary>Unused room timeout in minutes.</summary>
    public int? UnusedRoomTimeout { get; init; }
    /// <summary>Large room.</summary>
    public bool? LargeRoom { get; init; }
}
