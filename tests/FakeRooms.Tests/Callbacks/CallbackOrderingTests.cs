using System.Collections.Concurrent;
using FakeRooms.Callbacks;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Callbacks;

public sealed class CallbackOrderingTests : CallbackTest
{
    [Test]
    public async Task Concurrent_rooms_get_their_callbacks_in_sequence_order_one_at_a_time_and_in_parallel_with_each_other()
    {
        const int rooms = 6;
        var inFlight = new ConcurrentDictionary<string, int>();
        var overlapping = new ConcurrentBag<string>();
        var createdHeld = 0;
        var allCreatedHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Receiver.Respond = async (ctx, r) =>
        {
            var room = r.Parameters["RoomSid"];
            if (inFlight.AddOrUpdate(room, 1, (_, n) => n + 1) > 1)
                overlapping.Add($"{room} {r.Event}");
            try
            {
                // Every room's room-created is held until all of them are held at once: only rooms delivered in
                // parallel get there (guarded by a timeout, so a serial dispatcher fails instead of hanging).
                if (r.Event == "room-created")
                {
                    if (Interlocked.Increment(ref createdHeld) == rooms)
                        allCreatedHeld.TrySetResult();
                    await allCreatedHeld.Task.WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
            finally
            {
                inFlight.AddOrUpdate(room, 0, (_, n) => n - 1);
            }
        };

        var created = await Task.WhenAll(Enumerable.Range(0, rooms).Select(i => CreateRoomWithCallback($"room-{i}")));
        await Task.WhenAll(created.Select(room => Task.Run(async () =>
        {
            var alice = Fake.Rooms.Connect(room.Sid, "alice");
            var bob = Fake.Rooms.Connect(room.Sid, "bob");
            alice.Publish(VideoTrackKind.Audio, "mic");
            bob.Publish(VideoTrackKind.Video, "cam");
            bob.Disable("cam");
            bob.Enable("cam");
            alice.Disconnect();
            await RoomResource.UpdateAsync(room.Sid, status: RoomResource.RoomStatusEnum.Completed, client: Twilio);
        })));
        await Fake.Callbacks.WhenIdleAsync(TimeSpan.FromSeconds(30));

        allCreatedHeld.Task.IsCompletedSuccessfully.Should().BeTrue("rooms are delivered in parallel");
        overlapping.Should().BeEmpty("a room's callbacks go out one at a time");
        foreach (var room in created)
        {
            // room-created, 2 x participant-connected, 2 x track-added, track-disabled, track-enabled,
            // alice: track-removed + participant-disconnected; completion: bob's track-removed + disconnected, room-ended.
            var expected = Enumerable.Range(0, 12).ToList();
            Receiver.For(room.Sid).Select(r => r.SequenceNumber).Should().Equal(expected, $"room {room.Sid} arrives in order");
            Fake.Callbacks.ForRoom(room.Sid).Select(c => c.SequenceNumber).Should().Equal(expected);
            Fake.Callbacks.ForRoom(room.Sid).Should().OnlyContain(c => c.Outcome == CallbackOutcome.Succeeded);
        }
    }
}
