namespace FakeRooms.Domain.Errors;

/// <summary>
/// The catalogue of Twilio errors the fake answers with. Codes and messages come from twilio-video.js
/// <c>lib/util/twilio-video-errors.js</c> and the twilio.com/docs/api/errors pages (see shared FACTS.md §5);
/// HTTP statuses are 400 unless a source says otherwise (FACTS §11: only 53113 and 53120 are confirmed as 400).
/// </summary>
internal static partial class TwilioErrors
{
    // ---- generic REST errors ----

    /// <summary>20001, 400: a required parameter is missing (message quoted from twilio-video.js#852).</summary>
    public static TwilioError MissingParameter(string name, string where = "post body") =>
        new(20001, 400, $"Missing required parameter {name} in the {where}");

    /// <summary>20001, 400: a parameter has a value of the wrong type or outside its allowed set.</summary>
    public static TwilioError InvalidParameter(string name, string value) =>
        new(20001, 400, $"Invalid {name}: '{Truncate(value)}'");

    /// <summary>20001, 400: a parameter is out of its documented range.</summary>
    public static TwilioError OutOfRange(string name, string value, string range) =>
        new(20001, 400, $"{name} is out of range: '{Truncate(value)}' (allowed: {range})");

    /// <summary>20003, 401: bad credentials. Twilio's classic message is "Authenticate" (FACTS §7).</summary>
    public static readonly TwilioError Authenticate = new(20003, 401, "Authenticate");

    /// <summary>20003, 401: no Authorization header (twilio-csharp#467).</summary>
    public static readonly TwilioError NoCredentials = new(20003, 401, "Authentication Error - No credentials provided");

    /// <summary>
    /// An account the fake cannot take on (it holds its maximum number of accounts). Twilio answers credentials of an
    /// account it does not know with 401/20003 (FACTS §7; docs https://www.twilio.com/docs/errors/20003), and past the
    /// bound the fake no longer knows new accounts; the message (Twilio's varies, FACTS §7) says why.
    /// </summary>
    public static TwilioError TooManyAccounts(int max) =>
        new(20003, 401, $"Authenticate: this fake already holds {max} accounts (FakeRoomsOptions.MaxAccounts, --max-accounts); reset one or raise the bound");

    /// <summary>20004, 405: the path exists but does not take this method.</summary>
    public static TwilioError MethodNotAllowed() => new(20004, 405, "Method not allowed");

    /// <summary>
    /// 20404, 404: unknown resource. Twilio's message names the path without the <c>/v1</c> version prefix:
    /// "The requested resource /Rooms/RM71 was not found" (FACTS §1.4).
    /// </summary>
    public static TwilioError NotFound(string resourcePath) =>
        new(20404, 404, $"The requested resource {resourcePath} was not found");

    /// <summary>
    /// 20429, 429: too many requests (Twilio docs, guide to scaling; twilio.com/docs/api/errors/20429: "Requests that
    /// receive 429 responses aren't processed and are safe to retry").
    /// </summary>
    public static readonly TwilioError TooManyRequests = new(20429, 429, "Too Many Requests");

    /// <summary>20500, 500: an internal error (used only for bugs in the fake and injected faults).</summary>
    public static readonly TwilioError InternalServerError = new(20500, 500, "Internal Server Error");

    /// <summary>
    /// 20503, 503: "The requested Twilio Service is temporarily unavailable" (twilio.com/docs/api/errors/20503, title
    /// "Service unavailable"); used only for injected faults.
    /// </summary>
    public static readonly TwilioError ServiceUnavailable = new(20503, 503, "Service unavailable");

    /// <summary>20413, 413: request entity too large.</summary>
    public static readonly TwilioError PayloadTooLarge = new(20413, 413, "Request Entity Too Large");

