using System.Diagnostics;
using FakeRooms.Domain.Errors;
using FakeRooms.Journal;
using FakeRooms.Wire;

namespace FakeRooms.Http;

/// <summary>
/// Every request passes here: route, authenticate, run the handler, turn the domain's Twilio errors into Twilio's
/// error JSON, record the call. It is the only place that catches the domain's exception, and the only place that
/// writes the journal. Any other exception is a bug in the fake and answers 500 with Twilio's error JSON.
/// </summary>
internal sealed class Dispatcher(FakeRoomsServer server, RouteTable routes)
{
    private readonly Authenticator _auth = new(server);

    /// <param name="request">The parsed request.</param>
    /// <param name="route">The route WireMock matched, if any (checked again).</param>
    /// <param name="refused">
    /// An error the transport already decided on (body too large, malformed request; Hosting/RequestGuard.cs): the
    /// request is routed and journaled like any other, but no handler runs.
    /// </param>
    public HttpResult Handle(HttpRequestData request, Route? route = null, TwilioError? refused = null)
    {
        var started = Stopwatch.GetTimestamp();
        if (refused is null && server.Options.RootPage is { } page && request.RawPath == "/" && request.Method is "GET" or "HEAD")
            return RootPage(request, page, started);
        IReadOnlyDictionary<string, string>? parameters = null;
        var pathKnown = true;
        if (route is null || !route.TryMatch(request.Segments, out parameters))
            route = routes.Match(request.Method, request.Segments, out parameters, out pathKnown);

        var context = new RequestContext(request, parameters ?? Route.NoParameters, server, server.BaseUrlFor(request));
        HttpResult result;
        Faults.FaultDecision? fault = null;
        try
        {
            if (refused is not null)
                throw new TwilioErrorException(refused);
            if (request.Segments is [ControlPrefix, ..])
                result = route?.Handler(context) ?? throw new TwilioErrorException(pathKnown
                    ? TwilioErrors.MethodNotAllowed()
                    : TwilioErrors.NotFound(request.RawPath));
            else
            {
                if (request.BodyLength > server.Options.MaxRequestBodyBytes)
                    throw new TwilioErrorException(TwilioErrors.PayloadTooLarge);
                context.AccountSid = _auth.Authenticate(request.Authorization);
                if (route is null)
                    throw new TwilioErrorException(pathKnown
                        ? TwilioErrors.MethodNotAllowed()
                        : TwilioErrors.NotFound(ResourcePath(request.RawPath)));
                // Injected faults and rate limits apply to authenticated calls of Twilio operations only.
                fault = server.Faults.Decide(context, route);
                result = fault?.Intercept() ?? route.Handler(context);
            }
        }
        catch (TwilioErrorException e)
        {
            result = ErrorResult(e.Error);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            server.ReportBug(e);
            result = ErrorResult(TwilioErrors.InternalServerError);
        }
        if (fault is not null)
            result = fault.Shape(result);

        // RFC 9110 §15.5.6: a 405 lists the methods the resource does support in Allow.
        if (route is null && pathKnown && result.Error?.Code == 20004)
            result = result with { Headers = [.. result.Headers, new("Allow", string.Join(", ", routes.AllowedMethods(request.Segments)))] };

        // The control API is the test's own channel, not the app's traffic: it is not journaled.
        if (request.Segments is not [ControlPrefix, ..])
            Record(request, route, context, result, Stopwatch.GetElapsedTime(started));
        server.Options.RequestObserver?.Invoke(new RequestObserved(request.Method, request.RawPath, result.Status, result.Error?.Code, Stopwatch.GetElapsedTime(started)));
        return result;
    }

    /// <summary>
    /// The standalone's page at <c>/</c> (<see cref="FakeRoomsOptions.RootPage"/>): a person who opens the server in a
    /// browser learns what it is instead of meeting a Basic-auth prompt. Not a Twilio call, so not journaled.
    /// </summary>
    private HttpResult RootPage(HttpRequestData request, string page, long started)
    {
        var result = new HttpResult(200, page, "text/html; charset=utf-8");
        server.Options.RequestObserver?.Invoke(new RequestObserved(request.Method, request.RawPath, result.Status, null, Stopwatch.GetElapsedTime(started)));
        return result;
    }

    /// <summary>The first path segment of the fake's own control API.</summary>
    public const string ControlPrefix = "__fakerooms";

    public static HttpResult ErrorResult(TwilioError error)
    {
        var result = new HttpResult(error.HttpStatus, TwilioJson.Error(error)) { Error = error };
        // Real 401s carry WWW-Authenticate: Basic realm="Twilio API" (FACTS §7).
        return error.HttpStatus == 401
            ? result with { Headers = [new("WWW-Authenticate", "Basic realm=\"Twilio API\"")] }
            : result;
    }

    /// <summary>Twilio's 404 message names the path without the version: "/Rooms/RM71" (FACTS §1.4).</summary>
    private static string ResourcePath(string rawPath)
    {
        var path = Uri.UnescapeDataString(rawPath);
        return path.StartsWith("/v1/", StringComparison.Ordinal) ? path[3..] : path;
    }

    private void Record(HttpRequestData request, Route? route, RequestContext context, HttpResult result, TimeSpan elapsed)
    {
        server.Calls.Add(new CallData
        {
            Time = server.Clock.UtcNow,
            AccountSid = context.AccountSid,
            Operation = route?.Operation ?? Operation.Unknown,
            Method = request.Method,
            // The route's own template string when the path is exactly that (e.g. /v1/Rooms): one string fewer per call.
            Path = route is not null && route.Template == request.RawPath ? route.Template : request.RawPath,
            PathParameters = context.Parameters,
            EncodedQuery = request.Query.Encoded,
            EncodedForm = request.Form.Encoded,
            ContentType = request.ContentType,
            HadNonFormBody = request.HasNonFormBody,
            IgnoredParameters = context.IgnoredParameters,
            StatusCode = result.Status,
            ErrorCode = result.Error?.Code,
            ErrorMessage = result.Error?.Message,
            Room = result.Room,
            InjectedFault = result.InjectedFault,
            Elapsed = elapsed,
        });
    }
}
