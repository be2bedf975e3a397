namespace FakeRooms.Http;

/// <summary>The parts of an HTTP request the fake reads, parsed once.</summary>
internal sealed record HttpRequestData
{
    public required string Method { get; init; }

    /// <summary>The path as sent (still percent-encoded).</summary>
    public required string RawPath { get; init; }

    /// <summary>Path segments, percent-decoded one by one (so <c>%2F</c> inside a name stays inside its segment).</summary>
    public required IReadOnlyList<string> Segments { get; init; }

    public required FormValues Query { get; init; }

    /// <summary>The form body; empty unless the content type is <c>application/x-www-form-urlencoded</c>.</summary>
    public required FormValues Form { get; init; }

    public string? ContentType { get; init; }

    public string? Authorization { get; init; }

    /// <summary>Scheme and authority the request came to, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public required string Origin { get; init; }

    public int BodyLength { get; init; }

    /// <summary>True when a body was sent with a content type other than form-urlencoded (Twilio ignores it).</summary>
    public bool HasNonFormBody { get; init; }

    /// <summary>The raw body text, when it is not a form (JSON bodies, control API).</summary>
    public string? BodyText { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Splits and decodes a raw path into segments.</summary>
    public static IReadOnlyList<string> SplitPath(string rawPath)
    {
        var trimmed = rawPath.Trim('/');
        if (trimmed.Length == 0)
            return [];
        var parts = trimmed.Split('/');
        for (var i = 0; i < parts.Length; i++)
            if (parts[i].IndexOf('%') >= 0)
                parts[i] = Uri.UnescapeDataString(parts[i]);
        return parts;
    }
}
