using System.Text;
using FakeRooms.Domain.Errors;
using FakeRooms.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FakeRooms.Hosting;

/// <summary>
/// An ASP.NET Core middleware in front of WireMock's, for what WireMock would otherwise get wrong on hostile input:
/// <list type="bullet">
/// <item>WireMock lifts Kestrel's body size limit and reads every body whole (a 300 MB body cost 3 GB of memory), so
/// a body over <see cref="FakeRoomsOptions.MaxRequestBodyBytes"/> is refused before it is read: by its
/// <c>Content-Length</c>, or by Kestrel's limit, set here per request, for chunked bodies.</item>
/// <item>WireMock builds a <see cref="Uri"/> from the Host header before any mapping runs, and answers a Host it
/// cannot parse (a port out of range; none at all in HTTP/1.0) with a 500 holding a .NET exception. An HTTP/1.0
/// request without Host is served as if it had named the address the fake listens on; a malformed Host is 400.</item>
/// <item>A body that breaks off or is malformed (bad chunk sizes, too slow) made Kestrel throw while WireMock read it
/// (a 500); the guard reads every body itself, bounded, and answers 400 or 408: the client's error.</item>
/// <item>WireMock parses the query into a case-insensitive dictionary, splitting on both <c>&amp;</c> and <c>;</c>, and
/// throws on names that differ only in case (<c>?STATUS=a&amp;Status=b</c>, <c>?STATUS=a;Status=b</c>) and on a part
/// made only of <c>=</c> (<c>?a=1&amp;=&amp;b=2</c>): a 500 on every route. Twilio's names are case-sensitive, only
/// <c>&amp;</c> separates them, and the dispatcher parses the query itself, so WireMock is never handed a query: the
/// guard keeps it and hands it to the dispatcher with the request.</item>
/// <item>WireMock.Net 2.21.0 parses every form body into a dictionary, whatever <c>DisableDeserializeFormUrlEncoded</c>
/// says (its request mapper never passes the setting on), and the fake never reads that dictionary: about 4% of the
/// CPU time and 2 KB of garbage per CreateRoom (bench trace). The guard reads every body anyway, so it hands the body to
/// the dispatcher too, and WireMock's copy of the request has an empty one.</item>
/// <item>Anything else that escapes WireMock is a bug in the fake: reported in <see cref="FakeRoomsServer.InternalErrors"/>
/// and answered with Twilio's 500 JSON, never WireMock's exception dump.</item>
/// </list>
/// Refusals go through <see cref="Dispatcher.Handle"/>, so they are routed, shaped and journaled like every other answer.
/// <para>
/// After the checks a request's path runs one way, with its data passed along: the stubs (<see cref="WireMockAdapter"/>)
/// say whether one of them answered; if none did, the guard hands the request it read, query and body included, to
/// the dispatcher, the dispatcher's answer to the fault transport, and writes what comes back.
/// </para>
/// </summary>
internal sealed class RequestGuard(FakeRoomsServer server, Dispatcher dispatcher) : IDisposable
{
    private readonly Faults.FaultTransport _transport = new();

