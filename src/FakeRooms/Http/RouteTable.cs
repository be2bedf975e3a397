using FakeRooms.Http.Handlers;

namespace FakeRooms.Http;

/// <summary>
/// The one route table: every Twilio path the fake serves and every control path, each with its operation and
/// handler. The WireMock mappings, 404/405 answers and the control API's OpenAPI document are all made from it.
/// </summary>
internal sealed class RouteTable
{
    private readonly List<Route> _routes = [];

    public RouteTable()
    {
        Add("POST", "/v1/Rooms", Operation.CreateRoom, RoomsHandler.Create);
        Add("GET", "/v1/Rooms", Operation.ReadRoom, RoomsHandler.Read);
        Add("GET", "/v1/Rooms/{Sid}", Operation.FetchRoom, RoomsHandler.Fetch);
        Add("POST", "/v1/Rooms/{Sid}", Operation.UpdateRoom, RoomsHandler.Update);
        Add("GET", "/v1/Rooms/{RoomSid}/Participants", Operation.ReadParticipant, ParticipantsHandler.Read);
        Add("GET", "/v1/Rooms/{RoomSid}/Participants/{Sid}", Operation.FetchParticipant, ParticipantsHandler.Fetch);
        Add("POST", "/v1/Rooms/{RoomSid}/Participants/{Sid}", Operation.UpdateParticipant, ParticipantsHandler.Update);
        Add("POST", "/v1/Rooms/{RoomSid}/Participants/{Sid}/Anonymize", Operation.AnonymizeParticipant, ParticipantsHandler.Anonymize);
        Add("GET", "/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/PublishedTracks", Operation.ReadPublishedTrack, ParticipantsHandler.ReadPublished);
        Add("GET", "/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/PublishedTracks/{Sid}", Operation.FetchPublishedTrack, ParticipantsHandler.FetchPublished);
        Add("GET", "/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribedTracks", Operation.ReadSubscribedTrack, ParticipantsHandler.ReadSubscribed);
        Add("GET", "/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribedTracks/{Sid}", Operation.FetchSubscribedTrack, ParticipantsHandler.FetchSubscribed);
        Add("GET", "/v1/Rooms/{RoomSid}/RecordingRules", Operation.FetchRecordingRule, RecordingsHandler.FetchRules);
        Add("POST", "/v1/Rooms/{RoomSid}/RecordingRules", Operation.UpdateRecordingRule, RecordingsHandler.UpdateRules);
        Add("GET", "/v1/Rooms/{RoomSid}/Recordings", Operation.ReadRoomRecording, RecordingsHandler.ReadRoom);
        Add("GET", "/v1/Rooms/{RoomSid}/Recordings/{Sid}", Operation.FetchRoomRecording, RecordingsHandler.FetchRoom);
        Add("DELETE", "/v1/Rooms/{RoomSid}/Recordings/{Sid}", Operation.DeleteRoomRecording, RecordingsHandler.DeleteRoom);
        Add("GET", "/v1/Rooms/{RoomSid}/Recordings/{Sid}/Media", Operation.FetchRoomRecordingMedia, RecordingsHandler.MediaRoom);
        Add("GET", "/v1/Recordings", Operation.ReadRecording, RecordingsHandler.Read);
        Add("GET", "/v1/Recordings/{Sid}", Operation.FetchRecording, RecordingsHandler.Fetch);
        Add("DELETE", "/v1/Recordings/{Sid}", Operation.DeleteRecording, RecordingsHandler.Delete);
        Add("GET", "/v1/Recordings/{Sid}/Media", Operation.FetchRecordingMedia, RecordingsHandler.Media);
        Add("GET", "/v1/RecordingSettings/Default", Operation.FetchRecordingSettings, RecordingsHandler.FetchSettings);
        Add("POST", "/v1/RecordingSettings/Default", Operation.CreateRecordingSettings, RecordingsHandler.CreateSettings);
        Add("POST", "/v1/Compositions", Operation.CreateComposition, CompositionsHandler.Create);
        Add("GET", "/v1/Compositions", Operation.ReadComposition, CompositionsHandler.Read);
        Add("GET", "/v1/Compositions/{Sid}", Operation.FetchComposition, CompositionsHandler.Fetch);
        Add("DELETE", "/v1/Compositions/{Sid}", Operation.DeleteComposition, CompositionsHandler.Delete);
        Add("GET", "/v1/Compositions/{Sid}/Media", Operation.FetchCompositionMedia, CompositionsHandler.Media);
        Add("POST", "/v1/CompositionHooks", Operation.CreateCompositionHook, CompositionsHandler.CreateHook);
        Add("GET", "/v1/CompositionHooks", Operation.ReadCompositionHook, CompositionsHandler.ReadHook);
        Add("GET", "/v1/CompositionHooks/{Sid}", Operation.FetchCompositionHook, CompositionsHandler.FetchHook);
        Add("POST", "/v1/CompositionHooks/{Sid}", Operation.UpdateCompositionHook, CompositionsHandler.UpdateHook);
        Add("DELETE", "/v1/CompositionHooks/{Sid}", Operation.DeleteCompositionHook, CompositionsHandler.DeleteHook);
        Add("GET", "/v1/CompositionSettings/Default", Operation.FetchCompositionSettings, CompositionsHandler.FetchSettings);
        Add("POST", "/v1/CompositionSettings/Default", Operation.CreateCompositionSettings, CompositionsHandler.CreateSettings);
        Add("GET", "/__fakerooms/media/{AccountSid}/{File}", Operation.Control, CompositionsHandler.MediaFile, control: true,
            summary: "The bytes of a completed recording's or composition's media ({Sid}.{extension}), where the Media redirect leads.");
        Control.ControlApi.Register(this);
        Control.ParticipantsControl.Register(this);
        Control.TokenControl.Register(this);
        Callbacks.CallbacksControl.Register(this);
        Faults.FaultsControlApi.Register(this);
        Control.RecordingsControl.Register(this);
        Control.StandaloneControlApi.Register(this);
        Inspector.InspectorApi.Register(this);
    }

    public IReadOnlyList<Route> Routes => _routes;

    public void Add(string method, string template, Operation operation, Func<RequestContext, HttpResult> handler, bool control = false, string? summary = null) =>
        _routes.Add(new Route(method, template, operation, handler, control, summary));

    /// <summary>The methods the route table serves on a path (for the <c>Allow</c> header of a 405), sorted.</summary>
    public IReadOnlyList<string> AllowedMethods(IReadOnlyList<string> segments) =>
        _routes.Where(r => r.TryMatch(segments, out _)).Select(r => r.Method).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Finds the route for a method and path; <paramref name="pathKnown"/> tells 405 from 404.</summary>
    public Route? Match(string method, IReadOnlyList<string> segments, out IReadOnlyDictionary<string, string> parameters, out bool pathKnown)
    {
        pathKnown = false;
        parameters = null!;
        foreach (var route in _routes)
        {
            if (!route.TryMatch(segments, out var found))
                continue;
            pathKnown = true;
            if (route.Method == method)
            {
                parameters = found;
                return route;
            }
        }
        return null;
    }
}
