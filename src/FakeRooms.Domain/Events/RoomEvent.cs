using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Events;

/// <summary>The room events Twilio reports through status callbacks (docs: video/api/status-callbacks).</summary>
internal enum RoomEventKind
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
    /// <summary><c>recording-started</c>: recording for a track began.</summary>
    RecordingStarted,
    /// <summary><c>recording-completed</c>: a track's recording is complete and its media available.</summary>
    RecordingCompleted,
    /// <summary><c>recording-failed</c>: a recording operation failed.</summary>
    RecordingFailed,
    /// <summary><c>composition-enqueued</c> (sent to the composition's own StatusCallback).</summary>
    CompositionEnqueued,
    /// <summary><c>composition-hook-failed</c>: a hook could not enqueue a composition for a completed room.</summary>
    CompositionHookFailed,
    /// <summary><c>composition-started</c>: media processing began.</summary>
    CompositionStarted,
    /// <summary><c>composition-progress</c>: processing is under way (<c>PercentageDone</c>, <c>SecondsRemaining</c>).</summary>
    CompositionProgress,
    /// <summary><c>composition-available</c>: the media can be downloaded.</summary>
    CompositionAvailable,
    /// <summary><c>composition-failed</c></summary>
    CompositionFailed,
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
internal sealed record RoomEvent(
    RoomEventKind Kind,
    Room Room,
    DateTimeOffset Timestamp,
    int SequenceNumber,
    Participant? Participant = null,
    PublishedTrack? Track = null)
{
    /// <summary>The recording, for <c>recording-*</c> events.</summary>
    public Recording? Recording { get; init; }

    /// <summary>
    /// The composition, for <c>composition-*</c> events. These go to the composition's own StatusCallback, not the
    /// room's, and count their own <see cref="SequenceNumber"/> from 0 per composition.
    /// </summary>
    public Composition? Composition { get; init; }

    /// <summary>The hook, for <c>composition-hook-failed</c> and for compositions a hook created.</summary>
    public CompositionHook? Hook { get; init; }

    /// <summary><c>PercentageDone</c> of <c>composition-progress</c>.</summary>
    public int? PercentageDone { get; init; }

    /// <summary><c>SecondsRemaining</c> of <c>composition-progress</c>.</summary>
    public int? SecondsRemaining { get; init; }

    /// <summary>Whether the event goes to a composition's StatusCallback rather than the room's.</summary>
    public bool IsCompositionEvent => Kind >= RoomEventKind.CompositionEnqueued;
}

/// <summary>
/// Receives room events. It is called while the room's account is locked, so events of one account arrive in
/// order; it must not block or call back into the store.
/// </summary>
internal interface IRoomEventSink
{
    /// <summary>Takes one event.</summary>
    void Publish(RoomEvent roomEvent);
}
