using FakeRooms.Http;
using Microsoft.AspNetCore.Http;

namespace FakeRooms.Faults;

/// <summary>
/// The transport half of fault injection, between the dispatcher's answer and the socket: holds answers back
/// asynchronously (no thread waits) and closes connections without answering. WireMock.Net has no connection reset
/// (its <c>EMPTY_RESPONSE</c> fault still sends a response, which makes the Twilio SDK throw
/// <c>NullReferenceException</c>; TOOLCHAIN), so the request guard, which writes the fake's answers itself
/// (Hosting/RequestGuard.cs), hands the request's <see cref="HttpContext"/> here and this aborts it.
/// </summary>
internal sealed class FaultTransport : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// The clock latency runs on. Real time: the client's timeout that a delay is meant to trip is real time too, and
    /// the fake's own clock may be manual.
    /// </summary>
    internal TimeProvider DelayClock { get; init; } = TimeProvider.System;

    /// <summary>
    /// The dispatcher's answer, to write at once or after the fault's delay; null when the fault dropped the connection
    /// (the context is aborted: no status line, no headers, no body reach the client).
    /// </summary>
    public async Task<HttpResult?> DeliverAsync(HttpResult result, HttpContext context)
    {
        var delivered = await DeliverAsync(result, context.RequestAborted).ConfigureAwait(false);
        if (delivered is null)
            context.Abort();
        return delivered;
    }

    /// <summary>
    /// The same for a caller without an <see cref="HttpContext"/> (the in-memory SDK client,
    /// <see cref="Hosting.InMemoryTwilioClient"/>): null when the fault dropped the connection, which the caller reports
    /// as a dropped connection.
    /// </summary>
    /// <param name="result">The dispatcher's answer.</param>
    /// <param name="aborted">The client gave up: the delay ends early.</param>
    public Task<HttpResult?> DeliverAsync(HttpResult result, CancellationToken aborted) =>
        result.Delay <= TimeSpan.Zero && !result.DropConnection
            ? Task.FromResult<HttpResult?>(result)
            : DeliverLateAsync(result, aborted);

    private async Task<HttpResult?> DeliverLateAsync(HttpResult result, CancellationToken aborted)
    {
        if (result.Delay > TimeSpan.Zero)
        {
            // Ends early when the client gives up (its timeout) or the fake stops, so no request outlives either.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, aborted);
            try
            {
                await Task.Delay(result.Delay, DelayClock, wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        return result.DropConnection ? null : result;
    }

    public void Dispose()
    {
        // Not disposed: a request still on its way may link to the token after the fake stops.
        _stopping.Cancel();
    }
}
