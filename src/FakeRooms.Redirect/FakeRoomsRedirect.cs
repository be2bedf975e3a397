using FakeRooms.Redirect;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Sends an app's Twilio requests to a FakeRooms fake, only when <c>FakeRooms:Url</c> is configured. The Twilio SDK
/// cannot be given a base URL, so the redirect sits in the HttpClient the SDK is handed.
/// </summary>
public static class FakeRoomsRedirectExtensions
{
    /// <summary>The configuration key holding the fake's base URL (environment variable <c>FakeRooms__Url</c>).</summary>
    public const string UrlKey = "FakeRooms:Url";

    /// <summary>
    /// When <c>FakeRooms:Url</c> is set, adds a handler to this client that rewrites every <c>https://*.twilio.com</c>
    /// request to that URL (same path and query; the original host in <c>X-FakeRooms-Original-Host</c>); other hosts
    /// pass through. When it is not set (production), adds nothing: the client is exactly as it was.
    /// </summary>
    /// <param name="builder">The client the Twilio SDK uses, e.g. <c>services.AddHttpClient("Twilio")</c>.</param>
    /// <param name="configuration">The app's configuration.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException"><c>FakeRooms:Url</c> is set but is not an absolute http(s) URL.</exception>
    public static IHttpClientBuilder RedirectTwilioToFakeRoomsWhenConfigured(this IHttpClientBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[UrlKey];
        if (string.IsNullOrWhiteSpace(value))
            return builder;
        // A typo here must not quietly send the app's requests to the real Twilio: refuse at startup.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"{UrlKey} must be an absolute http(s) URL, not '{value}'.");
        return builder.AddHttpMessageHandler(() => new TwilioRedirectHandler(target));
    }
}
