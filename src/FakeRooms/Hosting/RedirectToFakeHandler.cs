namespace FakeRooms.Hosting;

/// <summary>
/// Sends requests for Twilio's Video host (<c>video.twilio.com</c> and its regional forms such as
/// <c>video.dublin.ie1.twilio.com</c>) to the fake, keeping path and query. Other hosts pass through unchanged.
/// The official C# SDK hard-codes the host, so this is how it reaches the fake (FACTS §8.1, option A).
/// </summary>
internal sealed class RedirectToFakeHandler(Uri target, HttpMessageHandler inner) : DelegatingHandler(inner)
{
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
        if (request.RequestUri is not { } uri || !IsTwilioVideoHost(uri.Host))
            return;
        request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
    }

    internal static bool IsTwilioVideoHost(string host) =>
        host.Equals("video.twilio.com", StringComparison.OrdinalIgnoreCase) ||
        (host.StartsWith("video.", StringComparison.OrdinalIgnoreCase) && host.EndsWith(".twilio.com", StringComparison.OrdinalIgnoreCase));
}
