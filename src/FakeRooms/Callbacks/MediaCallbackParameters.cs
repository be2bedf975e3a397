using System.Globalization;
using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Recordings;
using FakeRooms.Wire;

namespace FakeRooms.Callbacks;

/// <summary>
/// Where recording and composition callbacks go, and their parameters (docs video/api/status-callbacks; FACTS §4, §6.2).
/// Recording events are room events: they go to the room's StatusCallback with the room's parameters plus the
/// recording's. Composition events go to the composition's StatusCallback (for hook-made compositions, the hook's),
/// with the composition parameter set, which has no room name, status, type or sequence number.
/// </summary>
internal static class MediaCallbackParameters
{
    /// <summary>The URL and method an event is sent to, or null when nobody asked for it.</summary>
    public static (string Url, string Method)? TargetOf(RoomEvent e)
    {
        var (url, method) = e.IsCompositionEvent
            ? e.Composition is { } composition
                ? (composition.Spec.StatusCallback, composition.Spec.StatusCallbackMethod)
                : (e.Hook?.Spec.StatusCallback, e.Hook?.Spec.StatusCallbackMethod)
            : (e.Room.StatusCallback, e.Room.StatusCallbackMethod);
        return string.IsNullOrEmpty(url) ? null : (url, string.IsNullOrEmpty(method) ? "POST" : method);
    }

    /// <summary>
    /// recording-* parameters added to the room ones (FACTS §6.2): RecordingSid, SourceSid, RecordingUri (relative URL
    /// of the recording), Container, Codec, TrackName, OffsetFromTwilioVideoEpoch, Type; on recording-completed also
    /// MediaUri, Duration and Size (MediaExternalLocation only with external storage, which the fake never uses); on
    /// recording-failed FailedOperation.
    /// </summary>
    public static void AddRecording(List<KeyValuePair<string, string>> list, RoomEvent e, Recording r)
    {
        list.Add(new("RecordingSid", r.Sid));
        list.Add(new("SourceSid", r.SourceSid));
        list.Add(new("RecordingUri", $"/v1/Recordings/{r.Sid}"));
        list.Add(new("Container", MediaWireNames.Of(r.Container)));
        list.Add(new("Codec", MediaWireNames.Of(r.Codec)));
        list.Add(new("TrackName", r.TrackName));
        list.Add(new("OffsetFromTwilioVideoEpoch", r.Offset.ToString(CultureInfo.InvariantCulture)));
        list.Add(new("Type", WireNames.Of(r.Type)));
        if (e.Kind == RoomEventKind.RecordingCompleted)
        {
            list.Add(new("MediaUri", $"/v1/Recordings/{r.Sid}/Media"));
            list.Add(new("Duration", r.Duration.ToString(CultureInfo.InvariantCulture)));
            list.Add(new("Size", r.Size.ToString(CultureInfo.InvariantCulture)));
        }
        if (e.Kind == RoomEventKind.RecordingFailed && r.FailedOperation is { } failed)
            list.Add(new("FailedOperation", MediaWireNames.Of(failed)));
    }

    /// <summary>
    /// composition-* parameters (docs status-callbacks, FACTS §4): AccountSid, RoomSid, CompositionSid, CompositionUri,
    /// StatusCallbackEvent, Timestamp; HookSid, HookFriendlyName, HookUri for hook-made compositions and
    /// composition-hook-failed; MediaUri, Duration, Size on composition-available; PercentageDone, SecondsRemaining on
    /// composition-progress; ErrorMessage on composition-failed and composition-hook-failed.
    /// </summary>
    public static List<KeyValuePair<string, string>> ForComposition(RoomEvent e)
    {
        var list = new List<KeyValuePair<string, string>>(12)
        {
            new("AccountSid", e.Room.AccountSid),
            new("RoomSid", e.Room.Sid),
        };
        var composition = e.Composition;
        var hookSid = composition?.HookSid ?? e.Hook?.Sid;
        if (hookSid is not null)
        {
            list.Add(new("HookSid", hookSid));
            list.Add(new("HookFriendlyName", composition?.HookFriendlyName ?? e.Hook!.FriendlyName));
            list.Add(new("HookUri", $"/v1/CompositionHooks/{hookSid}"));
        }
        if (composition is not null)
        {
            list.Add(new("CompositionSid", composition.Sid));
            list.Add(new("CompositionUri", $"/v1/Compositions/{composition.Sid}"));
        }
        list.Add(new("StatusCallbackEvent", WireNames.Of(e.Kind)));
        list.Add(new("Timestamp", StatusCallbackParameters.Timestamp(e.Timestamp)));
        switch (e.Kind)
        {
            case RoomEventKind.CompositionAvailable when composition is not null:
                list.Add(new("MediaUri", $"/v1/Compositions/{composition.Sid}/Media"));
                list.Add(new("Duration", composition.Duration.ToString(CultureInfo.InvariantCulture)));
                list.Add(new("Size", composition.Size.ToString(CultureInfo.InvariantCulture)));
                break;
            case RoomEventKind.CompositionProgress:
                list.Add(new("PercentageDone", (e.PercentageDone ?? 0).ToString(CultureInfo.InvariantCulture)));
                list.Add(new("SecondsRemaining", (e.SecondsRemaining ?? 0).ToString(CultureInfo.InvariantCulture)));
                break;
            case RoomEventKind.CompositionFailed:
                list.Add(new("ErrorMessage", composition?.ErrorMessage ?? "Composition failed"));
                break;
            case RoomEventKind.CompositionHookFailed:
                // Docs error 53631: "Failed to enqueue a room composition from a configured composition hook".
                list.Add(new("ErrorMessage", "Failed to enqueue a room composition from a configured composition hook: the room has no recordings"));
                break;
        }
        return list;
    }
}
