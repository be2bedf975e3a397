using System.Text;
using FakeRooms.Callbacks;
using FakeRooms.Tests.Callbacks;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Faults;

/// <summary>Status callbacks dropped, delayed, duplicated and reordered, as Twilio's at-least-once, unordered delivery can.</summary>
public sealed class CallbackFaultTests : CallbackTest
{
    [Test]
    public async Task Dropped_callback_is_not_sent_and_the_journal_marks_it()
    {
        var rule = Fake.Faults.OnCallback(VideoCallbackEvent.ParticipantConnected).Once().Drop();
        var room = await CreateRoomWithCallback("drop");

        Fake.Rooms.Connect(room.Sid, "alice");
        Fake.Rooms.Connect(room.Sid, "bob");
        await Fake.Callbacks.WhenIdleAsync();

        Receiver.For(room.Sid).Select(r => (r.Event, r.SequenceNumber))
            .Should().Equal(("room-created", 0), ("participant-connected", 2));
        var dropped = Fake.Callbacks.ForRoom(room.Sid).Single(c => c.SequenceNumber == 1);
        (dropped.Outcome, dropped.InjectedFault).Should().Be((CallbackOutcome.Dropped, "fault-1: callback dropped, not sent"));
        dropped.Parameter("ParticipantIdentity").Should().Be("alice");
        rule.Fired.Should().Be(1);
    }

    [Test]
    public async Task Duplicated_callback_arrives_twice_identical_with_the_same_idempotency_token()
    {
        Fake.Faults.OnCallback(VideoCallbackEvent.RoomCreated).Once().Duplicate();

        var room = await CreateRoomWithCallback("twice");
        await Fake.Callbacks.WhenIdleAsync();

        var received = Receiver.For(room.Sid);
        received.Should().HaveCount(2);
        received[1].Body.Should().Be(received[0].Body);
        received[1].Header("X-Twilio-Signature").Should().Be(received[0].Header("X-Twilio-Signature"));
        received[1].Header("I-Twilio-Idempotency-Token").Should().Be(received[0].Header("I-Twilio-Idempotency-Token")).And.NotBeEmpty();
        received.Should().OnlyContain(r => r.SequenceNumber == 0 && r.Parameters["Timestamp"] == received[0].Parameters["Timestamp"]);
        Fake.Callbacks.ForRoom(room.Sid).Select(c => c.InjectedFault).Should().Equal(
            "fault-1: callback sent twice (first delivery)", "fault-1: callback sent twice (second delivery)");
    }

    [Test]
    public async Task Delayed_callback_is_overtaken_by_the_rooms_later_callbacks()
    {
        Fake.Faults.OnCallback(VideoCallbackEvent.RoomCreated).Once().Delay(FakeRooms.Faults.FaultResponder.MaxDelay);
        var room = await CreateRoomWithCallback("late");

        Fake.Rooms.Connect(room.Sid, "alice");
        var connected = await Fake.Callbacks.WaitForAsync(c => c.RoomSid == room.Sid && c.Event == "participant-connected");

        connected.SequenceNumber.Should().Be(1);
        Receiver.For(room.Sid).Select(r => r.Event).Should().Equal("participant-connected");
        Fake.Callbacks.Pending.Should().Be(1, "room-created is still waiting out its delay");
        Fake.Reset(); // cancels the delayed callback
        await Fake.Callbacks.WhenIdleAsync();
    }

    [Test]
    public async Task Delayed_callback_arrives_later_with_its_true_sequence_number_and_timestamp()
    {
        Fake.Faults.OnCallbacks().ForRoom("short-delay").Once().Delay(TimeSpan.FromMilliseconds(20));
        var created = Fake.Clock.UtcNow;

        var room = await CreateRoomWithCallback("short-delay");
        await Fake.Callbacks.WhenIdleAsync();

        var record = Fake.Callbacks.ForRoom(room.Sid).Should().ContainSingle().Which;
        (record.Event, record.SequenceNumber, record.Outcome).Should().Be(("room-created", 0, CallbackOutcome.Succeeded));
        record.Timestamp.Should().Be(created);
        record.InjectedFault.Should().Be("fault-1: callback delayed 20 ms");
        Receiver.For(room.Sid).Should().ContainSingle();
    }

