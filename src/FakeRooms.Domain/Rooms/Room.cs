namespace FakeRooms.Domain.Rooms;

/// <summary>
/// An immutable snapshot of a room as Twilio serves it (spec schema <c>video.v1.room</c>). Every change to a room
/// produces a new snapshot, so a snapshot can be read without locks.
/// </summary>
internal sealed record Room
{
    /// <summary>The room SID, <c>RM</c> + 32 lowercase hex digits.</summary>
    public required string Sid { get; init; }
    /// <summary>The account that owns the room.</summary>
    public required string AccountSid { get; init; }
    /// <summary>The unique name; the SID when none was given.</summary>
    public required string UniqueName { get; init; }
    /// <summary>in-progress, completed or failed.</summary>
    public RoomStatus Status { get; init; }
    /// <summary>The room type.</summary>
    public RoomType Type { get; init; }
    /// <summary>The status callback URL, or null.</summary>
    public string? StatusCallback { get; init; }
    /// <summary>
    /// The status callback method as given (GET or POST; under the Schema validation profile any HTTP method token).
    /// </summary>
    public string StatusCallbackMethod { get; init; } = "POST";
    /// <summary>Maximum concurrent participants.</summary>
    public int MaxParticipants { get; init; }
    /// <summary>Maximum seconds a participant may stay connected.</summary>
    public int MaxParticipantDuration { get; init; }
    /// <summary>Maximum concurrently published tracks (0 = unconstrained).</summary>
    public int MaxConcurrentPublishedTracks { get; init; }
    /// <summary>Whether participants are recorded when they connect.</summary>
    public bool RecordParticipantsOnConnect { get; init; }
    /// <summary>Video codecs allowed in the room (empty for audio-only rooms).</summary>
    public IReadOnlyList<VideoCodec> VideoCodecs { get; init; } = [];
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
    /// <summary>Always true (EnableTurn is deprecated).</summary>
    public bool EnableTurn { get; init; } = true;
    /// <summary>When the room was created.</summary>
    public DateTimeOffset DateCreated { get; init; }
    /// <summary>When the room last changed.</summary>
    public DateTimeOffset DateUpdated { get; init; }
    /// <summary>When the room ended, or null while in progress.</summary>
    public DateTimeOffset? EndTime { get; init; }
    /// <summary>Whole seconds from creation to end, or null while in progress.</summary>
    public int? Duration { get; init; }
    /// <summary>The active recording rules (empty when none).</summary>
    public IReadOnlyList<RecordingRule> RecordingRules { get; init; } = [];
    /// <summary>Creation order within the account; ties in <see cref="DateCreated"/> sort by it.</summary>
    public long Sequence { get; init; }
}
