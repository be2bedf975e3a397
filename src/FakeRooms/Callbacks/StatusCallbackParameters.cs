using System.Globalization;
using System.Text;
using FakeRooms.Domain.Events;
using FakeRooms.Wire;

namespace FakeRooms.Callbacks;

/// <summary>The parameters Twilio sends with a Rooms status callback (FACTS §6.2; docs video/api/status-callbacks).</summary>
internal static class StatusCallbackParameters
{
    /// <summary>
    /// The parameters of one event, in a fixed order (Twilio's own order varies; receivers read them by name and the
    /// signature sorts them).
    /// </summary>
    public static List<KeyValuePair<string, string>> For(RoomEvent e)
    {
        if (e.IsCompositionEvent)
            return MediaCallbackParameters.ForComposition(e);
        var room = e.Room;
        var list = new List<KeyValuePair<string, string>>(16)
        {
            // Sent on every event (FACTS §6.2 table, "All").
            new("AccountSid", room.AccountSid),
            new("RoomSid", room.Sid),
            new("RoomName", room.UniqueName),
            // The room as it is right after the event: "completed" on room-ended.
            new("RoomStatus", WireNames.Of(room.Status)),
            new("RoomType", WireNames.Of(room.Type)),
            new("StatusCallbackEvent", WireNames.Of(e.Kind)),
            // A real payload shows milliseconds: Timestamp=2025-10-27T18:16:01.876Z (FACTS §6.2).
            new("Timestamp", Timestamp(e.Timestamp)),
            new("SequenceNumber", Number(e.SequenceNumber)),
        };

        // recording-* events: the publisher's ParticipantSid and ParticipantIdentity, then the recording (FACTS §6.2).
        if (e.Recording is { } recording)
        {
            if (e.Participant is { } publisher)
            {
                list.Add(new("ParticipantSid", publisher.Sid));
                list.Add(new("ParticipantIdentity", publisher.Identity));
            }
            MediaCallbackParameters.AddRecording(list, e, recording);
            return list;
        }

        // Participant and track events carry the participant (FACTS §6.2).
        if (e.Participant is { } participant)
        {
            list.Add(new("ParticipantSid", participant.Sid));
            list.Add(new("ParticipantIdentity", participant.Identity));
            list.Add(new("ParticipantStatus", WireNames.Of(participant.Status)));
            // "ParticipantDuration: only participant-disconnected, total seconds connected" (FACTS §6.2).
            if (e.Kind == RoomEventKind.ParticipantDisconnected && participant.Duration is { } seconds)
                list.Add(new("ParticipantDuration", Number(seconds)));
        }

        // Track events: TrackSid and TrackKind (FACTS §6.2). TrackName: FACTS lists it among the recording-* parameters;
        // sending it on track events too is [INFERRED] (issue 4 asks for it "where it applies").
        if (e.Track is { } track)
        {
            list.Add(new("TrackSid", track.Sid));
            list.Add(new("TrackKind", WireNames.Of(track.Kind)));
            list.Add(new("TrackName", track.Name));
        }

        // "RoomDuration: only room-ended, total duration of the Room, in seconds" (FACTS §6.2).
        if (e.Kind == RoomEventKind.RoomEnded && room.Duration is { } roomSeconds)
            list.Add(new("RoomDuration", Number(roomSeconds)));
        return list;
    }

    /// <summary>UTC with milliseconds, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (FACTS §6.2).</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Form encoding as in the real payload of FACTS §6.2: a space is <c>%20</c>, <c>:</c> is <c>%3A</c> (RFC 3986
    /// unreserved characters stay as they are).
    /// </summary>
    public static string Encode(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (text.Length > 0)
                text.Append('&');
            text.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }
        return text.ToString();
    }

    /// <summary>
    /// A GET callback's URL: the configured URL with the parameters appended to its query string (any query it already
    /// has is kept first; a fragment stays last). [INFERRED] general Twilio webhook convention (FACTS §6).
    /// </summary>
    public static string AppendQuery(string url, string query)
    {
        if (query.Length == 0)
            return url;
        var hash = url.IndexOf('#');
        var fragment = hash >= 0 ? url[hash..] : "";
        var head = hash >= 0 ? url[..hash] : url;
        var separator = !head.Contains('?') ? "?" : head.EndsWith('?') || head.EndsWith('&') ? "" : "&";
        return head + separator + query + fragment;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
