using System.Diagnostics;
using FakeRooms.Control;
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
    /// <param name="refused">
    /// An error the transport already decided on (body too large, malformed request; Hosting/RequestGuard.cs): the
    /// request is routed and journaled like any other, but no handler runs.
    /// </param>
    public HttpResult Handle(HttpRequestData request, TwilioError? refused = null)
    {
        var started = Stopwatch.GetTimestamp();
        if (refused is null && server.Options.RootPage is { } page && request.RawPath == "/" && request.Method is "GET" or "HEAD")
            return RootPage(request, page, started);
        var route = routes.Match(request.Method, request.Segments, out var parameters, out var pathKnown);
        var context = new RequestContext(request, parameters ?? Route.NoParameters, server, server.BaseUrlFor(request)) { Route = route };
        HttpResult result;
        Faults.FaultDecision? fault = null;
        try
        {
            if (refused is not null)
                throw new TwilioErrorException(refused);
            if (request.Segments is [ControlPrefix, ..] && server.Options.ControlToken is { } token && ControlToken.Guards(request.Segments) &&
                !ControlToken.Presented(token, request.Authorization, request.Query.First("token"), request.Headers.GetValueOrDefault("Cookie")))
                result = ErrorResult(ControlToken.Required) with { Headers = [new("WWW-Authenticate", ControlToken.Challenge)] };
            else if (request.Segments is [ControlPrefix, ..])
                result = route is not null ? RunHandler(route, context) : throw new TwilioErrorException(pathKnown
                    ? TwilioErrors.MethodNotAllowed()
                    : TwilioErrors.NotFound(request.RawPath));
            else if (NotServedHost(request) is { } host)
                // A Twilio product other than Video (api.twilio.com for SMS, ...) that no test stubbed: Twilio's 404
                // shape, saying what is missing, so a test never reaches the real service (Hosting/RedirectToFakeHandler.cs).
                throw new TwilioErrorException(new TwilioError(20404, 404,
                    $"The requested resource {host}{Uri.UnescapeDataString(request.RawPath)} was not found: FakeRooms serves Twilio Video " +
                    "(video.twilio.com) only. Stub other Twilio APIs with FakeRoomsServer.Stub or the standalone's --mappings."));
            else
            {
                if (request.BodyLength > server.Options.MaxRequestBodyBytes)
                    throw new TwilioErrorException(TwilioErrors.PayloadTooLarge);
                context.AccountSid = _auth.Authenticate(request.Authorization, out var otherAccountToken);
                context.OtherAccountToken = otherAccountToken;
                if (route is null)
                    throw new TwilioErrorException(pathKnown
                        ? TwilioErrors.MethodNotAllowed()
                        : TwilioErrors.NotFound(ResourcePath(request.RawPath)));
                // Injected faults and rate limits apply to authenticated calls of Twilio operations only.
                fault = server.Faults.Decide(context, route);
                result = fault?.Intercept() ?? RunHandler(route, context);
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
        if (result.Status >= 400)
            ForgetAccountsMadeBy(context);

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
    /// The Twilio host a request was meant for, when the fake's client redirected it from a host other than Video
    /// (<see cref="Hosting.RedirectToFakeHandler.OriginalHostHeader"/>); null for Video and for clients that call the
    /// fake directly.
    /// </summary>
    private static string? NotServedHost(HttpRequestData request) =>
        request.Headers.TryGetValue(Hosting.RedirectToFakeHandler.OriginalHostHeader, out var host) &&
        !Hosting.RedirectToFakeHandler.IsTwilioVideoHost(host)
            ? host
            : null;

    /// <summary>
    /// Journals a call a test's WireMock stub answered (FakeRoomsServer.Stub): no route, no handler, the stub's status.
    /// The account is the one the credentials name, if they are valid.
    /// </summary>
    public void RecordStubbed(HttpRequestData request, int status, TimeSpan elapsed)
    {
        var context = new RequestContext(request, Route.NoParameters, server, server.BaseUrlFor(request));
        try
        {
            context.AccountSid = _auth.Authenticate(request.Authorization, out _);
        }
        catch (TwilioErrorException)
        {
        }
        Record(request, null, context, new HttpResult(status, ""), elapsed);
    }

    /// <summary>
    /// Runs a handler; when a reset retired the account's store between the handler's lookup and its lock, runs it again
    /// on the live store (the first attempt changed nothing: the check comes first under the store's lock).
    /// </summary>
    private HttpResult RunHandler(Route route, RequestContext context) =>
        server.Persistence is { } log && Persistence.PersistLog.Changes(context.Request)
            ? log.Run(context, () => RunHandlerAgain(route, context))
            : RunHandlerAgain(route, context);

    private static HttpResult RunHandlerAgain(Route route, RequestContext context)
    {
        // Twilio ignores parameters an operation does not have; the journal keeps their names (contract report, hints).
        if (!route.IsControl)
            context.IgnoredParameters = route.Description.UnknownIn(context.Request);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return route.Handler(context);
            }
            catch (Domain.Rooms.StoreRetiredException) when (attempt < 100)
            {
            }
        }
    }

    /// <summary>
    /// A refused request leaves no trace: an account its handler created (a write that then failed, e.g. a 404 on an
    /// unseen account) and that holds nothing is dropped again, with the token it brought.
    /// </summary>
    private void ForgetAccountsMadeBy(RequestContext context)
    {
        if (context.AccountSid is { } account)
            Forget(account);
        if (context.Request.Segments is [ControlPrefix, ..])
        {
            if (context.Request.Form.First("AccountSid") is { Length: > 0 } fromForm)
                Forget(fromForm);
            if (context.Request.Query.First("AccountSid") is { Length: > 0 } fromQuery)
                Forget(fromQuery);
        }

        void Forget(string sid)
        {
            server.Backend.DropIfPristine(sid);
            if (sid != server.AccountSid && !server.Backend.HasAccount(sid))
                server.ForgetToken(sid);
        }
    }

    /// <summary>
    /// Runs a logged change again at start (--persist): the handler only, as the account it was accepted for; no
    /// authentication, faults, journal or observer. Returns the status it answers now.
    /// </summary>
    public int Replay(HttpRequestData request, string? accountSid, string? otherAccountToken)
    {
        var route = routes.Match(request.Method, request.Segments, out var parameters, out _);
        if (route is null)
            return 404;
        var context = new RequestContext(request, parameters ?? Route.NoParameters, server, request.Origin)
        {
            Route = route,
            AccountSid = accountSid,
            OtherAccountToken = otherAccountToken,
        };
        try
        {
            return RunHandlerAgain(route, context).Status;
        }
        catch (TwilioErrorException e)
        {
            return e.Error.HttpStatus;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            server.ReportBug(e);
            return 500;
        }
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
