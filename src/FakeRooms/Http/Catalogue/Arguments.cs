using FakeRooms.Validation;

namespace FakeRooms.Http.Catalogue;

/// <summary>
/// A request's parameters read through its operation's declaration: each read names a declared parameter of the
/// declared type (else it is a bug in the fake: <see cref="InvalidOperationException"/>, a 500), and turns the string
/// into a typed value or Twilio's 20001 (<see cref="Values"/>). Twilio's rules beyond the type (ranges, combinations,
/// their own codes) stay with the handler or parser that reads the value.
/// </summary>
internal sealed class Arguments(OperationDescription operation, FormValues form, FormValues query)
{
    /// <summary>The arguments of a request to <paramref name="operation"/>.</summary>
    public Arguments(OperationDescription operation, HttpRequestData request) : this(operation, request.Form, request.Query)
    {
    }

    public OperationDescription Operation { get; } = operation;

    /// <summary>A non-empty value of any single-valued parameter (string, enum, URI, JSON), or null.</summary>
    public string? Text(string name) => Values.Text(ValuesOf(Declared(name, null)), name);

    /// <summary>An integer parameter, or null when absent or empty.</summary>
    public int? Int(string name) => Values.Int(ValuesOf(Declared(name, ParameterType.Integer)), name);

    /// <summary>A boolean parameter (case ignored), or null when absent or empty.</summary>
    public bool? Bool(string name) => Values.Bool(ValuesOf(Declared(name, ParameterType.Boolean)), name);

    /// <summary>A date-time filter, or null when absent or empty.</summary>
    public DateTimeOffset? Date(string name) => Values.Date(ValuesOf(Declared(name, ParameterType.DateTime)), name);

    /// <summary>Every value of an array parameter, in order.</summary>
    public IReadOnlyList<string> All(string name)
    {
        var parameter = Declared(name, null);
        if (!parameter.IsRepeated)
            throw new InvalidOperationException($"{Operation} declares {name} as a single value, not an array.");
        return ValuesOf(parameter).All(name);
    }

    /// <summary>The first value as sent (empty included), or null: for readers with rules of their own (paging).</summary>
    public string? Raw(string name) => ValuesOf(Declared(name, null)).First(name);

    /// <summary>
    /// The filters a list request gave, in the order named (the spec's example URLs), as given; a repeated one (an
    /// array such as GroupingSid) once per value. They lead every page URL.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> Filters(params string[] names)
    {
        foreach (var name in names)
            foreach (var value in ValuesOf(Declared(name, null)).All(name))
                if (value.Length > 0)
                    yield return new(name, value);
    }

    private ParameterDescription Declared(string name, ParameterType? type)
    {
        var parameter = Operation.Find(name) ?? throw new InvalidOperationException($"{Operation} declares no parameter {name}.");
        if (type is { } expected && parameter.Type != expected)
            throw new InvalidOperationException($"{Operation} declares {name} as {parameter.Type}, not {expected}.");
        return parameter;
    }

    private FormValues ValuesOf(ParameterDescription parameter) => parameter.Location == ParameterLocation.Form ? form : query;
}
