using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Rooms;
using FakeRooms.Domain.Sids;

namespace FakeRooms.Domain.Tests.Support;

/// <summary>What the domain tests share: a start time, a store for account AC1, the Twilio code a call fails with.</summary>
internal static class StoreTestKit
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static RoomStore NewStore(TimeProvider clock, IRoomEventSink sink, DomainOptions? options = null, int seed = 1) =>
        new("AC1", clock, SidGenerator.For(seed, "AC1"), sink, options ?? new DomainOptions());

    public static int CodeOf(Action act) =>
        FluentActions.Invoking(act).Should().Throw<TwilioErrorException>().Which.Error.Code;
}

/// <summary>Keeps every room event, in order.</summary>
internal sealed class EventLog : IRoomEventSink
{
    public readonly List<RoomEvent> All = [];

    public void Publish(RoomEvent roomEvent) => All.Add(roomEvent);
}
