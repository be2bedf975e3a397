namespace FakeRooms.Hosting;

/// <summary>
/// Sends requests for every Twilio host (<c>video.twilio.com</c>, its regional forms such as
/// <c>video.dublin.ie1.twilio.com</c>, and the other products' hosts such as <c>api.twilio.com</c>) to the fake, keeping
/// path and query. Other hosts pass through unchanged. The official C# SDK hard-codes the host, so this is how it reaches
/// the fake (FACTS §8.1, option A); redirecting every <c>*.twilio.com</c> host means a test never reaches the real
/// Twilio, whatever product the app also calls.
/// </summary>
/// <remarks>
/// The host is lost in the redirect, so a request for a host other than Video carries it in
/// <see cref="OriginalHostHeader"/>: the fake answers it with Twilio's 404 JSON unless a test stubbed it. Video requests
/// are sent unchanged.
/// </remarks>
internal sealed class RedirectToFakeHandler(Uri target, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <summary>The header naming the Twilio host a redirected non-Video request was meant for.</summary>
    public const string OriginalHostHeader = "X-FakeRooms-Original-Host";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Rewrite(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Rewrite(request);
        return base.Send(request, cancellationToken);
    }

    private void Rewrite(HttpRequestMessage request)
    {
        if (request.RequestUri is not { IsAbsoluteUri: true } uri || !IsTwilioHost(uri.Host))
            return;
        if (!IsTwilioVideoHost(uri.Host))
        {
            request.Headers.Remove(OriginalHostHeader);
            request.Headers.TryAddWithoutValidation(OriginalHostHeader, uri.Host);
        }
        // A fake that does not listen answers at https://video.twilio.com itself: Video requests need no new URI.
        if (uri.Port != target.Port || !uri.Host.Equals(target.Host, StringComparison.OrdinalIgnoreCase) || uri.Scheme != target.Scheme)
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
    }

    /// <summary><c>twilio.com</c> and every host under it.</summary>
    internal static bool IsTwilioHost(string host) =>
        host.Equals("twilio.com", StringComparison.OrdinalIgnoreCase) ||
        host.EndsWith(".twilio.com", StringComparison.OrdinalIgnoreCase);

    internal static bool IsTwilioVideoHost(string host) =>
        host.Equals("video.twilio.com", StringComparison.OrdinalIgnoreCase) ||
        (host.StartsWith("video.", StringComparison.OrdinalIgnoreCase) && host.EndsWith(".twilio.com", StringComparison.OrdinalIgnoreCase));
}
