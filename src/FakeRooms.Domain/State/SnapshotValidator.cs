using System.Text.RegularExpressions;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;
using FakeRooms.Domain.Subscriptions;
using FakeRooms.Domain.Transcriptions;

namespace FakeRooms.Domain.State;

/// <summary>
/// Checks a snapshot before a store is filled from it: SIDs of the right shape and used once, sequences used once,
/// every item of the snapshot's account, references that resolve, and the states the store relies on (a unique name
/// per room in progress, connected participants only in rooms in progress, captures of published tracks only).
/// </summary>
internal static partial class SnapshotValidator
{
    [GeneratedRegex("^RM[0-9a-fA-F]{32}$")]
    private static partial Regex RoomSidPattern();

    [GeneratedRegex("^PA[0-9a-fA-F]{32}$")]
    private static partial Regex ParticipantSidPattern();

    [GeneratedRegex("^MT[0-9a-fA-F]{32}$")]
    private static partial Regex TrackSidPattern();

    [GeneratedRegex("^RT[0-9a-fA-F]{32}$")]
    private static partial Regex RecordingSidPattern();

    [GeneratedRegex("^CJ[0-9a-fA-F]{32}$")]
    private static partial Regex CompositionSidPattern();

    [GeneratedRegex("^HK[0-9a-fA-F]{32}$")]
    private static partial Regex HookSidPattern();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first item that is wrong.</summary>
    public static void Validate(string accountSid, AccountSnapshot snapshot)
    {
        ValidateRooms(accountSid, snapshot);
        ValidateClientFlows(accountSid, snapshot);
        ValidateMedia(accountSid, snapshot);
    }

    /// <summary>Subscribe rules, reconnection windows and transcriptions: the state the client-flow resources rely on.</summary>
    private static void ValidateClientFlows(string accountSid, AccountSnapshot snapshot)
    {
        var sequences = new HashSet<long>(snapshot.Rooms.Select(r => r.Room.Sequence));
        foreach (var entry in snapshot.Rooms)
        {
            var where = $"room {entry.Room.Sid}";
            foreach (var p in entry.Participants)
            {
                var at = $"{where}, participant {p.Participant.Sid}";
                if (p.SubscribeRules is { } rules && (SubscribeRules.Check(rules) is not null || rules.Any(r => r.Malformed)))
                    throw new ArgumentException($"{at}: subscribe_rules are not a valid rule set (1 to {SubscribeRules.MaxRules} rules, each with a type and its filters)");
                if (p.ReconnectDeadline is not null && p.Participant.Status != ParticipantStatus.Reconnecting)
                    throw new ArgumentException($"{at}: only a reconnecting participant has a reconnect_deadline");
            }
            if (entry.Transcription is not { } snap)
                continue;
            var t = snap.Transcription;
            var here = $"{where}, transcription {t.Ttid}";
            if (string.IsNullOrEmpty(t.Ttid))
                throw new ArgumentException($"{where}: the transcription's ttid is empty");
            if (t.RoomSid != entry.Room.Sid || t.AccountSid != accountSid)
                throw new ArgumentException($"{here}: room_sid or account_sid does not match its room");
            if (!sequences.Add(t.Sequence))
                throw new ArgumentException($"{here}: sequence {t.Sequence} appears twice");
            var inProgress = entry.Room.Status == RoomStatus.InProgress;
            if (t.Status == TranscriptionStatus.Started && !inProgress)
                throw new ArgumentException($"{here}: a room that has ended has no started transcription");
            var runs = t.Status == TranscriptionStatus.Started && inProgress
                       && entry.Participants.Any(p => p.Participant.Status != ParticipantStatus.Disconnected);
            if (runs != (snap.RunningSince is not null))
                throw new ArgumentException(runs
                    ? $"{here}: a started transcription with participants in its room needs running_since"
                    : $"{here}: only a started transcription with participants in its room has running_since");
        }
    }

