using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Recordings;

namespace FakeRooms.Media;

/// <summary>
/// The media files the fake serves for recordings and compositions: small valid files of the right container,
/// generated from ffmpeg test sources (our own content; provenance and commands in fixtures/media/README.md),
/// embedded in this assembly.
/// </summary>
internal static class MediaFiles
{
    /// <summary>Opus in Matroska audio: audio track recordings.</summary>
    public static readonly MediaFile AudioRecording = Load("audio.mka", "audio/x-matroska");

    /// <summary>VP8 in Matroska video: video track recordings.</summary>
    public static readonly MediaFile VideoRecording = Load("video.mkv", "video/x-matroska");

    /// <summary>H.264 + AAC in MP4: compositions with Format=mp4.</summary>
    public static readonly MediaFile Mp4Composition = Load("composition.mp4", "video/mp4");

    /// <summary>VP8 + Opus in WebM: compositions with Format=webm.</summary>
    public static readonly MediaFile WebmComposition = Load("composition.webm", "video/webm");

    /// <summary>The sizes the domain reports as <c>size</c>, so that a download's length matches the resource.</summary>
    public static MediaProfile Profile => new()
    {
        AudioRecordingBytes = AudioRecording.Bytes.Length,
        VideoRecordingBytes = VideoRecording.Bytes.Length,
        Mp4CompositionBytes = Mp4Composition.Bytes.Length,
        WebmCompositionBytes = WebmComposition.Bytes.Length,
    };

    public static MediaFile Of(RecordingContainer container) => container == RecordingContainer.Mka ? AudioRecording : VideoRecording;

    public static MediaFile Of(CompositionFormat format) => format == CompositionFormat.Mp4 ? Mp4Composition : WebmComposition;

    private static MediaFile Load(string name, string contentType)
    {
        using var stream = typeof(MediaFiles).Assembly.GetManifestResourceStream("FakeRooms.Media." + name)
                           ?? throw new InvalidOperationException($"The embedded media file {name} is missing from the FakeRooms assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new MediaFile(copy.ToArray(), contentType);
    }
}

/// <summary>One served media file.</summary>
internal sealed record MediaFile(byte[] Bytes, string ContentType);
