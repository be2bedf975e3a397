using System.Net;
using System.Net.Sockets;
using FakeRooms.Callbacks;
using Microsoft.AspNetCore.Http;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Callbacks;

/// <summary>Receivers that are slow, broken or down: recorded, never felt by REST calls or the clock.</summary>
public sealed class CallbackFailureTests : CallbackTest
{
    [Test]
    public async Task Rest_calls_keep_answering_while_the_receiver_holds_a_callback()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Receiver.Respond = async (ctx, r) =>
        {
            arrived.TrySetResult();
            await release.Task;
        };
        try
        {
            var held = await CreateRoomWithCallback("held");
            await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));

            // While the receiver holds room-created, REST calls, joins and clock moves all complete.
            var more = new List<RoomResource>();
            for (var i = 0; i < 10; i++)
                more.Add(await CreateRoomWithCallback($"more-{i}"));
            Fake.Rooms.Connect("held", "alice").Disconnect();
            Fake.Clock.Advance(TimeSpan.FromMinutes(5));
            var fetched = await RoomResource.FetchAsync(held.Sid, client: Twilio);

            more.Should().HaveCount(10).And.OnlyContain(r => r.Status == RoomResource.RoomStatusEnum.InProgress);
            fetched.Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
            release.Task.IsCompleted.Should().BeFalse("the receiver was still holding the first callback");
            Fake.Callbacks.ForRoom(held.Sid).Should().BeEmpty("nothing of that room is delivered before its first callback");
            Fake.Callbacks.Pending.Should().BeGreaterThan(0);
            Fake.Calls.Should().OnlyContain(c => c.Succeeded);
        }
        finally
        {
            release.TrySetResult();
        }

        await Fake.Callbacks.WhenIdleAsync();
        Fake.Callbacks.Should().HaveCount(10 * 2 + 4,
                "room-created and (unused timeout) room-ended of the 10 others; room-created, participant-connected/-disconnected, room-ended of the held room")
            .And.OnlyContain(c => c.Outcome == CallbackOutcome.Succeeded);
    }

    [Test]
    public async Task Receiver_answering_500_is_recorded_and_later_callbacks_still_go_out()
    {
        Receiver.Respond = (ctx, r) =>
        {
            ctx.Response.StatusCode = r.Event == "room-created" ? 500 : 204;
            return r.Event == "room-created" ? ctx.Response.WriteAsync("receiver bug") : Task.CompletedTask;
        };

        var room = await CreateRoomWithCallback("broken");
        Fake.Rooms.Connect("broken", "alice");
        await Fake.Callbacks.WhenIdleAsync();

        var records = Fake.Callbacks.ForRoom(room.Sid);
        records.Select(c => c.Event).Should().Equal("room-created", "participant-connected");
        records[0].Outcome.Should().Be(CallbackOutcome.ErrorStatus);
        records[0].StatusCode.Should().Be(500);
        records[0].Error.Should().Be("The receiver answered 500.");
        records[0].ResponseBody.Should().Be("receiver bug");
        records[1].Outcome.Should().Be(CallbackOutcome.Succeeded);
        records[1].StatusCode.Should().Be(204);
        Receiver.For(room.Sid).Should().HaveCount(2, "a 500 is not retried");
    }

    [Test]
    public async Task Refused_connection_is_recorded_and_rest_calls_keep_answering()
    {
        var closedPort = ClosedLoopbackPort();
        var url = $"http://127.0.0.1:{closedPort}/twilio/rooms";

        var room = await CreateRoomWithCallback("nobody-home", url);
        Fake.Rooms.Connect("nobody-home", "alice").Publish(VideoTrackKind.Audio, "mic");
        var list = await RoomResource.ReadAsync(client: Twilio);
        await Fake.Callbacks.WhenIdleAsync();

        list.Select(r => r.Sid).Should().Contain(room.Sid);
        var records = Fake.Callbacks.ForRoom(room.Sid);
        records.Select(c => c.Event).Should().Equal("room-created", "participant-connected", "track-added");
        records.Should().AllSatisfy(c =>
        {
            c.Outcome.Should().Be(CallbackOutcome.ConnectionFailed);
            c.StatusCode.Should().BeNull();
            c.Error.Should().Contain("HttpRequestException");
            c.Url.Should().Be(url);
        });
    }

    [Test]
    public async Task In_process_handler_that_throws_is_recorded_as_connection_failed()
    {
        await using var fake = await FakeRoomsServer.StartAsync(o => o.CallbackHandler = new ThrowingHandler());

        var room = await RoomResource.CreateAsync(statusCallback: new Uri("https://app.invalid/rooms"), client: fake.CreateTwilioClient());
        var record = await fake.Callbacks.WaitForAsync(c => c.RoomSid == room.Sid);

        record.Outcome.Should().Be(CallbackOutcome.ConnectionFailed);
        record.Error.Should().Be("InvalidOperationException: the app under test failed");
        fake.InternalErrors.Should().BeEmpty("a failing receiver is not a bug in the fake");
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on: connecting is refused at once.</summary>
    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class ThrowingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the app under test failed");
    }
}

