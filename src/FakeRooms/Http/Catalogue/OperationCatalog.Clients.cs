using FakeRooms.Http.Handlers;

namespace FakeRooms.Http.Catalogue;

internal static partial class OperationCatalog
{
    /// <summary>Spec <c>room_transcriptions_enum_status</c>.</summary>
    private static string[] TranscriptionStatuses => ["started", "stopped", "failed"];

    /// <summary>A participant's subscribe rules (docs track-subscriptions) and a room's Transcriptions (docs video/api/transcriptions).</summary>
    private static OperationDescription[] Clients() =>
    [
        Get("/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribeRules", Operation.FetchSubscribeRule, SubscribeRulesHandler.Fetch),
        Post("/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribeRules", Operation.UpdateSubscribeRule, SubscribeRulesHandler.Update,
            Json("Rules")),
        Get("/v1/Rooms/{RoomSid}/Transcriptions", Operation.ReadTranscriptions, TranscriptionsHandler.Read, Paging()),
        Post("/v1/Rooms/{RoomSid}/Transcriptions", Operation.CreateTranscriptions, TranscriptionsHandler.Create, Json("Configuration")),
        Get("/v1/Rooms/{RoomSid}/Transcriptions/{Ttid}", Operation.FetchTranscriptions, TranscriptionsHandler.Fetch),
        Post("/v1/Rooms/{RoomSid}/Transcriptions/{Ttid}", Operation.UpdateTranscriptions, TranscriptionsHandler.Update,
            Enum("Status", TranscriptionStatuses), Json("Configuration")),
    ];
}