    /// <summary>One request, from the guard's checks to the answer written.</summary>
    /// <param name="context">The request.</param>
    /// <param name="stubs">
    /// Runs the test's stubs (WireMock's middleware) and says whether one answered; null when none can (no stub or
    /// mapping file is registered): the request then goes straight to the dispatcher, over a socket or in memory.
    /// </param>
    /// <param name="fromSocket">True when Kestrel read the request from a socket, false for the in-memory handler.</param>
    public async Task InvokeAsync(HttpContext context, Func<HttpContext, Task<bool>>? stubs, bool fromSocket)
    {
        var request = context.Request;
        // WireMock never sees the query: the guard keeps it for the dispatcher (see the class comment).
        string? query = null;
        if (request.QueryString.Value is { Length: > 1 } raw)
        {
            query = raw;
            request.QueryString = QueryString.Empty;
        }
        var limit = RouteLimit(request, server.Options.MaxRequestBodyBytes);
        // Kestrel's own limit only stops a body that runs past what the guard drains after refusing it; the guard
        // counts the bytes itself (ReadBoundedAsync), so a refused body can still be read to its end.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit + DrainBytes;

        if (!request.Host.HasValue)
            request.Host = RequestReader.LocalHost(context);
        else if (!IsValidHost(request))
        {
            await RefuseAsync(context, query, TwilioErrors.MalformedRequest("the Host header is not a valid host"));
            return;
        }

        if (request.ContentLength > limit)
        {
            await RefuseAsync(context, query, TwilioErrors.PayloadTooLarge);
            if (request.ContentLength <= limit + DrainBytes)
                await DrainAsync(context);
            return;
        }

        // Every body is read here, bounded, and kept for the dispatcher; WireMock gets an empty one. WireMock left GET
        // and DELETE bodies unread, and Kestrel then drained them after the answer: a drain over the limit closed the
        // connection with no "Connection: close", and HttpClient's next request on it failed ("response ended prematurely").
        ArraySegment<byte>? body = null;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            MemoryStream? read;
            try
            {
                read = await ReadBoundedAsync(request.Body, request.ContentLength, limit, context.RequestAborted);
            }
            catch (BadHttpRequestException e)
            {
                // Kestrel's verdict on the body: too large (413), malformed (400), too slow (408).
                await RefuseAsync(context, query, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? TwilioErrors.PayloadTooLarge
                    : TwilioErrors.MalformedRequest(e.Message, e.StatusCode is >= 400 and < 500 ? e.StatusCode : 400));
                return;
            }
            catch (Exception) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            if (read is null)
            {
                await RefuseAsync(context, query, TwilioErrors.PayloadTooLarge);
                await DrainAsync(context);
                return;
            }
            body = read.TryGetBuffer(out var bytes) ? bytes : read.ToArray();
            request.Body = Stream.Null;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            // WireMock stores four entries in Items on every request it sees; a dictionary sized for them is not
            // grown (and re-hashed) twice per request. Without stubs nothing uses Items.
            if (stubs is not null)
                context.Items = new Dictionary<object, object?>(4);
            if (stubs is not null && await stubs(context))
            {
                // A test's stub (FakeRoomsServer.Stub, --mappings) answered instead of the fake: journaled all the same.
                dispatcher.RecordStubbed(RequestReader.Describe(context, query, body), context.Response.StatusCode,
                    System.Diagnostics.Stopwatch.GetElapsedTime(started));
                return;
            }
            var result = await _transport.DeliverAsync(dispatcher.Handle(RequestReader.Read(context, query, body, fromSocket)), context);
            if (result is not null && !context.RequestAborted.IsCancellationRequested)
                await WriteAsync(context, result);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-request: nobody is left to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            server.ReportBug(e);
            await WriteAsync(context, Dispatcher.ErrorResult(TwilioErrors.InternalServerError));
        }
    }

    /// <summary>
    /// A request the in-memory SDK client built itself (<see cref="InMemoryTwilioClient"/>): no HTTP to check or read,
    /// so only the dispatcher, as every other request meets it. A bug escaping it is reported and answered with
    /// Twilio's 500 JSON, as <see cref="InvokeAsync"/> does.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="refused">
    /// An error decided before the request was read (a body over <see cref="FakeRoomsOptions.MaxRequestBodyBytes"/>):
    /// answered as <see cref="RefuseAsync"/> answers it, with <c>Connection: close</c>.
    /// </param>
    public HttpResult Handle(HttpRequestData request, TwilioError? refused = null)
    {
        try
        {
            var result = dispatcher.Handle(request, refused);
            return refused is null ? result : result with { Headers = [.. result.Headers, new("Connection", "close")] };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            server.ReportBug(e);
            return Dispatcher.ErrorResult(TwilioErrors.InternalServerError);
        }
    }

    /// <summary>The dispatcher's answer through the fault transport (delay, drop); null when the fault dropped it.</summary>
    public Task<HttpResult?> DeliverAsync(HttpResult result, CancellationToken aborted) => _transport.DeliverAsync(result, aborted);

    /// <summary>
    /// How much of a refused body is read and dropped after the 413, so that a client still sending it gets the
    /// answer (below). Past it, or past <see cref="DrainTime"/>, the connection is closed with the body unread.
    /// </summary>
    private const long DrainBytes = 64L << 20;

    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>PUT /__fakerooms/state</c> takes back what <c>GET /__fakerooms/state</c> gives: about 1 KB per room without
    /// participants and 1.3 KB more per participant with two tracks (measured), so the 1 MiB default refused any state
    /// of more than about 1,000 rooms. 256 MiB holds an account at its default room bounds (10,000 in progress and
    /// 50,000 ended rooms) with two to three such participants per room, and stays a bound.
    /// </summary>
    internal const int StateBodyBytes = 256 << 20;

    private static int RouteLimit(HttpRequest request, int limit) =>
        HttpMethods.IsPut(request.Method) && request.Path.Equals("/__fakerooms/state", StringComparison.Ordinal)
            ? Math.Max(limit, StateBodyBytes)
            : limit;

    /// <summary>
    /// Reads and drops the rest of a refused body (bounded in bytes and time) before the connection closes. A server
    /// that closes while the client still writes makes the client's kernel answer the next segment with a reset, and
    /// the reset discards the 413 waiting in the client's receive buffer: node's fetch failed with EPIPE in 9 of 20
    /// runs at 8 MB, python's http.client with BrokenPipe in 20 of 20 (curl reads while it sends and hid it).
    /// </summary>
    private static async Task DrainAsync(HttpContext context)
    {
        using var time = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        time.CancelAfter(DrainTime);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long drained = 0;
            int read;
            while (drained <= DrainBytes && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(0, 64 * 1024), time.Token)) > 0)
                drained += read;
        }
        catch (Exception e) when (e is BadHttpRequestException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // Past Kestrel's limit (the drain's bound), too slow, or the client left: close as it is.
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Answers through the dispatcher (routed, journaled) and closes the connection: what is left of the body is
    /// unknown, so the client is told not to send another request on it.
    /// </summary>
    private async Task RefuseAsync(HttpContext context, string? query, TwilioError error)
    {
        var result = dispatcher.Handle(RequestReader.Describe(context, query), refused: error);
        context.Response.Headers.Connection = "close";
        await WriteAsync(context, result);
    }

    /// <summary>
    /// The whole body in memory, positioned at its start, or null once it passes <paramref name="limit"/> bytes (what
    /// came so far is dropped). Sized by Content-Length when there is one, so a body is copied once.
    /// </summary>
    private static async Task<MemoryStream?> ReadBoundedAsync(Stream body, long? length, int limit, CancellationToken cancel)
    {
        // Sized by what the client announced only up to 1 MiB: a Content-Length is a claim, not bytes received.
        var copy = new MemoryStream(length is > 0 && length <= limit ? (int)Math.Min(length.Value, 1 << 20) : 0);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, 16 * 1024), cancel)) > 0)
            {
                if (copy.Length + read > limit)
                    return null;
                copy.Write(buffer, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        copy.Position = 0;
        return copy;
    }

    internal static async Task WriteAsync(HttpContext context, HttpResult result)
    {
        var response = context.Response;
        response.StatusCode = result.Status;
        response.ContentType = result.ContentType;
        foreach (var (name, value) in result.Headers)
            response.Headers.Append(name, value);
        // RFC 9110 §8.6: no Content-Length (and no body) on a 204 or 304; Kestrel refuses one.
        if (result.Status is 204 or 304)
            return;
        var bytes = result.BinaryBody ?? Encoding.UTF8.GetBytes(result.Body);
        response.ContentLength = bytes.Length;
        try
        {
            await response.Body.WriteAsync(bytes, context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client stopped listening (it may still have been sending the body we refused).
        }
    }

    private static readonly System.Buffers.SearchValues<char> HostNameChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");

    /// <summary>Whether WireMock can build its absolute URL from this Host (it calls <c>new Uri(...)</c> unguarded).</summary>
    private static bool IsValidHost(HttpRequest request)
    {
        // The usual Host (a name or IPv4 address, a port up to 65535) needs no Uri to tell.
        var host = request.Host.Value!;
        var colon = host.LastIndexOf(':');
        var name = colon < 0 ? host : host[..colon];
        if (name.Length > 0 && !name.AsSpan().ContainsAnyExcept(HostNameChars) &&
            (colon < 0 || (int.TryParse(host.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port <= 65535)))
            return true;
        try
        {
            return Uri.TryCreate(request.Scheme + "://" + request.Host.ToUriComponent() + "/", UriKind.Absolute, out _);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return false;
        }
    }

    /// <summary>Ends the delays of injected latency still running, so no request outlives the fake.</summary>
    public void Dispose() => _transport.Dispose();
}
