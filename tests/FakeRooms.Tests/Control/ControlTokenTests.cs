using System.Net;
using System.Net.Http.Headers;
using FakeRooms.Tests.Support;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Control;

/// <summary>
/// <see cref="FakeRoomsOptions.ControlToken"/> (issue 14, item 12): with a token, every path under /__fakerooms/ but the
/// health route refuses a call without it (401, code 20003, the control API's error JSON) and accepts it as a Bearer
/// header, a <c>?token=</c> or a cookie; the Twilio API is unchanged.
/// </summary>
public sealed class ControlTokenTests : FakeRoomsTest
{
    private const string Token = "s3cret-control-token";

    protected override void Configure(FakeRoomsOptions options) => options.ControlToken = Token;

    private Task<Answer> Control(HttpMethod method, string path, Action<HttpRequestMessage>? decorate = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
            request.Content = new FormUrlEncodedContent([]);
        decorate?.Invoke(request);
        return Send(request, Bare);
    }

    private HttpClient Bare { get; } = new(new SocketsHttpHandler { UseCookies = false });

    [OneTimeSetUp]
    public void PointBareClient() => Bare.BaseAddress = new Uri(Fake.Url);

    [OneTimeTearDown]
    public void DisposeBareClient() => Bare.Dispose();

    [TestCase("POST", "/__fakerooms/reset")]
    [TestCase("GET", "/__fakerooms/state")]
    [TestCase("GET", "/__fakerooms/calls")]
    [TestCase("GET", "/__fakerooms/ui")]
    [TestCase("GET", "/__fakerooms/no-such-page")]
    [TestCase("GET", "/%5F%5Ffakerooms/state")]
    public async Task Without_the_token_a_control_call_gets_401_20003_in_the_control_error_format(string method, string path)
    {
        Fake.Rooms.Create();

        var answer = await Control(new HttpMethod(method), path);

        answer.ShouldBeTwilioError(401, 20003);
        answer.Json.Value<string>("message").Should().Contain("Bearer");
        answer.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
        Fake.Rooms.All.Should().HaveCount(1, "a refused reset changes nothing");
    }

    [Test]
    public async Task A_path_with_a_doubled_slash_is_refused_too()
    {
        var answer = await Robustness.RawHttp.SendAsync(Fake.Port, "GET //__fakerooms/state HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        answer.Status.Should().Be(401);
        Answer.Parse(answer.Text).Value<int>("code").Should().Be(20003);
    }

    [Test]
    public async Task A_wrong_token_gets_401()
    {
        var answer = await Control(HttpMethod.Get, "/__fakerooms/state", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x"));

        answer.ShouldBeTwilioError(401, 20003);
    }

    [Test]
    public async Task The_token_as_a_bearer_header_a_query_or_a_cookie_is_accepted()
    {
        Fake.Rooms.Create();

        var bearer = await Control(HttpMethod.Get, "/__fakerooms/state", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token));
        var query = await Control(HttpMethod.Get, $"/__fakerooms/state?token={Token}");
        var cookie = await Control(HttpMethod.Get, "/__fakerooms/state", r => r.Headers.Add("Cookie", $"fakerooms_control_token={Token}"));
        var reset = await Control(HttpMethod.Post, "/__fakerooms/reset", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token));

        bearer.Status.Should().Be(HttpStatusCode.OK, bearer.Text);
        query.Status.Should().Be(HttpStatusCode.OK, query.Text);
        query.Headers.GetValues("Set-Cookie").Single().Should().StartWith($"fakerooms_control_token={Token}").And.Contain("httponly");
        cookie.Status.Should().Be(HttpStatusCode.OK, cookie.Text);
        reset.Status.Should().Be(HttpStatusCode.OK, reset.Text);
        Fake.Rooms.All.Should().BeEmpty("the reset with the token ran");
    }

    [Test]
    public async Task Health_stays_open_and_the_twilio_api_needs_only_its_own_credentials()
    {
        var health = await Control(HttpMethod.Get, "/__fakerooms/health");
        var room = await RoomResource.CreateAsync(uniqueName: "app", client: Twilio);

        health.Status.Should().Be(HttpStatusCode.OK);
        health.Json.Value<string>("status").Should().Be("ok");
        room.Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
    }
}

/// <summary>Without a token (the default, on loopback) the control API needs no credentials, as before.</summary>
public sealed class NoControlTokenTests : FakeRoomsTest
{
    [Test]
    public async Task Control_calls_need_no_credentials()
    {
        using var bare = NewHttpClient(null, null);
        Fake.Rooms.Create();

        var state = await Send(new HttpRequestMessage(HttpMethod.Get, "/__fakerooms/state"), bare);
        var reset = await Send(new HttpRequestMessage(HttpMethod.Post, "/__fakerooms/reset") { Content = new FormUrlEncodedContent([]) }, bare);

        state.Status.Should().Be(HttpStatusCode.OK);
        reset.Status.Should().Be(HttpStatusCode.OK);
        Fake.Rooms.All.Should().BeEmpty();
    }
}
