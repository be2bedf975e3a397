namespace FakeRooms;

/// <summary>
/// The Twilio Video REST operations, and nothing else: what a fault rule can target
/// (<see cref="Faults.FaultInjector.On"/>). <see cref="Operation"/>, which journaled calls carry, also has
/// <see cref="Operation.Unknown"/> (no route matched) and <see cref="Operation.Control"/> (the fake's own API), which
/// are no Twilio operation and so cannot be faulted. Each member has the value of its <see cref="Operation"/> twin.
/// </summary>
public enum TwilioOperation
{
    /// <summary><c>POST /v1/Rooms</c></summary>
    CreateRoom = (int)Operation.CreateRoom,
    /// <summary><c>GET /v1/Rooms</c></summary>
    ReadRoom = (int)Operation.ReadRoom,
    /// <summary><c>GET /v1/Rooms/{Sid}</c></summary>
    FetchRoom = (int)Operation.FetchRoom,
    /// <summary><c>POST /v1/Rooms/{Sid}</c></summary>
    UpdateRoom = (int)Operation.UpdateRoom,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Participants</c></summary>
    ReadParticipant = (int)Operation.ReadParticipant,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Participants/{Sid}</c></summary>
    FetchParticipant = (int)Operation.FetchParticipant,
    /// <summary><c>POST /v1/Rooms/{RoomSid}/Participants/{Sid}</c></summary>
    UpdateParticipant = (int)Operation.UpdateParticipant,
    /// <summary><c>POST /v1/Rooms/{RoomSid}/Participants/{Sid}/Anonymize</c></summary>
    AnonymizeParticipant = (int)Operation.AnonymizeParticipant,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/PublishedTracks</c></summary>
    ReadPublishedTrack = (int)Operation.ReadPublishedTrack,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/PublishedTracks/{Sid}</c></summary>
    FetchPublishedTrack = (int)Operation.FetchPublishedTrack,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribedTracks</c></summary>
    ReadSubscribedTrack = (int)Operation.ReadSubscribedTrack,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribedTracks/{Sid}</c></summary>
    FetchSubscribedTrack = (int)Operation.FetchSubscribedTrack,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/RecordingRules</c></summary>
    FetchRecordingRule = (int)Operation.FetchRecordingRule,
    /// <summary><c>POST /v1/Rooms/{RoomSid}/RecordingRules</c></summary>
    UpdateRecordingRule = (int)Operation.UpdateRecordingRule,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Recordings</c></summary>
    ReadRoomRecording = (int)Operation.ReadRoomRecording,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Recordings/{Sid}</c></summary>
    FetchRoomRecording = (int)Operation.FetchRoomRecording,
    /// <summary><c>DELETE /v1/Rooms/{RoomSid}/Recordings/{Sid}</c></summary>
    DeleteRoomRecording = (int)Operation.DeleteRoomRecording,
    /// <summary><c>GET /v1/Rooms/{RoomSid}/Recordings/{Sid}/Media</c></summary>
    FetchRoomRecordingMedia = (int)Operation.FetchRoomRecordingMedia,
    /// <summary><c>GET /v1/Recordings</c></summary>
    ReadRecording = (int)Operation.ReadRecording,
    /// <summary><c>GET /v1/Recordings/{Sid}</c></summary>
    FetchRecording = (int)Operation.FetchRecording,
    /// <summary><c>DELETE /v1/Recordings/{Sid}</c></summary>
    DeleteRecording = (int)Operation.DeleteRecording,
    /// <summary><c>GET /v1/Recordings/{Sid}/Media</c></summary>
    FetchRecordingMedia = (int)Operation.FetchRecordingMedia,
    /// <summary><c>GET /v1/RecordingSettings/Default</c></summary>
    FetchRecordingSettings = (int)Operation.FetchRecordingSettings,
    /// <summary><c>POST /v1/RecordingSettings/Default</c></summary>
    CreateRecordingSettings = (int)Operation.CreateRecordingSettings,
    /// <summary><c>POST /v1/Compositions</c></summary>
    CreateComposition = (int)Operation.CreateComposition,
    /// <summary><c>GET /v1/Compositions</c></summary>
    ReadComposition = (int)Operation.ReadComposition,
    /// <summary><c>GET /v1/Compositions/{Sid}</c></summary>
    FetchComposition = (int)Operation.FetchComposition,
    /// <summary><c>DELETE /v1/Compositions/{Sid}</c></summary>
    DeleteComposition = (int)Operation.DeleteComposition,
    /// <summary><c>GET /v1/Compositions/{Sid}/Media</c></summary>
    FetchCompositionMedia = (int)Operation.FetchCompositionMedia,
    /// <summary><c>POST /v1/CompositionHooks</c></summary>
    CreateCompositionHook = (int)Operation.CreateCompositionHook,
    /// <summary><c>GET /v1/CompositionHooks</c></summary>
    ReadCompositionHook = (int)Operation.ReadCompositionHook,
    /// <summary><c>GET /v1/CompositionHooks/{Sid}</c></summary>
    FetchCompositionHook = (int)Operation.FetchCompositionHook,
    /// <summary><c>POST /v1/CompositionHooks/{Sid}</c></summary>
    UpdateCompositionHook = (int)Operation.UpdateCompositionHook,
    /// <summary><c>DELETE /v1/CompositionHooks/{Sid}</c></summary>
    DeleteCompositionHook = (int)Operation.DeleteCompositionHook,
    /// <summary><c>GET /v1/CompositionSettings/Default</c></summary>
    FetchCompositionSettings = (int)Operation.FetchCompositionSettings,
    /// <summary><c>POST /v1/CompositionSettings/Default</c></summary>
    CreateCompositionSettings = (int)Operation.CreateCompositionSettings,
}
