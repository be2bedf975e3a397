using FakeRooms.Domain.Rooms;

namespace FakeRooms.Journal;

/// <summary>One request the fake received and how it answered.</summary>
public sealed record CallRecord
{
    /// <summary>Position in the journal since the server started (never reused, survives trimming).</summary>
    public long Sequence { get; init; }

    /// <summary>When the call arrived, on the fake's clock.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The account the credentials resolved to; null when authentication failed or for control calls.</summary>
    public string? AccountSid { get; init; }

    /// <summary>The operation the route table matched.</summary>
    public Operation Operation { get; init; }

    /// <summary>HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path as sent.</summary>
    public required string Path { get; init; }

    /// <summary>Path parameters by their spec names (<c>Sid</c>, <c>RoomSid</c>...), decoded.</summary>
    public IReadOnlyDictionary<string, string> PathParameters { get; init; } = Http.Route.NoParameters;

    /// <summary>Query parameters, decoded, repeated names kept.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Query
    {
        get => _query ??= Parsed(EncodedQuery);
        init => _query = value;
    }

    /// <summary>Form body parameters, decoded, repeated names kept (empty for non-form bodies).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Form
    {
        get => _form ??= Parsed(EncodedForm);
        init => _form = value;
    }

    // A kept call lives through the next JournalCapacity requests: long enough to be promoted by the GC, so every
    // object it holds is copied twice and then collected as gen2 garbage. Holding the query and the form as the one
    // string they arrived in, parsed again only when a test reads them, made CreateRoom about a fifth faster under load
    // (bench/FakeRooms.Bench, see the README's performance section).
    private IReadOnlyDictionary<string, IReadOnlyList<string>>? _query;
    private IReadOnlyDictionary<string, IReadOnlyList<string>>? _form;

    /// <summary>The query as sent (without <c>?</c>), parsed into <see cref="Query"/> when first read.</summary>
    internal string? EncodedQuery { get; init; }

    /// <summary>The form body as sent, parsed into <see cref="Form"/> when first read.</summary>
    internal string? EncodedForm { get; init; }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Parsed(string? encoded) =>
        Http.FormValues.Parse(encoded).ToDictionary();

    /// <summary>The request's Content-Type header.</summary>
    public string? ContentType { get; init; }

    /// <summary>True when a body came with a content type other than form-urlencoded; Twilio ignores such bodies.</summary>
    public bool HadNonFormBody { get; init; }

    /// <summary>Parameters the operation does not know, which Twilio silently ignores (misspellings, wrong case).</summary>
    public IReadOnlyList<string> IgnoredParameters { get; init; } = [];

    /// <summary>The HTTP status answered (0 when an injected fault closed the connection before processing).</summary>
    public int StatusCode { get; init; }

    /// <summary>The Twilio error code answered, or null on success.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>The Twilio error message answered, or null on success.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The room the call created, fetched or changed, as it was right after the call.</summary>
    public RoomInfo? Room { get; init; }

    /// <summary>The same room as the domain holds it (the wire layer renders it; users see <see cref="Room"/>).</summary>
    internal Room? RoomState { get; init; }

    /// <summary>
    /// What a fault rule or the rate limiter did to this call instead of the normal answer (e.g.
    /// <c>fault-1: 429 20429 Too Many Requests, Retry-After 1</c>), or null for a real answer.
    /// </summary>
    public string? InjectedFault { get; init; }

    /// <summary>How long the fake took to answer.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>True for 2xx answers.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>A form value, or null when not sent (the first one when repeated).</summary>
    public string? FormValue(string name) => Form.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>A query value, or null when not sent.</summary>
    public string? QueryValue(string name) => Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Operation} {Method} {Path} -> {StatusCode}{(ErrorCode is { } code ? $" ({code})" : "")}";
}
