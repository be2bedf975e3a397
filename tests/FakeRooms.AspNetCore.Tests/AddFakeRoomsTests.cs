using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FakeRooms.Callbacks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Video.V1;

namespace FakeRooms.AspNetCore.Tests;

/// <summary>
/// <see cref="FakeRoomsServiceCollectionExtensions.AddFakeRooms(IServiceCollection, FakeRoomsServer)"/> on an app that
/// registers its Twilio clients the way Twilio.AspNet.Core does, with credentials the fake does not know.
/// </summary>
public sealed class AddFakeRoomsTests
{
    private const string AppAccountSid = "AC00000000000000000000000000000000";
    private const string AppAuthToken = "the-apps-own-token-not-the-fakes";

    [Test]
    public async Task The_apps_client_registrations_are_replaced_with_their_lifetimes_and_talk_to_the_fake_through_its_Twilio_http_client()
    {
        await using var fake = await FakeRoomsServer.StartAsync();
        var app = new TestApp();
        await using var web = await app.StartAsync(services => services.AddFakeRooms(fake));

        using var scope = web.Services.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<ITwilioRestClient>();
        var singleton = web.Services.GetRequiredService<TwilioRestClient>();
        var room = await RoomResource.CreateAsync(uniqueName: "through-di", client: client);
        await RoomResource.FetchAsync(pathSid: room.Sid, client: singleton);

        client.AccountSid.Should().Be(fake.AccountSid, "the app's own credentials would get 20003 from the fake");
        web.Services.GetRequiredService<TwilioRestClient>().Should().BeSameAs(singleton, "the app registered it as a singleton");
        scope.ServiceProvider.GetRequiredService<ITwilioRestClient>().Should().BeSameAs(client, "the app registered it scoped");
        web.Services.CreateScope().ServiceProvider.GetRequiredService<ITwilioRestClient>().Should().NotBeSameAs(client);
        fake.Calls.Should().HaveCount(2);
        app.TwilioRequests.Should().Equal(["POST https://video.twilio.com/v1/Rooms", $"GET https://video.twilio.com/v1/Rooms/{room.Sid}"],
            "the app's own delegating handler on the \"Twilio\" client still sees every request, as the SDK sent it");
    }

