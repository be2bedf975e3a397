using System.Text;
using FakeRooms.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock;
using WireMock.Matchers;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;
using WireMockRequest = WireMock.RequestBuilders.Request;

namespace FakeRooms.Hosting;

/// <summary>
/// Hosts the dispatcher on WireMock.Net: one catch-all mapping answering every request through a callback into the
/// dispatcher, which matches the route table (404/405 in Twilio's format, never WireMock's default body). WireMock's
/// own request log is off: the fake's journal is the one record (TOOLCHAIN: the log is unbounded and costs 20-30% of
/// throughput).
/// </summary>
internal sealed class WireMockHost : IDisposable
{
    private readonly WireMockServer _server;
    private readonly Faults.FaultTransport _transport = new();

    private readonly List<Guid> _stubs = [];
    private readonly Dispatcher _dispatcher;
    private int _stubCount;
    private int _stubbed;

    // listen false: Kestrel binds no socket (NoSocketTransport) and requests arrive in memory only.
    public WireMockHost(string host, int port, RouteTable routes, Dispatcher dispatcher, RequestGuard guard, ControlTokenGuard? tokenGuard = null, bool listen = true)
    {
        _dispatcher = dispatcher;
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"http://{host}:{port}"],
            StartAdminInterface = false,
            MaxRequestLogCount = 0,
            DisableJsonBodyParsing = true,
            // Ignored by WireMock.Net 2.21.0 (its request mapper never passes it on): the body is kept from WireMock instead
            // (Hosting/RequestGuard.cs). Left set for a release that honours it.
            DisableDeserializeFormUrlEncoded = true,
            DisableRequestBodyDecompressing = true,
            ReadStaticMappings = false,
            SaveUnmatchedRequests = false,
            // Body size limit, malformed Host and body, a last catch in Twilio's format, and what lets injected faults
            // close a connection without answering: one middleware in front of WireMock's (Hosting/RequestGuard.cs).
            // The control token first (Hosting/ControlTokenGuard.cs), when the control API has one.
            PreWireMockMiddlewareInit = app =>
            {
                tokenGuard?.Install(app);
                guard.Install(app);
            },
            AdditionalServiceRegistration = services =>
            {
                // Registered before UseKestrel's own services: Kestrel adds its socket transport only when none is.
                if (!listen)
                    ((IServiceCollection)services).AddSingleton<Microsoft.AspNetCore.Connections.IConnectionListenerFactory, NoSocketTransport>();
                // A 400 in Twilio's format instead of Kestrel's empty 505 for an unknown HTTP version (Hosting/HttpVersionGuard.cs).
                HttpVersionGuard.Install(services);
                QuietHosting(services);
            },
        });

        // One catch-all mapping; the dispatcher matches the route table itself. WireMock evaluates every mapping on
        // every request (and compiles each RegexMatcher at start), so a mapping per route cost about a third of a
        // request's time under load and most of a later start (README: Performance, what it took).
        // Last in priority, so the test's own stubs (Stub, --mappings) answer before it.
        _server
            .Given(WireMockRequest.Create().WithPath(static _ => true).UsingAnyMethod())
            .AtPriority(int.MaxValue)
            .RespondWith(Response.Create().WithCallback(request => _transport.DeliverAsync(dispatcher.Handle(ToRequest(request)), ToResponse)));

        Url = _server.Url ?? _server.Urls[0];
    }

    /// <summary>
    /// WireMock's host logs at Warning and above, so ASP.NET Core's hosting logger counts as enabled and starts an
    /// <see cref="System.Diagnostics.Activity"/> (trace id, tags) for every request, only to log nothing: a tenth of
    /// the bytes a CreateRoom allocated (README: Performance, what it took). The fake has no use for
    /// those request-start/finish logs; other categories (Kestrel's warnings) are untouched.
    /// </summary>
    private static void QuietHosting(object services) =>
        ((IServiceCollection)services).Configure<LoggerFilterOptions>(filters =>
            filters.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None));

    /// <summary>The address the server listens on, e.g. <c>http://127.0.0.1:51234</c>.</summary>
    public string Url { get; }

    public int Port => _server.Port;

    /// <summary>Adds a test's stub mapping in front of the fake's own (FakeRoomsServer.Stub); removed by <see cref="ClearStubs"/>.</summary>
    public void Stub(WireMock.Matchers.Request.IRequestMatcher request, WireMock.ResponseProviders.IResponseProvider response)
    {
        // A counter, not a random GUID (no ambient randomness in src/): unique within this server.
        var guid = new Guid(Interlocked.Increment(ref _stubCount), 0x4652, 0x5354, [0, 0, 0, 0, 0, 0, 0, 0]);
        lock (_stubs)
            _stubs.Add(guid);
        Interlocked.Increment(ref _stubbed);
        _server.Given(request).WithGuid(guid).RespondWith(response);
    }

    public void ClearStubs()
    {
        Guid[] stubs;
        lock (_stubs)
        {
            stubs = [.. _stubs];
            _stubs.Clear();
        }
        foreach (var guid in stubs)
            _server.DeleteMapping(guid);
        Interlocked.Add(ref _stubbed, -stubs.Length);
    }

    /// <summary>Loads WireMock JSON mapping files (each <c>*.json</c> in the folder); they are not cleared by a reset.</summary>
    public int LoadMappings(string directory)
    {
        var files = Directory.GetFiles(directory, "*.json", SearchOption.TopDirectoryOnly);
        Array.Sort(files, StringComparer.Ordinal);
        // Kept for good (a reset keeps mapping files), so in-memory requests always pass WireMock's mapping step.
        Interlocked.Add(ref _stubbed, files.Length);
        foreach (var file in files)
        {
            bool read;
            try
            {
                read = _server.ReadStaticMappingAndAddOrUpdate(file);
            }
            catch (Exception e) when (e is Newtonsoft.Json.JsonException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
            {
                throw new FormatException($"{Path.GetFileName(file)} is not a WireMock mapping: {e.Message}", e);
            }
            // WireMock answers false, without saying why, when it cannot read the file.
            if (!read)
                throw new IOException($"{Path.GetFileName(file)} cannot be read");
        }
        return files.Length;
    }

    public void Dispose()
    {
        _transport.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    internal static HttpRequestData ToRequest(IRequestMessage request)
    {
        // Sized up front: growing it (rehashing) was half of this method's time under load (README: Performance, what it took).
        var headers = new Dictionary<string, string>(request.Headers?.Count ?? 0, StringComparer.OrdinalIgnoreCase);
        if (request.Headers is not null)
            foreach (var (name, values) in request.Headers)
                headers[name] = values.Count == 1 ? values[0] : string.Join(",", values);
        var scope = RequestScope.Current;
        scope?.Dispatched = true;
        ReadOnlySpan<byte> body = scope?.Body is { } kept ? kept : request.BodyAsBytes ?? (request.Body is { } text ? Encoding.UTF8.GetBytes(text) : []);
        return ToRequest(request.Method, RawPath(request), scope?.Query ?? request.RawQuery, headers, body, Origin(request, headers));
    }

    /// <summary>
    /// The in-memory lane's request (<see cref="AnswerAsync"/>): read from the <see cref="HttpContext"/> the in-memory
    /// handler built, whose raw target is the escaped path the client asked for (what WireMock's URL gives over HTTP).
    /// </summary>
    internal static HttpRequestData ToRequest(HttpContext context)
    {
        var request = context.Request;
        var headers = new Dictionary<string, string>(request.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
            headers[name] = values.Count == 1 ? values[0]! : values.ToString();
        var scope = RequestScope.Current;
        scope?.Dispatched = true;
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;
        var query = target?.IndexOf('?') ?? -1;
        var rawPath = string.IsNullOrEmpty(target) ? request.Path.ToUriComponent() : query < 0 ? target : target[..query];
        ReadOnlySpan<byte> body = scope?.Body is { } kept ? kept : [];
        return ToRequest(request.Method, rawPath, scope?.Query ?? request.QueryString.Value, headers, body,
            request.Scheme + "://" + request.Host.ToUriComponent());
    }

    private static HttpRequestData ToRequest(string method, string rawPath, string? rawQuery, Dictionary<string, string> headers,
        ReadOnlySpan<byte> body, string origin)
    {
        headers.TryGetValue("Content-Type", out var contentType);
        // Every SDK sends exactly this; the journal keeps the literal instead of a copy per call.
        if (contentType == FormContentType)
            contentType = FormContentType;
        headers.TryGetValue("Authorization", out var authorization);
        var isForm = contentType is not null && MediaType(contentType).Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        return new HttpRequestData
        {
            Method = method.ToUpperInvariant(),
            RawPath = rawPath,
            Segments = HttpRequestData.SplitPath(rawPath),
            Query = FormValues.Parse(rawQuery),
            Form = isForm ? FormValues.Parse(body) : FormValues.Empty,
            ContentType = contentType,
            Authorization = authorization,
            Origin = origin,
            BodyLength = body.Length,
            HasNonFormBody = !isForm && body.Length > 0,
            // The control API reads its raw body whatever the content type (curl --data sends JSON as a form).
            BodyText = body.Length > 0 && (!isForm || rawPath.StartsWith("/__fakerooms/", StringComparison.Ordinal)) ? Encoding.UTF8.GetString(body) : null,
            Headers = headers,
        };
    }

    /// <summary>
    /// True while a test's stub or a mapping file is registered: then in-memory requests must pass WireMock's mapping
    /// step too. Otherwise that step only hands every request to the catch-all, and the in-memory lane skips it.
    /// </summary>
    public bool HasStubs => Volatile.Read(ref _stubbed) > 0;

    /// <summary>
    /// The in-memory lane behind the request guard when no stub is registered: the catch-all mapping's work without
    /// WireMock's request and response copies (most of an in-memory call's time, bench section 5). The dispatcher and
    /// the fault transport are the ones the mapping calls; the answer is written as the guard writes its refusals.
    /// </summary>
    public async Task AnswerAsync(HttpContext context)
    {
        var result = await _transport.DeliverAsync(_dispatcher.Handle(ToRequest(context)), static r => r).ConfigureAwait(false);
        if (!context.RequestAborted.IsCancellationRequested)
            await RequestGuard.WriteAsync(context, result).ConfigureAwait(false);
    }

    private const string FormContentType = "application/x-www-form-urlencoded";

    /// <summary>The media type of a Content-Type header, without parameters (<c>; charset=...</c>).</summary>
    private static ReadOnlySpan<char> MediaType(string contentType)
    {
        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType.AsSpan() : contentType.AsSpan(0, semicolon)).Trim();
    }

    private static string RawPath(IRequestMessage request)
    {
        // WireMock gives no raw request target. AbsoluteUrl is Uri.ToString() of the re-encoded URL: reserved
        // characters (%2F, %3F, %23) stay escaped, so an encoded '/' stays inside its segment, but spaces come back
        // unescaped. Parsing it with Uri again would trim a trailing space, and "/v1/Rooms/standup%20" would fetch
        // the room "standup". So the path is cut out of the string by hand and its spaces re-escaped.
        var url = request.AbsoluteUrl ?? "";
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var start = schemeEnd < 0 ? -1 : url.IndexOf('/', schemeEnd + 3);
        if (start < 0)
            return request.AbsolutePath ?? request.Path;
        var end = url.IndexOfAny(['?', '#'], start);
        var path = end < 0 ? url[start..] : url[start..end];
        return EscapeUnsafe(path);
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

    private static string Origin(IRequestMessage request, Dictionary<string, string> headers) =>
        headers.TryGetValue("Host", out var host) && host.Length > 0
            ? $"{request.Protocol}://{host}"
            : request.Origin;

    internal static IResponseMessage ToResponse(HttpResult result)
    {
        var response = new ResponseMessage
        {
            StatusCode = result.Status,
            BodyData = result.BinaryBody is { } bytes
                ? new BodyData { BodyAsBytes = bytes, DetectedBodyType = BodyType.Bytes }
                : new BodyData { BodyAsString = result.Body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        response.AddHeader("Content-Type", result.ContentType);
        foreach (var (name, value) in result.Headers)
            response.AddHeader(name, value);
        return response;
    }
}
