using System.Net;
using FakeRooms.Redirect;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Twilio.Clients;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Redirect.Tests;

public class TwilioRedirectTests
{
    /// <summary>The last handler of the pipeline: records what would have gone on the wire, answers 200.</summary>
    private sealed class Recorder : HttpMessageHandler
    {
        public List<(Uri Uri, string? OriginalHost)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!, request.Headers.TryGetValues(TwilioRedirectHandler.OriginalHostHeader, out var v) ? v.Single() : null));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    private static (HttpClient Client, Recorder Recorder) Twilio(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var recorder = new Recorder();
        var services = new ServiceCollection();
        services.AddHttpClient("Twilio")
            .ConfigurePrimaryHttpMessageHandler(() => recorder)
            .RedirectTwilioToFakeRoomsWhenConfigured(configuration);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IHttpClientFactory>().CreateClient("Twilio"), recorder);
    }

    [Test]
    public async Task Without_FakeRooms_Url_requests_go_to_twilio_unchanged()
    {
        var (client, recorder) = Twilio(("Twilio:Client:AccountSid", "AC00000000000000000000000000000000"));

        await client.GetAsync(new Uri("https://video.twilio.com/v1/Rooms?Status=in-progress"));

        recorder.Requests.Should().Equal((new Uri("https://video.twilio.com/v1/Rooms?Status=in-progress"), (string?)null));
    }

    [Test]
    public async Task An_empty_FakeRooms_Url_counts_as_not_configured()
    {
        var (client, recorder) = Twilio(("FakeRooms:Url", ""));

        await client.GetAsync(new Uri("https://video.twilio.com/v1/Rooms"));

        recorder.Requests.Single().Uri.Should().Be(new Uri("https://video.twilio.com/v1/Rooms"));
    }

    [Test]
    public async Task With_FakeRooms_Url_twilio_requests_keep_path_and_query_and_carry_the_original_host()
    {
        var (client, recorder) = Twilio(("FakeRooms:Url", "http://127.0.0.1:5080"));

        await client.GetAsync(new Uri("https://video.twilio.com/v1/Rooms/RM123/Participants?Status=connected&PageSize=5"));
        await client.PostAsync(new Uri("https://api.twilio.com/2010-04-01/Accounts/AC1/Calls.json"), new StringContent(""));

        recorder.Requests.Should().Equal(
            (new Uri("http://127.0.0.1:5080/v1/Rooms/RM123/Participants?Status=connected&PageSize=5"), "video.twilio.com"),
            (new Uri("http://127.0.0.1:5080/2010-04-01/Accounts/AC1/Calls.json"), "api.twilio.com"));
    }

    [Test]
    public async Task A_base_url_with_a_path_keeps_its_path_in_front()
    {
        var (client, recorder) = Twilio(("FakeRooms:Url", "http://127.0.0.1:5080/fake/"));

        await client.GetAsync(new Uri("https://video.twilio.com/v1/Rooms"));

        recorder.Requests.Single().Uri.Should().Be(new Uri("http://127.0.0.1:5080/fake/v1/Rooms"));
    }

    [TestCase("https://example.invalid/v1/Rooms")]
    [TestCase("https://eviltwilio.com/v1/Rooms")]
    [TestCase("https://video.twilio.com.example.invalid/v1/Rooms")]
    [TestCase("http://video.twilio.com/v1/Rooms")]
    public async Task Other_hosts_pass_through_even_when_configured(string url)
    {
        var (client, recorder) = Twilio(("FakeRooms:Url", "http://127.0.0.1:5080"));

        await client.GetAsync(new Uri(url));

        recorder.Requests.Should().Equal((new Uri(url), (string?)null));
    }

    [TestCase("localhost:5080")]
    [TestCase("ftp://127.0.0.1/")]
    [TestCase("/relative")]
    public void A_malformed_FakeRooms_Url_fails_at_startup_instead_of_reaching_twilio(string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("FakeRooms:Url", (string?)value)])
            .Build();

        var register = () => new ServiceCollection().AddHttpClient("Twilio").RedirectTwilioToFakeRoomsWhenConfigured(configuration);

        register.Should().Throw<InvalidOperationException>().WithMessage($"FakeRooms:Url must be an absolute http(s) URL, not '{value}'.");
    }

    [Test]
    public async Task The_official_sdk_on_the_redirected_client_books_a_room_in_the_fake()
    {
        await using var fake = await FakeRoomsServer.StartAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("FakeRooms:Url", (string?)fake.Url)])
            .Build();
        var services = new ServiceCollection();
        services.AddHttpClient("Twilio").RedirectTwilioToFakeRoomsWhenConfigured(configuration);
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("Twilio");
        var twilio = new TwilioRestClient(fake.AccountSid, fake.AuthToken, httpClient: new Twilio.Http.SystemNetHttpClient(http));

        var room = await RoomResource.CreateAsync(uniqueName: "standup", client: twilio);

        var fetched = await RoomResource.FetchAsync(room.Sid, client: fake.CreateTwilioClient());
        fetched.UniqueName.Should().Be("standup");
        fetched.Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
    }
}
