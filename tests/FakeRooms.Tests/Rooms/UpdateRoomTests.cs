using System.Net;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Tests.Rooms;

/// <summary>
/// UpdateRoom (<c>POST /v1/Rooms/{Sid}</c>): only <c>Status=completed</c> on an in-progress room, 202 (FACTS §2.5).
/// </summary>
public sealed class UpdateRoomTests : FakeRoomsTest
{
    [Test]
    public async Task Complete_returns_202_with_end_time_duration_and_date_updated_set()
    {
        var t0 = TwilioTime.MoveToNextDayAtNine(Fake);
        var sid = (await CreateRoom()).Value<string>("sid");
        Fake.Clock.Advance(TimeSpan.FromMilliseconds(90_600));

        var answer = await PostForm($"/v1/Rooms/{sid}", "Status=completed");

        answer.Status.Should().Be(HttpStatusCode.Accepted);
        var room = answer.Json;
        room.Value<string>("status").Should().Be("completed");
        room.Value<string>("date_created").Should().Be(TwilioTime.Format(t0));
        room.Value<string>("end_time").Should().Be(TwilioTime.Format(t0.AddSeconds(90)));
        room.Value<string>("date_updated").Should().Be(TwilioTime.Format(t0.AddSeconds(90)));
        room.Value<int>("duration").Should().Be(90, "duration is whole seconds");
        room.Properties().Select(p => p.Name).Should().Equal(CreateRoomTests.SpecRoomProperties);
        Fake.Calls.Last().Operation.Should().Be(Operation.UpdateRoom);
    }

    [Test]
    public async Task Duration_matches_the_printed_end_time_minus_date_created()
    {
        var t0 = TwilioTime.MoveToNextDayAtNine(Fake);
        Fake.Clock.Advance(TimeSpan.FromMilliseconds(750));
        var sid = (await CreateRoom()).Value<string>("sid");
        Fake.Clock.Advance(TimeSpan.FromMilliseconds(89_850));

        var room = (await PostForm($"/v1/Rooms/{sid}", "Status=completed")).Json;

        room.Value<string>("date_created").Should().Be(TwilioTime.Format(t0));
        room.Value<string>("end_time").Should().Be(TwilioTime.Format(t0.AddSeconds(90)));
        room.Value<int>("duration").Should().Be(90);
    }

    [Test]
    public async Task Complete_by_unique_name_ends_the_room()
    {
        var sid = (await CreateRoom("UniqueName=by-name")).Value<string>("sid");

        var answer = await PostForm("/v1/Rooms/by-name", "Status=completed");

        answer.Status.Should().Be(HttpStatusCode.Accepted);
        answer.Json.Value<string>("sid").Should().Be(sid);
        answer.Json.Value<string>("url").Should().Be($"{Fake.Url}/v1/Rooms/{sid}");
    }

    [Test]
    public async Task Completed_room_keeps_its_end_when_fetched_later()
    {
        var t0 = TwilioTime.MoveToNextDayAtNine(Fake);
        var sid = (await CreateRoom()).Value<string>("sid");
        Fake.Clock.Advance(TimeSpan.FromSeconds(30));
        await PostForm($"/v1/Rooms/{sid}", "Status=completed");
        Fake.Clock.Advance(TimeSpan.FromHours(1));

        var room = (await Get($"/v1/Rooms/{sid}")).Json;

        room.Value<string>("end_time").Should().Be(TwilioTime.Format(t0.AddSeconds(30)));
        room.Value<int>("duration").Should().Be(30);
    }

    [Test]
    public async Task Update_without_status_returns_20001_missing_parameter()
    {
        var sid = (await CreateRoom()).Value<string>("sid");

        var answer = await PostForm($"/v1/Rooms/{sid}", "");

        answer.ShouldBeTwilioError(400, 20001, "Missing required parameter Status in the post body");
        (await Get($"/v1/Rooms/{sid}")).Json.Value<string>("status").Should().Be("in-progress");
    }

    [Test]
    public async Task Update_with_status_only_in_the_query_string_returns_20001()
    {
        var sid = (await CreateRoom()).Value<string>("sid");

        var answer = await PostForm($"/v1/Rooms/{sid}?Status=completed", "");

        answer.ShouldBeTwilioError(400, 20001, "Missing required parameter Status in the post body");
    }

    [TestCase("in-progress")]
    [TestCase("failed")]
    [TestCase("Completed")]
    [TestCase("ended")]
    public async Task Update_with_a_status_other_than_completed_returns_53112(string status)
    {
        var sid = (await CreateRoom()).Value<string>("sid");

        var answer = await PostForm($"/v1/Rooms/{sid}", $"Status={status}");

        answer.ShouldBeTwilioError(400, 53112, "Status is invalid");
        (await Get($"/v1/Rooms/{sid}")).Json.Value<string>("status").Should().Be("in-progress");
    }

    [Test]
    public async Task Completing_twice_returns_53112_and_keeps_the_first_end()
    {
        var sid = (await CreateRoom()).Value<string>("sid");
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));
        await PostForm($"/v1/Rooms/{sid}", "Status=completed");
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));

        var answer = await PostForm($"/v1/Rooms/{sid}", "Status=completed");

        answer.ShouldBeTwilioError(400, 53112, "Status is invalid");
        (await Get($"/v1/Rooms/{sid}")).Json.Value<int>("duration").Should().Be(10);
    }

    [TestCase("RM00000000000000000000000000000000")]
    [TestCase("no-such-room")]
    public async Task Update_of_an_unknown_room_returns_404_20404(string id)
    {
        var answer = await PostForm($"/v1/Rooms/{id}", "Status=completed");

        answer.ShouldBeTwilioError(404, 20404, $"The requested resource /Rooms/{id} was not found");
    }

    [Test]
    public async Task Update_by_the_name_of_a_completed_room_returns_404_20404()
    {
        var sid = (await CreateRoom("UniqueName=gone")).Value<string>("sid");
        await PostForm($"/v1/Rooms/{sid}", "Status=completed");

        var answer = await PostForm("/v1/Rooms/gone", "Status=completed");

        answer.ShouldBeTwilioError(404, 20404, "The requested resource /Rooms/gone was not found");
    }

    [Test]
    public async Task Update_ignores_and_records_unknown_parameters()
    {
        var sid = (await CreateRoom()).Value<string>("sid");

        var answer = await PostForm($"/v1/Rooms/{sid}", "Status=completed&MaxParticipants=3");

        answer.Status.Should().Be(HttpStatusCode.Accepted);
        answer.Json.Value<int>("max_participants").Should().Be(50);
        Fake.Calls.Last().IgnoredParameters.Should().Equal("MaxParticipants");
    }

    [Test]
    public async Task Completed_room_appears_in_the_completed_list_and_leaves_the_in_progress_list()
    {
        var sid = (await CreateRoom()).Value<string>("sid");
        await PostForm($"/v1/Rooms/{sid}", "Status=completed");

        var inProgress = (JArray)(await Get("/v1/Rooms")).Json["rooms"]!;
        var completed = (JArray)(await Get("/v1/Rooms?Status=completed")).Json["rooms"]!;

        inProgress.Should().BeEmpty();
        completed.Select(r => r.Value<string>("sid")).Should().Equal(sid);
    }
}
