using System.Net;
using System.Text;
using FakeRooms.Server.Tests.Support;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Server.Tests;

/// <summary>
/// The standalone server as people use it every day (issue 16.6): API keys from flags and variables, the page at
/// <c>/</c>, failed callbacks in the log.
/// </summary>
public sealed class StandaloneEverydayTests
{
    private const string Stamp = @"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z";

    [Test]
    public async Task Api_keys_from_the_flag_and_the_variable_authenticate_the_official_sdk_and_a_wrong_secret_gets_20003()
    {
        const string flagKey = "SK0123456789abcdef0123456789abcdef", variableKey = "SKfedcba9876543210fedcba9876543210";
        await using var server = await StandaloneServer.StartAsync(
            new Dictionary<string, string> { ["FAKEROOMS_API_KEYS"] = $"{variableKey}:from-the-variable" },
            "--quiet", "--api-key", $"{flagKey}:from-the-flag");

        // A flag wins over its variable: the variable's key is not accepted next to the flag's.
        var byFlagKey = FakeRoomsClient.CreateTwilioClient(server.Url, flagKey, "from-the-flag", server.AccountSid);
        var created = await RoomResource.CreateAsync(uniqueName: "by-api-key", client: byFlagKey);
        (await RoomResource.FetchAsync(created.Sid, client: server.CreateTwilioClient())).UniqueName.Should().Be("by-api-key",
            "an API key acts for the server's account, as a Twilio API key acts for its account");

        var wrongSecret = () => RoomResource.CreateAsync(uniqueName: "refused",
            client: FakeRoomsClient.CreateTwilioClient(server.Url, flagKey, "not-the-secret", server.AccountSid));
        (await wrongSecret.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20003);
        var overriddenVariable = () => RoomResource.CreateAsync(uniqueName: "refused",
            client: FakeRoomsClient.CreateTwilioClient(server.Url, variableKey, "from-the-variable", server.AccountSid));
        (await overriddenVariable.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(401);
    }

    [Test]
    public async Task Api_keys_from_the_variable_alone_are_accepted()
    {
        const string one = "SK0123456789abcdef0123456789abcdef", two = "SKfedcba9876543210fedcba9876543210";
        await using var server = await StandaloneServer.StartAsync(
            new Dictionary<string, string> { ["FAKEROOMS_API_KEYS"] = $"{one}:first,{two}:second" }, "--quiet");

        foreach (var (sid, secret) in new[] { (one, "first"), (two, "second") })
            (await RoomResource.CreateAsync(uniqueName: sid, client: FakeRoomsClient.CreateTwilioClient(server.Url, sid, secret, server.AccountSid)))
                .UniqueName.Should().Be(sid);
    }

    [Test]
    public async Task Root_answers_a_page_saying_what_this_is_while_the_rest_api_still_asks_for_credentials()
    {
        await using var server = await StandaloneServer.StartAsync("--quiet");
        using var http = new HttpClient();

        using var root = await http.GetAsync(server.Url + "/");
        var page = await root.Content.ReadAsStringAsync();

        root.StatusCode.Should().Be(HttpStatusCode.OK);
        root.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        root.Headers.WwwAuthenticate.Should().BeEmpty("a browser must not pop up a Basic-auth prompt");
        page.Should().Contain("FakeRooms").And.Contain("Twilio's Programmable Video Rooms REST API")
            .And.Contain("/v1/Rooms").And.Contain("href=\"/__fakerooms/openapi.json\"").And.Contain("href=\"/__fakerooms/health\"")
            .And.NotContain(server.AuthToken);
        (await http.GetAsync(server.Url + "/__fakerooms/health")).StatusCode.Should().Be(HttpStatusCode.OK, "the page's links work");

        using var rest = await http.GetAsync(server.Url + "/v1/Rooms");
        rest.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        rest.Headers.WwwAuthenticate.ToString().Should().Be("Basic realm=\"Twilio API\"");
        using var post = await http.PostAsync(server.Url + "/", new StringContent("x=1", Encoding.UTF8, "application/x-www-form-urlencoded"));
        post.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "only GET / is the page; anything else is Twilio's API");
    }

    [Test]
    public async Task A_failed_callback_delivery_is_one_timestamped_line_with_event_url_and_outcome_even_when_quiet()
    {
        await using var server = await StandaloneServer.StartAsync("--quiet");
        var client = server.CreateTwilioClient();
        // Two receivers on 127.0.0.1: the fake's own port answers 404 for an unknown control path; a port that was
        // just closed refuses the connection.
        var notFound = server.Url + "/__fakerooms/no-receiver";
        var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var refused = $"http://127.0.0.1:{((IPEndPoint)closed.LocalEndpoint).Port}/callbacks";
        closed.Stop();

        var first = await RoomResource.CreateAsync(uniqueName: "answered-404", statusCallback: new Uri(notFound), client: client);
        var second = await RoomResource.CreateAsync(uniqueName: "refused", statusCallback: new Uri(refused), client: client);

        (await server.WaitForLineAsync(l => l.Contains($" callback room-created {first.Sid} ", StringComparison.Ordinal)))
            .Should().MatchRegex($"^{Stamp} callback room-created {first.Sid} POST {System.Text.RegularExpressions.Regex.Escape(notFound)} failed: HTTP 404$");
        (await server.WaitForLineAsync(l => l.Contains($" callback room-created {second.Sid} ", StringComparison.Ordinal)))
            .Should().MatchRegex($"^{Stamp} callback room-created {second.Sid} POST {System.Text.RegularExpressions.Regex.Escape(refused)} failed: connection failed \\(.+\\)$");
    }
}
