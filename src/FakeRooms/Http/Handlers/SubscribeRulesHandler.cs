using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Subscriptions;
using FakeRooms.Validation;
using FakeRooms.Wire;

namespace FakeRooms.Http.Handlers;

/// <summary>
/// A participant's subscribe rules (/v1/Rooms/{RoomSid}/Participants/{ParticipantSid}/SubscribeRules; docs
/// track-subscriptions). {ParticipantSid} takes a PA SID or a connected identity, as the docs' PARTICIPANT_URI does.
/// </summary>
internal static class SubscribeRulesHandler
{
    public static HttpResult Fetch(RequestContext ctx)
    {
        var (participant, rules) = ctx.Store.Subscriptions.Get(ctx.Path("RoomSid"), ctx.Path("ParticipantSid"));
        return new HttpResult(200, SubscribeRulesJson.Write(participant.Sid, participant.RoomSid, rules));
    }

    /// <summary>
    /// Replaces the rules: 200 (spec; it was 202 in the 2024 spec). An invalid set answers 53215 and leaves the active
    /// rules as they were (docs).
    /// </summary>
    public static HttpResult Update(RequestContext ctx)
    {
        var args = ctx.Arguments;
        var strict = ctx.Server.Options.Validation == ValidationProfile.Strict;
        var (participant, rules) = ctx.Store.Subscriptions.Update(ctx.Path("RoomSid"), ctx.Path("ParticipantSid"), () =>
        {
            // [INFERRED] No Rules at all is an invalid rule set, like [] (the spec does not mark Rules required).
            var raw = args.Text("Rules") ?? throw new TwilioErrorException(TwilioErrors.InvalidSubscribeRules);
            var parsed = SubscribeRulesParser.Parse(raw);
            if (strict && SubscribeRules.Check(parsed) is { } error)
                throw new TwilioErrorException(error);
            return parsed;
        });
        return new HttpResult(200, SubscribeRulesJson.Write(participant.Sid, participant.RoomSid, rules));
    }
}
