using System.Net;
using FakeRooms.FluentAssertions.Tests.Support;
using Twilio.Rest.Video.V1;

namespace FakeRooms.FluentAssertions.Tests;

public sealed class CallbackAssertionTests : AssertionTest
{
    private async Task<RoomResource> MeetingWithAlice(string name)
    {
        var room = await Create(name, statusCallback: Callback);
        var alice = fake.Rooms.Connect(name, "alice");
        alice.Publish(VideoTrackKind.Audio, "mic");
        alice.Disconnect();
        await RoomResource.UpdateAsync(pathSid: room.Sid, status: RoomResource.RoomStatusEnum.Completed, client: Twilio);
        await fake.Callbacks.WhenIdleAsync();
        return room;
    }

    [Test]
    public async Task HaveSentCallback_for_a_room_with_parameters_passes()
    {
        var room = await MeetingWithAlice("standup");

        fake.Should().HaveSentCallback("room-ended").For(room.Sid).WithParameter("RoomStatus", "completed")
            .Which.Succeeded.Should().BeTrue();
        fake.Should().HaveSentCallback("participant-connected").For("standup").WithParameter("ParticipantIdentity", "alice")
            .Which.SequenceNumber.Should().Be(1);
        fake.Should().HaveSentCallback("room-created").Callbacks.Should().ContainSingle();
    }

    [Test]
    public async Task HaveSentCallback_takes_the_event_as_an_enum_with_the_same_message()
    {
        await MeetingWithAlice("standup");

        fake.Should().HaveSentCallback(VideoCallbackEvent.ParticipantConnected).For("standup").Which.Event.Should().Be("participant-connected");
        FailureOf(() => fake.Should().HaveSentCallback(VideoCallbackEvent.RecordingStarted)).Should().Be(
            FailureOf(() => fake.Should().HaveSentCallback("recording-started")));
        FailureOf(() => fake.Should().HaveSentCallback(VideoCallbackEvent.RecordingStarted)).Should().StartWith(
            "Expected fake to have sent a recording-started callback, but it sent: #1 room-created");
    }

    [Test]
    public async Task HaveSentCallback_failure_lists_the_callbacks_sent()
    {
        await Create("standup", statusCallback: Callback);
        Receiver.Status = HttpStatusCode.InternalServerError;
        fake.Rooms.Connect("standup", "alice");
        await fake.Callbacks.WhenIdleAsync();

        FailureOf(() => fake.Should().HaveSentCallback("Room-Created").For("standup")).Should().Be(
            "Expected fake to have sent a Room-Created callback, but it sent: "
            + "#1 room-created \"standup\" seq=0 -> 200 (case differs), #2 participant-connected \"standup\" seq=1 -> 500.");
    }

    [Test]
    public void HaveSentCallback_failure_when_none_were_sent()
    {
        FailureOf(() => fake.Should().HaveSentCallback("room-ended")).Should().Be(
            "Expected fake to have sent a room-ended callback, but it sent no callbacks.");
    }

    [Test]
    public async Task HaveSentCallback_failure_says_callbacks_are_still_pending()
    {
        Receiver.Hold();
        await Create("standup", statusCallback: Callback);

        var message = FailureOf(() => fake.Should().HaveSentCallback("room-created"));

        Receiver.Release();
        await fake.Callbacks.WhenIdleAsync();
        message.Should().Be(
            "Expected fake to have sent a room-created callback, but it sent no callbacks "
            + "(1 callback still pending: await fake.Callbacks.WhenIdleAsync() before asserting).");
        fake.Should().HaveSentCallback("room-created");
    }

    [Test]
    public async Task For_failure_names_the_rooms_the_event_was_for()
    {
        await MeetingWithAlice("daily");
        await MeetingWithAlice("Standup");

        FailureOf(() => fake.Should().HaveSentCallback("room-ended").For("standup")).Should().Be(
            "Expected fake to have sent a room-ended callback for room \"standup\", but the room-ended callbacks were for: \"daily\", \"Standup\" (case differs).");
    }

