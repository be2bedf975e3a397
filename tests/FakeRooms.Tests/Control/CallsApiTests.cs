using System.Net;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Tests.Control;

public sealed class CallsApiTests : FakeRoomsTest
{
    [Test]
    public async Task Calls_lists_the_journal_and_filters_by_operation_room_and_status()
    {
        var sid = (await CreateRoom("UniqueName=standup")).Value<string>("sid")!;
        await CreateRoom("UniqueName=other");
        await Get($"/v1/Rooms/{sid}");
        await Get("/v1/Rooms/standup");
        (await PostForm("/v1/Rooms", "UniqueName=standup")).ShouldBeTwilioError(400, 53113);
        await Get("/v1/Rooms/RM00000000000000000000000000000000");

        var all = (await Get("/__fakerooms/calls")).Json;
        var creates = (await Get("/__fakerooms/calls?Operation=CreateRoom")).Json;
        var ofRoom = (await Get($"/__fakerooms/calls?RoomSid={sid}")).Json;
        var clientErrors = (await Get("/__fakerooms/calls?Status=4xx")).Json;
        var notFound = (await Get("/__fakerooms/calls?Status=404&Operation=fetchroom")).Json;

        all.Value<int>("count").Should().Be(6);
        var first = (JObject)all["calls"]![0]!;
        first.Value<string>("operation").Should().Be("CreateRoom");
        first.Value<string>("method").Should().Be("POST");
        first.Value<string>("path").Should().Be("/v1/Rooms");
        first["form"]!["UniqueName"]!.Values<string>().Should().Equal("standup");
        first.Value<int>("status").Should().Be(201);
        first.Value<string>("room_sid").Should().Be(sid);
        first.Value<string>("account_sid").Should().Be(Fake.AccountSid);
        creates["calls"]!.Select(c => c.Value<int>("status")).Should().Equal(201, 201, 400);
        ofRoom["calls"]!.Select(c => c.Value<string>("path")).Should().Equal("/v1/Rooms", $"/v1/Rooms/{sid}", "/v1/Rooms/standup");
        clientErrors["calls"]!.Select(c => c.Value<int?>("error_code")).Should().Equal(53113, 20404);
        notFound.Value<int>("count").Should().Be(1);
    }

    [Test]
    public async Task Calls_with_an_unknown_operation_or_bad_status_returns_20001()
    {
        (await Get("/__fakerooms/calls?Operation=MakeRoom")).ShouldBeTwilioError(400, 20001);
        (await Get("/__fakerooms/calls?Status=bad")).ShouldBeTwilioError(400, 20001, "Invalid Status: 'bad'");
    }

    [Test]
    public async Task Control_calls_are_not_journaled()
    {
        await Get("/__fakerooms/health");
        await Get("/__fakerooms/state");

        var calls = (await Get("/__fakerooms/calls")).Json;

        calls.Value<int>("count").Should().Be(0);
        ((int)(await Get("/__fakerooms/health")).Status).Should().Be((int)HttpStatusCode.OK);
    }
}
