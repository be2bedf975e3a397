using System.Net;

namespace FakeRooms.FluentAssertions.Tests.Support;

/// <summary>
/// The app's callback endpoint, in process: answers 200 (or what <see cref="Status"/> says), or holds every request
/// until <see cref="Release"/> while <see cref="Hold"/> is on.
/// </summary>
public sealed class ReceiverHandler : HttpMessageHandler
{
    private TaskCompletionSource _gate = NewOpenGate();

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _gate.Task.WaitAsync(cancellationToken);
        return new HttpResponseMessage(Status);
    }

    private static TaskCompletionSource NewOpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