    /// <summary>
    /// 20001 with the transport's status (400, or 408 for a body that arrives too slowly): the HTTP request itself is
    /// malformed (a Host header that is not a host, a broken chunked body). Twilio documents no code for these; 20001
    /// is its generic 400 code (FACTS §5.2), so the fake answers with it rather than an empty body or a 500.
    /// </summary>
    public static TwilioError MalformedRequest(string what, int httpStatus = 400) =>
        new(20001, httpStatus, $"Malformed request: {what}");

    // ---- Video rooms (531xx) ----

    /// <summary>53101: UniqueName longer than 128 characters.</summary>
    public static readonly TwilioError RoomNameTooLong = new(53101, 400, "Room name is too long");

    /// <summary>53105: joining a room that is full (signalling; the fake uses it for simulated joins).</summary>
    public static readonly TwilioError RoomMaxParticipantsExceeded = new(53105, 400, "Room contains too many Participants");

    /// <summary>53106: joining a room that does not exist or has ended.</summary>
    public static readonly TwilioError RoomNotFound = new(53106, 404, "Room not found");

    /// <summary>53107: MaxParticipants outside the range the room type allows.</summary>
    public static readonly TwilioError MaxParticipantsOutOfRange = new(53107, 400, "MaxParticipants is out of range");

    /// <summary>53108: Type is not one of the room types.</summary>
    public static readonly TwilioError RoomTypeInvalid = new(53108, 400, "RoomType is not valid");

    /// <summary>53109: EmptyRoomTimeout or UnusedRoomTimeout outside 1..60 minutes.</summary>
    public static readonly TwilioError TimeoutOutOfRange = new(53109, 400, "Timeout is out of range");

    /// <summary>53110: StatusCallbackMethod is not GET or POST.</summary>
    public static readonly TwilioError StatusCallbackMethodInvalid = new(53110, 400, "StatusCallbackMethod is invalid");

    /// <summary>53111: StatusCallback is not an absolute http(s) URL, or too long.</summary>
    public static readonly TwilioError StatusCallbackInvalid = new(53111, 400, "StatusCallback is invalid");

    /// <summary>53112: update with a Status other than completed, or on a room that is not in progress.</summary>
    public static readonly TwilioError RoomStatusInvalid = new(53112, 400, "Status is invalid");

    /// <summary>53113: UniqueName is held by an in-progress room (HTTP 400 confirmed by a real twilio-ruby error).</summary>
    public static readonly TwilioError RoomExists = new(53113, 400, "Room exists");

    /// <summary>53114: a group-only parameter on a peer-to-peer or go room.</summary>
    public static readonly TwilioError RoomParametersIncompatible =
        new(53114, 400, "Room creation parameter(s) incompatible with the Room type");

    /// <summary>53115: MediaRegion is not a known region.</summary>
    public static readonly TwilioError MediaRegionInvalid = new(53115, 400, "MediaRegion is invalid");

    /// <summary>53118: the room has ended, so nobody can join or publish in it.</summary>
    public static readonly TwilioError RoomCompleted = new(53118, 400, "Room completed");

    /// <summary>53119: the account's concurrent rooms quota is used up (docs error 53119).</summary>
    public static readonly TwilioError RoomQuotaExceeded = new(53119, 429, "The concurrent Rooms quota was exceeded");

    /// <summary>53123: MaxParticipantDuration outside 600..86400 seconds (Twilio error docs, error 53123).</summary>
    public static readonly TwilioError MaxParticipantDurationOutOfRange = new(53123, 400, "MaxParticipantDuration is out of range");

    /// <summary>53120: recording rules are not valid (exact body quoted in the recording-rules docs).</summary>
    public static readonly TwilioError InvalidRecordingRules = new(53120, 400, "Invalid Recording Rule(s)");

    /// <summary>53125: the room does not take this track kind (an audio-only room refuses video).</summary>
    public static readonly TwilioError TrackKindNotSupported = new(53125, 400, "The track kind is not supported by the Room");

