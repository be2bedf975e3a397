using FakeRooms.Domain.Events;

namespace FakeRooms.Callbacks;

/// <summary>A callback queued or in flight: its event, where it goes, the fault decided for it, and how far it got.</summary>
internal sealed class PendingCallback(RoomEvent roomEvent, long issue)
{
    public RoomEvent Event { get; } = roomEvent;
    public long Issue { get; } = issue;
    public string AccountSid => Event.Room.AccountSid;
    /// <summary>The room's StatusCallback, or the composition's for composition events.</summary>
    public (string Url, string Method) Target { get; } = MediaCallbackParameters.TargetOf(roomEvent) ?? ("", "POST");
    public string LaneKey { get; } = roomEvent.Room.AccountSid + "/" + roomEvent.Room.Sid;
    public bool Cancelled { get; set; }
    public bool InFlight { get; set; }
    public Faults.FaultDecision? Fault { get; set; }
    public bool Diverted { get; set; }
}

/// <summary>One room's callbacks, delivered in event order: a queue, whether a drain runs, a callback a reorder fault holds.</summary>
internal sealed class CallbackLane(string key, string accountSid)
{
    public string Key { get; } = key;
    public string AccountSid { get; } = accountSid;
    public Queue<PendingCallback> Items { get; } = new();
    public bool Running { get; set; }

    /// <summary>A callback a reorder fault holds back until the room's next callback has been taken.</summary>
    public PendingCallback? Held { get; set; }

    /// <summary>True once a later callback of the room went out ahead of <see cref="Held"/>.</summary>
    public bool HeldOvertaken { get; set; }
}
