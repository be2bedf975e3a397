using System.Net;
using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Http;

/// <summary>
/// Paths and methods the route table does not serve: Twilio's 404 (20404) and 405 (20004) JSON, never WireMock's
/// default body.
/// </summary>
public sealed class RoutingTests : FakeRoomsTest
{
    [TestCase("/v1/Nothing", "/Nothing")]
    [TestCase("/v1/Rooms/RM1/Nothing", "/Rooms/RM1/Nothing")]
    [TestCase("/v2/Rooms", "/v2/Rooms")]
    [TestCase("/", "/")]
    [TestCase("/v1/rooms", "/rooms")]
    [TestCase("/v1/Rooms/a/b/c/d/e/f/g", "/Rooms/a/b/c/d/e/f/g")]
    public async Task Unknown_path_returns_404_20404(string path, string resource)
    {
        var answer = await Get(path);

        answer.ShouldBeTwilioError(404, 20404, $"The requested resource {resource} was not found");
        answer.MediaType.Should().Be("application/json");
        var call = Fake.Calls.Single();
        call.Operation.Should().Be(Operation.Unknown);
        call.StatusCode.Should().Be(404);
        call.ErrorCode.Should().Be(20404);
    }

    [Test]
    public async Task Unknown_path_with_post_returns_404_20404()
    {
        // (Not /v1/Compositions: that path exists since issue 10.)
        var answer = await PostForm("/v1/NoSuchResource", "x=1");

        answer.ShouldBeTwilioError(404, 20404, "The requested resource /NoSuchResource was not found");
    }

    [TestCase("DELETE", "/v1/Rooms", "GET, POST")]
    [TestCase("PUT", "/v1/Rooms", "GET, POST")]
    [TestCase("PATCH", "/v1/Rooms/RM00000000000000000000000000000000", "GET, POST")]
    [TestCase("DELETE", "/v1/Rooms/RM00000000000000000000000000000000", "GET, POST")]
    [TestCase("POST", "/v1/Rooms/RM00000000000000000000000000000000/Participants", "GET")]
    public async Task Known_path_with_a_wrong_method_returns_405_20004_with_allow(string method, string path, string allow)
    {
        var answer = await Send(new HttpRequestMessage(new HttpMethod(method), path));

        answer.ShouldBeTwilioError(405, 20004, "Method not allowed");
        answer.ContentHeaders!.Allow.Should().BeEquivalentTo(allow.Split(", "));
        var call = Fake.Calls.Single();
        call.Operation.Should().Be(Operation.Unknown);
        call.Method.Should().Be(method);
        call.StatusCode.Should().Be(405);
    }

    [Test]
    public async Task Trailing_slash_reaches_the_same_operation()
    {
        var answer = await Get("/v1/Rooms/");

        answer.Status.Should().Be(HttpStatusCode.OK);
        Fake.Calls.Single().Operation.Should().Be(Operation.ReadRoom);
    }

    [Test]
    public async Task Head_of_a_resource_without_a_head_route_returns_405_with_allow()
    {
        var answer = await Send(new HttpRequestMessage(HttpMethod.Head, "/v1/Rooms"));

        answer.Status.Should().Be(HttpStatusCode.MethodNotAllowed);
        answer.ContentHeaders!.Allow.Should().BeEquivalentTo("GET", "POST");
    }

    [Test]
    public async Task A_bug_in_a_handler_answers_500_with_twilio_json_and_is_reported()
    {
        // A server of its own: the fixture's fake must stay free of internal errors.
        await using var fake = await FakeRoomsServer.StartAsync();
        fake.Routes.Add("GET", "/v1/Boom", Operation.Unknown, _ => throw new InvalidOperationException("boom"));
        using var client = NewHttpClient(fake.AccountSid, fake.AuthToken);
        client.BaseAddress = new Uri(fake.Url);

        var answer = await Send(new HttpRequestMessage(HttpMethod.Get, "/v1/Boom"), client);

        answer.ShouldBeTwilioError(500, 20500, "Internal Server Error");
        fake.InternalErrors.Should().ContainSingle().Which.Message.Should().Be("boom");
        fake.Calls.Single().StatusCode.Should().Be(500);
    }

    [Test]
    public async Task Body_over_the_limit_returns_413_20413()
    {
        var answer = await PostForm("/v1/Rooms", "UniqueName=" + new string('x', (1 << 20) + 1));

        answer.ShouldBeTwilioError(413, 20413, "Request Entity Too Large");
        Fake.Rooms.All.Should().BeEmpty();
    }

    [Test]
    public async Task Options_request_returns_405_20004_json()
    {
        var answer = await Send(new HttpRequestMessage(HttpMethod.Options, "/v1/Rooms"));

        answer.ShouldBeTwilioError(405, 20004, "Method not allowed");
        answer.MediaType.Should().Be("application/json");
    }
}
