using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;

namespace FakeRooms.Inspector;

/// <summary>
/// The recent room events (what status callbacks report: rooms created and ended, participants joining and leaving,
/// tracks, recordings, compositions), kept for the inspector's room timeline whether or not a room has a
/// StatusCallback. Bounded: the newest <see cref="Capacity"/> events of all rooms. Published under the account's lock
/// (Events/EventHub.cs), so it only copies a few fields into a ring; nothing else runs there.
/// </summary>
internal sealed class RoomTimeline : IRoomEventSink
{
    /// <summary>The most events kept, over every room and account.</summary>
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private Entry[] _ring = new Entry[64];
    private long _total;

    /// <summary>One event as the timeline keeps it: SIDs and names only, never the room object.</summary>
    internal readonly record struct Entry(
        DateTimeOffset Time,
        RoomEventKind Kind,
        string AccountSid,
        string RoomSid,
        string? ParticipantSid,
        string? Identity,
        string? TrackSid,
        string? TrackName,
        TrackKind? TrackKind,
        string? ResourceSid,
        string? Detail);

    public void Publish(RoomEvent e)
    {
        var entry = new Entry(e.Timestamp, e.Kind, e.Room.AccountSid, e.Room.Sid,
            e.Participant?.Sid ?? e.Recording?.ParticipantSid, e.Participant?.Identity, e.Track?.Sid ?? e.Recording?.SourceSid,
            e.Track?.Name ?? e.Recording?.TrackName, e.Track?.Kind ?? e.Recording?.Type,
            e.Recording?.Sid ?? e.Composition?.Sid ?? e.Hook?.Sid, Detail(e));
        lock (_gate)
        {
            if (_total >= _ring.Length && _ring.Length < Capacity)
                Grow();
            _ring[_total % _ring.Length] = entry;
            _total++;
        }
    }

    private void Grow()
    {
        // Only while the ring has not wrapped (it grows before the first overwrite), so positions stay _total % length.
        var bigger = new Entry[Math.Min(_ring.Length * 2, Capacity)];
        Array.Copy(_ring, bigger, _ring.Length);
        _ring = bigger;
    }

    /// <summary>The kept events of one room, in the order they happened.</summary>
    public IReadOnlyList<Entry> ForRoom(string roomSid)
    {
        lock (_gate)
        {
            var kept = (int)Math.Min(_total, _ring.Length);
            var result = new List<Entry>();
            for (var i = _total - kept; i < _total; i++)
            {
                ref var entry = ref _ring[i % _ring.Length];
                if (entry.RoomSid == roomSid)
                    result.Add(entry);
            }
            return result;
        }
    }

    /// <summary>Forgets every event (null) or one account's (a reset of that account).</summary>
    public void Reset(string? accountSid)
    {
        lock (_gate)
        {
            if (accountSid is null)
            {
                _ring = new Entry[64];
                _total = 0;
                return;
            }
            var kept = (int)Math.Min(_total, _ring.Length);
            var others = new List<Entry>(kept);
            for (var i = _total - kept; i < _total; i++)
                if (_ring[i % _ring.Length].AccountSid != accountSid)
                    others.Add(_ring[i % _ring.Length]);
            _ring = new Entry[Math.Max(64, _ring.Length)];
            others.CopyTo(_ring);
            _total = others.Count;
        }
    }

    private static string? Detail(RoomEvent e) => e.Kind switch
    {
        RoomEventKind.RoomEnded => Wire.WireNames.Of(e.Room.Status),
        RoomEventKind.ParticipantDisconnected when e.Participant?.DisconnectError is { } error => $"{error.Code} {error.Message}",
        RoomEventKind.RecordingFailed when e.Recording?.FailedOperation is { } operation => Wire.MediaWireNames.Of(operation),
        RoomEventKind.RecordingCompleted when e.Recording is { } recording => $"{recording.Duration} s",
        RoomEventKind.CompositionProgress => $"{e.PercentageDone}% done",
        RoomEventKind.CompositionFailed or RoomEventKind.CompositionHookFailed => e.Composition?.ErrorMessage,
        _ => null,
    };
}
