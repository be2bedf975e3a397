namespace FakeRooms.Domain.Transcriptions;

/// <summary>A Transcriptions resource's status (spec enum <c>room_transcriptions_enum_status</c>).</summary>
internal enum TranscriptionStatus
{
    /// <summary><c>started</c>: "The resource is created with status started by default" (docs video/api/transcriptions).</summary>
    Started,
    /// <summary><c>stopped</c></summary>
    Stopped,
    /// <summary><c>failed</c>: "Once it detects a failure, you can't restart that resource".</summary>
    Failed,
}

/// <summary>
/// An immutable snapshot of a room's Transcriptions resource, in the shape the official SDKs read (twilio-csharp 8.2.0
/// <c>TranscriptionsResource</c>, twilio-node 6.2.0 <c>TranscriptionsInstance</c>: ttid, account_sid, room_sid,
/// source_sid, status, the four dates, duration, url, configuration).
/// </summary>
internal sealed record Transcription
{
    /// <summary>
    /// The Twilio Type ID. The docs' property table says <c>video_transcriptions_{uuidv7-special-encoded}</c>; every
    /// example (docs and spec) shows <c>video_extension_</c> and a UUID, which is what the fake hands out.
    /// </summary>
    public required string Ttid { get; init; }
    /// <summary>The account's SID.</summary>
    public required string AccountSid { get; init; }
    /// <summary>The room's SID.</summary>
    public required string RoomSid { get; init; }
    /// <summary>started, stopped or failed.</summary>
    public TranscriptionStatus Status { get; init; }
    /// <summary>
    /// Key-value configuration (docs: <c>object&lt;string-map&gt;</c>; the examples show <c>"partialResults": "true"</c>
    /// for a request's <c>true</c>, so every value is kept as a string).
    /// </summary>
    public required IReadOnlyDictionary<string, string> Configuration { get; init; }
    /// <summary>Created.</summary>
    public DateTimeOffset DateCreated { get; init; }
    /// <summary>Docs: "Null if the resource hasn't been updated since creation".</summary>
    public DateTimeOffset? DateUpdated { get; init; }
    /// <summary>Docs: "when the resource was in state started and the first participant joined the Room".</summary>
    public DateTimeOffset? StartTime { get; init; }
    /// <summary>Docs: "when transcription processing has paused in the Room ... set to stopped or the last participant has left".</summary>
    public DateTimeOffset? EndTime { get; init; }
    /// <summary>
    /// Docs: "The cumulative time in seconds that the transcription resource has been in state started and at least one
    /// participant is in the Room"; the spec: "Populated only after the transcriptions is stopped". Null until the
    /// transcription first pauses.
    /// </summary>
    public int? Duration { get; init; }
    /// <summary>Creation order within the account.</summary>
    public long Sequence { get; init; }
}
