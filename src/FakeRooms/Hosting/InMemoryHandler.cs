using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FakeRooms.Hosting;

/// <summary>
/// Answers requests for the fake in memory: each request becomes an <see cref="HttpContext"/> handed to the same
/// path Kestrel's requests take (<see cref="WireMockAdapter.AnswerInMemoryAsync"/>: the request guard, the stubs when
/// there are any, the dispatcher, the fault transport), so routing, faults, the journal and stubs are one
/// implementation. Only the socket and HTTP/1.1 framing are left out. Requests for other hosts go to the network unchanged.
/// </summary>
internal sealed class InMemoryHandler(Func<HttpContext, Task> answer, Uri fake) : HttpMessageHandler
{
    private HttpMessageInvoker? _network;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { IsAbsoluteUri: true } uri || !IsFake(uri))
            return await Network().SendAsync(request, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        ArraySegment<byte>? body = null;
        if (request.Content is { } content)
            body = await ReadBodyAsync(content, cancellationToken).ConfigureAwait(false);
        using var lifetime = new Lifetime(cancellationToken);
        var responseBody = new MemoryStream();
        var context = new DefaultHttpContext(Features(request, uri, body, lifetime, responseBody));

        await answer(context).ConfigureAwait(false);

        if (lifetime.Aborted)
            // What SocketsHttpHandler throws when the server closes the connection without an answer (an injected
            // drop), so the SDK sees what it sees over HTTP (the Twilio SDK wraps it in ApiConnectionException).
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "An error occurred while sending the request.",
                new IOException("The response ended prematurely."));
        cancellationToken.ThrowIfCancellationRequested();
        return Response(request, context.Response, responseBody);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _network?.Dispose();
        base.Dispose(disposing);
    }

    private bool IsFake(Uri uri) =>
        uri.Port == fake.Port &&
        uri.Host.Equals(fake.Host, StringComparison.OrdinalIgnoreCase) &&
        uri.Scheme.Equals(fake.Scheme, StringComparison.OrdinalIgnoreCase);

    private HttpMessageInvoker Network()
    {
        if (_network is { } existing)
            return existing;
        var created = new HttpMessageInvoker(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        return Interlocked.CompareExchange(ref _network, created, null) ?? created;
    }

    /// <summary>The request body, copied once into a buffer of the size the content announces.</summary>
    private static async Task<ArraySegment<byte>> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var length = content.Headers.ContentLength;
        var copy = new MemoryStream(length is > 0 and <= 1 << 20 ? (int)length.Value : 0);
        await content.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        return new ArraySegment<byte>(copy.GetBuffer(), 0, (int)copy.Length);
    }

    private static Microsoft.Extensions.Primitives.StringValues Values(System.Net.Http.Headers.HeaderStringValues values) =>
        values.Count == 1 ? new(values.ToString()) : new(values.ToArray());

    private static FeatureCollection Features(HttpRequestMessage request, Uri uri, ArraySegment<byte>? body, Lifetime lifetime, Stream responseBody)
    {
        // The headers as the client set them (NonValidated): what a socket would carry, without parsing each value
        // into typed header objects only to print it again.
        IHeaderDictionary headers = new HeaderDictionary(request.Headers.NonValidated.Count + 3);
        foreach (var (name, values) in request.Headers.NonValidated)
            headers.Append(name, Values(values));
        if (request.Content is { } content)
        {
            foreach (var (name, values) in content.Headers.NonValidated)
                headers.Append(name, Values(values));
            headers.ContentLength = body!.Value.Count;
        }
        // The Host a client sends: the authority, with the port only when it is not the scheme's default.
        headers.Host = uri.Authority;

        var features = new FeatureCollection(8);
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Scheme = uri.Scheme,
            Method = request.Method.Method,
            PathBase = "",
            // As Kestrel gives it: decoded, except that an encoded '/' stays encoded inside its segment.
            Path = PathString.FromUriComponent(uri).Value ?? "/",
            QueryString = uri.Query,
            RawTarget = uri.PathAndQuery,
            Headers = headers,
            Body = body is { } bytes ? new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false) : Stream.Null,
        });
        features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(body is not null));
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        features.Set<IHttpRequestLifetimeFeature>(lifetime);
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            LocalIpAddress = IPAddress.Loopback,
            LocalPort = uri.Port,
            RemoteIpAddress = IPAddress.Loopback,
        });
        return features;
    }

    private static HttpResponseMessage Response(HttpRequestMessage request, HttpResponse answer, MemoryStream body)
    {
        var content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
        var response = new HttpResponseMessage((HttpStatusCode)answer.StatusCode)
        {
            RequestMessage = request,
            Version = HttpVersion.Version11,
            Content = content,
        };
        foreach (var (name, values) in answer.Headers)
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                continue;
            if (!response.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
        content.Headers.ContentLength = body.Length;
        return response;
    }

    private sealed class BodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => canHaveBody;
    }

    /// <summary>
    /// The request's lifetime: aborted by the client's cancellation (its timeout) or by the fake (an injected drop,
    /// <see cref="Faults.FaultTransport"/>), which the handler then reports as a dropped connection.
    /// </summary>
    private sealed class Lifetime : IHttpRequestLifetimeFeature, IDisposable
    {
        private readonly CancellationTokenSource _aborted;

        public Lifetime(CancellationToken client)
        {
            _aborted = CancellationTokenSource.CreateLinkedTokenSource(client);
            RequestAborted = _aborted.Token;
        }

        public bool Aborted { get; private set; }

        public CancellationToken RequestAborted { get; set; }

        public void Abort()
        {
            Aborted = true;
            _aborted.Cancel();
        }

        public void Dispose() => _aborted.Dispose();
    }
}
