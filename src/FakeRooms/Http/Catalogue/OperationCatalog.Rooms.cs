using FakeRooms.Http.Handlers;

namespace FakeRooms.Http.Catalogue;

internal static partial class OperationCatalog
{
    /// <summary>Spec <c>room_enum_room_status</c>.</summary>
    private static string[] RoomStatuses => ["in-progress", "completed", "failed"];

    /// <summary>Rooms (spec paths /v1/Rooms and /v1/Rooms/{Sid}).</summary>
    private static OperationDescription[] Rooms() =>
    [
        // Spec CreateRoomRequest (no parameter required).
        Post("/v1/Rooms", Operation.CreateRoom, RoomsHandler.Create,
            Bool("EnableTurn"),
            // Spec room_enum_room_type (listed here in the order of the contract report's messages).
            Enum("Type", "group", "group-small", "peer-to-peer", "go"),
            Text("UniqueName"),
            Url("StatusCallback"),
            CallbackMethod,
            Int("MaxParticipants"),
            Bool("RecordParticipantsOnConnect"),
            Bool("TranscribeParticipantsOnConnect"),
            Enum("VideoCodecs", "VP8", "H264").Repeated(),
            Text("MediaRegion"),
            Json("RecordingRules"),
            Json("TranscriptionsConfiguration"),
            Bool("AudioOnly"),
            Int("MaxParticipantDuration"),
            Int("EmptyRoomTimeout"),
            Int("UnusedRoomTimeout"),
            Bool("LargeRoom")),
        Get("/v1/Rooms", Operation.ReadRoom, RoomsHandler.Read,
            [Enum("Status", RoomStatuses), Text("UniqueName"), .. CreatedFilters, .. Paging()]),
        Get("/v1/Rooms/{Sid}", Operation.FetchRoom, RoomsHandler.Fetch),
        Post("/v1/Rooms/{Sid}", Operation.UpdateRoom, RoomsHandler.Update, Enum("Status", RoomStatuses).Required()),
    ];
}
