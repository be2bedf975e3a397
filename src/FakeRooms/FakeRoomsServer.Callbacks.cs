namespace FakeRooms;

public sealed partial class FakeRoomsServer
{
    /// <summary>
    /// From now on, sends status callbacks to <paramref name="handler"/> in process, with their full absolute URL (the
    /// host is not resolved): for an app under test whose handler exists only after the fake started, such as
    /// <c>WebApplicationFactory.Server.CreateHandler()</c>. With <paramref name="origin"/>, only callbacks whose URL has
    /// that scheme, host and port (e.g. <c>http://localhost</c>, a TestServer's own address) go there; the others go
    /// where they went before. Callbacks already in flight are not affected. The fake does not dispose the handler.
    /// </summary>
    /// <param name="handler">The handler to send callbacks to.</param>
    /// <param name="origin">Only callbacks for this origin; null for every callback.</param>
    /// <returns>Dispose it to send callbacks where they went before (for example when the app under test stops).</returns>
    /// <remarks>The latest diversion that takes a callback wins; see also <see cref="FakeRoomsAccount.DeliverCallbacksThrough"/>.</remarks>
    public IDisposable DeliverCallbacksThrough(HttpMessageHandler handler, Uri? origin = null)
    {
        CheckDiversion(handler, origin);
        return CallbackDispatcher.Route.Divert(handler, origin, accountSid: null);
    }

    internal static void CheckDiversion(HttpMessageHandler handler, Uri? origin)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (origin is { IsAbsoluteUri: false })
            throw new ArgumentException($"The origin \"{origin}\" is not an absolute URL.", nameof(origin));
    }
}
