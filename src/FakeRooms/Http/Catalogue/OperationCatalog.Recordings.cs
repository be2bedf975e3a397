using FakeRooms.Http.Handlers;

namespace FakeRooms.Http.Catalogue;

internal static partial class OperationCatalog
{
    /// <summary>Spec <c>recording_enum_status</c> and <c>room_recording_enum_status</c>.</summary>
    private static string[] RecordingStatuses => ["processing", "completed", "deleted", "failed"];

    /// <summary>
    /// Recording rules, room and account recordings with their Media redirects, and /v1/RecordingSettings/Default
    /// (FACTS §3.6, §3.7, §4).
    /// </summary>
    private static OperationDescription[] Recordings() =>
    [
        Get("/v1/Rooms/{RoomSid}/RecordingRules", Operation.FetchRecordingRule, RecordingsHandler.FetchRules),
        Post("/v1/Rooms/{RoomSid}/RecordingRules", Operation.UpdateRecordingRule, RecordingsHandler.UpdateRules, Json("Rules")),
        Get("/v1/Rooms/{RoomSid}/Recordings", Operation.ReadRoomRecording, RecordingsHandler.ReadRoom,
            [Enum("Status", RecordingStatuses), Text("SourceSid"), .. CreatedFilters, .. Paging()]),
        Get("/v1/Rooms/{RoomSid}/Recordings/{Sid}", Operation.FetchRoomRecording, RecordingsHandler.FetchRoom),
        Delete("/v1/Rooms/{RoomSid}/Recordings/{Sid}", Operation.DeleteRoomRecording, RecordingsHandler.DeleteRoom),
        Media("/v1/Rooms/{RoomSid}/Recordings/{Sid}/Media", Operation.FetchRoomRecordingMedia, RecordingsHandler.MediaRoom),
        // Spec ListRecording: at most 100 per page.
        Get("/v1/Recordings", Operation.ReadRecording, RecordingsHandler.Read,
            [Enum("Status", RecordingStatuses), Text("SourceSid"), Text("GroupingSid").Repeated(), .. CreatedFilters,
             Enum("MediaType", "audio", "video", "data"), .. Paging(maxPageSize: 100)]),
        Get("/v1/Recordings/{Sid}", Operation.FetchRecording, RecordingsHandler.Fetch),
        Delete("/v1/Recordings/{Sid}", Operation.DeleteRecording, RecordingsHandler.Delete),
        Media("/v1/Recordings/{Sid}/Media", Operation.FetchRecordingMedia, RecordingsHandler.Media),
        Get("/v1/RecordingSettings/Default", Operation.FetchRecordingSettings, RecordingsHandler.FetchSettings),
        Post("/v1/RecordingSettings/Default", Operation.CreateRecordingSettings, RecordingsHandler.CreateSettings, MediaSettings),
    ];

    /// <summary>Spec CreateRecordingSettingsRequest and CreateCompositionSettingsRequest (the same fields).</summary>
    private static ParameterDescription[] MediaSettings =>
    [
        Text("FriendlyName").Required(), Text("AwsCredentialsSid"), Text("EncryptionKeySid"), Url("AwsS3Url"),
        Bool("AwsStorageEnabled"), Bool("EncryptionEnabled"),
    ];
}
