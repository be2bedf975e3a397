using FakeRooms.FluentAssertions.Tests.Support;
using Twilio.Rest.Video.V1;

namespace FakeRooms.FluentAssertions.Tests;

public sealed class CallAssertionTests : AssertionTest
{
    private async Task FetchThenCreate(string name)
    {
        await Rejected(() => RoomResource.FetchAsync(pathSid: name, client: Twilio));
        await Create(name);
    }

    [Test]
    public async Task HaveReceived_counts_calls()
    {
        await FetchThenCreate("standup");
        await FetchThenCreate("daily");

        fake.Should().HaveReceived(Operation.FetchRoom).Times(2).And.HaveReceived(Operation.CreateRoom).Twice();
        fake.Should().HaveReceived(Operation.CreateRoom).AtLeast(1).AtMost(2).Which.Room!.UniqueName.Should().Be("daily");
        fake.Should().HaveReceived(Operation.FetchRoom).Calls.Should().HaveCount(2);
        fake.Should().HaveReceived(Operation.FetchRoom).Which.PathParameters["Sid"].Should().Be("daily");
    }

    [Test]
    public async Task Once_passes_for_a_single_call()
    {
        await Create("standup");

        fake.Should().HaveReceived(Operation.CreateRoom).Once().Which.StatusCode.Should().Be(201);
    }

    [Test]
    public async Task HaveReceived_failure_lists_the_calls_received()
    {
        await Create("standup");

        FailureOf(() => fake.Should().HaveReceived(Operation.FetchRoom)).Should().Be(
            "Expected fake to have received FetchRoom, but it received no FetchRoom calls; recorded: #1 CreateRoom POST /v1/Rooms -> 201.");
        fake.Reset();
        FailureOf(() => fake.Should().HaveReceived(Operation.FetchRoom)).Should().Be(
            "Expected fake to have received FetchRoom, but it received no calls at all.");
    }

    [Test]
    public async Task Times_failure_lists_each_call()
    {
        await Create("standup");
        await Rejected(() => Create("standup"));

        FailureOf(() => fake.Should().HaveReceived(Operation.CreateRoom).Once("the app books once")).Should().Be(
            "Expected fake to have received CreateRoom once because the app books once, but it received it twice: "
            + "#1 CreateRoom POST /v1/Rooms -> 201, #2 CreateRoom POST /v1/Rooms -> 400 (53113 Room exists).");
        FailureOf(() => fake.Should().HaveReceived(Operation.CreateRoom).Times(3)).Should().Be(
            "Expected fake to have received CreateRoom 3 times, but it received it twice: "
            + "#1 CreateRoom POST /v1/Rooms -> 201, #2 CreateRoom POST /v1/Rooms -> 400 (53113 Room exists).");
    }

    [Test]
    public async Task AtLeast_and_AtMost_failures()
    {
        await Create("standup");

        FailureOf(() => fake.Should().HaveReceived(Operation.CreateRoom).AtLeast(2)).Should().Be(
            "Expected fake to have received CreateRoom at least twice, but it received it once: #1 CreateRoom POST /v1/Rooms -> 201.");
        await Create("daily");
        FailureOf(() => fake.Should().HaveReceived(Operation.CreateRoom).AtMost(1)).Should().Be(
            "Expected fake to have received CreateRoom at most once, but it received it twice: "
            + "#1 CreateRoom POST /v1/Rooms -> 201, #2 CreateRoom POST /v1/Rooms -> 201.");
    }

    [Test]
    public async Task Before_and_After_compare_the_first_call_of_each()
    {
        await FetchThenCreate("standup");

        fake.Should().HaveReceived(Operation.FetchRoom).Before(Operation.CreateRoom)
            .And.HaveReceived(Operation.CreateRoom).After(Operation.FetchRoom);
    }

    [Test]
    public async Task Before_failure_shows_the_order()
    {
        await Create("standup");
        await RoomResource.FetchAsync(pathSid: "standup", client: Twilio);

        FailureOf(() => fake.Should().HaveReceived(Operation.FetchRoom).Before(Operation.CreateRoom)).Should().Be(
            "Expected fake to have received FetchRoom before CreateRoom, but the first CreateRoom (#1) came before the first FetchRoom (#2); "
            + "calls: #1 CreateRoom POST /v1/Rooms -> 201, #2 FetchRoom GET /v1/Rooms/standup -> 200.");
        FailureOf(() => fake.Should().HaveReceived(Operation.CreateRoom).After(Operation.FetchRoom)).Should().Be(
            "Expected fake to have received CreateRoom after FetchRoom, but the first FetchRoom (#2) came after the first CreateRoom (#1); "
            + "calls: #1 CreateRoom POST /v1/Rooms -> 201, #2 FetchRoom GET /v1/Rooms/standup -> 200.");
        FailureOf(() => fake.Should().HaveReceived(Operation.CreateRoom).Before(Operation.UpdateRoom)).Should().Be(
            "Expected fake to have received CreateRoom before UpdateRoom, but it received no UpdateRoom calls; "
            + "calls: #1 CreateRoom POST /v1/Rooms -> 201, #2 FetchRoom GET /v1/Rooms/standup -> 200.");
    }