/// <summary>A receiver that does not answer within <see cref="FakeRoomsOptions.CallbackTimeout"/>.</summary>
public sealed class CallbackTimeoutTests : CallbackTest
{
    protected override void Configure(FakeRoomsOptions options) => options.CallbackTimeout = TimeSpan.FromSeconds(1);

    [Test]
    public async Task Receiver_that_does_not_answer_in_time_is_recorded_as_timed_out_and_the_room_goes_on()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Holds room-created until the test ends (far past the timeout); answers the rest at once.
        Receiver.Respond = (ctx, r) => r.Event == "room-created" ? release.Task : Task.CompletedTask;
        try
        {
            var room = await CreateRoomWithCallback("slow");
            Fake.Rooms.Connect("slow", "alice");

            var joined = await Fake.Callbacks.WaitForAsync(c => c.RoomSid == room.Sid && c.Event == "participant-connected");

            var created = Fake.Callbacks.ForRoom(room.Sid)[0];
            created.Event.Should().Be("room-created");
            created.Outcome.Should().Be(CallbackOutcome.TimedOut);
            created.StatusCode.Should().BeNull();
            created.Error.Should().Be("No answer within 1000 ms (FakeRoomsOptions.CallbackTimeout).");
            joined.SequenceNumber.Should().Be(1);
            Receiver.For(room.Sid).Select(r => r.Event).Should().Equal(["room-created", "participant-connected"],
                "the room's next callback goes out once the first timed out, while the receiver still holds the first");
            release.Task.IsCompleted.Should().BeFalse();
        }
        finally
        {
            release.TrySetResult();
        }
    }
}

/// <summary>Bounded queue and journal: a long-running fake with a dead receiver does not grow.</summary>
public sealed class CallbackCapacityTests : CallbackTest
{
    protected override void Configure(FakeRoomsOptions options)
    {
        options.CallbackQueueCapacity = 2;
        options.CallbackJournalCapacity = 3;
    }

    [Test]
    public async Task Callbacks_past_the_queue_capacity_are_recorded_as_dropped_and_the_journal_keeps_the_newest()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Receiver.Respond = async (ctx, r) =>
        {
            if (r.Event != "room-created")
                return;
            arrived.TrySetResult();
            await release.Task;
        };
        RoomResource room;
        try
        {
            room = await CreateRoomWithCallback("busy");
            await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
            var alice = Fake.Rooms.Connect("busy", "alice"); // queued: 2 pending, the capacity
            alice.Publish(VideoTrackKind.Audio, "mic");            // dropped
            alice.Publish(VideoTrackKind.Video, "cam");            // dropped

            Fake.Callbacks.Pending.Should().Be(2);
            Fake.Callbacks.Select(c => (c.Event, c.Outcome)).Should().Equal(
                ("track-added", CallbackOutcome.Dropped), ("track-added", CallbackOutcome.Dropped));
            Fake.Callbacks.Snapshot()[0].Error.Should().Be("Dropped: 2 callbacks were already queued (FakeRoomsOptions.CallbackQueueCapacity).");
        }
        finally
        {
            release.TrySetResult();
        }

        await Fake.Callbacks.WhenIdleAsync();
        Fake.Callbacks.TotalRecorded.Should().Be(4);
        Fake.Callbacks.Should().HaveCount(3, "the journal keeps the newest 3");
        Fake.Callbacks.Select(c => c.Event).Should().Equal("track-added", "room-created", "participant-connected");
        Receiver.For(room.Sid).Select(r => r.Event).Should().Equal("room-created", "participant-connected");
    }
}
