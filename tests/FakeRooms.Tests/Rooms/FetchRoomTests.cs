using System.Net;
using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Rooms;

/// <summary>
/// FetchRoom (<c>GET /v1/Rooms/{Sid}</c>): by SID in any status, by UniqueName while in progress only, 404 20404
/// otherwise (FACTS §2.3).
/// </summary>
public sealed class FetchRoomTests : FakeRoomsTest
{
    [Test]
    public async Task Fetch_by_sid_returns_the_room_as_created()
    {
        var created = await CreateRoom("UniqueName=fetch-me&MaxParticipants=7");

        var answer = await Get($"/v1/Rooms/{created.Value<string>("sid")}");

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.Text.Should().Be(created.ToString(Newtonsoft.Json.Formatting.None));
        Fake.Calls.Last().Operation.Should().Be(Operation.FetchRoom);
    }

    [Test]
    public async Task Fetch_by_unique_name_returns_the_in_progress_room_with_url_by_sid()
    {
        var created = await CreateRoom("UniqueName=daily");
        var sid = created.Value<string>("sid");

        var answer = await Get("/v1/Rooms/daily");

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.Json.Value<string>("sid").Should().Be(sid);
        answer.Json.Value<string>("url").Should().Be($"{Fake.Url}/v1/Rooms/{sid}");
        answer.Json["links"]!.Value<string>("participants").Should().Be($"{Fake.Url}/v1/Rooms/{sid}/Participants");
    }

    [Test]
    public async Task Fetch_by_sid_returns_a_completed_room()
    {
        var created = await CreateRoom("UniqueName=ended");
        var sid = created.Value<string>("sid");
        await PostForm($"/v1/Rooms/{sid}", "Status=completed");

        var answer = await Get($"/v1/Rooms/{sid}");

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.Json.Value<string>("status").Should().Be("completed");
    }

    [Test]
    public async Task Fetch_by_unique_name_of_a_completed_room_returns_404_20404()
    {
        var created = await CreateRoom("UniqueName=ended");
        await PostForm($"/v1/Rooms/{created.Value<string>("sid")}", "Status=completed");

        var answer = await Get("/v1/Rooms/ended");

        answer.ShouldBeTwilioError(404, 20404, "The requested resource /Rooms/ended was not found");
    }

    [Test]
    public async Task Fetch_by_unique_name_after_recreation_returns_the_new_in_progress_room()
    {
        var first = await CreateRoom("UniqueName=again");
        await PostForm($"/v1/Rooms/{first.Value<string>("sid")}", "Status=completed");
        var second = await CreateRoom("UniqueName=again");

        var answer = await Get("/v1/Rooms/again");

        answer.Json.Value<string>("sid").Should().Be(second.Value<string>("sid"));
    }

    [TestCase("RM00000000000000000000000000000000")]
    [TestCase("nobody-here")]
    public async Task Fetch_of_an_unknown_room_returns_404_20404(string id)
    {
        var answer = await Get($"/v1/Rooms/{id}");

        answer.ShouldBeTwilioError(404, 20404, $"The requested resource /Rooms/{id} was not found");
        var call = Fake.Calls.Last();
        call.Operation.Should().Be(Operation.FetchRoom);
        call.StatusCode.Should().Be(404);
        call.ErrorCode.Should().Be(20404);
    }

    [Test]
    public async Task Fetch_by_sid_is_case_sensitive()
    {
        var sid = (await CreateRoom()).Value<string>("sid")!;

        var answer = await Get($"/v1/Rooms/{sid.ToUpperInvariant()}");

        answer.ShouldBeTwilioError(404, 20404, $"The requested resource /Rooms/{sid.ToUpperInvariant()} was not found");
    }

    [TestCase("daily standup", "daily%20standup")]
    [TestCase("café 会议", "caf%C3%A9%20%E4%BC%9A%E8%AE%AE")]
    [TestCase("50% off", "50%25%20off")]
    [TestCase("a+b", "a%2Bb")]
    [TestCase("a&b=c?", "a%26b%3Dc%3F")]
    [TestCase("room/1", "room%2F1")]
    [TestCase("#hash", "%23hash")]
    public async Task Fetch_by_percent_encoded_unique_name_finds_the_room(string name, string encoded)
    {
        var created = await CreateRoom("UniqueName=" + Uri.EscapeDataString(name));

        var answer = await Get($"/v1/Rooms/{encoded}");

        answer.Status.Should().Be(HttpStatusCode.OK, answer.Text);
        answer.Json.Value<string>("sid").Should().Be(created.Value<string>("sid"));
        answer.Json.Value<string>("unique_name").Should().Be(name);
        Fake.Calls.Last().PathParameters["Sid"].Should().Be(name);
    }

    [Test]
    public async Task Fetch_by_name_with_a_trailing_space_does_not_find_the_name_without_it()
    {
        var plain = (await CreateRoom("UniqueName=standup")).Value<string>("sid");
        var spaced = (await CreateRoom("UniqueName=standup+")).Value<string>("sid");

        (await Get("/v1/Rooms/standup%20")).Json.Value<string>("sid").Should().Be(spaced);
        (await Get("/v1/Rooms/standup")).Json.Value<string>("sid").Should().Be(plain);
        Fake.Calls.Of(Operation.FetchRoom)[0].Path.Should().Be("/v1/Rooms/standup%20");
    }

    [Test]
    public async Task Fetch_of_a_single_space_name_is_a_fetch_not_a_list()
    {
        var answer = await Get("/v1/Rooms/%20");

        answer.ShouldBeTwilioError(404, 20404, "The requested resource /Rooms/  was not found");
        Fake.Calls.Single().Operation.Should().Be(Operation.FetchRoom);
    }

    [Test]
    public async Task Journal_keeps_the_path_percent_encoded_as_sent()
    {
        await Get("/v1/Rooms/caf%C3%A9%20%E2%82%AC");

        var call = Fake.Calls.Single();
        call.Path.Should().Be("/v1/Rooms/caf%C3%A9%20%E2%82%AC");
        call.PathParameters["Sid"].Should().Be("café €");
    }

    [Test]
    public async Task Fetch_of_an_unknown_encoded_name_names_it_decoded_in_the_404_message()
    {
        var answer = await Get("/v1/Rooms/no%20such%20room");

        answer.ShouldBeTwilioError(404, 20404, "The requested resource /Rooms/no such room was not found");
    }

    [Test]
    public async Task Unknown_query_parameters_on_fetch_are_ignored_and_recorded()
    {
        var sid = (await CreateRoom()).Value<string>("sid");

        var answer = await Get($"/v1/Rooms/{sid}?Expand=everything");

        answer.Status.Should().Be(HttpStatusCode.OK);
        Fake.Calls.Last().IgnoredParameters.Should().Equal("Expand");
    }
}
