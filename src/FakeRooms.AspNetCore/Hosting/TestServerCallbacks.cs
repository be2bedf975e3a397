using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FakeRooms.AspNetCore.Hosting;

/// <summary>
/// While the app runs on a TestServer, sends the fake's status callbacks for the TestServer's address to the app in
/// process. The TestServer's handler exists only once the server started, after the fake: hence a diversion taken
/// when the host has started and given back when it stops.
/// </summary>
internal sealed class TestServerCallbacks(IServiceProvider services, Func<HttpMessageHandler, Uri?, IDisposable> divert) : IHostedLifecycleService
{
    private IDisposable? _diversion;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        // Another server (Kestrel through WebApplicationFactory.UseKestrel, or a real run): callbacks go over the network.
        if (services.GetService<IServer>() is TestServer server)
            _diversion = divert(server.CreateHandler(), server.BaseAddress);
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _diversion, null)?.Dispose();
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => StoppingAsync(cancellationToken);
}
