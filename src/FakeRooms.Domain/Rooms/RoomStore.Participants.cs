using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;

namespace FakeRooms.Domain.Rooms;

/// <summary>Simulated participants and tracks: what WebRTC clients do in a real room, driven by tests.</summary>
internal sealed partial class RoomStore
{
    /// <summary>Longest participant identity and track name (docs programmable-video-limits: 128 characters).</summary>
    public const int MaxNameLength = 128;

    /// <summary>A participant joins. An identity already connected is disconnected first (error 53205 on its client).</summary>
    public Participant Connect(string roomSidOrName, string identity)
    {
        lock (_gate)
        {
            var now = Settle();
            var room = TryFind(roomSidOrName) ?? throw new TwilioErrorException(TwilioErrors.RoomNotFound);
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
                DisconnectParticipant(room, earlier, now, TwilioErrors.DuplicateIdentity);
            else if (room.ConnectedCount >= room.Current.MaxParticipants)
                throw new TwilioErrorException(TwilioErrors.RoomMaxParticipantsExceeded);

            var participant = new ParticipantState(new Participant
            {
                Sid = _sids.Next("PA"),
                RoomSid = room.Current.Sid,
                AccountSid = AccountSid,
                Identity = identity,
                Status = ParticipantStatus.Connected,
                DateCreated = now,
                DateUpdated = now,
                StartTime = now,
                Sequence = ++_sequence,
            });
            room.Participants.Add(participant);
            room.ConnectedByIdentity[identity] = participant;
            room.EverJoined = true;
            room.EmptyGeneration++;
            Emit(room, RoomEventKind.ParticipantConnected, now, participant.Current);
            Schedule(now.AddSeconds(room.Current.MaxParticipantDuration),
                new Timer(TimerKind.MaxParticipantDuration, room, participant, participant.Generation));
            return participant.Current;
        }
    }

    /// <summary>
    /// A participant leaves (or is kicked over REST with Status=disconnected). <paramref name="validate"/> checks the
    /// request once the participant is found, under the same lock.
    /// </summary>
    public Participant Disconnect(string roomSidOrName, string participantSidOrIdentity, Action? validate = null)
    {
        lock (_gate)
        {
            var now = Settle();
            var room = Find(roomSidOrName);
            var participant = FindParticipant(room, roomSidOrName, participantSidOrIdentity);
            validate?.Invoke();
            if (participant.Current.Status != ParticipantStatus.Disconnected)
                DisconnectParticipant(room, participant, now);
            return participant.Current;
        }
    }

    /// <summary>A participant by PA SID (any status) or identity (connected only, docs participants).</summary>
    public Participant GetParticipant(string roomSidOrName, string participantSidOrIdentity)
    {
        lock (_gate)
        {
            Settle();
            var room = Find(roomSidOrName);
            return FindParticipant(room, roomSidOrName, participantSidOrIdentity).Current;
        }
    }

