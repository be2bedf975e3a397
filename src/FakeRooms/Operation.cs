namespace FakeRooms;

/// <summary>The Twilio Video operations the fake serves, named as in Twilio's spec (operationId without the verb noise).</summary>
public enum Operation
{
    /// <summary>A request no route matched (404 or 405).</summary>
    Unknown,
    /// <summary><c>POST /v1/Rooms</c></summary>
    CreateRoom,
    /// <summary><c>GET /v1/Rooms</c></summary>
    ReadRoom,
    /// <summary><c>GET /v1/Rooms/{Sid}</c></summary>
    FetchRoom,
    /// <summary><c>POST /v1/Rooms/{Sid}</c></summary>
    UpdateRoom,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Participants</c></summary>
    ReadParticipant,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Participants/{Sid}</c></summary>
    FetchParticipant,
    /// <summary><c>POST /v1/Rooms/{RoomSid}/Participants/{Sid}</c></summary>
    UpdateParticipant,
    /// <summary><c>POST /v1/Rooms/{RoomSid}/Participants/{Sid}/Anonymize</c></summary>
    AnonymizeParticipant,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/PublishedTracks</c></summary>
    ReadPublishedTrack,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/PublishedTracks/{Sid}</c></summary>
    FetchPublishedTrack,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribedTracks</c></summary>
    ReadSubscribedTrack,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribedTracks/{Sid}</c></summary>
    FetchSubscribedTrack,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/RecordingRules</c></summary>
    FetchRecordingRule,
    /// <summary><c>POST /v1/Rooms/{RoomSid}/RecordingRules</c></summary>
    UpdateRecordingRule,
    /// <summary>A request to the fake's own control API under <c>/__fakerooms/</c>.</summary>
    Control,
}