    [Test]
    public async Task WithParameter_failure_shows_what_was_sent()
    {
        await MeetingWithAlice("standup");

        FailureOf(() => fake.Should().HaveSentCallback("participant-connected").For("standup").WithParameter("ParticipantIdentity", "bob")).Should().Be(
            "Expected fake to have sent a participant-connected callback for room \"standup\" with ParticipantIdentity=bob, but it was sent with ParticipantIdentity=alice.");
    }

    [Test]
    public async Task NotHaveSentCallback_passes_and_fails()
    {
        await Create("standup", statusCallback: Callback);
        await fake.Callbacks.WhenIdleAsync();

        fake.Should().NotHaveSentCallback("room-ended");
        FailureOf(() => fake.Should().NotHaveSentCallback("room-created")).Should().Be(
            "Expected fake not to have sent a room-created callback, but it sent 1: #1 room-created \"standup\" seq=0 -> 200.");
    }

    [Test]
    public async Task HaveSentCallbacksInOrder_passes_with_other_events_between()
    {
        await MeetingWithAlice("standup");

        fake.Should().HaveSentCallbacksInOrder("standup", "room-created", "participant-connected", "participant-disconnected", "room-ended")
            .And.HaveSentCallbacksInSequence("standup");
    }

    [Test]
    public async Task HaveSentCallbacksInOrder_failure_says_where_the_order_broke()
    {
        await MeetingWithAlice("standup");

        FailureOf(() => fake.Should().HaveSentCallbacksInOrder("standup", ["room-created", "room-ended", "track-added"], "tracks come first")).Should().Be(
            "Expected fake to have sent room-created, room-ended, track-added callbacks for room \"standup\" in that order because tracks come first, "
            + "but after room-created (#1), room-ended (#6) it sent no track-added; the room's callbacks: "
            + "#1 room-created \"standup\" seq=0 -> 200, #2 participant-connected \"standup\" seq=1 -> 200, #3 track-added \"standup\" seq=2 -> 200, "
            + "#4 track-removed \"standup\" seq=3 -> 200, #5 participant-disconnected \"standup\" seq=4 -> 200, #6 room-ended \"standup\" seq=5 -> 200.");
        FailureOf(() => fake.Should().HaveSentCallbacksInOrder("retro", "room-created")).Should().Be(
            "Expected fake to have sent room-created callbacks for room \"retro\" in that order, but it sent no callbacks for that room.");
    }
}

/// <summary>A journal too small for the room's callbacks: the sequence check sees the gap.</summary>
public sealed class CallbackSequenceAssertionTests : AssertionTest
{
    protected override void Configure(FakeRoomsOptions options)
    {
        base.Configure(options);
        options.CallbackJournalCapacity = 2;
    }

    [Test]
    public async Task HaveSentCallbacksInSequence_failure_points_at_the_gap()
    {
        var room = await Create("standup", statusCallback: Callback);
        fake.Rooms.Connect("standup", "alice");
        fake.Rooms.Connect("standup", "bob");
        await fake.Callbacks.WhenIdleAsync();

        FailureOf(() => fake.Should().HaveSentCallbacksInSequence(room.Sid)).Should().Be(
            $"Expected fake to have sent the callbacks of room \"{room.Sid}\" with SequenceNumber 0, 1, 2... in delivery order, "
            + "but #1 participant-connected has SequenceNumber 1 where 0 was due; the room's callbacks: "
            + "#1 participant-connected \"standup\" seq=1 -> 200, #2 participant-connected \"standup\" seq=2 -> 200.");
        FailureOf(() => fake.Should().HaveSentCallbacksInSequence("retro")).Should().Be(
            "Expected fake to have sent the callbacks of room \"retro\" with SequenceNumber 0, 1, 2... in delivery order, but it sent no callbacks for that room.");
    }
}
