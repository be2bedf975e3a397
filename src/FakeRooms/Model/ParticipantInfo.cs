namespace FakeRooms;

/// <summary>A participant at one moment (the values <c>GET /v1/Rooms/{RoomSid}/Participants/{Sid}</c> serves).</summary>
public sealed record ParticipantInfo
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
    public VideoParticipantStatus Status { get; init; }
    /// <summary>Created.</summary>
    public DateTimeOffset DateCreated { get; init; }
    /// <summary>Last changed.</summary>
    public DateTimeOffset DateUpdated { get; init; }
    /// <summary>When the participant connected.</summary>
    public DateTimeOffset StartTime { get; init; }
    /// <summary>When the participant disconnected.</summary>
    public DateTimeOffset? EndTime { get; init; }
    /// <summary>Whole seconds connected; set once disconnected.</summary>
    public int? Duration { get; init; }
    /// <summary>
    /// The error the participant's Video SDK client was disconnected with (not part of the REST body): 53205 when the
    /// same identity joined again, 53216 when MaxParticipantDuration ran out, 53118 when the room ended. Null while
    /// connected, after leaving by itself, and after a REST kick (Twilio documents no code for that).
    /// </summary>
    public TwilioErrorInfo? DisconnectError { get; init; }
    /// <summary>Join order within the account.</summary>
    public long Sequence { get; init; }
}

/// <summary>A track a participant publishes.</summary>
public sealed record PublishedTrackInfo
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
    public VideoTrackKind Kind { get; init; }
    /// <summary>False while paused.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>Created.</summary>
    public DateTimeOffset DateCreated { get; init; }
    /// <summary>Last changed.</summary>
    public DateTimeOffset DateUpdated { get; init; }
}

/// <summary>A track one participant receives from another.</summary>
public sealed record SubscribedTrackInfo
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
    public VideoTrackKind Kind { get; init; }
    /// <summary>Whether the publisher has it enabled.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>When the subscription began.</summary>
    public DateTimeOffset DateCreated { get; init; }
    /// <summary>Last changed.</summary>
    public DateTimeOffset DateUpdated { get; init; }
}

/// <summary>A Twilio error: its code, the HTTP status it travels with and its message.</summary>
/// <param name="Code">The Twilio error code, e.g. 53205.</param>
/// <param name="HttpStatus">The HTTP status of a REST answer that carries it.</param>
/// <param name="Message">The message, as Twilio words it.</param>
public sealed record TwilioErrorInfo(int Code, int HttpStatus, string Message)
{
    /// <summary>The documentation link Twilio puts in <c>more_info</c>.</summary>
    public string MoreInfo => $"https://www.twilio.com/docs/errors/{Code}";
}

/// <summary>
/// What <see cref="SimulatedRooms"/> and <see cref="SimulatedParticipant"/> throw when Twilio would refuse the same
/// action: <see cref="Error"/> holds the code a Video client or REST call would get.
/// </summary>
public sealed class TwilioVideoException : Exception
{
    internal TwilioVideoException(TwilioErrorInfo error, Exception inner) : base($"{error.Code}: {error.Message}", inner) =>
        Error = error;

    /// <summary>The Twilio error.</summary>
    public TwilioErrorInfo Error { get; }
}
