using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Hosting;

/// <summary>
/// WireMock hands every request to the dispatcher through one catch-all mapping; the route table alone decides
/// 404 from 405 and splits the path into decoded segments.
/// </summary>
public sealed class RoutingTests : FakeRoomsTest
{
    [Test]
    public async Task Unknown_path_returns_404_20404_naming_the_path_without_the_version()
    {
        var answer = await Get("/v1/Compositions/CJ00000000000000000000000000000000");

        answer.ShouldBeTwilioError(404, 20404, "The requested resource /Compositions/CJ00000000000000000000000000000000 was not found");
    }

    [Test]
    public async Task Known_path_with_another_method_returns_405_20004()
    {
        var answer = await Send(new HttpRequestMessage(HttpMethod.Delete, "/v1/Rooms"));

        answer.ShouldBeTwilioError(405, 20004, "Method not allowed");
    }

    [Test]
    public async Task Unknown_path_without_credentials_returns_401_20003_before_404()
    {
        using var anonymous = NewHttpClient(null, null);

        var answer = await Send(new HttpRequestMessage(HttpMethod.Get, "/v1/Nothing"), anonymous);

        answer.ShouldBeTwilioError(401, 20003);
    }

    [Test]
    public async Task Unknown_control_path_returns_404_20404_without_credentials()
    {
        using var anonymous = NewHttpClient(null, null);

        var answer = await Send(new HttpRequestMessage(HttpMethod.Get, "/__fakerooms/nothing"), anonymous);

        answer.ShouldBeTwilioError(404, 20404, "The requested resource /__fakerooms/nothing was not found");
    }

    [Test]
    public async Task Encoded_slash_in_a_unique_name_stays_inside_its_path_segment()
    {
        await CreateRoom("UniqueName=team%2Fdaily");

        var answer = await Get("/v1/Rooms/team%2Fdaily");

        answer.Status.Should().Be(System.Net.HttpStatusCode.OK, answer.Text);
        answer.Json.Value<string>("unique_name").Should().Be("team/daily");
    }
}
