using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;
using Twilio.Clients;

namespace FakeRooms.Tests.Support;

/// <summary>
/// One fake per fixture on a fixed seed and start time, reset before every test; a raw HTTP client and the official
/// Twilio SDK client, both pointed at it.
/// </summary>
public abstract class FakeRoomsTest
{
    /// <summary>The start time of every fixture's clock.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    protected FakeRoomsServer Fake { get; private set; } = null!;
    protected HttpClient Http { get; private set; } = null!;
    protected TwilioRestClient Twilio { get; private set; } = null!;

    /// <summary>Changes the fixture's options before the fake starts.</summary>
    protected virtual void Configure(FakeRoomsOptions options) { }

    [OneTimeSetUp]
    public async Task StartFake()
    {
        Fake = await FakeRoomsServer.StartAsync(options =>
        {
            options.Seed = 42;
            options.StartTime = Start;
            Configure(options);
        });
        Http = NewHttpClient(Fake.AccountSid, Fake.AuthToken);
        Twilio = Fake.CreateTwilioClient();
    }

    [OneTimeTearDown]
    public async Task StopFake()
    {
        Http.Dispose();
        await Fake.DisposeAsync();
    }

    [SetUp]
    public void ResetFake() => Fake.Reset();

    [TearDown]
    public void NoInternalErrors() =>
        Fake.InternalErrors.Should().BeEmpty("the fake must never answer 500 because of a bug");

    protected HttpClient NewHttpClient(string? user, string? password)
    {
        var client = new HttpClient { BaseAddress = new Uri(Fake.Url) };
        if (user is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    /// <summary>POSTs a raw form body (exactly as given) and parses the JSON answer.</summary>
    protected Task<Answer> PostForm(string path, string body) =>
        Send(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        });

    protected Task<Answer> Get(string path) => Send(new HttpRequestMessage(HttpMethod.Get, path));

    protected async Task<Answer> Send(HttpRequestMessage request, HttpClient? client = null)
    {
        using var response = await (client ?? Http).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, text, response.Headers, response.Content.Headers.ContentType?.MediaType)
        {
            ContentHeaders = response.Content.Headers,
        };
    }

    /// <summary>Creates a room over HTTP and returns its JSON.</summary>
    protected async Task<JObject> CreateRoom(string body = "")
    {
        var answer = await PostForm("/v1/Rooms", body);
        answer.Status.Should().Be(HttpStatusCode.Created, answer.Text);
        return answer.Json;
    }
}

/// <summary>An HTTP answer: status, body, JSON.</summary>
public sealed record Answer(HttpStatusCode Status, string Text, HttpResponseHeaders Headers, string? MediaType)
{
    /// <summary>The content headers (Content-Type, Allow...).</summary>
    public HttpContentHeaders? ContentHeaders { get; init; }

    /// <summary>The body as JSON, with dates left as the strings the fake sent.</summary>
    public JObject Json => Parse(Text);

    public static JObject Parse(string text)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(text)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JObject.Load(reader);
    }

    /// <summary>Asserts Twilio's error envelope with this HTTP status, code and message.</summary>
    public void ShouldBeTwilioError(int status, int code, string? message = null)
    {
        ((int)Status).Should().Be(status, Text);
        var json = Json;
        json.Properties().Select(p => p.Name).Should().BeEquivalentTo(["code", "message", "more_info", "status"]);
        json.Value<int>("code").Should().Be(code, Text);
        json.Value<int>("status").Should().Be(status);
        json.Value<string>("more_info").Should().Be($"https://www.twilio.com/docs/errors/{code}");
        if (message is not null)
            json.Value<string>("message").Should().Be(message);
    }
}
