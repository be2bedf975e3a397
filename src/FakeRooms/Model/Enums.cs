namespace FakeRooms;

// The public twins of the domain's enums: same members, same values, in the same order (PublicModelTests checks it),
// so FakeRooms.Domain stays internal and can change without breaking users.

/// <summary>A room's type (Twilio's <c>type</c>: all but group are deprecated).</summary>
public enum VideoRoomType
{
    /// <summary><c>group</c>, the default and the only type for new customers.</summary>
    Group,
    /// <summary><c>group-small</c></summary>
    GroupSmall,
    /// <summary><c>peer-to-peer</c></summary>
    PeerToPeer,
    /// <summary><c>go</c></summary>
    Go,
}

/// <summary>A room's status (Twilio's <c>status</c>).</summary>
public enum VideoRoomStatus
{
    /// <summary><c>in-progress</c></summary>
    InProgress,
    /// <summary><c>completed</c></summary>
    Completed,
    /// <summary><c>failed</c></summary>
    Failed,
}

/// <summary>A participant's status.</summary>
public enum VideoParticipantStatus
{
    /// <summary><c>connected</c></summary>
    Connected,
    /// <summary><c>disconnected</c></summary>
    Disconnected,
    /// <summary><c>reconnecting</c></summary>
    Reconnecting,
}

/// <summary>The kind of a track.</summary>
public enum VideoTrackKind
{
    /// <summary><c>audio</c></summary>
    Audio,
    /// <summary><c>video</c></summary>
    Video,
    /// <summary><c>data</c></summary>
    Data,
}

/// <summary>A recording's status.</summary>
public enum VideoRecordingStatus
{
    /// <summary><c>processing</c>: still being captured, or captured and not yet available.</summary>
    Processing,
    /// <summary><c>completed</c>: captured and available for download.</summary>
    Completed,
    /// <summary><c>deleted</c>: the media was deleted; the metadata stays.</summary>
    Deleted,
    /// <summary><c>failed</c></summary>
    Failed,
}

/// <summary>The operation a recording failed in (<c>FailedOperation</c> of the <c>recording-failed</c> callback).</summary>
public enum VideoRecordingFailedOperation
{
    /// <summary><c>RecordingStart</c></summary>
    RecordingStart,
    /// <summary><c>RecordingComplete</c></summary>
    RecordingComplete,
    /// <summary><c>RecordingUpload</c></summary>
    RecordingUpload,
}

/// <summary>A composition's status.</summary>
public enum VideoCompositionStatus
{
    /// <summary><c>enqueued</c></summary>
    Enqueued,
    /// <summary><c>processing</c></summary>
    Processing,
    /// <summary><c>completed</c>: available for download.</summary>
    Completed,
    /// <summary><c>deleted</c>: the media was deleted; the metadata stays.</summary>
    Deleted,
    /// <summary><c>failed</c></summary>
    Failed,
}

/// <summary>The status callback events the fake sends (the <c>StatusCallbackEvent</c> parameter).</summary>
public enum VideoCallbackEvent
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
    /// <summary><c>recording-started</c></summary>
    RecordingStarted,
    /// <summary><c>recording-completed</c></summary>
    RecordingCompleted,
    /// <summary><c>recording-failed</c></summary>
    RecordingFailed,
    /// <summary><c>composition-enqueued</c> (sent to the composition's own StatusCallback).</summary>
    CompositionEnqueued,
    /// <summary><c>composition-hook-failed</c></summary>
    CompositionHookFailed,
    /// <summary><c>composition-started</c></summary>
    CompositionStarted,
    /// <summary><c>composition-progress</c></summary>
    CompositionProgress,
    /// <summary><c>composition-available</c></summary>
    CompositionAvailable,
    /// <summary><c>composition-failed</c></summary>
    CompositionFailed,
}
