namespace FakeRooms.Domain.Errors;

/// <summary>Errors of what client apps do beyond rooms: subscribe rules, transcriptions, reconnecting participants.</summary>
internal static partial class TwilioErrors
{
    /// <summary>
    /// 53215, 400: the subscribe rules are not valid. The track-subscriptions docs quote the exact body:
    /// <c>{"code": 53215, "message": "Invalid Subscribe Rule(s)", "more_info": "https://www.twilio.com/docs/errors/53215", "status": 400}</c>,
    /// and "the currently active rules will not be updated".
    /// </summary>
    public static readonly TwilioError InvalidSubscribeRules = new(53215, 400, "Invalid Subscribe Rule(s)");

    /// <summary>
    /// 53117: subscribe rules on a room type without them. The code and name (RoomSubscriptionOperationNotSupportedError,
    /// "The subscription operation requested is not supported for the Room type") come from twilio-video.js
    /// <c>lib/util/twilio-video-errors.js</c> (FACTS §5.2); the older track-subscriptions docs say "The Track Subscription
    /// API is only available in Group Rooms". The HTTP status is [INFERRED].
    /// </summary>
    public static readonly TwilioError SubscriptionOperationNotSupported =
        new(53117, 400, "The subscription operation requested is not supported for the Room type");

    /// <summary>
    /// 53002: the participant did not come back within the reconnection window. Twilio's iOS best-practices guide
    /// (disconnection errors) describes SignalingConnectionTimeoutError 53002 as "The liveliness checks for the connection
    /// to Twilio's signaling server failed, or the current session expired"; the message is twilio-video.js's. Reported to
    /// the participant's client, never as a REST answer; the HTTP status is nominal.
    /// </summary>
    public static readonly TwilioError SignalingConnectionTimeout = new(53002, 400, "Signaling connection timed out");

    /// <summary>
    /// 20001, 400: a second Transcriptions resource for a room. Docs (video/api/transcriptions): "Real-time
    /// Transcriptions supports only a single instance of the Transcriptions resource per Room"; what Twilio answers to a
    /// second create is not documented, so the code is [INFERRED] (the generic invalid-parameter code).
    /// </summary>
    public static TwilioError TranscriptionExists(string roomSid, string ttid) =>
        new(20001, 400, $"Room {roomSid} already has a Transcriptions resource ({ttid}): update its Status to restart it");

    /// <summary>
    /// 20001, 400: restarting a failed transcription. Docs: "Once it detects a failure, you can't restart that
    /// resource"; the code is [INFERRED].
    /// </summary>
    public static TwilioError TranscriptionFailed(string ttid) =>
        new(20001, 400, $"Transcriptions {ttid} has failed and cannot be restarted");

    /// <summary>
    /// 20001, 400: transcriptions on a room that is not in progress. Docs: the settings "remain in effect until the Room
    /// ends"; starting one in an ended room is [INFERRED] refused with the generic code.
    /// </summary>
    public static TwilioError TranscriptionRoomNotInProgress(string roomSid) =>
        new(20001, 400, $"Room {roomSid} is not in progress: transcriptions run in rooms in progress only");

    /// <summary>
    /// 53204, 404: a simulated reconnect of a participant that is not reconnecting (a test-only operation; the code is
    /// twilio-video.js's ParticipantNotFoundError, as for other simulated operations on a participant not in the room).
    /// </summary>
    public static TwilioError ParticipantNotReconnecting(string participantSid) =>
        new(53204, 404, $"Participant not found: {participantSid} is not reconnecting");
}
