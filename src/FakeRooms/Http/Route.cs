namespace FakeRooms.Http;

/// <summary>One entry of the route table: a method, a path template with <c>{Name}</c> segments, an operation, a handler.</summary>
internal sealed class Route
{
    private readonly string[] _segments;

    public Route(string method, string template, Operation operation, Func<RequestContext, HttpResult> handler, bool control = false, string? summary = null)
    {
        Summary = summary;
        Method = method;
        Template = template;
        Operation = operation;
        Handler = handler;
        IsControl = control;
        _segments = template.Trim('/').Split('/');
    }

    /// <summary>The path parameters of a route without any: one shared, empty dictionary.</summary>
    public static readonly IReadOnlyDictionary<string, string> NoParameters = new Dictionary<string, string>();

    public string Method { get; }
    public string Template { get; }
    public Operation Operation { get; }
    public Func<RequestContext, HttpResult> Handler { get; }

    /// <summary>Control API routes need no Twilio credentials.</summary>
    public bool IsControl { get; }

    /// <summary>A short description (the control API's OpenAPI document shows it), or null.</summary>
    public string? Summary { get; }

    /// <summary>A regular expression over the raw path, for the WireMock mapping of this route.</summary>
    public string PathPattern =>
        "^/" + string.Join("/", _segments.Select(s => s.StartsWith('{') ? "[^/]+" : System.Text.RegularExpressions.Regex.Escape(s))) + "$";

    /// <summary>Matches decoded path segments; fills path parameters on success.</summary>
    public bool TryMatch(IReadOnlyList<string> segments, out IReadOnlyDictionary<string, string> parameters)
    {
        parameters = null!;
        if (segments.Count != _segments.Length)
            return false;
        Dictionary<string, string>? found = null;
        for (var i = 0; i < _segments.Length; i++)
        {
            var t = _segments[i];
            if (t.StartsWith('{'))
            {
                if (segments[i].Length == 0)
                    return false;
                (found ??= new(StringComparer.Ordinal))[t[1..^1]] = segments[i];
            }
            else if (!string.Equals(t, segments[i], StringComparison.Ordinal))
                return false;
        }
        parameters = found ?? NoParameters;
        return true;
    }
}
