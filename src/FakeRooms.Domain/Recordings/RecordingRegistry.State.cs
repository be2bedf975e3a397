using FakeRooms.Domain.Rooms;
using FakeRooms.Domain.State;

namespace FakeRooms.Domain.Recordings;

/// <summary>What retention, snapshots and footprints need of the recordings: forget a room's, export, rebuild.</summary>
internal sealed partial class RecordingRegistry
{
    public int Count => _recordings.Count;

    public int RoomsWithRecordings => _roomRecordings.Count;

    public int CapturedTracks => _capturingByTrack.Count;

    public int IndexCount => _recordingIndex.Count;

    public Recording this[string sid] => _recordings[sid].Current;

    /// <summary>When the room's rules last changed, if they did.</summary>
    public DateTimeOffset? RulesUpdated(string roomSid) => _roomRecordings.GetValueOrDefault(roomSid)?.RulesUpdated;

    /// <summary>Forgets every recording of a room retention forgets.</summary>
    public void ForgetRoom(string roomSid)
    {
        if (!_roomRecordings.Remove(roomSid, out var recordings))
            return;
        foreach (var recording in recordings.Recordings)
        {
            _recordings.Remove(recording.Current.Sid);
            _recordingIndex.Remove(recording);
            // A room that ended captures nothing; kept for safety, so no track entry can outlive its recording.
            if (_capturingByTrack.TryGetValue(recording.Current.SourceSid, out var capturing) && ReferenceEquals(capturing, recording))
                _capturingByTrack.Remove(recording.Current.SourceSid);
        }
    }

    public List<RecordingSnapshot> Export() =>
        _recordings.Values.OrderBy(r => r.Current.Sequence).Select(r => new RecordingSnapshot
        {
            Recording = r.Current,
            CompletionOrder = r.Current is { Status: RecordingStatus.Processing, CaptureEnded: not null } ? r.CompletionOrder : null,
        }).ToList();

    /// <summary>Restores when a room's rules last changed.</summary>
    public void RestoreRulesUpdated(Room room, DateTimeOffset updated) => RecordingsOf(room).RulesUpdated = updated;

    /// <summary>
    /// Restores a recording (its room in place) and what the live store would still do with it: capture its track, or
    /// complete it at its own time, in the order it had among steps due then.
    /// </summary>
    public void Restore(RecordingSnapshot entry)
    {
        var recording = entry.Recording;
        var room = rooms[recording.RoomSid];
        var state = new RecordingState(recording, room);
        _recordings.Add(recording.Sid, state);
        _recordingIndex.Add(state);
        RecordingsOf(room.Current).Recordings.Add(state);
        account.Sequence = Math.Max(account.Sequence, recording.Sequence);
        if (recording.Status != RecordingStatus.Processing)
            return;
        if (recording.CaptureEnded is null)
            _capturingByTrack[recording.SourceSid] = state;   // still capturing: OnTrackStopped ends it
        else
        {
            state.CompletionOrder = entry.CompletionOrder ?? recording.Sequence;
            account.Timers.Restore(new RoomTimer(TimerKind.Deferred, room, Run: t => Complete(state, t)),
                recording.AvailableAt!.Value, state.CompletionOrder.Value);
            account.Sequence = Math.Max(account.Sequence, state.CompletionOrder.Value);
        }
    }
}
