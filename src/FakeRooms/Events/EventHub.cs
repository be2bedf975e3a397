using FakeRooms.Domain.Events;

namespace FakeRooms.Events;

/// <summary>
/// Fans room events out to listeners (status callbacks, recordings...). Called under the account's lock, in event
/// order; listeners must only enqueue.
/// </summary>
internal sealed class EventHub : IRoomEventSink
{
    private volatile IRoomEventSink[] _listeners = [];

    public void Subscribe(IRoomEventSink listener)
    {
        lock (this)
            _listeners = [.. _listeners, listener];
    }

    public void Publish(RoomEvent roomEvent)
    {
        foreach (var listener in _listeners)
            listener.Publish(roomEvent);
    }
}
