namespace FakeRooms.Domain.Rooms;

/// <summary>
/// A create-room request after its form strings were turned into typed values. A null member was not given.
/// </summary>
internal sealed record CreateRoom
{
    /// <summary>Room type; group when null.</summary>
    public RoomType? Type { get; init; }
    /// <summary>Unique name; the SID when null.</summary>
    public string? UniqueName { get; init; }
    /// <summary>Status callback URL.</summary>
    public string? StatusCallback { get; init; }
    /// <summary>Status callback method as given.</summary>
    public string? StatusCallbackMethod { get; init; }
    /// <summary>Maximum participants.</summary>
    public int? MaxParticipants { get; init; }
    /// <summary>Maximum participant duration in seconds.</summary>
    public int? MaxParticipantDuration { get; init; }
    /// <summary>Record participants on connect.</summary>
    public bool? RecordParticipantsOnConnect { get; init; }
    /// <summary>Video codecs.</summary>
    public IReadOnlyList<VideoCodec>? VideoCodecs { get; init; }
    /// <summary>Media region.</summary>
    public string? MediaRegion { get; init; }
    /// <summary>Audio only.</summary>
    public bool? AudioOnly { get; init; }
    /// <summary>Empty room timeout in minutes.</summary>
    public int? EmptyRoomTimeout { get; init; }
    /// <summary>Unused room timeout in minutes.</summary>
    public int? UnusedRoomTimeout { get; init; }
    /// <summary>Large room.</summary>
    public bool? LargeRoom { get; init; }
    /// <summary>Recording rules as parsed from the request (validated by <see cref="RoomRules"/>).</summary>
    public IReadOnlyList<RecordingRule>? RecordingRules { get; init; }
    /// <summary>Start transcriptions when participants connect (spec TranscribeParticipantsOnConnect).</summary>
    public bool? TranscribeParticipantsOnConnect { get; init; }
    /// <summary>The transcriptions' configuration (spec TranscriptionsConfiguration), as a string map.</summary>
    public IReadOnlyDictionary<string, string>? TranscriptionsConfiguration { get; init; }
}