    /// <summary>
    /// Participants of a room. Docs: "For in-progress Rooms the default Status is connected, for completed Rooms only
    /// disconnected Participants are returned."
    /// </summary>
    /// <returns>The room the name resolved to, with the page of its participants.</returns>
    public (Room Room, ListPage<Participant> Page) ListParticipants(string roomSidOrName, ParticipantQuery query)
    {
        lock (_gate)
        {
            Settle();
            var room = Find(roomSidOrName);
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
    }

    /// <summary>Replaces a participant's identity with its SID (REST Anonymize).</summary>
    public Participant Anonymize(string roomSidOrName, string participantSidOrIdentity)
    {
        lock (_gate)
        {
            var now = Settle();
            var room = Find(roomSidOrName);
            var participant = FindParticipant(room, roomSidOrName, participantSidOrIdentity);
            var identity = participant.Current.Identity;
            if (room.ConnectedByIdentity.TryGetValue(identity, out var connected) && ReferenceEquals(connected, participant))
            {
                room.ConnectedByIdentity.Remove(identity);
                room.ConnectedByIdentity[participant.Current.Sid] = participant;
            }
            participant.Current = participant.Current with { Identity = participant.Current.Sid, DateUpdated = now };
            return participant.Current;
        }
    }

    /// <summary>A connected participant publishes a track.</summary>
    public PublishedTrack Publish(string roomSidOrName, string participantSidOrIdentity, TrackKind kind, string name)
    {
        lock (_gate)
        {
            var now = Settle();
            var room = Find(roomSidOrName);
            var participant = ConnectedParticipant(room, roomSidOrName, participantSidOrIdentity);
            if (string.IsNullOrEmpty(name))
                throw new TwilioErrorException(TwilioErrors.TrackNameInvalid);
            if (name.Length > MaxNameLength)
                throw new TwilioErrorException(TwilioErrors.TrackNameTooLong);
            if (participant.Tracks.Any(t => t.Name == name))
                throw new TwilioErrorException(TwilioErrors.TrackNameDuplicated);
            // Spec AudioOnly: "No video tracks will be allowed."
            if (room.Current.AudioOnly && kind == TrackKind.Video)
                throw new TwilioErrorException(TwilioErrors.TrackKindNotSupported);
            if (room.Current.MaxConcurrentPublishedTracks > 0 &&
                room.Participants.Sum(p => p.Tracks.Count) >= room.Current.MaxConcurrentPublishedTracks)
                throw new TwilioErrorException(TwilioErrors.MaxTracksExceeded);

            var track = new PublishedTrack
            {
                Sid = _sids.Next("MT"),
                ParticipantSid = participant.Current.Sid,
                RoomSid = room.Current.Sid,
                Name = name,
                Kind = kind,
                Enabled = true,
                DateCreated = now,
                DateUpdated = now,
                Sequence = ++_sequence,
            };
            participant.Tracks.Add(track);
            Emit(room, RoomEventKind.TrackAdded, now, participant.Current, track);
            OnTrackPublished(room, participant, track, now);
            return track;
        }
    }

    /// <summary>A participant stops publishing a track.</summary>
    public PublishedTrack Unpublish(string roomSidOrName, string participantSidOrIdentity, string trackSidOrName)
    {
        lock (_gate)
        {
            var now = Settle();
            var room = Find(roomSidOrName);
            var participant = ConnectedParticipant(room, roomSidOrName, participantSidOrIdentity);
            var index = TrackIndex(participant, roomSidOrName, trackSidOrName);
            var track = participant.Tracks[index];
            participant.Tracks.RemoveAt(index);
            Emit(room, RoomEventKind.TrackRemoved, now, participant.Current, track);
            OnTrackStopped(track, now);
            return track;
        }
    }

    /// <summary>A participant pauses (false) or resumes (true) a track; no event when nothing changes.</summary>
    public PublishedTrack SetTrackEnabled(string roomSidOrName, string participantSidOrIdentity, string trackSidOrName, bool enabled)
    {
        lock (_gate)
        {
            var now = Settle();
            var room = Find(roomSidOrName);
            var participant = ConnectedParticipant(room, roomSidOrName, participantSidOrIdentity);
            var index = TrackIndex(participant, roomSidOrName, trackSidOrName);
            var track = participant.Tracks[index];
            if (track.Enabled == enabled)
                return track;
            track = track with { Enabled = enabled, DateUpdated = now };
            participant.Tracks[index] = track;
            Emit(room, enabled ? RoomEventKind.TrackEnabled : RoomEventKind.TrackDisabled, now, participant.Current, track);
            return track;
        }
    }

    /// <summary>Tracks a participant publishes now, newest first.</summary>
    public IReadOnlyList<PublishedTrack> PublishedTracks(string roomSidOrName, string participantSidOrIdentity) =>
        PublishedTracksOf(roomSidOrName, participantSidOrIdentity).Tracks;

    /// <summary>A participant and the tracks it publishes now (newest first), resolved under one lock.</summary>
    public (Participant Participant, IReadOnlyList<PublishedTrack> Tracks) PublishedTracksOf(string roomSidOrName, string participantSidOrIdentity)
    {
        lock (_gate)
        {
            Settle();
            var room = Find(roomSidOrName);
            var participant = FindParticipant(room, roomSidOrName, participantSidOrIdentity);
            return (participant.Current, Enumerable.Reverse(participant.Tracks).ToList());
        }
    }

    /// <summary>
    /// Tracks a participant receives: every track the other connected participants publish (each connected
    /// participant subscribes to everything by default; docs track-subscriptions), newest first.
    /// </summary>
    public IReadOnlyList<SubscribedTrack> SubscribedTracks(string roomSidOrName, string participantSidOrIdentity) =>
        SubscribedTracksOf(roomSidOrName, participantSidOrIdentity).Tracks;

    /// <summary>A participant and the tracks it receives now (newest first), resolved under one lock.</summary>
    public (Participant Participant, IReadOnlyList<SubscribedTrack> Tracks) SubscribedTracksOf(string roomSidOrName, string participantSidOrIdentity)
    {
        lock (_gate)
        {
            Settle();
            var room = Find(roomSidOrName);
            var subscriber = FindParticipant(room, roomSidOrName, participantSidOrIdentity);
            if (subscriber.Current.Status != ParticipantStatus.Connected)
                return (subscriber.Current, []);
            var result = new List<SubscribedTrack>();
            foreach (var publisher in room.Participants)
            {
                if (ReferenceEquals(publisher, subscriber) || publisher.Current.Status != ParticipantStatus.Connected)
                    continue;
                foreach (var track in publisher.Tracks)
                {
                    var since = track.DateCreated > subscriber.Current.StartTime ? track.DateCreated : subscriber.Current.StartTime;
                    result.Add(new SubscribedTrack
                    {
                        Sid = track.Sid,
                        ParticipantSid = subscriber.Current.Sid,
                        PublisherSid = publisher.Current.Sid,
                        RoomSid = room.Current.Sid,
                        Name = track.Name,
                        Kind = track.Kind,
                        Enabled = track.Enabled,
                        DateCreated = since,
                        DateUpdated = track.DateUpdated > since ? track.DateUpdated : since,
                        Sequence = track.Sequence,
                    });
                }
            }
            result.Sort(static (a, b) => NewestFirstIndex<SubscribedTrack>.Compare((a.DateCreated, a.Sequence), (b.DateCreated, b.Sequence)));
            return (subscriber.Current, result);
        }
    }

    /// <summary>Every participant of every room, oldest first (snapshots, assertions).</summary>
    public IReadOnlyList<Participant> AllParticipants(string roomSidOrName)
    {
        lock (_gate)
        {
            Settle();
            return Find(roomSidOrName).Participants.Select(p => p.Current).ToList();
        }
    }

    // ------------------------------------------------------------------ internals

    private void DisconnectParticipant(RoomState room, ParticipantState participant, DateTimeOffset at, TwilioError? reason = null,
        bool roomEnding = false)
    {
        // [INFERRED] a leaving participant's tracks are removed first (track-removed), then it disconnects.
        for (var i = participant.Tracks.Count - 1; i >= 0; i--)
        {
            var track = participant.Tracks[i];
            participant.Tracks.RemoveAt(i);
            Emit(room, RoomEventKind.TrackRemoved, at, participant.Current, track);
            OnTrackStopped(track, at);
        }
        participant.Generation++;
        room.ConnectedByIdentity.Remove(participant.Current.Identity);
        participant.Current = participant.Current with
        {
            Status = ParticipantStatus.Disconnected,
            EndTime = at,
            DateUpdated = at,
            Duration = WholeSeconds(participant.Current.StartTime, at),
            DisconnectError = reason,
        };
        Emit(room, RoomEventKind.ParticipantDisconnected, at, participant.Current);
        if (!roomEnding && room.ConnectedCount == 0)
        {
            // Docs: the room stays EmptyRoomTimeout minutes after the last participant leaves.
            room.EmptyGeneration++;
            Schedule(at.AddMinutes(room.Current.EmptyRoomTimeout), new Timer(TimerKind.Empty, room, Generation: room.EmptyGeneration));
        }
    }

    private static ParticipantState FindParticipant(RoomState room, string roomId, string participantSidOrIdentity)
    {
        foreach (var p in room.Participants)
            if (p.Current.Sid == participantSidOrIdentity)
                return p;
        // Docs: "GET /Participants/{ParticipantIdentity} implicitly searches only connected Participants".
        return room.ConnectedByIdentity.GetValueOrDefault(participantSidOrIdentity)
               ?? throw new TwilioErrorException(TwilioErrors.NotFound($"/Rooms/{roomId}/Participants/{participantSidOrIdentity}"));
    }

    private static ParticipantState ConnectedParticipant(RoomState room, string roomId, string participantSidOrIdentity)
    {
        var participant = FindParticipant(room, roomId, participantSidOrIdentity);
        if (participant.Current.Status != ParticipantStatus.Connected)
            throw new TwilioErrorException(TwilioErrors.ParticipantNotFound);
        return participant;
    }

    private static int TrackIndex(ParticipantState participant, string roomId, string trackSidOrName)
    {
        for (var i = 0; i < participant.Tracks.Count; i++)
            if (participant.Tracks[i].Sid == trackSidOrName || participant.Tracks[i].Name == trackSidOrName)
                return i;
        throw new TwilioErrorException(TwilioErrors.NotFound(
            $"/Rooms/{roomId}/Participants/{participant.Current.Sid}/PublishedTracks/{trackSidOrName}"));
    }

    /// <summary>Mutable bookkeeping around a participant; touched only under the account lock.</summary>
    private sealed class ParticipantState(Participant current)
    {
        public Participant Current = current;
        public long Generation;
        public readonly List<PublishedTrack> Tracks = [];
    }
}

/// <summary>A filtered, paged read of a room's participants.</summary>
internal sealed record ParticipantQuery
{
    /// <summary>Status filter; connected for in-progress rooms when null.</summary>
    public ParticipantStatus? Status { get; init; }
    /// <summary>Only this identity.</summary>
    public string? Identity { get; init; }
    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedOnOrAfter { get; init; }
    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }
    /// <summary>Page size, 1..1000.</summary>
    public int PageSize { get; init; } = 50;
    /// <summary>Page position from a token.</summary>
    public PageCursor? Cursor { get; init; }
}
