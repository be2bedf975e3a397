using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;
using FakeRooms.Wire;

namespace FakeRooms.Inspector;

/// <summary>One line of a room's timeline.</summary>
internal sealed record TimelineItem(DateTimeOffset Time, string Event, string Text)
{
    public string? ParticipantSid { get; init; }
    public string? Identity { get; init; }
    public string? TrackName { get; init; }
    public string? ResourceSid { get; init; }

    /// <summary>Derived from the state (a restored room, or events older than the kept ones), not from an event.</summary>
    public bool FromState { get; init; }
}

/// <summary>
/// A room's timeline: its events as they happened (names as in Twilio's status callbacks, docs
/// video/api/status-callbacks). A room whose first events are no longer kept (restored from a snapshot, or past
/// <see cref="RoomTimeline.Capacity"/>) gets those first steps from its state instead: created, participants joining and
/// leaving, the tracks published now, recordings, compositions, ended.
/// </summary>
internal static class Timeline
{
    public static IReadOnlyList<TimelineItem> Build(Room room, IReadOnlyList<Participant> participants,
        IReadOnlyDictionary<string, IReadOnlyList<PublishedTrack>> tracks, IReadOnlyList<Recording> recordings,
        IReadOnlyList<Composition> compositions, IReadOnlyList<RoomTimeline.Entry> events)
    {
        var identities = participants.ToDictionary(p => p.Sid, p => p.Identity, StringComparer.Ordinal);
        var items = new List<TimelineItem>();
        if (!events.Any(e => e.Kind == RoomEventKind.RoomCreated))
        {
            var before = events.Count > 0 ? events[0].Time : DateTimeOffset.MaxValue;
            items.AddRange(FromState(room, participants, tracks, recordings, compositions)
                .Where(i => i.Time < before)
                .OrderBy(i => i.Time));
        }
        foreach (var e in events)
        {
            var identity = e.Identity ?? (e.ParticipantSid is { } sid ? identities.GetValueOrDefault(sid) : null);
            items.Add(new TimelineItem(e.Time, WireNames.Of(e.Kind), Text(e, room, identity))
            {
                ParticipantSid = e.ParticipantSid,
                Identity = identity,
                TrackName = e.TrackName,
                ResourceSid = e.ResourceSid,
            });
        }
        return items;
    }

    private static string Text(RoomTimeline.Entry e, Room room, string? identity)
    {
        var who = identity ?? e.ParticipantSid ?? "a participant";
        var track = e.TrackKind is { } kind ? $"{WireNames.Of(kind)} track '{e.TrackName}'" : $"track '{e.TrackName}'";
        var detail = e.Detail is { Length: > 0 } d ? $" ({d})" : "";
        return e.Kind switch
        {
            RoomEventKind.RoomCreated => $"Room created ({WireNames.Of(room.Type)}), status in-progress",
            RoomEventKind.RoomEnded => $"Room ended, status {e.Detail}",
            RoomEventKind.ParticipantConnected => $"{who} joined",
            RoomEventKind.ParticipantDisconnected => $"{who} left{detail}",
            RoomEventKind.TrackAdded => $"{who} published {track}",
            RoomEventKind.TrackRemoved => $"{who} unpublished {track}",
            RoomEventKind.TrackEnabled => $"{who} enabled {track}",
            RoomEventKind.TrackDisabled => $"{who} disabled {track}",
            RoomEventKind.RecordingStarted => $"Recording {e.ResourceSid} started: {who}'s {track}",
            RoomEventKind.RecordingCompleted => $"Recording {e.ResourceSid} completed{detail}",
            RoomEventKind.RecordingFailed => $"Recording {e.ResourceSid} failed{detail}",
            RoomEventKind.CompositionEnqueued => $"Composition {e.ResourceSid} enqueued",
            RoomEventKind.CompositionHookFailed => $"Composition hook {e.ResourceSid} failed{detail}",
            RoomEventKind.CompositionStarted => $"Composition {e.ResourceSid} started",
            RoomEventKind.CompositionProgress => $"Composition {e.ResourceSid} in progress{detail}",
            RoomEventKind.CompositionAvailable => $"Composition {e.ResourceSid} available",
            _ => $"Composition {e.ResourceSid} failed{detail}",
        };
    }

    private static IEnumerable<TimelineItem> FromState(Room room, IReadOnlyList<Participant> participants,
        IReadOnlyDictionary<string, IReadOnlyList<PublishedTrack>> tracks, IReadOnlyList<Recording> recordings,
        IReadOnlyList<Composition> compositions)
    {
        yield return new TimelineItem(room.DateCreated, "room-created", $"Room created ({WireNames.Of(room.Type)}), status in-progress") { FromState = true };
        foreach (var p in participants)
        {
            yield return new TimelineItem(p.StartTime, "participant-connected", $"{p.Identity} joined")
            { ParticipantSid = p.Sid, Identity = p.Identity, FromState = true };
            foreach (var t in tracks.GetValueOrDefault(p.Sid) ?? [])
                yield return new TimelineItem(t.DateCreated, "track-added", $"{p.Identity} published {WireNames.Of(t.Kind)} track '{t.Name}'")
                { ParticipantSid = p.Sid, Identity = p.Identity, TrackName = t.Name, FromState = true };
            if (p.EndTime is { } left)
                yield return new TimelineItem(left, "participant-disconnected", $"{p.Identity} left")
                { ParticipantSid = p.Sid, Identity = p.Identity, FromState = true };
        }
        foreach (var r in recordings)
        {
            yield return new TimelineItem(r.DateCreated, "recording-started", $"Recording {r.Sid} started: track '{r.TrackName}'")
            { ParticipantSid = r.ParticipantSid, TrackName = r.TrackName, ResourceSid = r.Sid, FromState = true };
            if (r.Status == RecordingStatus.Completed && r.AvailableAt is { } available)
                yield return new TimelineItem(available, "recording-completed", $"Recording {r.Sid} completed ({r.Duration} s)")
                { ParticipantSid = r.ParticipantSid, TrackName = r.TrackName, ResourceSid = r.Sid, FromState = true };
        }
        foreach (var c in compositions)
        {
            yield return new TimelineItem(c.DateCreated, "composition-enqueued", $"Composition {c.Sid} enqueued") { ResourceSid = c.Sid, FromState = true };
            if (c.DateCompleted is { } done)
                yield return new TimelineItem(done, c.Status == CompositionStatus.Failed ? "composition-failed" : "composition-available",
                    $"Composition {c.Sid} {(c.Status == CompositionStatus.Failed ? "failed" : "available")}") { ResourceSid = c.Sid, FromState = true };
        }
        if (room.EndTime is { } ended)
            yield return new TimelineItem(ended, "room-ended", $"Room ended, status {WireNames.Of(room.Status)}") { FromState = true };
    }
}