    /// <summary>
    /// 53122: a recording operation (recording rules, compositions) on a room type that is not recorded: peer-to-peer
    /// and go rooms (the older spec: recording is "not available in peer-to-peer rooms"). The code and name
    /// (RoomRecordingOperationNotSupportedError) come from Twilio's client SDK error enums (FACTS §5.2); the message and
    /// the HTTP status are [INFERRED].
    /// </summary>
    public static readonly TwilioError RecordingOperationNotSupported =
        new(53122, 400, "The recording operation requested is not supported for the Room type");

    // ---- recordings and compositions (codes [INFERRED] unless noted: Twilio documents none for these cases) ----

    /// <summary>
    /// 20001, 400: a composition for a room that is still in progress. The docs allow compositions of completed group
    /// rooms only (FACTS §4); the code is [INFERRED] (the generic invalid-parameter code).
    /// </summary>
    public static TwilioError RoomNotCompleted(string roomSid) =>
        new(20001, 400, $"Room {roomSid} is not completed: compositions can be created for completed rooms only");

    /// <summary>
    /// 20001, 400: neither VideoLayout nor AudioSources. Spec: "either video_layout or audio_sources have to be provided
    /// to get a valid creation request"; the code is [INFERRED].
    /// </summary>
    public static readonly TwilioError CompositionSourcesMissing =
        new(20001, 400, "Either VideoLayout or AudioSources must be provided");

    /// <summary>20001, 400: a composition hook FriendlyName already used in the account (spec: "must be unique within the account"); code [INFERRED].</summary>
    public static TwilioError FriendlyNameInUse(string friendlyName) =>
        new(20001, 400, $"FriendlyName '{Truncate(friendlyName)}' is already used by another composition hook");

    /// <summary>20001, 400: deleting a recording or composition whose media is still being produced; [INFERRED].</summary>
    public static TwilioError StillProcessing(string resourcePath) =>
        new(20001, 400, $"The resource {resourcePath} cannot be deleted while it is being processed");

    // ---- participants (532xx) ----

    /// <summary>53203: the room's max_concurrent_published_tracks is reached.</summary>
    public static readonly TwilioError MaxTracksExceeded = new(53203, 400, "The maximum number of published tracks allowed in the Room at the same time has been reached");

    /// <summary>53204: participant not found (signalling).</summary>
    public static readonly TwilioError ParticipantNotFound = new(53204, 404, "Participant not found");

    /// <summary>53205: an identity joined again, so the earlier participant was disconnected.</summary>
    public static readonly TwilioError DuplicateIdentity = new(53205, 409, "Participant disconnected because of duplicate identity");

    /// <summary>
    /// 53216: a participant was connected for MaxParticipantDuration and the server disconnected it (Twilio error docs
    /// 53216, "Raised by the server when a Participant's session length exceeds the MaxParticipantDuration value").
    /// Reported to the participant's client, never as a REST answer; the HTTP status is nominal.
    /// </summary>
    public static readonly TwilioError SessionLengthExceeded = new(53216, 400, "Participant session length exceeded");

    /// <summary>53200: participant identity is empty.</summary>
    public static readonly TwilioError ParticipantIdentityInvalid = new(53200, 400, "Participant identity is invalid");

    /// <summary>53201: participant identity over 128 characters (docs: programmable-video-limits).</summary>
    public static readonly TwilioError ParticipantIdentityTooLong = new(53201, 400, "Participant identity is too long");

    /// <summary>53301: track name is empty or invalid.</summary>
    public static readonly TwilioError TrackNameInvalid = new(53301, 400, "Track name is invalid");

    /// <summary>53302: track name over 128 characters.</summary>
    public static readonly TwilioError TrackNameTooLong = new(53302, 400, "Track name is too long");

    /// <summary>53304: the participant already publishes a track of that name.</summary>
    public static readonly TwilioError TrackNameDuplicated = new(53304, 409, "Track name is duplicated");

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "...";
}
