using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Participants;

/// <summary>
/// Simulated participants: what WebRTC clients do in a real room (connect, leave, get kicked over REST, anonymized),
/// driven by tests. Their tracks are <see cref="TrackRegistry"/>'s.
/// </summary>
internal sealed class ParticipantRegistry(AccountState account, RoomIndex rooms, RecordingRegistry recordings)
{
    /// <summary>Longest participant identity and track name (docs programmable-video-limits: 128 characters).</summary>
    public const int MaxNameLength = 128;

    /// <summary>A participant joins. An identity already connected is disconnected first (error 53205 on its client).</summary>
    public Participant Connect(string roomSidOrName, string identity)
    {
        using var held = account.Begin(out var now);
        var room = rooms.TryFind(roomSidOrName) ?? throw new TwilioErrorException(TwilioErrors.RoomNotFound);
        if (room.Current.Status != RoomStatus.InProgress)
            throw new TwilioErrorException(TwilioErrors.RoomCompleted);
        if (string.IsNullOrEmpty(identity))
            throw new TwilioErrorException(TwilioErrors.ParticipantIdentityInvalid);
        if (identity.Length > MaxNameLength)
            throw new TwilioErrorException(TwilioErrors.ParticipantIdentityTooLong);

        // Spec (room_participant.identity): "If a client joins with an existing Identity, the existing client is
        // disconnected." Its client gets 53205 "Participant disconnected because of duplicate identity" (ERR-JS;
        // twilio-video.js#340). The newcomer takes the place, so a full room does not refuse it.
        if (room.ConnectedByIdentity.TryGetValue(identity, out var earlier))
            Disconnect(room, earlier, now, TwilioErrors.DuplicateIdentity);
        else if (room.ConnectedCount >= room.Current.MaxParticipants)
            throw new TwilioErrorException(TwilioErrors.RoomMaxParticipantsExceeded);

        var participant = new ParticipantState(new Participant
        {
            Sid = account.Sids.Next("PA"),
            RoomSid = room.Current.Sid,
            AccountSid = account.AccountSid,
            Identity = identity,
            Status = ParticipantStatus.Connected,
            DateCreated = now,
            DateUpdated = now,
            StartTime = now,
            Sequence = account.NextSequence(),
        });
        room.Participants.Add(participant);
        room.ConnectedByIdentity[identity] = participant;
        room.Transcription?.OnRoomOccupied(now);
        room.EverJoined = true;
        room.EmptyGeneration++;
        account.Emit(room, RoomEventKind.ParticipantConnected, now, participant.Current);
        account.Timers.Schedule(now.AddSeconds(room.Current.MaxParticipantDuration),
            new RoomTimer(TimerKind.MaxParticipantDuration, room, participant, participant.Generation));
        return participant.Current;
    }

    /// <summary>
    /// A participant leaves (or is kicked over REST with Status=disconnected). <paramref name="validate"/> checks the
    /// request once the participant is found, under the same lock.
    /// </summary>
    public Participant Disconnect(string roomSidOrName, string participantSidOrIdentity, Action? validate = null)
    {
        using var held = account.Begin(out var now);
        var room = rooms.Find(roomSidOrName);
        var participant = Find(room, roomSidOrName, participantSidOrIdentity);
        validate?.Invoke();
        if (participant.Current.Status != ParticipantStatus.Disconnected)
            Disconnect(room, participant, now);
        return participant.Current;
    }

    /// <summary>A participant by PA SID (any status) or identity (connected only, docs participants).</summary>
    public Participant Get(string roomSidOrName, string participantSidOrIdentity)
    {
        using var held = account.Begin(out _);
        var room = rooms.Find(roomSidOrName);
        return Find(room, roomSidOrName, participantSidOrIdentity).Current;
    }

    /// <summary>
    /// Participants of a room. Docs: "For in-progress Rooms the default Status is connected, for completed Rooms only
    /// disconnected Participants are returned."
    /// </summary>
    /// <returns>The room the name resolved to, with the page of its participants.</returns>
    public (Room Room, ListPage<Participant> Page) List(string roomSidOrName, ParticipantQuery query)
    {
        using var held = account.Begin(out _);
        var room = rooms.Find(roomSidOrName);
        var status = room.Current.Status == RoomStatus.InProgress ? query.Status ?? ParticipantStatus.Connected : ParticipantStatus.Disconnected;
        if (room.Current.Status != RoomStatus.InProgress && query.Status is { } asked && asked != ParticipantStatus.Disconnected)
            return (room.Current, new ListPage<Participant>([], null, null));
        var matching = new List<ParticipantState>();
        for (var i = room.Participants.Count - 1; i >= 0; i--)
        {
            var p = room.Participants[i].Current;
            if (p.Status == status && (query.Identity is null || p.Identity == query.Identity))
                matching.Add(room.Participants[i]);
        }
        return (room.Current, Paging.Page(matching, static p => (p.Current.DateCreated, p.Current.Sequence), static p => p.Current,
            query.PageSize, query.Cursor, query.CreatedOnOrAfter, query.CreatedBefore));
    }