    private static void ValidateRooms(string accountSid, AccountSnapshot snapshot)
    {
        if (snapshot.AccountSid != accountSid)
            throw new ArgumentException($"the snapshot is of account {snapshot.AccountSid}, not {accountSid}");
        var sids = new HashSet<string>(StringComparer.Ordinal);
        var sequences = new HashSet<long>();
        var inProgressNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in snapshot.Rooms)
        {
            var room = entry.Room;
            var where = $"room {room.Sid}";
            if (!RoomSidPattern().IsMatch(room.Sid))
                throw new ArgumentException($"{where}: a room SID is RM followed by 32 hex digits");
            if (!sids.Add(room.Sid))
                throw new ArgumentException($"{where}: the SID appears twice");
            if (!sequences.Add(room.Sequence))
                throw new ArgumentException($"{where}: sequence {room.Sequence} appears twice");
            if (room.AccountSid != accountSid)
                throw new ArgumentException($"{where}: account_sid {room.AccountSid} is not the account {accountSid}");
            if (string.IsNullOrEmpty(room.UniqueName))
                throw new ArgumentException($"{where}: unique_name is empty");
            // Spec: unique_name "is unique for in-progress rooms".
            if (room.Status == RoomStatus.InProgress && !inProgressNames.Add(room.UniqueName))
                throw new ArgumentException($"{where}: two in-progress rooms are named '{room.UniqueName}'");
            if (room.Status != RoomStatus.InProgress && room.EndTime is null)
                throw new ArgumentException($"{where}: a room that is not in progress needs an end_time");
            var identities = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in entry.Participants)
            {
                var participant = p.Participant;
                var at = $"{where}, participant {participant.Sid}";
                if (!ParticipantSidPattern().IsMatch(participant.Sid))
                    throw new ArgumentException($"{at}: a participant SID is PA followed by 32 hex digits");
                if (!sids.Add(participant.Sid))
                    throw new ArgumentException($"{at}: the SID appears twice");
                if (participant.RoomSid != room.Sid || participant.AccountSid != accountSid)
                    throw new ArgumentException($"{at}: room_sid or account_sid does not match its room");
                if (string.IsNullOrEmpty(participant.Identity))
                    throw new ArgumentException($"{at}: identity is empty");
                if (participant.Status != ParticipantStatus.Disconnected)
                {
                    if (room.Status != RoomStatus.InProgress)
                        throw new ArgumentException($"{at}: a room that has ended has no connected participants");
                    if (!identities.Add(participant.Identity))
                        throw new ArgumentException($"{at}: identity '{participant.Identity}' is connected twice");
                }
                else if (p.PublishedTracks.Count > 0)
                    throw new ArgumentException($"{at}: a disconnected participant publishes no tracks");
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var track in p.PublishedTracks)
                {
                    if (!TrackSidPattern().IsMatch(track.Sid))
                        throw new ArgumentException($"{at}, track {track.Sid}: a track SID is MT followed by 32 hex digits");
                    if (!sids.Add(track.Sid))
                        throw new ArgumentException($"{at}, track {track.Sid}: the SID appears twice");
                    if (track.ParticipantSid != participant.Sid || track.RoomSid != room.Sid)
                        throw new ArgumentException($"{at}, track {track.Sid}: participant_sid or room_sid does not match");
                    if (!names.Add(track.Name))
                        throw new ArgumentException($"{at}: track name '{track.Name}' appears twice");
                }
            }
        }
    }

    private static void ValidateMedia(string accountSid, AccountSnapshot snapshot)
    {
        var rooms = snapshot.Rooms.ToDictionary(r => r.Room.Sid, StringComparer.Ordinal);
        var recordings = new HashSet<string>(StringComparer.Ordinal);
        var capturedTracks = new HashSet<string>(StringComparer.Ordinal);
        var sequences = new HashSet<long>();
        foreach (var r in snapshot.Recordings.Select(e => e.Recording))
        {
            var where = $"recording {r.Sid}";
            if (!RecordingSidPattern().IsMatch(r.Sid))
                throw new ArgumentException($"{where}: a recording SID is RT followed by 32 hex digits");
            if (!recordings.Add(r.Sid))
                throw new ArgumentException($"{where}: the SID appears twice");
            if (!sequences.Add(r.Sequence))
                throw new ArgumentException($"{where}: sequence {r.Sequence} appears twice");
            if (r.AccountSid != accountSid)
                throw new ArgumentException($"{where}: account_sid {r.AccountSid} is not the account {accountSid}");
            if (!rooms.TryGetValue(r.RoomSid, out var room))
                throw new ArgumentException($"{where}: room {r.RoomSid} is not in the snapshot");
            var publisher = room.Participants.FirstOrDefault(p => p.Participant.Sid == r.ParticipantSid)
                            ?? throw new ArgumentException($"{where}: participant {r.ParticipantSid} is not in room {r.RoomSid}");
            if (!TrackSidPattern().IsMatch(r.SourceSid))
                throw new ArgumentException($"{where}: source_sid {r.SourceSid} is not a track SID (MT followed by 32 hex digits)");
            if (r.Status != RecordingStatus.Processing)
                continue;
            if (r.CaptureEnded is null)
            {
                // Capturing: the track must be published now, in a room in progress, and captured once.
                if (room.Room.Status != RoomStatus.InProgress)
                    throw new ArgumentException($"{where}: a recording still capturing needs its room in progress");
                if (!publisher.PublishedTracks.Any(t => t.Sid == r.SourceSid))
                    throw new ArgumentException($"{where}: a recording still capturing needs its track {r.SourceSid} published by {r.ParticipantSid}");
                if (!capturedTracks.Add(r.SourceSid))
                    throw new ArgumentException($"{where}: track {r.SourceSid} is captured by two recordings");
            }
            else if (r.AvailableAt is null)
                throw new ArgumentException($"{where}: a processing recording whose capture ended needs available_at");
        }

        var hooks = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in snapshot.CompositionHooks)
        {
            var where = $"composition hook {h.Sid}";
            if (!HookSidPattern().IsMatch(h.Sid))
                throw new ArgumentException($"{where}: a composition hook SID is HK followed by 32 hex digits");
            if (!hooks.Add(h.Sid))
                throw new ArgumentException($"{where}: the SID appears twice");
            if (!sequences.Add(h.Sequence))
                throw new ArgumentException($"{where}: sequence {h.Sequence} appears twice");
            if (h.AccountSid != accountSid)
                throw new ArgumentException($"{where}: account_sid {h.AccountSid} is not the account {accountSid}");
            if (string.IsNullOrEmpty(h.FriendlyName))
                throw new ArgumentException($"{where}: friendly_name is empty");
            // Spec: the hook's friendly name is unique in the account.
            if (!names.Add(h.FriendlyName))
                throw new ArgumentException($"{where}: friendly_name '{h.FriendlyName}' is used by two hooks");
        }

        var compositions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in snapshot.Compositions)
        {
            var c = entry.Composition;
            var where = $"composition {c.Sid}";
            if (!CompositionSidPattern().IsMatch(c.Sid))
                throw new ArgumentException($"{where}: a composition SID is CJ followed by 32 hex digits");
            if (!compositions.Add(c.Sid))
                throw new ArgumentException($"{where}: the SID appears twice");
            if (!sequences.Add(c.Sequence))
                throw new ArgumentException($"{where}: sequence {c.Sequence} appears twice");
            if (c.AccountSid != accountSid)
                throw new ArgumentException($"{where}: account_sid {c.AccountSid} is not the account {accountSid}");
            if (!rooms.ContainsKey(c.RoomSid))
                throw new ArgumentException($"{where}: room {c.RoomSid} is not in the snapshot");
            foreach (var sid in c.RecordingSids)
                if (!recordings.Contains(sid))
                    throw new ArgumentException($"{where}: recording {sid} is not in the snapshot");
        }

        foreach (var (settings, name) in new[] { (snapshot.RecordingSettings, "recording settings"), (snapshot.CompositionSettings, "composition settings") })
            if (settings is not null && settings.AccountSid != accountSid)
                throw new ArgumentException($"{name}: account_sid {settings.AccountSid} is not the account {accountSid}");
    }
}
