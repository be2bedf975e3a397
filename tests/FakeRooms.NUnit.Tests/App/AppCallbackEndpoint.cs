using System.Collections.Concurrent;
using System.Net;

namespace FakeRooms.NUnit.Tests.App;

/// <summary>
/// Stands in for the app's status-callback endpoint, in process (FakeRoomsOptions.CallbackHandler): it answers 204
/// and remembers the events, so callbacks never leave the test.
/// </summary>
public sealed class AppCallbackEndpoint : HttpMessageHandler
{
    public ConcurrentQueue<string> Received { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = await request.Content!.ReadAsStringAsync(cancellationToken);
        Received.Enqueue(form);
        return new HttpResponseMessage(HttpStatusCode.NoContent);
    }
}
