namespace FakeRooms.Callbacks;

/// <summary>How one status callback delivery ended.</summary>
public enum CallbackOutcome
{
    /// <summary>The receiver answered with a 2xx status.</summary>
    Succeeded,

    /// <summary>The receiver answered, with a status other than 2xx (Twilio records such answers as errors).</summary>
    ErrorStatus,

    /// <summary>No answer within <see cref="FakeRoomsOptions.CallbackTimeout"/>.</summary>
    TimedOut,

    /// <summary>
    /// The request could not be sent or answered: connection refused, host not found, connection reset, or an
    /// in-process <see cref="FakeRoomsOptions.CallbackHandler"/> that threw.
    /// </summary>
    ConnectionFailed,

    /// <summary>Never sent: the StatusCallback is not an absolute http or https URL.</summary>
    InvalidUrl,

    /// <summary>Never sent: the callback queue was full (<see cref="FakeRoomsOptions.CallbackQueueCapacity"/>).</summary>
    Dropped,
}

/// <summary>One status callback the fake sent (or tried to send) for a room event, and how the receiver answered.</summary>
public sealed record CallbackRecord
{
    /// <summary>Position in the callback journal since the server started (never reused, survives trimming).</summary>
    public long Sequence { get; init; }

    /// <summary>The account that owns the room; its auth token signed the request.</summary>
    public required string AccountSid { get; init; }

    /// <summary>The room's SID (<c>RM...</c>).</summary>
    public required string RoomSid { get; init; }

    /// <summary>The <c>StatusCallbackEvent</c> sent, e.g. <c>room-created</c>.</summary>
    public required string Event { get; init; }

    /// <summary>The <c>SequenceNumber</c> sent: the room's event counter, from 0 for <c>room-created</c>.</summary>
    public int SequenceNumber { get; init; }

    /// <summary>When the event happened, on the fake's clock (the <c>Timestamp</c> parameter).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The room's <c>StatusCallback</c> URL, as configured.</summary>
    public required string StatusCallback { get; init; }

    /// <summary>
    /// The URL requested and signed: the configured URL for POST, and for GET the configured URL with the parameters
    /// appended to its query string.
    /// </summary>
    public required string Url { get; init; }

    /// <summary>The HTTP method (the room's <c>StatusCallbackMethod</c>; POST by default).</summary>
    public required string Method { get; init; }

    /// <summary>The parameters sent, by name, in the order they were sent.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The form body sent (POST), or null (GET: the parameters are in <see cref="Url"/>).</summary>
    public string? Body { get; init; }

    /// <summary>The <c>X-Twilio-Signature</c> header sent.</summary>
    public required string Signature { get; init; }

    /// <summary>The <c>I-Twilio-Idempotency-Token</c> header sent.</summary>
    public required string IdempotencyToken { get; init; }

    /// <summary>When the delivery was attempted, on the fake's clock.</summary>
    public DateTimeOffset AttemptedAt { get; init; }

    /// <summary>How the delivery ended.</summary>
    public CallbackOutcome Outcome { get; init; }

    /// <summary>The receiver's HTTP status, or null when there was no answer.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The start of the receiver's answer body (at most 2,048 characters), or null.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>What went wrong (timeout, refused connection, error status...), or null on success.</summary>
    public string? Error { get; init; }

    /// <summary>Real (wall-clock) time from sending the request to the end of the answer, or to the failure.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>
    /// What a fault rule did to this delivery (dropped, delayed, duplicated, reordered), e.g.
    /// <c>fault-1: callback sent twice (second delivery)</c>, or null for a normal delivery.
    /// </summary>
    public string? InjectedFault { get; init; }

    /// <summary>True when the receiver answered 2xx.</summary>
    public bool Succeeded => Outcome == CallbackOutcome.Succeeded;

    /// <summary>A parameter's value, or null when it was not sent.</summary>
    public string? Parameter(string name) => Parameters.GetValueOrDefault(name);

    /// <inheritdoc />
    public override string ToString() =>
        $"#{Sequence} {Event} {RoomSid} seq={SequenceNumber} {Method} {Url} -> " +
        (StatusCode is { } status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : Outcome.ToString()) +
        (Error is null ? "" : $" ({Error})");
}
