using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Compositions;

/// <summary>A composition's status (spec enum <c>composition_enum_status</c>).</summary>
internal enum CompositionStatus
{
    /// <summary><c>enqueued</c>: "the initial state ... received and is scheduled for processing" (spec).</summary>
    Enqueued,
    /// <summary><c>processing</c></summary>
    Processing,
    /// <summary><c>completed</c>: available for download.</summary>
    Completed,
    /// <summary><c>deleted</c>: the media was deleted; the metadata stays (spec: "for 30 days").</summary>
    Deleted,
    /// <summary><c>failed</c></summary>
    Failed,
}

/// <summary>A composition's container (spec enum <c>composition_enum_format</c>).</summary>
internal enum CompositionFormat
{
    /// <summary><c>mp4</c>: H.264 video and AAC audio.</summary>
    Mp4,
    /// <summary><c>webm</c>: VP8 video and Opus audio.</summary>
    Webm,
}

/// <summary>
/// One region of a composition's video layout (docs compositions-resource, "Specifying Video Layouts"). The spec's
/// examples show every property of a region, defaults included, so the fake keeps them all.
/// </summary>
internal sealed record VideoRegion
{
    /// <summary>The region's name (the key in <c>video_layout</c>), e.g. <c>grid</c>, <c>pip</c>, <c>transcode</c>.</summary>
    public required string Name { get; init; }
    /// <summary>Track names (with <c>*</c> wildcards) or SIDs whose video goes into the region.</summary>
    public IReadOnlyList<string> VideoSources { get; init; } = [];
    /// <summary>Sources taken out of <see cref="VideoSources"/>.</summary>
    public IReadOnlyList<string> VideoSourcesExcluded { get; init; } = [];
    /// <summary>How cells are reused: <c>none</c>, <c>show_oldest</c> (default), <c>show_newest</c>.</summary>
    public string Reuse { get; init; } = "show_oldest";
    /// <summary>Left edge in pixels.</summary>
    public int XPos { get; init; }
    /// <summary>Top edge in pixels.</summary>
    public int YPos { get; init; }
    /// <summary>Stacking order.</summary>
    public int ZPos { get; init; }
    /// <summary>Width in pixels (0: the whole width).</summary>
    public int Width { get; init; }
    /// <summary>Height in pixels (0: the whole height).</summary>
    public int Height { get; init; }
    /// <summary>Most columns (0: no limit).</summary>
    public int MaxColumns { get; init; }
    /// <summary>Most rows (0: no limit).</summary>
    public int MaxRows { get; init; }
    /// <summary>Cells left empty.</summary>
    public IReadOnlyList<int> CellsExcluded { get; init; } = [];
}

/// <summary>What a composition is made of and how: shared by compositions and composition hooks.</summary>
internal sealed record CompositionSpec
{
    /// <summary>The video layout's regions, in the order given; empty for audio-only compositions.</summary>
    public IReadOnlyList<VideoRegion> VideoLayout { get; init; } = [];
    /// <summary>Audio sources: track names with <c>*</c> wildcards, or SIDs.</summary>
    public IReadOnlyList<string> AudioSources { get; init; } = [];
    /// <summary>Audio sources taken out.</summary>
    public IReadOnlyList<string> AudioSourcesExcluded { get; init; } = [];
    /// <summary><c>{width}x{height}</c>; spec default <c>640x480</c>.</summary>
    public string Resolution { get; init; } = CompositionRules.DefaultResolution;
    /// <summary>mp4 or webm.</summary>
    public CompositionFormat Format { get; init; } = CompositionFormat.Webm;
    /// <summary>Whether gaps with no media are cut (spec default true).</summary>
    public bool Trim { get; init; } = true;
    /// <summary>Where composition events are sent; null sends none (spec: "If not provided, status callback events will not be dispatched").</summary>
    public string? StatusCallback { get; init; }
    /// <summary>GET or POST (spec default POST).</summary>
    public string StatusCallbackMethod { get; init; } = "POST";
}

/// <summary>An immutable snapshot of a composition (spec schema <c>video.v1.composition</c>).</summary>
internal sealed record Composition
{
    /// <summary>Composition SID, <c>CJ</c> + 32 hex.</summary>
    public required string Sid { get; init; }
    /// <summary>The account.</summary>
    public required string AccountSid { get; init; }
    /// <summary>The completed group room whose recordings are composed.</summary>
    public required string RoomSid { get; init; }
    /// <summary>Layout, sources, format...</summary>
    public required CompositionSpec Spec { get; init; }
    /// <summary>enqueued, processing, completed, deleted or failed.</summary>
    public CompositionStatus Status { get; init; }
    /// <summary>Created.</summary>
    public DateTimeOffset DateCreated { get; init; }
    /// <summary>When media processing finished (completed or failed).</summary>
    public DateTimeOffset? DateCompleted { get; init; }
    /// <summary>When the media was deleted.</summary>
    public DateTimeOffset? DateDeleted { get; init; }
    /// <summary>Average bit rate in kbit/s; 0 until completed.</summary>
    public int Bitrate { get; init; }
    /// <summary>Bytes of the media; 0 until completed.</summary>
    public long Size { get; init; }
    /// <summary>Whole seconds; 0 until completed.</summary>
    public int Duration { get; init; }
    /// <summary>The recordings the composition takes, chosen when processing starts.</summary>
    public IReadOnlyList<string> RecordingSids { get; init; } = [];
    /// <summary>The hook that created it, if any (status callbacks carry <c>HookSid</c>).</summary>
    public string? HookSid { get; init; }
    /// <summary>The hook's friendly name, if a hook created it.</summary>
    public string? HookFriendlyName { get; init; }
    /// <summary>Why it failed (<c>ErrorMessage</c> of <c>composition-failed</c>).</summary>
    public string? ErrorMessage { get; init; }
    /// <summary>Creation order within the account.</summary>
    public long Sequence { get; init; }
}

/// <summary>A filtered, paged read of compositions.</summary>
internal sealed record CompositionQuery
{
    /// <summary>Only this status.</summary>
    public CompositionStatus? Status { get; init; }
    /// <summary>Only this room's compositions.</summary>
    public string? RoomSid { get; init; }
    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedOnOrAfter { get; init; }
    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }
    /// <summary>Page size.</summary>
    public int PageSize { get; init; } = 50;
    /// <summary>Page position from a token.</summary>
    public PageCursor? Cursor { get; init; }
}
