using System.Net;
using FakeRooms.Callbacks;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Callbacks;

/// <summary>
/// <see cref="FakeRoomsServer.DeliverCallbacksThrough"/>: callbacks pointed at an in-process handler after the fake
/// started (an app whose TestServer is built after the fake), for one origin or all, and back when disposed.
/// </summary>
public sealed class CallbackDiversionTests
{
    [Test]
    public async Task Callbacks_for_the_diverted_origin_reach_the_handler_others_keep_their_route_and_disposing_restores_it()
    {
        var initial = new Answering(HttpStatusCode.Accepted);
        var app = new Answering(HttpStatusCode.NoContent);
        await using var fake = await FakeRoomsServer.StartAsync(o => o.CallbackHandler = initial);
        var client = fake.CreateTwilioClient();

        var diversion = fake.DeliverCallbacksThrough(app, new Uri("http://localhost"));
        await RoomResource.CreateAsync(uniqueName: "to-app", statusCallback: new Uri("http://localhost/twilio/status"), client: client);
        await RoomResource.CreateAsync(uniqueName: "elsewhere", statusCallback: new Uri("https://receiver.invalid/status"), client: client);
        await fake.Callbacks.WhenIdleAsync();

        app.Urls.Should().Equal("http://localhost/twilio/status");
        initial.Urls.Should().Equal("https://receiver.invalid/status");
        fake.Callbacks.Single(c => c.Url.StartsWith("http://localhost", StringComparison.Ordinal)).StatusCode.Should().Be(204);

        diversion.Dispose();
        await RoomResource.CreateAsync(uniqueName: "after", statusCallback: new Uri("http://localhost/twilio/status"), client: client);
        await fake.Callbacks.WhenIdleAsync();

        app.Urls.Should().HaveCount(1, "the diversion ended");
        initial.Urls.Should().Equal("https://receiver.invalid/status", "http://localhost/twilio/status");
        fake.Callbacks.Last().StatusCode.Should().Be(202);
    }

    [Test]
    public async Task Without_an_origin_every_callback_is_diverted_and_ending_a_replaced_diversion_skips_it()
    {
        var initial = new Answering(HttpStatusCode.Accepted);
        var first = new Answering(HttpStatusCode.OK);
        var second = new Answering(HttpStatusCode.NoContent);
        await using var fake = await FakeRoomsServer.StartAsync(o => o.CallbackHandler = initial);
        var client = fake.CreateTwilioClient();

        var one = fake.DeliverCallbacksThrough(first);
        var two = fake.DeliverCallbacksThrough(second);
        one.Dispose(); // replaced already: the second stays in force
        await RoomResource.CreateAsync(uniqueName: "a", statusCallback: new Uri("https://a.invalid/status"), client: client);
        await fake.Callbacks.WhenIdleAsync();
        two.Dispose(); // the first ended before: back to the initial route, not to the first
        await RoomResource.CreateAsync(uniqueName: "b", statusCallback: new Uri("https://b.invalid/status"), client: client);
        await fake.Callbacks.WhenIdleAsync();

        first.Urls.Should().BeEmpty();
        second.Urls.Should().Equal("https://a.invalid/status");
        initial.Urls.Should().Equal("https://b.invalid/status");
        fake.Callbacks.Select(c => c.StatusCode).Should().Equal(204, 202);
    }

    [Test]
    public async Task An_account_diversion_takes_only_that_accounts_callbacks_whatever_the_order_of_diversions()
    {
        var initial = new Answering(HttpStatusCode.Accepted);
        var appOfA = new Answering(HttpStatusCode.NoContent);
        var appOfB = new Answering(HttpStatusCode.OK);
        await using var fake = await FakeRoomsServer.StartAsync(o =>
        {
            o.AuthMode = AuthMode.AnyAccount;
            o.CallbackHandler = initial;
        });
        var a = fake.ForAccount("AC" + new string('a', 32));
        var b = fake.ForAccount("AC" + new string('b', 32));
        var localhost = new Uri("http://localhost");

        using var toA = a.DeliverCallbacksThrough(appOfA, localhost);
        using var toB = b.DeliverCallbacksThrough(appOfB, localhost); // the latest, but not for A's callbacks
        await RoomResource.CreateAsync(uniqueName: "a-room", statusCallback: new Uri("http://localhost/status"), client: a.CreateTwilioClient());
        await RoomResource.CreateAsync(uniqueName: "b-room", statusCallback: new Uri("http://localhost/status"), statusCallbackMethod: Twilio.Http.HttpMethod.Get,
            client: b.CreateTwilioClient());
        await RoomResource.CreateAsync(uniqueName: "default", statusCallback: new Uri("http://localhost/status"), client: fake.CreateTwilioClient());
        await fake.Callbacks.WhenIdleAsync();

        appOfA.Urls.Should().Equal("http://localhost/status");
        appOfB.Urls.Should().ContainSingle().Which.Should().StartWith("http://localhost/status?", "B's callback is a GET: its AccountSid is in the query");
        initial.Urls.Should().Equal("http://localhost/status");
        a.Callbacks.Single().StatusCode.Should().Be(204);
        b.Callbacks.Single().StatusCode.Should().Be(200);
    }

    [Test]
    public async Task A_relative_origin_is_refused()
    {
        await using var fake = await FakeRoomsServer.StartAsync();
        var act = () => fake.DeliverCallbacksThrough(new Answering(HttpStatusCode.OK), new Uri("/status", UriKind.Relative));
        act.Should().Throw<ArgumentException>().WithParameterName("origin");
        var forAccount = () => fake.ForAccount(fake.AccountSid).DeliverCallbacksThrough(new Answering(HttpStatusCode.OK), new Uri("/status", UriKind.Relative));
        forAccount.Should().Throw<ArgumentException>().WithParameterName("origin");
    }

    private sealed class Answering(HttpStatusCode status) : HttpMessageHandler
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
            return Task.FromResult(new HttpResponseMessage(status));
        }
    }
}
