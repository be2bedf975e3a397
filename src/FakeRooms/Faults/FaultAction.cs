using System.Globalization;
using FakeRooms.Domain.Errors;

namespace FakeRooms.Faults;

/// <summary>What an injected fault does to a call.</summary>
internal enum FaultKind
{
    /// <summary>Answer a Twilio error instead of running the operation (the request is not processed).</summary>
    Error,

    /// <summary>Close the connection without answering; the operation does not run.</summary>
    DropConnection,

    /// <summary>Run the operation, then close the connection without answering.</summary>
    DropConnectionAfterProcessing,

    /// <summary>Run the operation and answer its status with the body cut off halfway (invalid JSON).</summary>
    TruncatedBody,

    /// <summary>Answer a fixed status and body (e.g. a proxy's HTML page) instead of running the operation.</summary>
    RawBody,

    /// <summary>Run the operation and answer normally, late.</summary>
    Delay,

    /// <summary>A status callback is not sent at all.</summary>
    DropCallback,

    /// <summary>A status callback is sent late, out of its room's lane: later callbacks may overtake it.</summary>
    DelayCallback,

    /// <summary>A status callback is sent twice (same parameters, signature and idempotency token).</summary>
    DuplicateCallback,

    /// <summary>A status callback is held until the room's next callback has been sent.</summary>
    ReorderCallback,
}

/// <summary>One fault's effect: its kind, the error or body it answers, and the latency it adds.</summary>
internal sealed record FaultAction
{
    public required FaultKind Kind { get; init; }

    /// <summary>The Twilio error answered (<see cref="FaultKind.Error"/>).</summary>
    public TwilioError? Error { get; init; }

    /// <summary>The <c>Retry-After</c> header sent with the error, in whole seconds.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>How long the answer (or the dropped connection) is held back.</summary>
    public TimeSpan Delay { get; init; }

    public int RawStatus { get; init; }

    public string? RawBody { get; init; }

    public string RawContentType { get; init; } = "text/html";

    /// <summary>True when the operation itself runs (the fault only changes how its answer travels).</summary>
    public bool RunsOperation => Kind is FaultKind.DropConnectionAfterProcessing or FaultKind.TruncatedBody or FaultKind.Delay;

    /// <summary>The wire name of the kind, as the control API takes it.</summary>
    public string KindName => Kind switch
    {
        FaultKind.Error => Error switch
        {
            { Code: 20429, HttpStatus: 429 } => "too-many-requests",
            { Code: 20500, HttpStatus: 500 } => "internal-server-error",
            { Code: 20503, HttpStatus: 503 } => "service-unavailable",
            _ => "error",
        },
        FaultKind.DropConnection => "drop-connection",
        FaultKind.DropConnectionAfterProcessing => "drop-connection-after-processing",
        FaultKind.TruncatedBody => "truncated-body",
        FaultKind.RawBody => "raw-body",
        FaultKind.Delay => "delay",
        FaultKind.DropCallback => "drop-callback",
        FaultKind.DelayCallback => "delay-callback",
        FaultKind.DuplicateCallback => "duplicate-callback",
        FaultKind.ReorderCallback => "reorder-callback",
        _ => Kind.ToString(),
    };

    /// <summary>True for faults on status callbacks (the others apply to API calls).</summary>
    public bool IsCallbackFault => Kind is FaultKind.DropCallback or FaultKind.DelayCallback or FaultKind.DuplicateCallback or FaultKind.ReorderCallback;

    /// <summary>A short description for rule listings and the journal, e.g. <c>429 20429 Too Many Requests, Retry-After 1</c>.</summary>
    public string Describe()
    {
        var text = Kind switch
        {
            FaultKind.Error => $"{Error!.HttpStatus} {Error.Code} {Error.Message}" +
                               (RetryAfterSeconds is { } seconds ? $", Retry-After {seconds}" : ""),
            FaultKind.DropConnection => "dropped connection, request not processed",
            FaultKind.DropConnectionAfterProcessing => "dropped connection after processing, no answer sent",
            FaultKind.TruncatedBody => "body truncated halfway",
            FaultKind.RawBody => $"{RawStatus} raw {RawContentType} body",
            FaultKind.Delay => $"answer delayed {Milliseconds(Delay)}",
            FaultKind.DropCallback => "callback dropped, not sent",
            FaultKind.DelayCallback => $"callback delayed {Milliseconds(Delay)}",
            FaultKind.DuplicateCallback => "callback sent twice",
            FaultKind.ReorderCallback => "callback held until the room's next callback was sent",
            _ => Kind.ToString(),
        };
        return Kind is not (FaultKind.Delay or FaultKind.DelayCallback) && Delay > TimeSpan.Zero
            ? $"{text}, after {Milliseconds(Delay)}"
            : text;
    }

    private static string Milliseconds(TimeSpan span) =>
        span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";

    /// <summary>Retry-After carries whole seconds (RFC 9110 delta-seconds), so a fraction rounds up.</summary>
    public static int RetryAfter(TimeSpan value) =>
        value < TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(nameof(value), value, "Retry-After cannot be negative.")
            : (int)Math.Min(int.MaxValue, Math.Ceiling(value.TotalSeconds));
}
