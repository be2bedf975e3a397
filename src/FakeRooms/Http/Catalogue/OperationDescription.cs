namespace FakeRooms.Http.Catalogue;

/// <summary>
/// One operation: its method, path template, <see cref="FakeRooms.Operation"/>, parameters and handler. Routing,
/// typed reading (<see cref="Arguments"/>), unknown-parameter detection, the contract report, the assertion hints and
/// the control API's OpenAPI document all read this one declaration.
/// </summary>
internal sealed class OperationDescription
{
    private readonly Dictionary<string, ParameterDescription> _byName;

    public OperationDescription(string method, string path, Operation operation, Func<RequestContext, HttpResult> handler,
        IEnumerable<ParameterDescription> parameters, bool control = false, string? summary = null, bool inSpec = true)
    {
        InSpec = inSpec;
        Method = method;
        Path = path;
        Operation = operation;
        Handler = handler;
        IsControl = control;
        Summary = summary;
        // Every POST of Video v1 takes a form body, every GET and DELETE a query string; none mixes them (spec).
        Location = method == "POST" ? ParameterLocation.Form : ParameterLocation.Query;
        Parameters = parameters.Select(p => p with { Location = Location }).ToList();
        _byName = Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        Names = new HashSet<string>(_byName.Keys, StringComparer.Ordinal);
    }

    public string Method { get; }

    /// <summary>The path template with <c>{Name}</c> segments, as in Twilio's spec.</summary>
    public string Path { get; }

    public Operation Operation { get; }

    public Func<RequestContext, HttpResult> Handler { get; }

    /// <summary>The parameters, in the spec's order.</summary>
    public IReadOnlyList<ParameterDescription> Parameters { get; }

    /// <summary>Where this operation's parameters travel.</summary>
    public ParameterLocation Location { get; }

    /// <summary>The parameter names, for unknown-parameter detection.</summary>
    public IReadOnlySet<string> Names { get; }

    /// <summary>
    /// False for a Twilio operation its OpenAPI spec leaves out: the Media redirects are documented (docs
    /// recordings-resource, compositions-resource: "Retrieve the media") but have no path in the spec.
    /// </summary>
    public bool InSpec { get; }

    /// <summary>A route of the fake's own control API (<c>/__fakerooms/</c>): no Twilio credentials, not journaled.</summary>
    public bool IsControl { get; }

    /// <summary>A short description (the control API's OpenAPI document shows it), or null.</summary>
    public string? Summary { get; }

    /// <summary>The declared parameter of that exact name, or null.</summary>
    public ParameterDescription? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// Names the request sent where this operation reads its parameters that it does not have, in order, once each:
    /// Twilio ignores them silently; the journal keeps them for the contract report and the assertions.
    /// </summary>
    public IReadOnlyList<string> UnknownIn(HttpRequestData request) =>
        (Location == ParameterLocation.Form ? request.Form : request.Query).NamesNotIn(Names);

    public override string ToString() => $"{Operation} {Method} {Path}";
}
