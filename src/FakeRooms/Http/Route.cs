using FakeRooms.Http.Catalogue;

namespace FakeRooms.Http;

/// <summary>One entry of the route table: an operation's declaration and the matcher of its path template.</summary>
internal sealed class Route
{
    private readonly string[] _segments;

    public Route(OperationDescription description)
    {
        Description = description;
        _segments = description.Path.Trim('/').Split('/');
    }

    /// <summary>The path parameters of a route without any: one shared, empty dictionary.</summary>
    public static readonly IReadOnlyDictionary<string, string> NoParameters = new Dictionary<string, string>();

    /// <summary>The operation's one declaration (Http/Catalogue).</summary>
    public OperationDescription Description { get; }

    public string Method => Description.Method;
    public string Template => Description.Path;
    public Operation Operation => Description.Operation;
    public Func<RequestContext, HttpResult> Handler => Description.Handler;

    /// <summary>Control API routes need no Twilio credentials.</summary>
    public bool IsControl => Description.IsControl;

    /// <summary>A short description (the control API's OpenAPI document shows it), or null.</summary>
    public string? Summary => Description.Summary;

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
