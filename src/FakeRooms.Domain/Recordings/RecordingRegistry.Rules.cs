using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Recordings;

/// <summary>A room's recording rules: read them, replace them, and re-evaluate the live tracks.</summary>
internal sealed partial class RecordingRegistry
{
    /// <summary>The room's recording rules (GET RecordingRules).</summary>
    public RecordingRulesState GetRules(string roomSidOrName)
    {
        using var held = account.Begin(out _);
        return RulesOf(rooms.Find(roomSidOrName));
    }

    /// <summary>
    /// Replaces the room's recording rules (POST RecordingRules; "each POST replaces all rules", docs), with the rules
    /// read from the request once the room is found (an unknown room is 20404 before an invalid rule set), under the
    /// same lock. Live tracks are re-evaluated at once: newly included ones start recording, newly excluded ones stop.
    /// The rules must already be valid (<see cref="RoomRules.CheckRecordingRules"/>).
    /// </summary>
    /// <returns>The room the name resolved to, and its rules now.</returns>
    public (Room Room, RecordingRulesState Rules) UpdateRules(string roomSidOrName, Func<IReadOnlyList<RecordingRule>> readRules)
    {
        using var held = account.Begin(out var now);
        var room = rooms.Find(roomSidOrName);
        var rules = readRules();
        if (!IsRecordable(room.Current))
            throw new TwilioErrorException(TwilioErrors.RecordingOperationNotSupported);
        room.Current = room.Current with { RecordingRules = rules };
        RecordingsOf(room.Current).RulesUpdated = now;
        // [INFERRED] A completed room keeps the rules it is given; nothing is recorded any more.
        if (room.Current.Status == RoomStatus.InProgress)
            foreach (var participant in room.Participants)
            {
                if (participant.Current.Status != ParticipantStatus.Connected)
                    continue;
                foreach (var track in participant.Tracks)
                {
                    var included = RecordingRuleEvaluator.Includes(rules, track, participant.Current);
                    var capturing = _capturingByTrack.ContainsKey(track.Sid);
                    if (included && !capturing)
                        StartRecording(room, participant.Current, track, now);
                    else if (!included && capturing)
                        OnTrackStopped(track, now);
                }
            }
        return (room.Current, RulesOf(room));
    }

    private RecordingRulesState RulesOf(RoomState room) =>
        new(room.Current.Sid, room.Current.RecordingRules, room.Current.DateCreated,
            _roomRecordings.TryGetValue(room.Current.Sid, out var of) && of.RulesUpdated is { } updated ? updated : room.Current.DateCreated);
}
