using FakeRooms.Http.Handlers;

namespace FakeRooms.Http.Catalogue;

internal static partial class OperationCatalog
{
    /// <summary>Spec <c>room_participant_enum_status</c>.</summary>
    private static string[] ParticipantStatuses => ["connected", "disconnected", "reconnecting"];

    /// <summary>Participants and their published and subscribed tracks (spec paths under /v1/Rooms/{RoomSid}/Participants).</summary>
    private static OperationDescription[] Participants() =>
    [
        Get("/v1/Rooms/{RoomSid}/Participants", Operation.ReadParticipant, ParticipantsHandler.Read,
            [Enum("Status", ParticipantStatuses), Text("Identity"), .. CreatedFilters, .. Paging()]),
        Get("/v1/Rooms/{RoomSid}/Participants/{Sid}", Operation.FetchParticipant, ParticipantsHandler.Fetch),
        Post("/v1/Rooms/{RoomSid}/Participants/{Sid}", Operation.UpdateParticipant, ParticipantsHandler.Update,
            Enum("Status", ParticipantStatuses)),
        Post("/v1/Rooms/{RoomSid}/Participants/{Sid}/Anonymize", Operation.AnonymizeParticipant, ParticipantsHandler.Anonymize),
        Get("/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/PublishedTracks", Operation.ReadPublishedTrack,
            ParticipantsHandler.ReadPublished, Paging()),
        Get("/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/PublishedTracks/{Sid}", Operation.FetchPublishedTrack,
            ParticipantsHandler.FetchPublished),
        Get("/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribedTracks", Operation.ReadSubscribedTrack,
            ParticipantsHandler.ReadSubscribed, Paging()),
        Get("/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribedTracks/{Sid}", Operation.FetchSubscribedTrack,
            ParticipantsHandler.FetchSubscribed),
    ];
}
