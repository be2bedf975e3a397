using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Events;

/// <summary>The room events Twilio reports through status callbacks (docs: video/api/status-callbacks).</summary>
public enum RoomEventKind
{
    /// <summary><c>room-created</c></summary>
    RoomCreated,
    /// <summary><c>room-ended</c></summary>
    RoomEnded,
    /// <summary><c>participant-connected</c></summary>
    ParticipantConnected,
    /// <summary><c>participant-disconnected</c></summary>
    ParticipantDisconnected,
    /// <summary><c>track-added</c></summary>
    TrackAdded,
    /// <summary><c>track-removed</c></summary>
    TrackRemoved,
    /// <summary><c>track-enabled</c></summary>
    TrackEnabled,
    /// <summary><c>track-disabled</c></summary>
    TrackDisabled,
}

/// <summary>
/// Something that happened in a room, in the order it happened. <paramref name="SequenceNumber"/> counts the room's
/// events from 0 (<c>room-created</c>); a real participant-connected payload shows 1 for the first participant event.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Room">The room as it was right after the event.</param>
/// <param name="Timestamp">When it happened, on the fake's clock.</param>
/// <param name="SequenceNumber">Per-room counter, from 0.</param>
/// <param name="Participant">The participant, for participant and track events.</param>
/// <param name="Track">The track, for track events.</param>
public sealed record RoomEvent(
    RoomEventKind Kind,
    Room Room,
    DateTimeOffset Timestamp,
    int SequenceNumber,
    Participant? Participant = null,
    PublishedTrack? Track = null);

/// <summary>
/// Receives room events. It is called while the room's account is locked, so events of one account arrive in
/// order; it must not block or call back into the store.
/// </summary>
public interface IRoomEventSink
{
    /// <summary>Takes one event.</summary>
    void Publish(RoomEvent roomEvent);
}
