namespace FakeRooms.Callbacks;

/// <summary>
/// The handler status callbacks are sent through: the one chosen at start (<see cref="FakeRoomsOptions.CallbackHandler"/>
/// or the network), unless a test has since pointed them elsewhere with
/// <see cref="FakeRoomsServer.DeliverCallbacksThrough(HttpMessageHandler, Uri?)"/> (an app under test whose TestServer
/// exists only after the fake started). Swapping is a reference write: a callback already in flight finishes where it went.
/// </summary>
internal sealed class CallbackRoute(HttpMessageHandler initial, bool ownsInitial) : HttpMessageHandler
{
    private readonly HttpMessageInvoker _initial = new(initial, ownsInitial);
    private Diversion? _diversion;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        (Volatile.Read(ref _diversion) is { } d && d.Takes(request.RequestUri) ? d.Invoker : _initial).SendAsync(request, cancellationToken);

    /// <summary>Sends callbacks (those for <paramref name="origin"/> only, when given) to <paramref name="handler"/>.</summary>
    public IDisposable Divert(HttpMessageHandler handler, Uri? origin)
    {
        var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        while (true)
        {
            var current = Volatile.Read(ref _diversion);
            var diversion = new Diversion(this, current, invoker, origin);
            if (Interlocked.CompareExchange(ref _diversion, diversion, current) == current)
                return diversion;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _initial.Dispose();
        base.Dispose(disposing);
    }

    private sealed class Diversion(CallbackRoute route, Diversion? previous, HttpMessageInvoker invoker, Uri? origin) : IDisposable
    {
        private int _ended;

        private Diversion? Previous { get; } = previous;

        public HttpMessageInvoker Invoker { get; } = invoker;

        public bool Takes(Uri? url) =>
            origin is null ||
            (url is not null && Uri.Compare(url, origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);

        /// <summary>
        /// Ends this diversion: if it is current, the latest earlier one still in force (or the initial route) takes over;
        /// if a later one replaced it, that one skips it when it ends in turn.
        /// </summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0)
                return;
            var back = Previous;
            while (back is not null && Volatile.Read(ref back._ended) != 0)
                back = back.Previous;
            Interlocked.CompareExchange(ref route._diversion, back, this);
        }
    }
}
