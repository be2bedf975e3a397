using FakeRooms.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Twilio.Clients;
using Twilio.Http;

namespace FakeRooms.AspNetCore;

/// <summary>
/// Points an ASP.NET Core app's Twilio clients at a FakeRooms fake, for tests built with <c>WebApplicationFactory</c>.
/// </summary>
/// <example>
/// <code>
/// await using var fake = await FakeRoomsServer.StartAsync();
/// await using var factory = new WebApplicationFactory&lt;Program&gt;().WithWebHostBuilder(web =>
///     web.ConfigureTestServices(services => services.AddFakeRooms(fake)));
/// </code>
/// </example>
public static class FakeRoomsServiceCollectionExtensions
{
    /// <summary>
    /// The name of the <see cref="System.Net.Http.IHttpClientFactory"/> client apps send Twilio requests through
    /// (the convention of the community package Twilio.AspNet.Core).
    /// </summary>
    public const string TwilioHttpClientName = "Twilio";

    /// <summary>
    /// Makes the app talk to <paramref name="fake"/> as its default account. Call it in <c>ConfigureTestServices</c>,
    /// after the app registered its own services:
    /// <list type="bullet">
    /// <item>the named HttpClient <c>"Twilio"</c> sends Twilio's Video requests to the fake (its primary handler is
    /// replaced; the app's own delegating handlers still run);</item>
    /// <item>the app's <see cref="ITwilioRestClient"/> and <see cref="TwilioRestClient"/> registrations, when it has
    /// them, are replaced (same lifetime) by clients that use that HttpClient and the fake's credentials, so the app's
    /// configured credentials do not matter;</item>
    /// <item>when the app runs on a TestServer (<c>WebApplicationFactory</c>'s default), status callbacks for the
    /// TestServer's own address (<c>http://localhost/...</c>, what the app sees as its base URL) are delivered to the
    /// app in process while it runs; other callback URLs go where they went before.</item>
    /// </list>
    /// The app still validates callback signatures with its own auth token: give the fake that token
    /// (<see cref="FakeRoomsOptions.AuthToken"/>) or give the app <see cref="FakeRoomsServer.AuthToken"/>.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="fake">The fake to talk to.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddFakeRooms(this IServiceCollection services, FakeRoomsServer fake)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(fake);
        return Wire(services, fake, fake.AccountSid, fake.AuthToken, fake.DeliverCallbacksThrough);
    }

    /// <summary>
    /// Like <see cref="AddFakeRooms(IServiceCollection, FakeRoomsServer)"/>, as one account of a shared fake (for
    /// example the account an NUnit <c>SharedFakeRoomsTest</c> leases): the app's clients authenticate as that account,
    /// and only that account's callbacks are delivered to this app, so parallel tests each get their own.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="account">The account to talk as.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddFakeRooms(this IServiceCollection services, FakeRoomsAccount account)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(account);
        return Wire(services, account.Server, account.AccountSid, account.AuthToken, account.DeliverCallbacksThrough);
    }

    private static IServiceCollection Wire(IServiceCollection services, FakeRoomsServer fake, string accountSid, string authToken,
        Func<System.Net.Http.HttpMessageHandler, Uri?, IDisposable> divertCallbacks)
    {
        // The SDK hard-codes https://video.twilio.com: the handler sends those requests to the fake (and, as the fake's
        // own clients do, whatever else the fake takes over).
        services.AddHttpClient(TwilioHttpClientName).ConfigurePrimaryHttpMessageHandler(fake.CreateHttpMessageHandler);

        TwilioRestClient Create(IServiceProvider provider) =>
            new(accountSid, authToken,
                httpClient: new SystemNetHttpClient(provider.GetRequiredService<System.Net.Http.IHttpClientFactory>().CreateClient(TwilioHttpClientName)));
        Replace<ITwilioRestClient>(services, Create);
        Replace<TwilioRestClient>(services, Create);

        services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService>(provider => new TestServerCallbacks(provider, divertCallbacks));
        return services;
    }

    /// <summary>Replaces the app's (non-keyed) registrations of <typeparamref name="T"/>, keeping their lifetime.</summary>
    private static void Replace<T>(IServiceCollection services, Func<IServiceProvider, TwilioRestClient> create) where T : class
    {
        var existing = services.Where(d => d.ServiceType == typeof(T) && !d.IsKeyedService).ToList();
        foreach (var descriptor in existing)
        {
            services.Remove(descriptor);
            services.Add(new ServiceDescriptor(typeof(T), create, descriptor.Lifetime));
        }
    }
}
