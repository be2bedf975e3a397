using FakeRooms.Domain.Subscriptions;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Participants;

/// <summary>Simulated tracks: what connected participants publish, pause and stop, and what they receive.</summary>
internal sealed class TrackRegistry(AccountState account, RoomIndex rooms, RecordingRegistry recordings)
{
    /// <summary>A connected participant publishes a track.</summary>
    public PublishedTrack Publish(string roomSidOrName, string participantSidOrIdentity, TrackKind kind, string name)
    {
        using var held = account.Begin(out var now);
        var room = rooms.Find(roomSidOrName);
        var participant = ParticipantRegistry.FindConnected(room, roomSidOrName, participantSidOrIdentity);
        if (string.IsNullOrEmpty(name))
            throw new TwilioErrorException(TwilioErrors.TrackNameInvalid);
        if (name.Length > ParticipantRegistry.MaxNameLength)
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
            Sid = account.Sids.Next("MT"),
            ParticipantSid = participant.Current.Sid,
            RoomSid = room.Current.Sid,
            Name = name,
            Kind = kind,
            Enabled = true,
            DateCreated = now,
            DateUpdated = now,
            Sequence = account.NextSequence(),
        };
        participant.Tracks.Add(track);
        account.Emit(room, RoomEventKind.TrackAdded, now, participant.Current, track);
        recordings.OnTrackPublished(room, participant, track, now);
        return track;
    }

    /// <summary>A participant stops publishing a track.</summary>
    public PublishedTrack Unpublish(string roomSidOrName, string participantSidOrIdentity, string trackSidOrName)
    {
        using var held = account.Begin(out var now);
        var room = rooms.Find(roomSidOrName);
        var participant = ParticipantRegistry.FindConnected(room, roomSidOrName, participantSidOrIdentity);
        var index = TrackIndex(participant, roomSidOrName, trackSidOrName);
        var track = participant.Tracks[index];
        participant.Tracks.RemoveAt(index);
        account.Emit(room, RoomEventKind.TrackRemoved, now, participant.Current, track);
        recordings.OnTrackStopped(track, now);
        return track;
    }

    /// <summary>A participant pauses (false) or resumes (true) a track; no event when nothing changes.</summary>
    public PublishedTrack SetEnabled(string roomSidOrName, string participantSidOrIdentity, string trackSidOrName, bool enabled)
    {
        using var held = account.Begin(out var now);
        var room = rooms.Find(roomSidOrName);
        var participant = ParticipantRegistry.FindConnected(room, roomSidOrName, participantSidOrIdentity);
        var index = TrackIndex(participant, roomSidOrName, trackSidOrName);
        var track = participant.Tracks[index];
        if (track.Enabled == enabled)
            return track;
        track = track with { Enabled = enabled, DateUpdated = now };
        participant.Tracks[index] = track;
        account.Emit(room, enabled ? RoomEventKind.TrackEnabled : RoomEventKind.TrackDisabled, now, participant.Current, track);
        return track;
    }

    /// <summary>A participant and the tracks it publishes now (newest first), resolved under one lock.</summary>
    public (Participant Participant, IReadOnlyList<PublishedTrack> Tracks) PublishedBy(string roomSidOrName, string participantSidOrIdentity)
    {
        using var held = account.Begin(out _);
        var room = rooms.Find(roomSidOrName);
        var participant = ParticipantRegistry.Find(room, roomSidOrName, participantSidOrIdentity);
        return (participant.Current, Enumerable.Reverse(participant.Tracks).ToList());
    }

    /// <summary>
    /// A participant and the tracks it receives: the tracks of the other participants its subscribe rules include (by
    /// default every one; docs track-subscriptions), newest first, resolved under one lock. A reconnecting participant
    /// keeps its subscriptions and its tracks.
    /// </summary>
    public (Participant Participant, IReadOnlyList<SubscribedTrack> Tracks) SubscribedBy(string roomSidOrName, string participantSidOrIdentity)
    {
        using var held = account.Begin(out _);
        var room = rooms.Find(roomSidOrName);
        var subscriber = ParticipantRegistry.Find(room, roomSidOrName, participantSidOrIdentity);
        if (subscriber.Current.Status == ParticipantStatus.Disconnected)
            return (subscriber.Current, []);
        var result = new List<SubscribedTrack>();
        foreach (var publisher in room.Participants)
        {
            if (ReferenceEquals(publisher, subscriber) || publisher.Current.Status == ParticipantStatus.Disconnected)
                continue;
            foreach (var track in publisher.Tracks)
            {
                // Docs track-subscriptions: rules "are enforced declaratively ... every time there is change in the
                // Room's available tracks", so the set is computed from the rules whenever it is read.
                if (!SubscribeRules.Subscribes(subscriber.SubscribeRules, subscriber.Current, publisher.Current, track))
                    continue;
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

    private static int TrackIndex(ParticipantState participant, string roomId, string trackSidOrName)
    {
        for (var i = 0; i < participant.Tracks.Count; i++)
            if (participant.Tracks[i].Sid == trackSidOrName || participant.Tracks[i].Name == trackSidOrName)
                return i;
        throw new TwilioErrorException(TwilioErrors.NotFound(
            $"/Rooms/{roomId}/Participants/{participant.Current.Sid}/PublishedTracks/{trackSidOrName}"));
    }
}
