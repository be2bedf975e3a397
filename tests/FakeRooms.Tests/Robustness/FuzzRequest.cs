using System.Text;

namespace FakeRooms.Tests.Robustness;

/// <summary>How a generated request authenticates.</summary>
public enum AuthKind
{
    Valid,
    None,
    Garbage,
}

/// <summary>
/// Changes to the bytes on the wire that HttpClient refuses to send (or normalises away); only the raw TCP sender
/// applies them. Each has the answers it may get from Kestrel itself, before the fake sees the request.
/// </summary>
public enum WireMutation
{
    None,
    RawControlCharInTarget,
    RawNonAsciiInTarget,
    SpaceInTarget,
    Http10,
    Http10WithoutHost,
    UnsupportedHttpVersion,
    AbsoluteFormTarget,
    HostWithBadPort,
    EmptyHost,
    DuplicateHost,
    HeaderWithoutColon,
    SpaceBeforeColon,
    ObsoleteLineFolding,
    BareLineFeeds,
    NulInHeaderValue,
    NonAsciiHeaderValue,
    HugeHeader,
    ManyHeaders,
    LongTarget,
    DuplicateContentLength,
    NegativeContentLength,
    ContentLengthAndChunked,
    BadChunkSize,
    ChunkExtensionGarbage,
}

/// <summary>
/// One generated request. <see cref="Target"/> and the values in it may hold placeholders (<c>⟨room⟩</c>...) that the
/// sender replaces with the SIDs and names of the state seeded before each case, so generated requests reach past
/// "not found" into every handler.
/// </summary>
public sealed record FuzzRequest
{
    public required string Method { get; init; }

    /// <summary>Path and query, already encoded as they go on the wire (possibly badly, on purpose).</summary>
    public required string Target { get; init; }

    /// <summary>The route the generator aimed at, or null for a path no route serves.</summary>
    public string? Route { get; init; }

    public AuthKind Auth { get; init; }

    /// <summary>The Authorization header when <see cref="Auth"/> is <see cref="AuthKind.Garbage"/>.</summary>
    public string? AuthHeader { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public string? ContentType { get; init; }

    /// <summary>The body's first bytes (a form, JSON, random bytes...).</summary>
    public byte[] Body { get; init; } = [];

    /// <summary>Filler appended to the body: distinct <c>&amp;nNNNNNN=v</c> pairs, for large and many-parameter bodies.</summary>
    public int FillerBytes { get; init; }

    /// <summary>Send the body with chunked transfer encoding (no Content-Length).</summary>
    public bool Chunked { get; init; }

    /// <summary>Send over a raw socket, with this change to the wire format.</summary>
    public bool Raw { get; init; }

    public WireMutation Wire { get; init; }

    public bool HasBody => Body.Length > 0 || FillerBytes > 0;

    public int BodyLength => Body.Length + FillerBytes;

    /// <summary>The body, with its filler and placeholders replaced.</summary>
    public byte[] RenderBody(Func<string, string> substitute)
    {
        // Only text with a placeholder goes through a string: random bytes must keep their length and their bytes.
        var head = Body.AsSpan().IndexOf("⟨"u8) < 0 ? Body : Encoding.UTF8.GetBytes(substitute(Encoding.UTF8.GetString(Body)));
        if (FillerBytes == 0)
            return head;
        var result = new byte[head.Length + FillerBytes];
        head.CopyTo(result, 0);
        var filler = result.AsSpan(head.Length);
        var i = 0;
        var n = 0;
        while (i < filler.Length)
        {
            // "&n000123=v": every name distinct, so a handler that dedups names with a list goes quadratic.
            var pair = Encoding.ASCII.GetBytes($"&n{n++:D6}=v");
            var take = Math.Min(pair.Length, filler.Length - i);
            pair.AsSpan(0, take).CopyTo(filler[i..]);
            i += take;
        }
        return result;
    }

    public override string ToString()
    {
        var body = Body.Length == 0 ? "" : Encoding.UTF8.GetString(Body);
        if (body.Length > 300)
            body = body[..300] + $"...({Body.Length} bytes)";
        var target = Target.Length > 300 ? Target[..300] + $"...({Target.Length} chars)" : Target;
        var headers = string.Join("; ", Headers.Select(h => $"{h.Key}: {(h.Value.Length > 80 ? h.Value[..80] + $"...({h.Value.Length})" : h.Value)}"));
        return $"{(Raw ? "RAW " + Wire + " " : "")}{Method} {target} [route {Route ?? "none"}] auth={Auth}{(AuthHeader is null ? "" : $"({Trim(AuthHeader)})")}" +
               $" ctype={ContentType ?? "none"} body=\"{Escape(body)}\" filler={FillerBytes} chunked={Chunked} headers=[{Escape(headers)}]";
    }

    private static string Trim(string s) => s.Length > 60 ? s[..60] + "..." : s;

    private static string Escape(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
            builder.Append(c < ' ' || c == 0x7f ? $"\\x{(int)c:x2}" : c);
        return builder.ToString();
    }
}
