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
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Recordings</c></summary>
    ReadRoomRecording,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Recordings/{Sid}</c></summary>
    FetchRoomRecording,
    /// <summary><c>DELETE /v1/Rooms/{RoomSid}/Recordings/{Sid}</c></summary>
    DeleteRoomRecording,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Recordings/{Sid}/Media</c></summary>
    FetchRoomRecordingMedia,
    /// <summary><c>GET /v1/Recordings</c></summary>
    ReadRecording,
    /// <summary><c>GET /v1/Recordings/{Sid}</c></summary>
    FetchRecording,
    /// <summary><c>DELETE /v1/Recordings/{Sid}</c></summary>
    DeleteRecording,
    /// <summary><c>GET /v1/Recordings/{Sid}/Media</c></summary>
    FetchRecordingMedia,
    /// <summary><c>GET /v1/RecordingSettings/Default</c></summary>
    FetchRecordingSettings,
    /// <summary><c>POST /v1/RecordingSettings/Default</c></summary>
    CreateRecordingSettings,
    /// <summary><c>POST /v1/Compositions</c></summary>
    CreateComposition,
    /// <summary><c>GET /v1/Compositions</c></summary>
    ReadComposition,
    /// <summary><c>GET /v1/Compositions/{Sid}</c></summary>
    FetchComposition,
    /// <summary><c>DELETE /v1/Compositions/{Sid}</c></summary>
    DeleteComposition,
    /// <summary><c>GET /v1/Compositions/{Sid}/Media</c></summary>
    FetchCompositionMedia,
    /// <summary><c>POST /v1/CompositionHooks</c></summary>
    CreateCompositionHook,
    /// <summary><c>GET /v1/CompositionHooks</c></summary>
    ReadCompositionHook,
    /// <summary><c>GET /v1/CompositionHooks/{Sid}</c></summary>
    FetchCompositionHook,
    /// <summary><c>POST /v1/CompositionHooks/{Sid}</c></summary>
    UpdateCompositionHook,
    /// <summary><c>DELETE /v1/CompositionHooks/{Sid}</c></summary>
    DeleteCompositionHook,
    /// <summary><c>GET /v1/CompositionSettings/Default</c></summary>
    FetchCompositionSettings,
    /// <summary><c>POST /v1/CompositionSettings/Default</c></summary>
    CreateCompositionSettings,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribeRules</c></summary>
    FetchSubscribeRule,
    /// <summary><c>POST /v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribeRules</c></summary>
    UpdateSubscribeRule,
    /// <summary><c>POST /v1/Rooms/{RoomSid}/Transcriptions</c></summary>
    CreateTranscriptions,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Transcriptions</c></summary>
    ReadTranscriptions,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Transcriptions/{Ttid}</c></summary>
    FetchTranscriptions,
    /// <summary><c>POST /v1/Rooms/{RoomSid}/Transcriptions/{Ttid}</c></summary>
    UpdateTranscriptions,
    /// <summary>A request to the fake's own control API under <c>/__fakerooms/</c>.</summary>
    Control,
}
