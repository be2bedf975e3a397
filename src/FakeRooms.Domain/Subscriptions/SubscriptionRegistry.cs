using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Subscriptions;

/// <summary>
/// Participants' subscribe rules (docs https://www.twilio.com/docs/video/api/track-subscriptions). The rules live on
/// each participant; <see cref="TrackRegistry"/> applies them whenever subscribed tracks are read.
/// </summary>
internal sealed class SubscriptionRegistry(AccountState account, RoomIndex rooms)
{
    /// <summary>A participant's subscribe rules (GET SubscribeRules), with the participant they belong to.</summary>
    public (Participant Participant, IReadOnlyList<SubscribeRule> Rules) Get(string roomSidOrName, string participantSidOrIdentity)
    {
        using var held = account.Begin(out _);
        var room = rooms.Find(roomSidOrName);
        var participant = ParticipantRegistry.Find(room, roomSidOrName, participantSidOrIdentity);
        CheckSubscribable(room);
        return (participant.Current, participant.SubscribeRules);
    }

    /// <summary>
    /// Replaces a participant's subscribe rules (POST SubscribeRules). Docs: "Every time a developer POSTs a set of new
    /// subscription rules, the previous rules are fully erased and replaced"; an invalid set leaves the active rules as
    /// they were. <paramref name="readRules"/> reads (and checks) the rules once the room and participant are found, so
    /// an unknown one is 20404 first, under the same lock.
    /// </summary>
    public (Participant Participant, IReadOnlyList<SubscribeRule> Rules) Update(string roomSidOrName, string participantSidOrIdentity,
        Func<IReadOnlyList<SubscribeRule>> readRules)
    {
        using var held = account.Begin(out _);
        var room = rooms.Find(roomSidOrName);
        var participant = ParticipantRegistry.Find(room, roomSidOrName, participantSidOrIdentity);
        var rules = readRules();
        CheckSubscribable(room);
        // [INFERRED] A disconnected participant (or one in an ended room) keeps the rules it is given; it subscribes to
        // nothing any more.
        participant.SubscribeRules = rules;
        return (participant.Current, rules);
    }

    /// <summary>
    /// 53117 for peer-to-peer and go rooms: the older track-subscriptions docs say "The Track Subscription API is only
    /// available in Group Rooms" (peer-to-peer rooms have no media server to forward tracks).
    /// </summary>
    private static void CheckSubscribable(RoomState room)
    {
        if (room.Current.Type is RoomType.PeerToPeer or RoomType.Go)
            throw new TwilioErrorException(TwilioErrors.SubscriptionOperationNotSupported);
    }
}
