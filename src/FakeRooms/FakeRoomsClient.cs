using FakeRooms.Hosting;
using Twilio.Clients;

namespace FakeRooms;

/// <summary>Points the official Twilio SDK (or any HTTP client) at a FakeRooms server given by URL, e.g. a standalone one.</summary>
public static class FakeRoomsClient
{
    /// <summary>
    /// A handler that sends requests for every Twilio host to the fake at <paramref name="fakeUrl"/>, keeping path and
    /// query: <c>https://video.twilio.com/...</c> and regional Video hosts are served; other Twilio hosts
    /// (<c>api.twilio.com</c>) carry their name in the <c>X-FakeRooms-Original-Host</c> header and answer Twilio's 404
    /// JSON unless a stub or mapping file matches them. Other hosts pass through.
    /// </summary>
    public static HttpMessageHandler CreateHttpMessageHandler(string fakeUrl) =>
        new RedirectToFakeHandler(new Uri(fakeUrl), new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    /// <summary>The official SDK's client, wired to the fake at <paramref name="fakeUrl"/>.</summary>
    /// <param name="fakeUrl">The fake's base URL, e.g. <c>http://127.0.0.1:5080</c>.</param>
    /// <param name="username">Account SID or API key SID.</param>
    /// <param name="password">Auth token or API key secret.</param>
    /// <param name="accountSid">The account, when <paramref name="username"/> is an API key.</param>
    public static TwilioRestClient CreateTwilioClient(string fakeUrl, string username, string password, string? accountSid = null) =>
        new(username, password, accountSid: accountSid,
            httpClient: new Twilio.Http.SystemNetHttpClient(new System.Net.Http.HttpClient(CreateHttpMessageHandler(fakeUrl))));
}
