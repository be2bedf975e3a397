using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;
using FakeRooms.Domain.Subscriptions;
using FakeRooms.Domain.Transcriptions;

namespace FakeRooms.Domain.State;

/// <summary>
/// One account's rooms, participants (with their subscribe rules and reconnection windows), tracks, transcriptions,
/// recordings, compositions, composition hooks and media settings at one moment: everything needed to rebuild the
/// account exactly (indexes, in-progress names, the tracks being recorded and every pending timeout or processing step
/// are derived from it on restore).
/// </summary>
internal sealed record AccountSnapshot
{
    /// <summary>The account (<c>AC...</c>).</summary>
    public required string AccountSid { get; init; }

    /// <summary>Every room of the account, in creation order.</summary>
    public IReadOnlyList<RoomSnapshot> Rooms { get; init; } = [];

    /// <summary>The account's ordering counter; new rooms and participants continue after it.</summary>
    public long Sequence { get; init; }

    /// <summary>How many SIDs the account's seeded generator has drawn; a restored account continues after them.</summary>
    public long SidDraws { get; init; }

    /// <summary>
    /// The time the account had settled to when it was exported: every timed step due by then had run. Null (older
    /// snapshots): the snapshot's time.
    /// </summary>
    public DateTimeOffset? SettledUntil { get; init; }

    /// <summary>
    /// Every track recording of the account, in creation order. A <c>processing</c> recording without
    /// <see cref="Recording.CaptureEnded"/> is still capturing its (published) track; one with it completes at
    /// <see cref="Recording.AvailableAt"/>.
    /// </summary>
    public IReadOnlyList<RecordingSnapshot> Recordings { get; init; } = [];

    /// <summary>Every composition of the account, in creation order.</summary>
    public IReadOnlyList<CompositionSnapshot> Compositions { get; init; } = [];

    /// <summary>Every composition hook of the account, in creation order.</summary>
    public IReadOnlyList<CompositionHook> CompositionHooks { get; init; } = [];

    /// <summary>The recording settings, or null when they were never set (the defaults are shown).</summary>
    public MediaSettings? RecordingSettings { get; init; }

    /// <summary>The composition settings, or null when they were never set (the defaults are shown).</summary>
    public MediaSettings? CompositionSettings { get; init; }
}

/// <summary>A composition and the state of its processing.</summary>
internal sealed record CompositionSnapshot
{
    /// <summary>The composition.</summary>
    public required Composition Composition { get; init; }

    /// <summary>
    /// When processing starts (an <c>enqueued</c> composition) or started (a <c>processing</c> one): creation plus the
    /// queue delay, or later when the room's recordings became available. Null: creation plus the queue delay.
    /// </summary>
    public DateTimeOffset? ProcessingStart { get; init; }

    /// <summary>The <c>SequenceNumber</c> the composition's next status callback event gets.</summary>
    public int NextEventNumber { get; init; }

    /// <summary>
    /// Among steps due at the same time, the order of the pending start (<c>enqueued</c>) or completion
    /// (<c>processing</c>; its progress report comes just before). Null: after the composition's own sequence.
    /// </summary>
    public long? StepOrder { get; init; }
}

/// <summary>A track recording and the order of its pending completion.</summary>
internal sealed record RecordingSnapshot
{
    /// <summary>The recording.</summary>
    public required Recording Recording { get; init; }

    /// <summary>
    /// Among steps due at the same time, the order of the pending completion of a <c>processing</c> recording whose
    /// capture ended (recordings ended together complete in the order they stopped). Null: the recording's sequence.
    /// </summary>
    public long? CompletionOrder { get; init; }
}

/// <summary>A room and its participants.</summary>
internal sealed record RoomSnapshot
{
    /// <summary>The room.</summary>
    public required Room Room { get; init; }

    /// <summary>Every participant the room had, in join order.</summary>
    public IReadOnlyList<ParticipantSnapshot> Participants { get; init; } = [];

    /// <summary>The <c>SequenceNumber</c> the room's next status callback event gets.</summary>
    public int NextEventNumber { get; init; }

    /// <summary>When the room's recording rules were last changed (RecordingRules <c>date_updated</c>); null: never.</summary>
    public DateTimeOffset? RecordingRulesUpdated { get; init; }

    /// <summary>The room's Transcriptions resource, or null when it has none.</summary>
    public TranscriptionSnapshot? Transcription { get; init; }
}

/// <summary>A room's Transcriptions resource and whether its clock runs.</summary>
internal sealed record TranscriptionSnapshot
{
    /// <summary>The resource.</summary>
    public required Transcription Transcription { get; init; }

    /// <summary>
    /// Since when it has run (<c>started</c>, someone in the room), or null when it does not run now; the time run
    /// before is the resource's duration.
    /// </summary>
    public DateTimeOffset? RunningSince { get; init; }
}

/// <summary>A participant and the tracks it publishes now.</summary>
internal sealed record ParticipantSnapshot
{
    /// <summary>The participant.</summary>
    public required Participant Participant { get; init; }

    /// <summary>Tracks published now, in publication order (a disconnected participant has none).</summary>
    public IReadOnlyList<PublishedTrack> PublishedTracks { get; init; } = [];

    /// <summary>The participant's subscribe rules; null (older snapshots): the default rule, include all.</summary>
    public IReadOnlyList<SubscribeRule>? SubscribeRules { get; init; }

    /// <summary>
    /// When a <c>reconnecting</c> participant's reconnection window runs out (it is disconnected with 53002); null for
    /// the others. Null for a reconnecting one: its date_updated plus the window.
    /// </summary>
    public DateTimeOffset? ReconnectDeadline { get; init; }
}