    [Test]
    public async Task HaveReceivedInOrder_allows_other_calls_between()
    {
        await FetchThenCreate("standup");
        await RoomResource.ReadAsync(client: Twilio);
        await RoomResource.UpdateAsync(pathSid: "standup", status: RoomResource.RoomStatusEnum.Completed, client: Twilio);

        fake.Should().HaveReceivedInOrder(Operation.FetchRoom, Operation.CreateRoom, Operation.UpdateRoom);
    }

    [Test]
    public async Task HaveReceivedInOrder_failure_says_where_the_order_broke()
    {
        await Create("standup");
        await RoomResource.UpdateAsync(pathSid: "standup", status: RoomResource.RoomStatusEnum.Completed, client: Twilio);
        await Rejected(() => RoomResource.FetchAsync(pathSid: "standup", client: Twilio));

        FailureOf(() => fake.Should().HaveReceivedInOrder([Operation.CreateRoom, Operation.FetchRoom, Operation.UpdateRoom], "we check first")).Should().Be(
            "Expected fake to have received CreateRoom, FetchRoom, UpdateRoom in that order because we check first, "
            + "but after CreateRoom (#1), FetchRoom (#3) it received no UpdateRoom; calls: #1 CreateRoom POST /v1/Rooms -> 201, "
            + "#2 UpdateRoom POST /v1/Rooms/standup -> 202, #3 FetchRoom GET /v1/Rooms/standup -> 404 (20404 The requested resource /Rooms/standup was not found).");
        FailureOf(() => fake.Should().HaveReceivedInOrder(Operation.ReadRoom)).Should().StartWith(
            "Expected fake to have received ReadRoom in that order, but it received no ReadRoom; calls: #1 CreateRoom");
    }

    [Test]
    public async Task HaveReceivedNoCallsTo_passes_and_fails_with_the_calls()
    {
        var room = await Create("standup");

        fake.Should().HaveReceivedNoCallsTo(Operation.UpdateRoom);
        await RoomResource.UpdateAsync(pathSid: room.Sid, status: RoomResource.RoomStatusEnum.Completed, client: Twilio);
        FailureOf(() => fake.Should().HaveReceivedNoCallsTo(Operation.UpdateRoom)).Should().Be(
            $"Expected fake to have received no calls to UpdateRoom, but it received 1: #2 UpdateRoom POST /v1/Rooms/{room.Sid} -> 202.");
    }

    [Test]
    public async Task HaveRejected_with_error_code_passes()
    {
        await Create("standup");
        await Rejected(() => Create("standup"));

        var call = fake.Should().HaveRejected(Operation.CreateRoom).WithErrorCode(53113).WithStatusCode(400).Which;

        call.ErrorMessage.Should().Be("Room exists");
    }

    [Test]
    public async Task HaveRejected_failure_when_every_call_succeeded_or_none_was_made()
    {
        FailureOf(() => fake.Should().HaveRejected(Operation.CreateRoom)).Should().Be(
            "Expected fake to have rejected a CreateRoom, but it received no CreateRoom calls.");
        await Create("standup");
        FailureOf(() => fake.Should().HaveRejected(Operation.CreateRoom)).Should().Be(
            "Expected fake to have rejected a CreateRoom, but every CreateRoom succeeded: #1 CreateRoom POST /v1/Rooms -> 201.");
    }

    [Test]
    public async Task WithErrorCode_failure_lists_the_rejections()
    {
        await Rejected(() => Create("standup", maxParticipants: 100));

        FailureOf(() => fake.Should().HaveRejected(Operation.CreateRoom).WithErrorCode(53113)).Should().Be(
            "Expected fake to have rejected a CreateRoom with error 53113, but the rejected CreateRoom calls got: "
            + "#1 CreateRoom POST /v1/Rooms -> 400 (53107 MaxParticipants is out of range).");
        FailureOf(() => fake.Should().HaveRejected(Operation.CreateRoom).WithStatusCode(404)).Should().Be(
            "Expected fake to have rejected a CreateRoom with HTTP status 404, but the rejected CreateRoom calls got: "
            + "#1 CreateRoom POST /v1/Rooms -> 400 (53107 MaxParticipants is out of range).");
    }

    [Test]
    public async Task WithType_takes_the_room_type_as_an_enum()
    {
        await Create("daily");

        fake.Should().HaveCreatedRoom("daily").WithType(VideoRoomType.Group);
        FailureOf(() => fake.Should().HaveCreatedRoom("daily").WithType(VideoRoomType.PeerToPeer)).Should().Be(
            FailureOf(() => fake.Should().HaveCreatedRoom("daily").WithType("peer-to-peer")));
    }

    [Test]
    public async Task Inside_an_assertion_scope_a_missing_room_is_reported_once()
    {
        await Create("daily");

        var message = FailureOf(() =>
        {
            using var scope = new AssertionScope();
            fake.Should().HaveCreatedRoom("standup").WithType("group").WithMaxParticipants(2);
            fake.Should().HaveReceived(Operation.FetchRoom).Times(1).Before(Operation.CreateRoom);
        });

        message.Should().Be(
            "Expected fake to have created room \"standup\", but there was no CreateRoom with UniqueName \"standup\"; recorded: \"daily\".\n"
            + "Expected fake to have received FetchRoom, but it received no FetchRoom calls; recorded: #1 CreateRoom POST /v1/Rooms -> 201.\n");
    }
}
