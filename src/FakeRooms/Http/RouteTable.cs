using FakeRooms.Http.Catalogue;
using FakeRooms.Http.Handlers;

namespace FakeRooms.Http;

/// <summary>
/// The one route table: every Twilio operation of the catalogue (Http/Catalogue) and every control path, each with its
/// handler. 404/405 answers and the control API's OpenAPI document are made from it.
/// </summary>
internal sealed class RouteTable
{
    private readonly List<Route> _routes = [];

    public RouteTable()
    {
        foreach (var operation in OperationCatalog.All)
            _routes.Add(new Route(operation));
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

    /// <summary>Adds a route: a control route (<c>control: true</c>, with its summary and any parameters it declares), or a test's.</summary>
    public void Add(string method, string template, Operation operation, Func<RequestContext, HttpResult> handler, bool control = false,
        string? summary = null, IReadOnlyList<ParameterDescription>? parameters = null) =>
        _routes.Add(new Route(new OperationDescription(method, template, operation, handler, parameters ?? [], control, summary)));

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