    [Test]
    public async Task The_named_Twilio_http_client_alone_reaches_the_fake()
    {
        await using var fake = await FakeRoomsServer.StartAsync();
        await using var web = await new TestApp().StartAsync(services => services.AddFakeRooms(fake));
        using var http = web.Services.GetRequiredService<IHttpClientFactory>().CreateClient(FakeRoomsServiceCollectionExtensions.TwilioHttpClientName);
        using var request = new HttpRequestMessage(System.Net.Http.HttpMethod.Get, "https://video.twilio.com/v1/Rooms");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}")));

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().StartWith("{\"rooms\":[]");
        fake.Calls.Should().ContainSingle();
    }

    [Test]
    public async Task Callbacks_for_the_test_servers_address_reach_the_app_while_it_runs_and_others_keep_their_route()
    {
        var elsewhere = new Recorder();
        await using var fake = await FakeRoomsServer.StartAsync(o => o.CallbackHandler = elsewhere);
        var app = new TestApp();
        var web = await app.StartAsync(services => services.AddFakeRooms(fake));
        var client = web.Services.GetRequiredService<TwilioRestClient>();

        await RoomResource.CreateAsync(uniqueName: "to-app", statusCallback: new Uri("http://localhost/twilio/room-events"), client: client);
        await RoomResource.CreateAsync(uniqueName: "to-elsewhere", statusCallback: new Uri("https://receiver.invalid/events"), client: client);
        await fake.Callbacks.WhenIdleAsync();

        app.Callbacks.Should().Equal("to-app room-created");
        elsewhere.Urls.Should().Equal("https://receiver.invalid/events");
        fake.Callbacks.Single(c => c.Url.StartsWith("http://localhost/", StringComparison.Ordinal)).StatusCode.Should().Be(204);

        await web.StopAsync();
        await web.DisposeAsync();
        fake.Rooms.Create(new NewRoom { UniqueName = "after-stop", StatusCallback = "http://localhost/twilio/room-events" });
        await fake.Callbacks.WhenIdleAsync();

        app.Callbacks.Should().HaveCount(1, "the app stopped: its TestServer no longer takes callbacks");
        elsewhere.Urls.Should().EndWith("http://localhost/twilio/room-events");
    }

    [Test]
    public async Task Apps_on_one_shared_fake_each_get_their_own_accounts_callbacks()
    {
        await using var fake = await FakeRoomsServer.StartAsync(o => o.AuthMode = AuthMode.AnyAccount);
        var (appA, appB) = (new TestApp(), new TestApp());
        var accountA = fake.ForAccount("AC" + new string('a', 32));
        var accountB = fake.ForAccount("AC" + new string('b', 32));
        await using var webA = await appA.StartAsync(services => services.AddFakeRooms(accountA));
        await using var webB = await appB.StartAsync(services => services.AddFakeRooms(accountB));

        var callback = new Uri("http://localhost/twilio/room-events");
        await RoomResource.CreateAsync(uniqueName: "room-of-a", statusCallback: callback, client: webA.Services.GetRequiredService<TwilioRestClient>());
        await RoomResource.CreateAsync(uniqueName: "room-of-b", statusCallback: callback, client: webB.Services.GetRequiredService<TwilioRestClient>());
        await fake.Callbacks.WhenIdleAsync();

        appA.Callbacks.Should().Equal("room-of-a room-created");
        appB.Callbacks.Should().Equal("room-of-b room-created");
        fake.Callbacks.Should().HaveCount(2).And.OnlyContain(c => c.Outcome == CallbackOutcome.Succeeded);
    }

    /// <summary>
    /// An app that registers its Twilio clients as Twilio.AspNet.Core does (named HttpClient "Twilio", with a delegating
    /// handler of its own; ITwilioRestClient scoped; TwilioRestClient singleton), and records the callbacks it receives.
    /// </summary>
    private sealed class TestApp
    {
        private readonly List<string> _twilioRequests = [];
        private readonly List<string> _callbacks = [];

        public IReadOnlyList<string> TwilioRequests
        {
            get { lock (_twilioRequests) return _twilioRequests.ToList(); }
        }

        public IReadOnlyList<string> Callbacks
        {
            get { lock (_callbacks) return _callbacks.ToList(); }
        }

        public async Task<WebApplication> StartAsync(Action<IServiceCollection> configureTestServices)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseTestServer();
            builder.Services.AddHttpClient("Twilio").AddHttpMessageHandler(() => new Watching(_twilioRequests));
            builder.Services.AddScoped<ITwilioRestClient>(AppClient);
            builder.Services.AddSingleton(AppClient);
            configureTestServices(builder.Services); // as ConfigureTestServices does: after the app's registrations
            var app = builder.Build();
            app.MapPost("/twilio/room-events", async (HttpRequest request) =>
            {
                var form = await request.ReadFormAsync();
                lock (_callbacks)
                    _callbacks.Add($"{form["RoomName"]} {form["StatusCallbackEvent"]}");
                return Results.NoContent();
            });
            await app.StartAsync();
            return app;
        }

        private static TwilioRestClient AppClient(IServiceProvider services) =>
            new(AppAccountSid, AppAuthToken,
                httpClient: new SystemNetHttpClient(services.GetRequiredService<IHttpClientFactory>().CreateClient("Twilio")));
    }

    private sealed class Watching(List<string> requests) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (requests)
                requests.Add($"{request.Method} {request.RequestUri}");
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class Recorder : HttpMessageHandler
    {
        private readonly List<string> _urls = [];

        public IReadOnlyList<string> Urls
        {
            get { lock (_urls) return _urls.ToList(); }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_urls)
                _urls.Add(request.RequestUri!.ToString());
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Accepted));
        }
    }
}
