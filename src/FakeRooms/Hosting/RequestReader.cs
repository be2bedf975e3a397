using System.Text;
using FakeRooms.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;

namespace FakeRooms.Hosting;

/// <summary>
/// Turns what the request guard holds (the <see cref="HttpContext"/>, and the query and body it kept from WireMock)
/// into the <see cref="HttpRequestData"/> the dispatcher reads.
/// </summary>
internal static class RequestReader
{
    /// <summary>The request as the dispatcher answers it.</summary>
    /// <param name="context">The request, its query and body already taken out (RequestGuard).</param>
    /// <param name="query">The raw query (<c>?a=b</c>) the guard kept; null when there was none.</param>
    /// <param name="body">The whole body the guard read; null when the request could not have one.</param>
    /// <param name="fromSocket">
    /// True for a request Kestrel read from a socket, false for one the in-memory handler built (whose raw target is
    /// the escaped path the client asked for).
    /// </param>
    public static HttpRequestData Read(HttpContext context, string? query, ArraySegment<byte>? body, bool fromSocket)
    {
        var request = context.Request;
        // Sized up front: growing it (rehashing) was half of this method's time under load (docs/performance.md, what it took).
        var headers = new Dictionary<string, string>(request.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
            headers[name] = values.Count == 1 ? values[0]! : values.ToString();
        var rawPath = fromSocket ? SocketPath(request) : InMemoryPath(context);
        ReadOnlySpan<byte> bytes = body is { } kept ? kept : [];

        headers.TryGetValue("Content-Type", out var contentType);
        // Every SDK sends exactly this; the journal keeps the literal instead of a copy per call.
        if (contentType == FormContentType)
            contentType = FormContentType;
        headers.TryGetValue("Authorization", out var authorization);
        var isForm = contentType is not null && MediaType(contentType).Equals(FormContentType, StringComparison.OrdinalIgnoreCase);
        return new HttpRequestData
        {
            Method = request.Method.ToUpperInvariant(),
            RawPath = rawPath,
            Segments = HttpRequestData.SplitPath(rawPath),
            Query = FormValues.Parse(query ?? request.QueryString.Value),
            Form = isForm ? FormValues.Parse(bytes) : FormValues.Empty,
            ContentType = contentType,
            Authorization = authorization,
            Origin = request.Scheme + "://" + request.Host.ToUriComponent(),
            BodyLength = bytes.Length,
            HasNonFormBody = !isForm && bytes.Length > 0,
            // The control API reads its raw body whatever the content type (curl --data sends JSON as a form).
            BodyText = bytes.Length > 0 && (!isForm || rawPath.StartsWith("/__fakerooms/", StringComparison.Ordinal)) ? Encoding.UTF8.GetString(bytes) : null,
            Headers = headers,
        };
    }

    /// <summary>
    /// The request as far as it can be read without trusting its Host or body, for a refusal (RequestGuard) or the
    /// journal entry of a stubbed call.
    /// </summary>
    public static HttpRequestData Describe(HttpContext context, string? keptQuery, ArraySegment<byte>? body = null)
    {
        var request = context.Request;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
            headers[name] = values.ToString();
        var rawPath = request.PathBase.Add(request.Path).ToUriComponent();
        if (rawPath.Length == 0)
            rawPath = "/";
        return new HttpRequestData
        {
            Method = request.Method.ToUpperInvariant(),
            RawPath = rawPath,
            Segments = HttpRequestData.SplitPath(rawPath),
            Query = FormValues.Parse(keptQuery ?? request.QueryString.Value),
            Form = body is { Count: > 0 } form && IsForm(request.ContentType) ? FormValues.Parse(form) : FormValues.Empty,
            ContentType = request.ContentType,
            Authorization = headers.GetValueOrDefault("Authorization"),
            Origin = "http://" + LocalHost(context).ToUriComponent(),
            BodyLength = body?.Count ?? (int)Math.Min(request.ContentLength ?? 0, int.MaxValue),
            HasNonFormBody = body is { Count: > 0 } && !IsForm(request.ContentType),
            Headers = headers,
        };
    }

    /// <summary>The address the request reached, for a request without a Host (HTTP/1.0) and for refusals.</summary>
    public static HostString LocalHost(HttpContext context) =>
        new(context.Connection.LocalIpAddress?.ToString() ?? "127.0.0.1", context.Connection.LocalPort);

    private const string FormContentType = "application/x-www-form-urlencoded";

    private static bool IsForm(string? contentType) =>
        contentType is not null && contentType.StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The media type of a Content-Type header, without parameters (<c>; charset=...</c>).</summary>
    private static ReadOnlySpan<char> MediaType(string contentType)
    {
        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType.AsSpan() : contentType.AsSpan(0, semicolon)).Trim();
    }

    /// <summary>The in-memory handler's raw target: the escaped path the client asked for.</summary>
    private static string InMemoryPath(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var query = target?.IndexOf('?') ?? -1;
        return string.IsNullOrEmpty(target) ? context.Request.Path.ToUriComponent() : query < 0 ? target : target[..query];
    }

    /// <summary>
    /// A socket request's path, as the fake has always read it (it came from WireMock's copy of the request): the
    /// encoded URL through <see cref="Uri"/>. <c>Uri.ToString()</c> keeps reserved characters escaped (<c>%2F</c>,
    /// <c>%3F</c>, <c>%23</c>), so an encoded '/' stays inside its segment, but gives spaces back unescaped. Parsing it
    /// with Uri again would trim a trailing space, and "/v1/Rooms/standup%20" would fetch the room "standup". So the
    /// path is cut out of the string by hand and its spaces re-escaped.
    /// </summary>
    private static string SocketPath(HttpRequest request)
    {
        var url = new Uri(request.GetEncodedUrl()).ToString();
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var start = schemeEnd < 0 ? -1 : url.IndexOf('/', schemeEnd + 3);
        if (start < 0)
            return "/";
        var end = url.IndexOfAny(['?', '#'], start);
        return EscapeUnsafe(end < 0 ? url[start..] : url[start..end]);
    }

    /// <summary>Percent-encodes (as UTF-8) the spaces, controls and non-ASCII characters Uri.ToString() unescaped.</summary>
    private static string EscapeUnsafe(string path)
    {
        if (!path.AsSpan().ContainsAnyExceptInRange('!', '~'))
            return path;
        var builder = new StringBuilder(path.Length + 16);
        var i = 0;
        while (i < path.Length)
        {
            var runStart = i;
            while (i < path.Length && path[i] is < '!' or > '~')
                i++;
            if (i > runStart)
                builder.Append(Uri.EscapeDataString(path[runStart..i]));
            else
                builder.Append(path[i++]);
        }
        return builder.ToString();
    }
}
