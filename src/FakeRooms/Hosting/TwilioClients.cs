using System.Collections.Concurrent;
using Twilio.Clients;

namespace FakeRooms.Hosting;

/// <summary>
/// The SDK clients a fake hands out (<see cref="FakeRoomsServer.CreateTwilioClient()"/>,
/// <see cref="FakeRoomsAccount.CreateTwilioClient"/>): one <see cref="HttpClient"/> per server over the fake's own
/// handler (in memory or loopback HTTP), made on first use, and one <see cref="TwilioRestClient"/> per set of
/// credentials, made once however many threads ask at the same time. The SDK adds the credentials to each request, so
/// every client shares the one connection pool. Disposed with the server: clients handed out before then fail their
/// next call, and no new ones are made.
/// </summary>
internal sealed class TwilioClients(Func<HttpMessageHandler> handler, Func<HttpClient, Twilio.Http.HttpClient>? sdkClient = null) : IDisposable
{
    private readonly ConcurrentDictionary<(string Username, string Password, string? AccountSid), Lazy<TwilioRestClient>> _clients = new();
    private readonly Lock _gate = new();
    private HttpClient? _http;
    private bool _disposed;

    public TwilioRestClient For(string username, string password, string? accountSid)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), typeof(FakeRoomsServer));
        // GetOrAdd may build two Lazy wrappers when threads race; only the stored one is ever asked for its value.
        return _clients.GetOrAdd((username, password, accountSid), static (key, self) => new Lazy<TwilioRestClient>(
            () => new TwilioRestClient(key.Username, key.Password, accountSid: key.AccountSid,
                httpClient: self.SdkClient(self.Http()))), this).Value;
    }

    /// <summary>
    /// The SDK's HTTP client over the fake's <see cref="HttpClient"/>: the SDK's own <c>SystemNetHttpClient</c>, or for
    /// a fake that does not listen, <see cref="InMemoryTwilioClient"/>.
    /// </summary>
    private Twilio.Http.HttpClient SdkClient(HttpClient http) => sdkClient?.Invoke(http) ?? new Twilio.Http.SystemNetHttpClient(http);

    /// <summary>True once the fake is disposed: its clients' calls fail as a disposed HttpClient's do.</summary>
    internal bool IsDisposed => Volatile.Read(ref _disposed);

    /// <summary>How many <see cref="TwilioRestClient"/>s exist (tests: concurrent first calls make one).</summary>
    internal int Count => _clients.Count(c => c.Value.IsValueCreated);

    internal HttpClient Http()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, typeof(FakeRoomsServer));
            return _http ??= new HttpClient(handler());
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _http?.Dispose();
        }
    }
}
