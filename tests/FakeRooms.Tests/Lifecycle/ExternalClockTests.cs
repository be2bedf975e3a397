using FakeRooms.Domain.Events;
using Microsoft.Extensions.Time.Testing;

namespace FakeRooms.Tests.Lifecycle;

/// <summary>
/// On an external clock (the standalone server's system clock, or a FakeTimeProvider) the fake ticks every second
/// through the same settle path, so timeouts fire without any request, each at its own due time.
/// </summary>
public sealed class ExternalClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private sealed class Sink(Action<RoomEvent> onEvent) : IRoomEventSink
    {
        public void Publish(RoomEvent roomEvent) => onEvent(roomEvent);
    }

    [Test]
    public async Task The_ticker_completes_an_unused_room_with_no_request_at_its_due_time()
    {
        var time = new FakeTimeProvider(Start);
        await using var fake = await FakeRoomsServer.StartAsync(o => o.TimeProvider = time);
        var ended = new TaskCompletionSource<RoomEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.Events.Subscribe(new Sink(e => { if ((VideoCallbackEvent)e.Kind == VideoCallbackEvent.RoomEnded) ended.TrySetResult(e); }));
        var room = fake.Rooms.Create(new NewRoom { UnusedRoomTimeout = 1 });

        time.Advance(TimeSpan.FromSeconds(59));
        var early = ended.Task.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(30));
        var roomEnded = await ended.Task.WaitAsync(TimeSpan.FromSeconds(10));

        early.Should().BeFalse();
        roomEnded.Room.Sid.Should().Be(room.Sid);
        roomEnded.Timestamp.Should().Be(Start.AddMinutes(1), "the timeout fires at its due time, not at the tick that noticed it");
        roomEnded.Room.Duration.Should().Be(60);
    }

    [Test]
    public async Task An_external_clock_cannot_be_moved_through_the_fake()
    {
        await using var fake = await FakeRoomsServer.StartAsync(o => o.TimeProvider = new FakeTimeProvider(Start));

        var act = () => fake.Clock.Advance(TimeSpan.FromSeconds(1));

        fake.Clock.IsManual.Should().BeFalse();
        act.Should().Throw<InvalidOperationException>();
    }
}
