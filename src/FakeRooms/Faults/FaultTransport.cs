using FakeRooms.Http;
using Microsoft.AspNetCore.Http;
using WireMock;

namespace FakeRooms.Faults;

/// <summary>
/// The transport half of fault injection, between the dispatcher's answer and the socket: holds answers back
/// asynchronously (no thread waits) and closes connections without answering. WireMock.Net has no connection reset
/// (its <c>EMPTY_RESPONSE</c> fault still sends a response, which makes the Twilio SDK throw
/// <c>NullReferenceException</c>; TOOLCHAIN), so a small ASP.NET Core middleware in front of WireMock's makes the
/// request's <see cref="HttpContext"/> reachable from the mapping callback, which aborts it (<see cref="Hosting.RequestScope"/>).
/// </summary>
internal sealed class FaultTransport : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// The clock latency runs on. Real time: the client's timeout that a delay is meant to trip is real time too, and
    /// the fake's own clock may be manual.
    /// </summary>
    internal TimeProvider DelayClock { get; init; } = TimeProvider.System;

    /// <summary>Hands the dispatcher's answer to WireMock: at once, or after the fault's delay, or not at all.</summary>
    /// <remarks>Generic over the answer's form: WireMock's response message, or the result itself for the in-memory lane.</remarks>
    public Task<T> DeliverAsync<T>(HttpResult result, Func<HttpResult, T> toResponse) =>
        result.Delay <= TimeSpan.Zero && !result.DropConnection
            ? Task.FromResult(toResponse(result))
            : DeliverLateAsync(result, toResponse);

    private async Task<T> DeliverLateAsync<T>(HttpResult result, Func<HttpResult, T> toResponse)
    {
        var context = Hosting.RequestScope.Current?.Context;
        if (result.Delay > TimeSpan.Zero)
        {
            // Ends early when the client gives up (its timeout) or the fake stops, so no request outlives either.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, context?.RequestAborted ?? CancellationToken.None);
            try
            {
                await Task.Delay(result.Delay, DelayClock, wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        if (result.DropConnection)
        {
            if (context is null)
                // Unreachable while Install runs in front of WireMock; never answer status 0.
                return toResponse(Dispatcher.ErrorResult(Domain.Errors.TwilioErrors.InternalServerError));
            // Closes the socket at once: no status line, no headers, no body reach the client.
            context.Abort();
            return toResponse(new HttpResult(500, ""));
        }
        return toResponse(result);
    }

    public void Dispose()
    {
        // Not disposed: a request still on its way may link to the token after the fake stops.
        _stopping.Cancel();
    }
}
