using System.Text;

namespace FakeRooms.Callbacks;

/// <summary>
/// The handler status callbacks are sent through: the one chosen at start (<see cref="FakeRoomsOptions.CallbackHandler"/>
/// or the network), unless a test has since pointed some of them elsewhere with
/// <see cref="FakeRoomsServer.DeliverCallbacksThrough(HttpMessageHandler, Uri?)"/> (an app under test whose TestServer
/// exists only after the fake started). The latest diversion that takes a callback wins. Diversions are swapped by a
/// reference write: a callback already in flight finishes where it went.
/// </summary>
internal sealed class CallbackRoute(HttpMessageHandler initial, bool ownsInitial) : HttpMessageHandler
{
    private readonly HttpMessageInvoker _initial = new(initial, ownsInitial);
    private Diversion[] _diversions = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var diversions = Volatile.Read(ref _diversions);
        var target = _initial;
        if (diversions.Length > 0)
        {
            var account = diversions.Any(d => d.AccountSid is not null) ? await AccountOf(request, cancellationToken).ConfigureAwait(false) : null;
            target = diversions.FirstOrDefault(d => d.Takes(request.RequestUri, account))?.Invoker ?? _initial;
        }
        return await target.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends callbacks to <paramref name="handler"/>: those for <paramref name="origin"/> only (scheme, host and port),
    /// and of <paramref name="accountSid"/> only, when given.
    /// </summary>
    public IDisposable Divert(HttpMessageHandler handler, Uri? origin, string? accountSid)
    {
        var diversion = new Diversion(this, new HttpMessageInvoker(handler, disposeHandler: false), origin, accountSid);
        Swap(current => [diversion, .. current]);
        return diversion;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _initial.Dispose();
        base.Dispose(disposing);
    }

    private void Swap(Func<Diversion[], Diversion[]> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _diversions);
            if (Interlocked.CompareExchange(ref _diversions, change(current), current) == current)
                return;
        }
    }

    /// <summary>The callback's <c>AccountSid</c> parameter: in the query of a GET, in the form body of a POST.</summary>
    private static async Task<string?> AccountOf(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = request.RequestUri?.Query.TrimStart('?') ?? "";
        if (request.Content is { } content)
        {
            // The dispatcher's body is a ByteArrayContent: reading it here does not consume it.
            var body = Encoding.UTF8.GetString(await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            form = form.Length == 0 ? body : form + "&" + body;
        }
        foreach (var pair in form.Split('&'))
        {
            if (pair.StartsWith("AccountSid=", StringComparison.Ordinal))
                return Uri.UnescapeDataString(pair["AccountSid=".Length..]);
        }
        return null;
    }

    private sealed class Diversion(CallbackRoute route, HttpMessageInvoker invoker, Uri? origin, string? accountSid) : IDisposable
    {
        public HttpMessageInvoker Invoker { get; } = invoker;

        public string? AccountSid { get; } = accountSid;

        public bool Takes(Uri? url, string? account) =>
            (origin is null ||
             (url is not null && Uri.Compare(url, origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)) &&
            (AccountSid is null || string.Equals(AccountSid, account, StringComparison.Ordinal));

        /// <summary>Ends this diversion; the callbacks it took go where they would go without it.</summary>
        public void Dispose() => route.Swap(current => Array.IndexOf(current, this) < 0 ? current : [.. current.Where(d => d != this)]);
    }
}
