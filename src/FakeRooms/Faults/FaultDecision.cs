using System.Globalization;
using FakeRooms.Domain.Errors;
using FakeRooms.Http;

namespace FakeRooms.Faults;

/// <summary>
/// A fault that fired on one call. The dispatcher asks it first whether the operation runs at all
/// (<see cref="Intercept"/>), then lets it shape the answer (<see cref="Shape"/>); the transport acts on the
/// result's <see cref="HttpResult.Delay"/> and <see cref="HttpResult.DropConnection"/>.
/// </summary>
internal sealed class FaultDecision(FaultAction action, string description)
{
    public FaultAction Action { get; } = action;

    /// <summary>What the journal shows in <see cref="Journal.CallRecord.InjectedFault"/>.</summary>
    public string Description { get; } = description;

    /// <summary>
    /// Before the operation: throws the Twilio error to answer (the dispatcher maps it like any other), or returns
    /// the answer that replaces the operation, or null when the operation runs.
    /// </summary>
    public HttpResult? Intercept() => Action.Kind switch
    {
        FaultKind.Error => throw new TwilioErrorException(Action.Error!),
        // No answer at all; status 0 in the journal means "nothing was sent".
        FaultKind.DropConnection => new HttpResult(0, ""),
        FaultKind.RawBody => new HttpResult(Action.RawStatus, Action.RawBody ?? "", Action.RawContentType),
        _ => null,
    };

    /// <summary>After the operation (or the intercepted answer): adds the fault's headers, latency and marks.</summary>
    public HttpResult Shape(HttpResult result)
    {
        result = result with { InjectedFault = Description, Delay = Action.Delay };
        switch (Action.Kind)
        {
            case FaultKind.Error when Action.RetryAfterSeconds is { } seconds && result.Error == Action.Error:
                return result with
                {
                    Headers = [.. result.Headers, new("Retry-After", seconds.ToString(CultureInfo.InvariantCulture))],
                };
            case FaultKind.DropConnection:
            case FaultKind.DropConnectionAfterProcessing:
                return result with { DropConnection = true };
            case FaultKind.TruncatedBody:
                return result.BinaryBody is { } bytes
                    ? result with { BinaryBody = bytes[..(bytes.Length / 2)] }
                    : result with { Body = result.Body[..(result.Body.Length / 2)] };
            default:
                return result;
        }
    }
}
