using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FakeRooms.Tests.Support;
using Twilio;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Server;

/// <summary>The in-process API a test author types (issue 2 §2): start, options, clients, reset.</summary>
public sealed class FakeRoomsServerTests : FakeRoomsTest
{
    [Test]
    public async Task Sync_start_listens_on_a_free_loopback_port_and_stops_on_dispose()
    {
        string url;
        using (var fake = FakeRoomsServer.Start())
        {
            url = fake.Url;
            fake.Url.Should().StartWith("http://127.0.0.1:");
            fake.Port.Should().BePositive();
            new Uri(fake.Url).Port.Should().Be(fake.Port);
        }

        using var client = new HttpClient();
        await FluentActions.Awaiting(() => client.GetAsync(url + "/__fakerooms/health")).Should().ThrowAsync<HttpRequestException>();
    }

    [Test]
    public async Task Explicit_account_sid_and_token_are_used()
    {
        const string sid = "AC0123456789abcdef0123456789abcdef";
        await using var fake = await FakeRoomsServer.StartAsync(o => { o.AccountSid = sid; o.AuthToken = "secret-token"; });

        var room = await RoomResource.CreateAsync(client: fake.CreateTwilioClient());

        fake.AccountSid.Should().Be(sid);
        fake.AuthToken.Should().Be("secret-token");
        room.AccountSid.Should().Be(sid);
    }

    [Test]
    public async Task Same_seed_gives_the_same_default_credentials()
    {
        await using var a = await FakeRoomsServer.StartAsync(o => o.Seed = 5);
        await using var b = await FakeRoomsServer.StartAsync(o => o.Seed = 5);
        await using var c = await FakeRoomsServer.StartAsync(o => o.Seed = 6);

        b.AccountSid.Should().Be(a.AccountSid);
        b.AuthToken.Should().Be(a.AuthToken);
        c.AccountSid.Should().NotBe(a.AccountSid);
    }

    [Test]
    public async Task Http_message_handler_sends_twilio_video_urls_to_the_fake()
    {
        using var client = new HttpClient(Fake.CreateHttpMessageHandler());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Fake.AccountSid}:{Fake.AuthToken}")));

        using var created = await client.PostAsync("https://video.twilio.com/v1/Rooms",
            new FormUrlEncodedContent([new("UniqueName", "via handler")]));
        using var regional = await client.GetAsync("https://video.dublin.ie1.twilio.com/v1/Rooms/via%20handler");

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        regional.StatusCode.Should().Be(HttpStatusCode.OK);
        Fake.Calls.Select(c => c.Operation).Should().Equal(Operation.CreateRoom, Operation.FetchRoom);
    }

    [TestCase("video.twilio.com", true)]
    [TestCase("VIDEO.TWILIO.COM", true)]
    [TestCase("video.dublin.ie1.twilio.com", true)]
    [TestCase("video.us1.twilio.com", true)]
    [TestCase("api.twilio.com", false)]
    [TestCase("video.twilio.com.invalid", false)]
    [TestCase("myvideo.twilio.com", false)]
    public void Only_twilio_video_hosts_are_served_as_video(string host, bool video) =>
        Hosting.RedirectToFakeHandler.IsTwilioVideoHost(host).Should().Be(video);

    [TestCase("video.twilio.com", true)]
    [TestCase("api.twilio.com", true)]
    [TestCase("API.TWILIO.COM", true)]
    [TestCase("verify.twilio.com", true)]
    [TestCase("twilio.com", true)]
    [TestCase("eviltwilio.com", false)]
    [TestCase("api.twilio.com.invalid", false)]
    [TestCase("example.invalid", false)]
    public void Every_twilio_host_is_redirected_to_the_fake(string host, bool redirected) =>
        Hosting.RedirectToFakeHandler.IsTwilioHost(host).Should().Be(redirected);

    [Test]
    public async Task Sdk_global_client_set_after_init_reaches_the_fake()
    {
        // FACTS §8.1: TwilioClient.Init drops a client set earlier, so SetRestClient comes last.
        TwilioClient.Init(Fake.AccountSid, Fake.AuthToken);
        TwilioClient.SetRestClient(Fake.CreateTwilioClient());
        try
        {
            var room = await RoomResource.CreateAsync(uniqueName: "global");

            (await RoomResource.FetchAsync("global")).Sid.Should().Be(room.Sid);
        }
        finally
        {
            TwilioClient.Invalidate();
        }
    }

    [Test]
    public async Task Reset_forgets_rooms_so_names_are_free_again()
    {
        await CreateRoom("UniqueName=kept");

        Fake.Reset();

        Fake.Rooms.All.Should().BeEmpty();
        Fake.Calls.Should().BeEmpty();
        (await PostForm("/v1/Rooms", "UniqueName=kept")).Status.Should().Be(HttpStatusCode.Created);
    }

    [Test]
    public void Clock_moves_forward_only()
    {
        var before = Fake.Clock.UtcNow;

        Fake.Clock.Advance(TimeSpan.FromSeconds(5)).Should().Be(before.AddSeconds(5));
        FluentActions.Invoking(() => Fake.Clock.Advance(TimeSpan.FromSeconds(-1))).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Fake.Clock.SetUtcNow(before)).Should().Throw<ArgumentOutOfRangeException>();
        Fake.Clock.IsManual.Should().BeTrue();
    }
}
