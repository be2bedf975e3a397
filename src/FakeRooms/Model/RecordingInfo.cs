namespace FakeRooms;

/// <summary>One track recording at one moment (the values <c>GET /v1/Recordings/{Sid}</c> serves).</summary>
public sealed record RecordingInfo
{
    /// <summary>Recording SID, <c>RT</c> + 32 hex.</summary>
    public required string Sid { get; init; }
    /// <summary>The account.</summary>
    public required string AccountSid { get; init; }
    /// <summary>The room the track was published in.</summary>
    public required string RoomSid { get; init; }
    /// <summary>The publisher.</summary>
    public required string ParticipantSid { get; init; }
    /// <summary>The recorded track (<c>MT...</c>): the recording's <c>source_sid</c>.</summary>
    public required string SourceSid { get; init; }
    /// <summary>The track's name.</summary>
    public required string TrackName { get; init; }
    /// <summary>audio or video (data tracks are not recorded).</summary>
    public VideoTrackKind Type { get; init; }
    /// <summary>processing, completed, deleted or failed.</summary>
    public VideoRecordingStatus Status { get; init; }
    /// <summary>When capture started.</summary>
    public DateTimeOffset DateCreated { get; init; }
    /// <summary>When capture ended; null while the track is still being captured.</summary>
    public DateTimeOffset? CaptureEnded { get; init; }
    /// <summary>When the recording became (or becomes) available.</summary>
    public DateTimeOffset? AvailableAt { get; init; }
    /// <summary>Bytes of the media; 0 until completed.</summary>
    public long Size { get; init; }
    /// <summary>Whole seconds, at least 1 once completed; 0 until then.</summary>
    public int Duration { get; init; }
    /// <summary>The operation that failed, once <see cref="Status"/> is failed.</summary>
    public VideoRecordingFailedOperation? FailedOperation { get; init; }
}

/// <summary>A composition at one moment (the values <c>GET /v1/Compositions/{Sid}</c> serves).</summary>
public sealed record CompositionInfo
{
    /// <summary>Composition SID, <c>CJ</c> + 32 hex.</summary>
    public required string Sid { get; init; }
    /// <summary>The account.</summary>
    public required string AccountSid { get; init; }
    /// <summary>The completed group room whose recordings are composed.</summary>
    public required string RoomSid { get; init; }
    /// <summary>enqueued, processing, completed, deleted or failed.</summary>
    public VideoCompositionStatus Status { get; init; }
    /// <summary>Created.</summary>
    public DateTimeOffset DateCreated { get; init; }
    /// <summary>When media processing finished (completed or failed).</summary>
    public DateTimeOffset? DateCompleted { get; init; }
    /// <summary>Whole seconds; 0 until completed.</summary>
    public int Duration { get; init; }
    /// <summary>Bytes of the media; 0 until completed.</summary>
    public long Size { get; init; }
    /// <summary>The hook that created it, if any.</summary>
    public string? HookSid { get; init; }
    /// <summary>Why it failed (<c>ErrorMessage</c> of <c>composition-failed</c>).</summary>
    public string? ErrorMessage { get; init; }
}
