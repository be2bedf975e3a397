using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using FakeRooms.Domain.Errors;
using FakeRooms.Http;
using Twilio.Http;
using TwilioHttpClient = Twilio.Http.HttpClient;

namespace FakeRooms.Hosting;

/// <summary>
/// The Twilio SDK's HTTP client of a fake that does not listen (<see cref="FakeRoomsOptions.Listen"/> false), used by
/// <see cref="FakeRoomsServer.CreateTwilioClient()"/> and the accounts' clients. It is the SDK's own extension point
/// (a <see cref="TwilioHttpClient"/>, as <c>SystemNetHttpClient</c> is) and hands the SDK's request straight to the
/// dispatcher: no <see cref="HttpRequestMessage"/>, no <c>HttpContext</c>, no copy of the body or the answer.
/// That was most of an in-memory SDK call's cost (bench section 5: the SDK's System.Net.Http layer alone allocated
/// 15 KB per CreateRoom). What reaches the dispatcher is what <c>SystemNetHttpClient</c> would have sent: the same
/// headers (twilio-csharp 8.x <c>BuildHttpRequest</c>: Basic auth, <c>Accept: application/json</c>,
/// <c>Accept-Encoding: utf-8</c>, its User-Agent, the request's header parameters), the form encoded as
/// <see cref="FormUrlEncodedContent"/> encodes it and parsed back as every form is, <c>Content-Type</c> and
/// <c>Content-Length</c> on every call but GET; so routing, validation, faults, the journal and callbacks are the ones
/// every other request meets (<c>InMemoryTwilioClientTests</c> holds the two paths' journal entries equal).
/// <para>
/// What it does not do itself goes the long way, over <see cref="InMemoryHandler"/> with the SDK's own
/// <c>SystemNetHttpClient</c>: while a test's stub or a mapping file is registered (WireMock must see the request), a
/// host that is not Twilio's, and credentials other than Basic (an <c>AuthStrategy</c>).
/// </para>
/// <para>
/// What the SDK's client would see is kept: an injected drop throws the <see cref="HttpRequestException"/> a closed
/// connection gives, and a delay longer than the <see cref="System.Net.Http.HttpClient.Timeout"/> of the fake's
/// clients (100 s, HttpClient's default) throws the <see cref="TaskCanceledException"/> HttpClient throws; the SDK
/// wraps both in <c>ApiConnectionException</c>. <see cref="TwilioHttpClient.LastRequest"/> and
/// <see cref="TwilioHttpClient.LastResponse"/> are set as <c>SystemNetHttpClient</c> sets them.
/// </para>
/// </summary>
internal sealed class InMemoryTwilioClient(FakeRoomsServer server, RequestGuard guard, Func<bool> hasStubs, System.Net.Http.HttpClient http)
    : TwilioHttpClient
{
    private const string FormContentType = "application/x-www-form-urlencoded";

    private SystemNetHttpClient? _overHttp;

    /// <summary>The fake's base URL (<c>https://video.twilio.com</c>): the Host and origin every answer is written for.</summary>
    private readonly Uri _origin = new(server.Url);

    public override Response MakeRequest(Request request) => MakeRequestAsync(request).GetAwaiter().GetResult();

    public override async Task<Response> MakeRequestAsync(Request request)
    {
        // A disposed fake disposed the HttpClient the SDK's own client would use: the same exception.
        ObjectDisposedException.ThrowIf(server.Clients.IsDisposed, typeof(System.Net.Http.HttpClient));
        var uri = request.ConstructUrl();
        if (hasStubs() || request.Username is null || request.Password is null || !RedirectToFakeHandler.IsTwilioHost(uri.Host) ||
            (!Equals(request.Method, Twilio.Http.HttpMethod.Get) && request.ContentType is { } type && !Equals(type, Twilio.Constant.EnumConstants.ContentTypeEnum.FORM_URLENCODED)))
            return await OverHttpAsync(request).ConfigureAwait(false);

        LastRequest = request;
        LastResponse = null;
        var read = Read(request, uri);
        // A body over the limit is refused before it is read, as RequestGuard refuses it: no form in the journal.
        var result = read.BodyLength > server.Options.MaxRequestBodyBytes
            ? guard.Handle(read with { Form = FormValues.Empty }, TwilioErrors.PayloadTooLarge)
            : guard.Handle(read);

        // HttpClient gives up after its Timeout (100 s by default), whatever the fault's delay.
        var timeout = http.Timeout;
        if (timeout != Timeout.InfiniteTimeSpan && result.Delay > timeout)
        {
            await guard.DeliverAsync(result with { Delay = timeout, DropConnection = false }, CancellationToken.None).ConfigureAwait(false);
            throw new TaskCanceledException(
                $"The request was canceled due to the configured HttpClient.Timeout of {timeout.TotalSeconds} seconds elapsing.",
                new TimeoutException("The operation was canceled."));
        }
        var delivered = await guard.DeliverAsync(result, CancellationToken.None).ConfigureAwait(false)
            // What SocketsHttpHandler throws when the server closes the connection without an answer (InMemoryHandler).
            ?? throw new HttpRequestException(HttpRequestError.ResponseEnded, "An error occurred while sending the request.",
                new IOException("The response ended prematurely."));
        var response = new Response((HttpStatusCode)delivered.Status, Content(delivered), Headers(delivered));
        LastResponse = response;
        return response;
    }

    /// <summary>The SDK's own client over the in-memory handler: stubs, other hosts, other credentials.</summary>
    private async Task<Response> OverHttpAsync(Request request)
    {
        var client = _overHttp ??= new SystemNetHttpClient(http);
        LastRequest = request;
        LastResponse = null;
        var response = await client.MakeRequestAsync(request).ConfigureAwait(false);
        LastResponse = response;
        return response;
    }

    /// <summary>The request as <see cref="RequestReader.Read"/> would have read it from the SDK's HTTP request.</summary>
    private HttpRequestData Read(Request request, Uri uri)
    {
        var method = request.Method.ToString();
        var post = !Equals(request.Method, Twilio.Http.HttpMethod.Get);
        var form = post ? EncodeForm(request.PostParams) : null;
        var authorization = "Basic " + Authentication(request.Username, request.Password);

        var headers = new Dictionary<string, string>(8 + request.HeaderParams.Count, StringComparer.OrdinalIgnoreCase)
        {
            ["Authorization"] = authorization,
            ["Accept"] = "application/json",
            ["Accept-Encoding"] = "utf-8",
            ["User-Agent"] = UserAgent(request.UserAgentExtensions),
        };
        foreach (var (name, value) in request.HeaderParams)
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + "," + value : value;
        if (!RedirectToFakeHandler.IsTwilioVideoHost(uri.Host))
            headers[RedirectToFakeHandler.OriginalHostHeader] = uri.Host;
        if (form is not null)
        {
            request.ContentType ??= Twilio.Constant.EnumConstants.ContentTypeEnum.FORM_URLENCODED;
            headers["Content-Type"] = FormContentType;
            headers["Content-Length"] = form.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        headers["Host"] = _origin.Authority;

        var rawPath = uri.AbsolutePath;
        return new HttpRequestData
        {
            Method = method,
            RawPath = rawPath,
            Segments = HttpRequestData.SplitPath(rawPath),
            Query = FormValues.Parse(uri.Query),
            Form = form is null ? FormValues.Empty : FormValues.Parse(form),
            ContentType = form is null ? null : FormContentType,
            Authorization = authorization,
            Origin = _origin.Scheme + "://" + _origin.Authority,
            // The form is ASCII once encoded: a character per byte.
            BodyLength = form?.Length ?? 0,
            Headers = headers,
        };
    }

    /// <summary>
    /// The body <see cref="FormUrlEncodedContent"/> sends: each name and value escaped by
    /// <see cref="Uri.EscapeDataString(string)"/>, spaces as <c>+</c>, pairs joined by <c>&amp;</c>.
    /// </summary>
    private static string EncodeForm(List<KeyValuePair<string, string>> pairs)
    {
        var builder = new StringBuilder(64);
        foreach (var (name, value) in pairs)
        {
            if (builder.Length > 0)
                builder.Append('&');
            Escape(builder, name);
            builder.Append('=');
            Escape(builder, value);
        }
        return builder.ToString();

        static void Escape(StringBuilder builder, string? data)
        {
            if (string.IsNullOrEmpty(data))
                return;
            var escaped = Uri.EscapeDataString(data);
            builder.Append(data.Contains(' ') ? escaped.Replace("%20", "+", StringComparison.Ordinal) : escaped);
        }
    }

    /// <summary>
    /// twilio-csharp 8.x's User-Agent (<c>SystemNetHttpClient.BuildHttpRequest</c>): <c>twilio-csharp/{version} ({OS
    /// platform} {architecture}) .NET/{version}</c> and the request's extensions, each after a space.
    /// </summary>
    private static string UserAgent(string[]? extensions)
    {
        if (extensions is not { Length: > 0 })
            return BaseUserAgent;
        var agent = new StringBuilder(BaseUserAgent);
        foreach (var extension in extensions)
            agent.Append(' ').Append(extension);
        return agent.ToString();
    }

    private static readonly string BaseUserAgent = MakeUserAgent();

    private static string MakeUserAgent()
    {
        var platform = RuntimeInformation.FrameworkDescription;
        var space = platform.LastIndexOf(' ');
        if (space >= 0)
            platform = platform[..space] + "/" + platform[(space + 1)..];
        var version = typeof(TwilioHttpClient).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
        return $"twilio-csharp/{version} ({Environment.OSVersion.Platform} {RuntimeInformation.OSArchitecture}) {platform}";
    }

    /// <summary>The body as the SDK reads it (a string); none on a 204 or 304 (RequestGuard.WriteAsync).</summary>
    private static string Content(HttpResult result) =>
        result.Status is 204 or 304 ? "" : result.BinaryBody is { } bytes ? Encoding.UTF8.GetString(bytes) : result.Body;

    /// <summary>
    /// The response headers <c>SystemNetHttpClient</c> hands the SDK: the answer's own (Retry-After, WWW-Authenticate,
    /// ...); content headers (Content-Type, Allow) are not among them there either.
    /// </summary>
    private static System.Net.Http.Headers.HttpResponseHeaders Headers(HttpResult result)
    {
        var headers = new HttpResponseMessage().Headers;
        foreach (var (name, value) in result.Headers)
            headers.TryAddWithoutValidation(name, value);
        return headers;
    }
}
