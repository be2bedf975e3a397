using FakeRooms.Domain.Errors;

namespace FakeRooms.Domain.Participants;

/// <summary>A participant's status (spec enum <c>room_participant_enum_status</c>).</summary>
internal enum ParticipantStatus
{
    /// <summary><c>connected</c></summary>
    Connected,
    /// <summary><c>disconnected</c></summary>
    Disconnected,
    /// <summary><c>reconnecting</c></summary>
    Reconnecting,
}

/// <summary>The kind of a track (spec enum <c>room_participant_published_track_enum_kind</c>).</summary>
internal enum TrackKind
{
    /// <summary><c>audio</c></summary>
    Audio,
    /// <summary><c>video</c></summary>
    Video,
    /// <summary><c>data</c></summary>
    Data,
}

/// <summary>An immutable snapshot of a participant (spec schema <c>video.v1.room.room_participant</c>).</summary>
internal sealed record Participant
{
    /// <summary>Participant SID, <c>PA</c> + 32 hex.</summary>
    public required string Sid { get; init; }
    /// <summary>The room's SID.</summary>
    public required string RoomSid { get; init; }
    /// <summary>The account's SID.</summary>
    public required string AccountSid { get; init; }
    /// <summary>The identity from the access token (the SID once anonymized).</summary>
    public required string Identity { get; init; }
    /// <summary>connected, disconnected or reconnecting.</summary>
    public ParticipantStatus Status { get; init; }
    /// <summary>Created.</summary>
    public DateTimeOffset DateCreated { get; init; }
    /// <summary>Last changed.</summary>
    public DateTimeOffset DateUpdated { get; init; }
    /// <summary>When the participant connected.</summary>
    public DateTimeOffset StartTime { get; init; }
    /// <summary>When the participant disconnected.</summary>
    public DateTimeOffset? EndTime { get; init; }
    /// <summary>Whole seconds connected; set once disconnected (spec: "Populated only after the participant is disconnected").</summary>
    public int? Duration { get; init; }
    /// <summary>Join order within the account.</summary>
    public long Sequence { get; init; }
    /// <summary>
    /// The error the participant's Video SDK client was disconnected with; it is not part of the REST body. 53205 when
    /// the same identity joined again, 53216 when MaxParticipantDuration ran out, 53118 when the room ended. Null while
    /// connected, after leaving by itself, and after a REST kick (Twilio documents no code for that).
    /// </summary>
    public TwilioError? DisconnectError { get; init; }
}

/// <summary>A track a participant publishes (spec schema <c>room_participant_published_track</c>).</summary>
internal sealed record PublishedTrack
{
    /// <summary>Track SID, <c>MT</c> + 32 hex.</summary>
    public required string Sid { get; init; }
    /// <summary>Publisher's SID.</summary>
    public required string ParticipantSid { get; init; }
    /// <summary>Room SID.</summary>
    public required string RoomSid { get; init; }
    /// <summary>Track name, unique per participant.</summary>
    public required string Name { get; init; }
    /// <summary>audio, video or data.</summary>
    public TrackKind Kind { get; init; }
    /// <summary>False while paused.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>Created.</summary>
    public DateTimeOffset DateCreated { get; init; }
    /// <summary>Last changed.</summary>
    public DateTimeOffset DateUpdated { get; init; }
    /// <summary>Publication order.</summary>
    public long Sequence { get; init; }
}

/// <summary>A track one participant receives from another (spec schema <c>room_participant_subscribed_track</c>).</summary>
internal sealed record SubscribedTrack
{
    /// <summary>The published track's SID.</summary>
    public required string Sid { get; init; }
    /// <summary>The subscriber's SID.</summary>
    public required string ParticipantSid { get; init; }
    /// <summary>The publisher's SID.</summary>
    public required string PublisherSid { get; init; }
    /// <summary>Room SID.</summary>
    public required string RoomSid { get; init; }
    /// <summary>Track name.</summary>
    public required string Name { get; init; }
    /// <summary>audio, video or data.</summary>
    public TrackKind Kind { get; init; }
    /// <summary>Whether the publisher has it enabled.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>When the subscription began.</summary>
    public DateTimeOffset DateCreated { get; init; }
    /// <summary>Last changed.</summary>
    public DateTimeOffset DateUpdated { get; init; }
    /// <summary>The published track's publication order.</summary>
    public long Sequence { get; init; }
}
