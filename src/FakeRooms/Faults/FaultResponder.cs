using FakeRooms.Domain.Errors;

namespace FakeRooms.Faults;

/// <summary>
/// The second half of a fault rule: what a call that fires it gets. Each <c>RespondWith...</c>, <c>Drop...</c> and
/// <see cref="Delay"/> method adds the rule and returns it; <see cref="AfterDelay"/> adds latency to any of them.
/// </summary>
public sealed class FaultResponder
{
    /// <summary>The longest latency a fault may add (a hung request is a dropped connection, not a delay).</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(10);

    private readonly FaultInjector _injector;
    private readonly FaultTargetSpec _target;
    private readonly FaultFrequency _frequency;
    private readonly TimeSpan _delay;

    internal FaultResponder(FaultInjector injector, FaultTargetSpec target, FaultFrequency frequency, TimeSpan delay = default)
    {
        _injector = injector;
        _target = target;
        _frequency = frequency;
        _delay = delay;
    }

    /// <summary>Holds the fault's answer (or the dropped connection) back by <paramref name="delay"/> of real time.</summary>
    /// <param name="delay">From zero to <see cref="MaxDelay"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative or over <see cref="MaxDelay"/>.</exception>
    public FaultResponder AfterDelay(TimeSpan delay) => new(_injector, _target, _frequency, CheckDelay(delay));

    /// <summary>
    /// Answers 429 with Twilio code 20429 "Too Many Requests", as Twilio does past an account's request quota; the
    /// request is not processed (docs, error 20429: such requests "aren't processed and are safe to retry").
    /// </summary>
    /// <param name="retryAfter">Sent as a <c>Retry-After</c> header in whole seconds (rounded up); none when null.</param>
    public FaultRule RespondWithTooManyRequests(TimeSpan? retryAfter = null) => Error(TwilioErrors.TooManyRequests, retryAfter);

    /// <summary>Answers 500 with Twilio code 20500 "Internal Server Error"; the request is not processed.</summary>
    public FaultRule RespondWithInternalServerError() => Error(TwilioErrors.InternalServerError, null);

    /// <summary>Answers 503 with Twilio code 20503 "Service unavailable"; the request is not processed.</summary>
    /// <param name="retryAfter">Sent as a <c>Retry-After</c> header in whole seconds (rounded up); none when null.</param>
    public FaultRule RespondWithServiceUnavailable(TimeSpan? retryAfter = null) => Error(TwilioErrors.ServiceUnavailable, retryAfter);

    /// <summary>Answers any Twilio error in Twilio's JSON shape; the request is not processed.</summary>
    /// <param name="status">The HTTP status, 400 to 599.</param>
    /// <param name="code">The Twilio error code, e.g. 53103.</param>
    /// <param name="message">The error message.</param>
    /// <param name="retryAfter">Sent as a <c>Retry-After</c> header in whole seconds (rounded up); none when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">The status is not an error status, or the code is not positive.</exception>
    public FaultRule RespondWithError(int status, int code, string message, TimeSpan? retryAfter = null)
    {
        if (status is < 400 or > 599)
            throw new ArgumentOutOfRangeException(nameof(status), status, "An error status is from 400 to 599.");
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 1);
        ArgumentNullException.ThrowIfNull(message);
        return Error(new TwilioError(code, status, message), retryAfter);
    }

    /// <summary>
    /// Answers a fixed status and body instead of Twilio's JSON, as a proxy or load balancer in front of Twilio might
    /// (an HTML 502 page); the request is not processed.
    /// </summary>
    /// <param name="status">The HTTP status, 100 to 599.</param>
    /// <param name="body">The body, sent as it is.</param>
    /// <param name="contentType">The Content-Type header.</param>
    public FaultRule RespondWithRawBody(int status, string body, string contentType = "text/html")
    {
        if (status is < 100 or > 599)
            throw new ArgumentOutOfRangeException(nameof(status), status, "An HTTP status is from 100 to 599.");
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return Add(new FaultAction { Kind = FaultKind.RawBody, RawStatus = status, RawBody = body, RawContentType = contentType });
    }

    /// <summary>
    /// Processes the request, then answers its status with the body cut off halfway: a malformed JSON body (the
    /// Twilio SDK then throws an <c>ApiException</c> wrapping the JSON reader's error).
    /// </summary>
    public FaultRule RespondWithTruncatedBody() => Add(new FaultAction { Kind = FaultKind.TruncatedBody });

    /// <summary>
    /// Closes the connection without answering; the request is not processed (it never reached Twilio). The Twilio
    /// SDK throws <c>ApiConnectionException</c>.
    /// </summary>
    public FaultRule DropConnection() => Add(new FaultAction { Kind = FaultKind.DropConnection });

    /// <summary>
    /// Processes the request (a room is created, a participant kicked), then closes the connection without answering:
    /// the app sees <c>ApiConnectionException</c> although the change happened, so a retry meets its effect.
    /// </summary>
    public FaultRule DropConnectionAfterProcessing() => Add(new FaultAction { Kind = FaultKind.DropConnectionAfterProcessing });

    /// <summary>
    /// Processes the request at once and holds its normal answer back by <paramref name="delay"/> of real time
    /// (network latency is wall-clock time, like the client's timeout). A client that times out first sees
    /// <c>ApiConnectionException</c> although the change happened. The wait is asynchronous and ends early when the
    /// client disconnects or the fake stops.
    /// </summary>
    /// <param name="delay">From zero to <see cref="MaxDelay"/>.</param>
    public FaultRule Delay(TimeSpan delay) => Add(new FaultAction { Kind = FaultKind.Delay, Delay = CheckDelay(CheckDelay(delay) + _delay) });

    private FaultRule Error(TwilioError error, TimeSpan? retryAfter) => Add(new FaultAction
    {
        Kind = FaultKind.Error,
        Error = error,
        RetryAfterSeconds = retryAfter is { } value ? FaultAction.RetryAfter(value) : null,
    });

    private FaultRule Add(FaultAction action) =>
        _injector.Add(_target, _frequency, action.Kind == FaultKind.Delay ? action : action with { Delay = _delay });

    private static TimeSpan CheckDelay(TimeSpan delay) =>
        delay < TimeSpan.Zero || delay > MaxDelay
            ? throw new ArgumentOutOfRangeException(nameof(delay), delay, $"A delay is from zero to {MaxDelay}.")
            : delay;
}
