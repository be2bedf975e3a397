using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Recordings;

namespace FakeRooms.Wire;

/// <summary>Twilio's wire spellings of the recording and composition enums (spec enums).</summary>
internal static class MediaWireNames
{
    public static string Of(RecordingStatus status) => status switch
    {
        RecordingStatus.Processing => "processing",
        RecordingStatus.Completed => "completed",
        RecordingStatus.Deleted => "deleted",
        _ => "failed",
    };

    /// <summary>Spec enum recording_enum_codec: VP8, H264, OPUS, PCMU (upper case, as the enum lists them).</summary>
    public static string Of(RecordingCodec codec) => codec switch
    {
        RecordingCodec.VP8 => "VP8",
        RecordingCodec.H264 => "H264",
        RecordingCodec.Opus => "OPUS",
        _ => "PCMU",
    };

    public static string Of(RecordingContainer container) => container == RecordingContainer.Mka ? "mka" : "mkv";

    public static string Of(RecordingFailedOperation operation) => operation switch
    {
        RecordingFailedOperation.RecordingStart => "RecordingStart",
        RecordingFailedOperation.RecordingComplete => "RecordingComplete",
        _ => "RecordingUpload",
    };

    public static string Of(CompositionStatus status) => status switch
    {
        CompositionStatus.Enqueued => "enqueued",
        CompositionStatus.Processing => "processing",
        CompositionStatus.Completed => "completed",
        CompositionStatus.Deleted => "deleted",
        _ => "failed",
    };

    public static string Of(CompositionFormat format) => format == CompositionFormat.Mp4 ? "mp4" : "webm";

    public static bool TryRecordingStatus(string value, out RecordingStatus status)
    {
        switch (value)
        {
            case "processing": status = RecordingStatus.Processing; return true;
            case "completed": status = RecordingStatus.Completed; return true;
            case "deleted": status = RecordingStatus.Deleted; return true;
            case "failed": status = RecordingStatus.Failed; return true;
            default: status = default; return false;
        }
    }

    public static bool TryCompositionStatus(string value, out CompositionStatus status)
    {
        switch (value)
        {
            case "enqueued": status = CompositionStatus.Enqueued; return true;
            case "processing": status = CompositionStatus.Processing; return true;
            case "completed": status = CompositionStatus.Completed; return true;
            case "deleted": status = CompositionStatus.Deleted; return true;
            case "failed": status = CompositionStatus.Failed; return true;
            default: status = default; return false;
        }
    }
}