    [Test]
    public async Task Reordered_callback_arrives_after_the_rooms_next_one_with_true_sequence_and_timestamp()
    {
        Fake.Faults.OnCallback(VideoCallbackEvent.ParticipantConnected).ForRoom("swap").Once().Reorder();
        var room = await CreateRoomWithCallback("swap");
        var alice = Fake.Rooms.Connect(room.Sid, "alice");
        var connectedAt = Fake.Clock.UtcNow;

        Fake.Clock.Advance(TimeSpan.FromSeconds(1));
        alice.Publish(VideoTrackKind.Audio, "mic");
        await Fake.Callbacks.WhenIdleAsync();

        var received = Receiver.For(room.Sid);
        received.Select(r => (r.Event, r.SequenceNumber)).Should().Equal(
            ("room-created", 0), ("track-added", 2), ("participant-connected", 1));
        received[2].Parameters["Timestamp"].Should().Be(connectedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
        received[1].Parameters["Timestamp"].Should().Be(connectedAt.AddSeconds(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
        Fake.Callbacks.ForRoom(room.Sid).Single(c => c.SequenceNumber == 1).InjectedFault
            .Should().Be("fault-1: callback held until the room's next callback was sent");
    }

    [Test]
    public async Task Reorder_of_every_callback_swaps_them_in_pairs()
    {
        Fake.Faults.OnCallbacks().Always().Reorder();
        var room = await CreateRoomWithCallback("pairs");
        var alice = Fake.Rooms.Connect(room.Sid, "alice");
        alice.Publish(VideoTrackKind.Audio, "mic");

        await RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);
        await Fake.Callbacks.WhenIdleAsync();

        var sequence = Receiver.For(room.Sid).Select(r => r.SequenceNumber).ToList();
        sequence.Should().BeEquivalentTo([0, 1, 2, 3, 4, 5], "every callback arrives exactly once");
        sequence.Should().NotBeInAscendingOrder();
        sequence.Select((number, position) => Math.Abs(number - position)).Should().OnlyContain(d => d <= 1,
            "a held callback goes out right after the one that overtook it: neighbours swap, nothing drifts further");
    }

    [Test]
    public async Task Probability_callback_faults_fire_on_the_same_events_after_a_reset()
    {
        async Task<List<int>> DroppedSequenceNumbers()
        {
            Fake.Faults.OnCallbacks().WithProbability(0.5).Drop();
            var room = await CreateRoomWithCallback("dice");
            var alice = Fake.Rooms.Connect(room.Sid, "alice");
            for (var i = 0; i < 5; i++)
            {
                alice.Publish(VideoTrackKind.Audio, $"mic-{i}");
                alice.Disable($"mic-{i}");
            }
            await RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);
            await Fake.Callbacks.WhenIdleAsync();
            return Fake.Callbacks.ForRoom(room.Sid).Where(c => c.Outcome == CallbackOutcome.Dropped)
                .Select(c => c.SequenceNumber).Order().ToList();
        }

        var first = await DroppedSequenceNumbers();
        Fake.Reset();
        var second = await DroppedSequenceNumbers();

        second.Should().Equal(first);
        first.Should().NotBeEmpty().And.HaveCountLessThan(20, "some of the 20 callbacks are dropped, not all");
    }

    [Test]
    public async Task Reset_releases_a_callback_held_for_reorder()
    {
        Fake.Faults.OnCallback(VideoCallbackEvent.RoomCreated).Once().Reorder();
        await CreateRoomWithCallback("held");

        Fake.Reset();

        await Fake.Callbacks.WhenIdleAsync(TimeSpan.FromSeconds(5));
        Fake.Callbacks.Pending.Should().Be(0);
    }

    [Test]
    public async Task Api_faults_do_not_touch_callbacks_and_callback_faults_do_not_touch_api_calls()
    {
        Fake.Faults.OnAnyOperation().Next(1).RespondWithInternalServerError();
        Fake.Faults.OnCallbacks().Always().Drop();

        var api = await Get("/v1/Rooms");
        var room = await CreateRoomWithCallback("independent");
        await Fake.Callbacks.WhenIdleAsync();

        api.ShouldBeTwilioError(500, 20500);
        room.UniqueName.Should().Be("independent");
        Receiver.For(room.Sid).Should().BeEmpty();
        Fake.Faults.Rules.Select(r => r.Fired).Should().Equal(1, 1);
    }

    [Test]
    public async Task Control_api_sets_callback_faults_by_event_name()
    {
        var added = await PostForm("/__fakerooms/faults", "Fault=duplicate-callback&Event=room-created&Room=ctl");
        var bad1 = await PostForm("/__fakerooms/faults", "Fault=drop-callback&Operation=CreateRoom");
        var bad2 = await PostForm("/__fakerooms/faults", "Fault=internal-server-error&Event=room-created");
        var bad3 = await PostForm("/__fakerooms/faults", "Fault=drop-callback&Event=room-exploded");
        var bad4 = await PostForm("/__fakerooms/faults", "Fault=delay-callback");

        var room = await CreateRoomWithCallback("ctl");
        await Fake.Callbacks.WhenIdleAsync();
        var listed = await Get($"/__fakerooms/callbacks?RoomSid={room.Sid}");

        added.Json.Value<bool>("callbacks").Should().BeTrue();
        added.Json["events"]!.Values<string>().Should().Equal("room-created");
        added.Json.Value<string>("description").Should().Be("fault-1: callbacks room-created, room ctl, next callback: callback sent twice");
        bad1.ShouldBeTwilioError(400, 20001, "Operation does not apply to the callback fault drop-callback; use Event");
        bad2.ShouldBeTwilioError(400, 20001, "Event applies only to callback faults, not to internal-server-error; use Operation");
        bad3.ShouldBeTwilioError(400, 20001, "Invalid Event: 'room-exploded'");
        bad4.ShouldBeTwilioError(400, 20001, "Missing required parameter DelayMs in the post body");
        Receiver.For(room.Sid).Should().HaveCount(2);
        listed.Json["callbacks"]!.Select(c => c.Value<string>("injected_fault")).Should().Equal(
            "fault-1: callback sent twice (first delivery)", "fault-1: callback sent twice (second delivery)");
    }
}
