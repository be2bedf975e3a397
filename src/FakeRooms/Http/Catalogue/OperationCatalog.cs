namespace FakeRooms.Http.Catalogue;

/// <summary>
/// Every Twilio Video v1 operation the fake serves, declared once (one file per resource group: Rooms,
/// Participants and tracks, Recordings, Compositions with hooks and settings, and what client apps do: SubscribeRules and Transcriptions). The route table, the typed reading of
/// parameters, unknown-parameter detection, the contract report, the assertion hints and the conformance coverage
/// list are made from it; <c>CatalogueSpecTests</c> holds it against Twilio's spec. To add an operation: a value of
/// <see cref="FakeRooms.Operation"/>, one declaration in the resource's file here, and its handler.
/// </summary>
internal static partial class OperationCatalog
{
    /// <summary>Every operation, in the order the route table tries them.</summary>
    public static IReadOnlyList<OperationDescription> All { get; } = [.. Rooms(), .. Participants(), .. Recordings(), .. Compositions(), .. Clients()];

    private static readonly Dictionary<Operation, OperationDescription> ByOperation = All.ToDictionary(o => o.Operation);

    /// <summary>Every parameter name of every operation, once each, in declaration order (for "did you mean").</summary>
    public static IReadOnlyList<string> ParameterNames { get; } = All.SelectMany(o => o.Parameters).Select(p => p.Name).Distinct().ToList();

    /// <summary>The declaration of a Twilio operation (not <see cref="Operation.Unknown"/> or <see cref="Operation.Control"/>).</summary>
    public static OperationDescription Of(Operation operation) => ByOperation[operation];

    /// <summary>The declaration of a Twilio operation, or null for <see cref="Operation.Unknown"/> and <see cref="Operation.Control"/>.</summary>
    public static OperationDescription? Find(Operation operation) => ByOperation.GetValueOrDefault(operation);

    // ------------------------------------------------------------------ the words declarations are made of

    private static OperationDescription Get(string path, Operation operation, Func<RequestContext, HttpResult> handler, params ParameterDescription[] parameters) =>
        new("GET", path, operation, handler, parameters);

    private static OperationDescription Post(string path, Operation operation, Func<RequestContext, HttpResult> handler, params ParameterDescription[] parameters) =>
        new("POST", path, operation, handler, parameters);

    private static OperationDescription Delete(string path, Operation operation, Func<RequestContext, HttpResult> handler) =>
        new("DELETE", path, operation, handler, []);

    /// <summary>
    /// A Media redirect: documented (docs recordings-resource and compositions-resource, "Retrieve the media") but
    /// without a path in the OpenAPI spec.
    /// </summary>
    private static OperationDescription Media(string path, Operation operation, Func<RequestContext, HttpResult> handler) =>
        new("GET", path, operation, handler, [], inSpec: false);

    private static ParameterDescription Text(string name) => new(name, ParameterType.String);

    private static ParameterDescription Int(string name) => new(name, ParameterType.Integer);

    private static ParameterDescription Bool(string name) => new(name, ParameterType.Boolean);

    private static ParameterDescription Date(string name) => new(name, ParameterType.DateTime);

    private static ParameterDescription Url(string name) => new(name, ParameterType.Uri);

    private static ParameterDescription Json(string name) => new(name, ParameterType.Json);

    private static ParameterDescription Enum(string name, params string[] values) => new(name, ParameterType.Enum) { Values = values };

    /// <summary>DateCreatedAfter and DateCreatedBefore, the date filters of every list that has them.</summary>
    private static ParameterDescription[] CreatedFilters => [Date("DateCreatedAfter"), Date("DateCreatedBefore")];

    /// <summary>PageSize (1 to <paramref name="maxPageSize"/>), Page and PageToken: every list (FACTS §1.3).</summary>
    private static ParameterDescription[] Paging(int maxPageSize = 1000) =>
        [Int("PageSize") with { Maximum = maxPageSize }, Int("Page"), Text("PageToken")];

    /// <summary>Spec <c>StatusCallbackMethod</c>: <c>format: http-method</c>, enum GET, POST.</summary>
    private static ParameterDescription CallbackMethod => Enum("StatusCallbackMethod", "GET", "POST");
}
