using System.Net;
using Microsoft.AspNetCore.Connections;

namespace FakeRooms.Hosting;

/// <summary>
/// Kestrel's transport for a fake that does not listen (<see cref="FakeRoomsOptions.Listen"/> false): it "binds" the
/// endpoint without opening a socket and never accepts a connection. Kestrel and WireMock start as usual, so the
/// request pipeline (guard, WireMock's middleware, the dispatcher) is built once and answers in memory through
/// <see cref="InMemoryHandler"/>. Kestrel takes it because it only adds its socket transport when none is registered.
/// </summary>
internal sealed class NoSocketTransport : IConnectionListenerFactory
{
    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IConnectionListener>(new Listener(endpoint));

    private sealed class Listener(EndPoint endpoint) : IConnectionListener
    {
        private readonly TaskCompletionSource _unbound = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public EndPoint EndPoint => endpoint;

        /// <summary>Waits until unbound, then reports that no more connections will come (null).</summary>
        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                await _unbound.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            return null;
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
        {
            _unbound.TrySetResult();
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            _unbound.TrySetResult();
            return ValueTask.CompletedTask;
        }
    }
}
