using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Recordings;

/// <summary>A room's recording rules as the RecordingRules resource shows them (spec <c>room_recording_rule</c>).</summary>
/// <param name="RoomSid">The room.</param>
/// <param name="Rules">The active rules (empty when none).</param>
/// <param name="DateCreated">When the room (and so its rule set) was created.</param>
/// <param name="DateUpdated">When the rules last changed.</param>
internal sealed record RecordingRulesState(string RoomSid, IReadOnlyList<RecordingRule> Rules, DateTimeOffset DateCreated, DateTimeOffset DateUpdated);
