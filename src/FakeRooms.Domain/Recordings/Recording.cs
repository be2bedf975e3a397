using FakeRooms.Domain.Participants;

namespace FakeRooms.Domain.Recordings;

/// <summary>A recording's status (spec enum <c>recording_enum_status</c>).</summary>
internal enum RecordingStatus
{
    /// <summary><c>processing</c>: still being captured, or captured and not yet available (spec description).</summary>
    Processing,
    /// <summary><c>completed</c>: captured and available for download.</summary>
    Completed,
    /// <summary><c>deleted</c>: the media was deleted; the metadata stays.</summary>
    Deleted,
    /// <summary><c>failed</c></summary>
    Failed,
}

/// <summary>A recording's codec (spec enum <c>recording_enum_codec</c>).</summary>
internal enum RecordingCodec
{
    /// <summary><c>VP8</c></summary>
    VP8,
    /// <summary><c>H264</c></summary>
    H264,
    /// <summary><c>OPUS</c></summary>
    Opus,
    /// <summary><c>PCMU</c></summary>
    Pcmu,
}

/// <summary>A recording's container (spec enum <c>recording_enum_format</c>): audio in mka, video in mkv.</summary>
internal enum RecordingContainer
{
    /// <summary><c>mka</c>, Matroska audio.</summary>
    Mka,
    /// <summary><c>mkv</c>, Matroska video.</summary>
    Mkv,
}

/// <summary>
/// The operation a recording failed in (status-callbacks docs, <c>FailedOperation</c> of <c>recording-failed</c>).
/// </summary>
internal enum RecordingFailedOperation
{
    /// <summary><c>RecordingStart</c></summary>
    RecordingStart,
    /// <summary><c>RecordingComplete</c></summary>
    RecordingComplete,
    /// <summary><c>RecordingUpload</c></summary>
    RecordingUpload,
}

/// <summary>
/// An immutable snapshot of one track recording (spec schemas <c>video.v1.recording</c> and
/// <c>video.v1.room.room_recording</c>): one recording per included track, from the moment it is included until it
/// stops, is excluded or the room ends.
/// </summary>
internal sealed record Recording
{
    /// <summary>Recording SID, <c>RT</c> + 32 hex.</summary>
    public required string Sid { get; init; }
    /// <summary>The account.</summary>
    public required string AccountSid { get; init; }
    /// <summary>The room the track was published in.</summary>
    public required string RoomSid { get; init; }
    /// <summary>The publisher (a grouping SID, with the room).</summary>
    public required string ParticipantSid { get; init; }
    /// <summary>The recorded track (<c>MT...</c>): the recording's <c>source_sid</c>.</summary>
    public required string SourceSid { get; init; }
    /// <summary>The track's name.</summary>
    public required string TrackName { get; init; }
    /// <summary>audio or video (data tracks are not recorded).</summary>
    public TrackKind Type { get; init; }
    /// <summary>OPUS for audio; the room's video codec for video.</summary>
    public RecordingCodec Codec { get; init; }
    /// <summary>mka for audio, mkv for video.</summary>
    public RecordingContainer Container { get; init; }
    /// <summary>processing, completed, deleted or failed.</summary>
    public RecordingStatus Status { get; init; }
    /// <summary>When capture started (the recording's creation).</summary>
    public DateTimeOffset DateCreated { get; init; }
    /// <summary>When capture ended; null while the track is still being captured.</summary>
    public DateTimeOffset? CaptureEnded { get; init; }
    /// <summary>When the recording became (or becomes) available: capture end plus the processing delay.</summary>
    public DateTimeOffset? AvailableAt { get; init; }
    /// <summary>Milliseconds from the Twilio Video epoch to the start of the recording.</summary>
    public long Offset { get; init; }
    /// <summary>Bytes of the media; 0 until completed (spec example of a processing recording).</summary>
    public long Size { get; init; }
    /// <summary>Whole seconds, rounded, at least 1 once completed; 0 until then (spec example).</summary>
    public int Duration { get; init; }
    /// <summary>The room's status callback URL (recording events are room events).</summary>
    public string? StatusCallback { get; init; }
    /// <summary>The room's status callback method.</summary>
    public string StatusCallbackMethod { get; init; } = "POST";
    /// <summary>The operation that failed, once <see cref="Status"/> is failed.</summary>
    public RecordingFailedOperation? FailedOperation { get; init; }
    /// <summary>Creation order within the account.</summary>
    public long Sequence { get; init; }
}

/// <summary>A filtered, paged read of recordings (room recordings when <see cref="RoomSid"/> is set).</summary>
internal sealed record RecordingQuery
{
    /// <summary>Only this room's recordings.</summary>
    public string? RoomSid { get; init; }
    /// <summary>Only this status.</summary>
    public RecordingStatus? Status { get; init; }
    /// <summary>Only this source (track) SID.</summary>
    public string? SourceSid { get; init; }
    /// <summary>Only recordings whose grouping SIDs (room and participant) contain every one of these.</summary>
    public IReadOnlyList<string> GroupingSids { get; init; } = [];
    /// <summary>Only this media type.</summary>
    public TrackKind? MediaType { get; init; }
    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedOnOrAfter { get; init; }
    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }
    /// <summary>Page size.</summary>
    public int PageSize { get; init; } = 50;
    /// <summary>Page position from a token.</summary>
    public Rooms.PageCursor? Cursor { get; init; }
}
