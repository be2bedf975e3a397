using FakeRooms.Http.Handlers;

namespace FakeRooms.Http.Catalogue;

internal static partial class OperationCatalog
{
    /// <summary>Compositions, composition hooks and /v1/CompositionSettings/Default (FACTS §4).</summary>
    private static OperationDescription[] Compositions() =>
    [
        Post("/v1/Compositions", Operation.CreateComposition, CompositionsHandler.Create,
            [Text("RoomSid").Required(), .. CompositionSpec]),
        // Spec ListComposition: at most 100 per page; composition_enum_status.
        Get("/v1/Compositions", Operation.ReadComposition, CompositionsHandler.Read,
            [Enum("Status", "enqueued", "processing", "completed", "deleted", "failed"), .. CreatedFilters, Text("RoomSid"),
             .. Paging(maxPageSize: 100)]),
        Get("/v1/Compositions/{Sid}", Operation.FetchComposition, CompositionsHandler.Fetch),
        Delete("/v1/Compositions/{Sid}", Operation.DeleteComposition, CompositionsHandler.Delete),
        Media("/v1/Compositions/{Sid}/Media", Operation.FetchCompositionMedia, CompositionsHandler.Media),
        Post("/v1/CompositionHooks", Operation.CreateCompositionHook, CompositionsHandler.CreateHook, HookParameters),
        Get("/v1/CompositionHooks", Operation.ReadCompositionHook, CompositionsHandler.ReadHook,
            [Bool("Enabled"), .. CreatedFilters, Text("FriendlyName"), .. Paging()]),
        Get("/v1/CompositionHooks/{Sid}", Operation.FetchCompositionHook, CompositionsHandler.FetchHook),
        Post("/v1/CompositionHooks/{Sid}", Operation.UpdateCompositionHook, CompositionsHandler.UpdateHook, HookParameters),
        Delete("/v1/CompositionHooks/{Sid}", Operation.DeleteCompositionHook, CompositionsHandler.DeleteHook),
        Get("/v1/CompositionSettings/Default", Operation.FetchCompositionSettings, CompositionsHandler.FetchSettings),
        Post("/v1/CompositionSettings/Default", Operation.CreateCompositionSettings, CompositionsHandler.CreateSettings, MediaSettings),
    ];

    /// <summary>What a composition is made of: the fields CreateCompositionRequest shares with the hook requests.</summary>
    private static ParameterDescription[] CompositionSpec =>
    [
        Json("VideoLayout"), Text("AudioSources").Repeated(), Text("AudioSourcesExcluded").Repeated(), Text("Resolution"),
        // Spec composition_enum_format and composition_hook_enum_format.
        Enum("Format", "mp4", "webm"), Url("StatusCallback"), CallbackMethod, Bool("Trim"),
    ];

    /// <summary>Spec Create/UpdateCompositionHookRequest: FriendlyName required.</summary>
    private static ParameterDescription[] HookParameters => [Text("FriendlyName").Required(), Bool("Enabled"), .. CompositionSpec];
}