    /// <summary>Replaces a participant's identity with its SID (REST Anonymize).</summary>
    public Participant Anonymize(string roomSidOrName, string participantSidOrIdentity)
    {
        using var held = account.Begin(out var now);
        var room = rooms.Find(roomSidOrName);
        var participant = Find(room, roomSidOrName, participantSidOrIdentity);
        var identity = participant.Current.Identity;
        if (room.ConnectedByIdentity.TryGetValue(identity, out var connected) && ReferenceEquals(connected, participant))
        {
            room.ConnectedByIdentity.Remove(identity);
            room.ConnectedByIdentity[participant.Current.Sid] = participant;
        }
        participant.Current = participant.Current with { Identity = participant.Current.Sid, DateUpdated = now };
        return participant.Current;
    }

    /// <summary>Every participant of a room, oldest first (snapshots, assertions).</summary>
    public IReadOnlyList<Participant> All(string roomSidOrName)
    {
        using var held = account.Begin(out _);
        return rooms.Find(roomSidOrName).Participants.Select(p => p.Current).ToList();
    }

    /// <summary>
    /// Disconnects a participant under the lock: its tracks are removed, <c>participant-disconnected</c> is sent, and
    /// when it was the last one the room's empty timeout starts (unless the room itself is ending).
    /// </summary>
    public void Disconnect(RoomState room, ParticipantState participant, DateTimeOffset at, TwilioError? reason = null,
        bool roomEnding = false)
    {
        // [INFERRED] a leaving participant's tracks are removed first (track-removed), then it disconnects.
        for (var i = participant.Tracks.Count - 1; i >= 0; i--)
        {
            var track = participant.Tracks[i];
            participant.Tracks.RemoveAt(i);
            account.Emit(room, RoomEventKind.TrackRemoved, at, participant.Current, track);
            recordings.OnTrackStopped(track, at);
        }
        participant.Generation++;
        room.ConnectedByIdentity.Remove(participant.Current.Identity);
        participant.Current = participant.Current with
        {
            Status = ParticipantStatus.Disconnected,
            EndTime = at,
            DateUpdated = at,
            Duration = AccountState.WholeSeconds(participant.Current.StartTime, at),
            DisconnectError = reason,
        };
        account.Emit(room, RoomEventKind.ParticipantDisconnected, at, participant.Current);
        if (room.ConnectedCount == 0)
            room.Transcription?.OnRoomEmptied(at);
        if (!roomEnding && room.ConnectedCount == 0)
        {
            // Docs: the room stays EmptyRoomTimeout minutes after the last participant leaves.
            room.EmptyGeneration++;
            account.Timers.Schedule(at.AddMinutes(room.Current.EmptyRoomTimeout),
                new RoomTimer(TimerKind.Empty, room, Generation: room.EmptyGeneration));
        }
    }

    /// <summary>A participant of the room by PA SID (any status) or identity (connected only); else 20404.</summary>
    public static ParticipantState Find(RoomState room, string roomId, string participantSidOrIdentity)
    {
        foreach (var p in room.Participants)
            if (p.Current.Sid == participantSidOrIdentity)
                return p;
        // Docs: "GET /Participants/{ParticipantIdentity} implicitly searches only connected Participants".
        return room.ConnectedByIdentity.GetValueOrDefault(participantSidOrIdentity)
               ?? throw new TwilioErrorException(TwilioErrors.NotFound($"/Rooms/{roomId}/Participants/{participantSidOrIdentity}"));
    }

    /// <summary>As <see cref="Find"/>, and the participant must be connected (else 53204).</summary>
    public static ParticipantState FindConnected(RoomState room, string roomId, string participantSidOrIdentity)
    {
        var participant = Find(room, roomId, participantSidOrIdentity);
        if (participant.Current.Status != ParticipantStatus.Connected)
            throw new TwilioErrorException(TwilioErrors.ParticipantNotFound);
        return participant;
    }
}

/// <summary>Mutable bookkeeping around a participant; touched only under the account lock.</summary>
internal sealed class ParticipantState(Participant current)
{
    public Participant Current = current;
    public long Generation;
    public readonly List<PublishedTrack> Tracks = [];
    /// <summary>The participant's subscribe rules: Twilio's default rule until a POST replaces them.</summary>
    public IReadOnlyList<Subscriptions.SubscribeRule> SubscribeRules = Subscriptions.SubscribeRules.SubscribeToAll;
    /// <summary>Counts losses of connection, so a reconnection window that ran out after a reconnect does nothing.</summary>
    public long Reconnects;
    /// <summary>When the current reconnection window runs out (meaningful while <c>reconnecting</c>).</summary>
    public DateTimeOffset? ReconnectDeadline;
}
