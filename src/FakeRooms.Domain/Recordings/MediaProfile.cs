namespace FakeRooms.Domain.Recordings;

/// <summary>
/// The media the fake pretends to produce: the byte sizes of the files it serves (so <c>size</c> matches a download)
/// and how long processing takes on the clock. Twilio documents no processing times; these are [INFERRED] choices
/// that keep a test's clock moves short.
/// </summary>
internal sealed record MediaProfile
{
    /// <summary>Bytes served for an audio recording (mka).</summary>
    public long AudioRecordingBytes { get; init; }

    /// <summary>Bytes served for a video recording (mkv).</summary>
    public long VideoRecordingBytes { get; init; }

    /// <summary>Bytes served for an mp4 composition.</summary>
    public long Mp4CompositionBytes { get; init; }

    /// <summary>Bytes served for a webm composition.</summary>
    public long WebmCompositionBytes { get; init; }

    /// <summary>From the end of capture until the recording is <c>completed</c> (and <c>recording-completed</c> is sent).</summary>
    public TimeSpan RecordingProcessing { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>From creation until a composition starts processing (at the earliest).</summary>
    public TimeSpan CompositionQueue { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>From the start of processing until the composition is <c>completed</c>.</summary>
    public TimeSpan CompositionProcessing { get; init; } = TimeSpan.FromSeconds(20);
}
