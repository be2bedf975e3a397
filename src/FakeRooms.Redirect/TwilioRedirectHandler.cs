namespace FakeRooms.Redirect;

/// <summary>Rewrites <c>https://*.twilio.com/...</c> requests to the fake's base URL; other requests pass through.</summary>
internal sealed class TwilioRedirectHandler(Uri target) : DelegatingHandler
{
    /// <summary>The header carrying the Twilio host a request was meant for (the fake tells Video from other APIs by it).</summary>
    internal const string OriginalHostHeader = "X-FakeRooms-Original-Host";

    private readonly string _base = target.GetLeftPart(UriPartial.Authority) + target.AbsolutePath.TrimEnd('/');

    internal static bool IsTwilio(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps
        && (uri.Host.Equals("twilio.com", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".twilio.com", StringComparison.OrdinalIgnoreCase));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } uri && IsTwilio(uri))
        {
            request.Headers.Remove(OriginalHostHeader);
            request.Headers.TryAddWithoutValidation(OriginalHostHeader, uri.Host);
            request.RequestUri = new Uri(_base + uri.PathAndQuery);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
