using System.Net;
using FakeRooms.Tests.Support;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Rooms;

public sealed class CreateRoomTests : FakeRoomsTest
{
    [Test]
    public async Task Create_with_no_parameters_returns_201_with_twilio_defaults()
    {
        var room = await CreateRoom();

        var sid = room.Value<string>("sid");
        sid.Should().MatchRegex("^RM[0-9a-f]{32}$");
        room.Value<string>("unique_name").Should().Be(sid);
        room.Value<string>("status").Should().Be("in-progress");
        room.Value<string>("type").Should().Be("group");
        room.Value<int>("max_participants").Should().Be(50);
        room.Value<int>("max_participant_duration").Should().Be(14400);
        room.Value<int>("empty_room_timeout").Should().Be(5);
        room.Value<int>("unused_room_timeout").Should().Be(5);
        room.Value<string>("media_region").Should().Be("us1");
        room.Value<string>("date_created").Should().Be("2026-01-05T09:00:00Z");
        room["end_time"]!.Type.Should().Be(Newtonsoft.Json.Linq.JTokenType.Null);
        room["duration"]!.Type.Should().Be(Newtonsoft.Json.Linq.JTokenType.Null);
        room.Value<string>("url").Should().Be($"{Fake.Url}/v1/Rooms/{sid}");
    }

    [Test]
    public async Task Create_with_duplicate_unique_name_returns_53113()
    {
        await CreateRoom("UniqueName=standup");

        var again = await PostForm("/v1/Rooms", "UniqueName=standup");

        again.ShouldBeTwilioError(400, 53113, "Room exists");
    }

    [Test]
    public async Task Sdk_create_duplicate_surfaces_as_ApiException_53113()
    {
        await RoomResource.CreateAsync(uniqueName: "daily", client: Twilio);

        var act = () => RoomResource.CreateAsync(uniqueName: "daily", client: Twilio);

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Code.Should().Be(53113);
        error.Status.Should().Be(400);
        error.Message.Should().Be("Room exists");
    }

    [Test]
    public async Task Missing_credentials_return_401_20003_with_challenge()
    {
        using var anonymous = NewHttpClient(null, null);

        var answer = await Send(new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms"), anonymous);

        answer.ShouldBeTwilioError(401, 20003);
        answer.Headers.WwwAuthenticate.ToString().Should().Be("Basic realm=\"Twilio API\"");
        answer.Status.Should().Be(HttpStatusCode.Unauthorized);
    }
}
