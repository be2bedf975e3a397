using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Participants;
using FakeRooms.Http;
using FakeRooms.Wire;
using static FakeRooms.Control.ControlParameters;

namespace FakeRooms.Control;

/// <summary>
/// Simulated participants and tracks for tests in any language, under <c>/__fakerooms/rooms/...</c>: what Video SDK
/// clients do over WebRTC, which Twilio's REST API cannot do (FACTS §3.1: "Participants cannot be created via REST").
/// The same rules as in-process <see cref="SimulatedRooms"/>: every error is the domain's Twilio error, in Twilio's
/// error JSON. Bodies are the REST resources' own JSON, so <c>url</c> and <c>links</c> lead back to <c>/v1/...</c>.
/// Rooms belong to the default account unless the form (or query) names another with <c>AccountSid</c>.
/// </summary>
internal static class ParticipantsControl
{
    private const string Participants = "/__fakerooms/rooms/{Room}/participants";
    private const string Participant = Participants + "/{Participant}";
    private const string Tracks = Participant + "/tracks";
    private const string Track = Tracks + "/{Track}";

    public static void Register(RouteTable routes)
    {
        routes.Add("POST", Participants, Operation.Control, Connect, control: true,
            summary: "A simulated participant joins the room (form Identity; AccountSid for another account): 201 with the participant.",
            parameters: [Text("Identity").Required(), AccountSid]);
        routes.Add("POST", Participant + "/disconnect", Operation.Control, Disconnect, control: true,
            summary: "The participant (PA SID or identity) leaves the room: 200 with the participant.",
            parameters: [AccountSid]);
        routes.Add("POST", Participant + "/lose-connection", Operation.Control,
            ctx => ParticipantResult(200, StoreOf(ctx).Reconnections.LoseConnection(ctx.Path("Room"), ctx.Path("Participant")), ctx), control: true,
            summary: "The participant loses its connection: reconnecting until it reconnects or the reconnection window runs out (53002).",
            parameters: [AccountSid]);
        routes.Add("POST", Participant + "/reconnect", Operation.Control,
            ctx => ParticipantResult(200, StoreOf(ctx).Reconnections.Reconnect(ctx.Path("Room"), ctx.Path("Participant")), ctx), control: true,
            summary: "A reconnecting participant comes back: connected again (53204 when it is not reconnecting).",
            parameters: [AccountSid]);
        routes.Add("POST", Tracks, Operation.Control, Publish, control: true,
            summary: "The participant publishes a track (form Kind audio|video|data, Name): 201 with the published track.",
            parameters: [Enum("Kind", "audio", "video", "data").Required(), Text("Name").Required(), AccountSid]);
        routes.Add("POST", Track + "/unpublish", Operation.Control, Unpublish, control: true,
            summary: "The participant stops publishing the track (MT SID or name).",
            parameters: [AccountSid]);
        routes.Add("POST", Track + "/enable", Operation.Control, ctx => SetEnabled(ctx, true), control: true,
            summary: "The participant resumes the track (track-enabled).",
            parameters: [AccountSid]);
        routes.Add("POST", Track + "/disable", Operation.Control, ctx => SetEnabled(ctx, false), control: true,
            summary: "The participant pauses the track (track-disabled).",
            parameters: [AccountSid]);
    }

    /// <summary>
    /// A participant joins (form <c>Identity</c>): 201 with the participant. Full room 53105, unknown room 53106,
    /// completed room 53118, identity empty 53200 or over 128 characters 53201; an identity already connected is
    /// disconnected first (its client gets 53205) and the newcomer joins.
    /// </summary>
    private static HttpResult Connect(RequestContext ctx)
    {
        // A missing field is a malformed request (20001); an empty one reaches the domain's identity rule (53200).
        var identity = ctx.Arguments.Raw("Identity") ?? throw new TwilioErrorException(TwilioErrors.MissingParameter("Identity"));
        var participant = StoreOf(ctx).Connect(ctx.Path("Room"), identity);
        return ParticipantResult(201, participant, ctx);
    }

    /// <summary>A participant leaves: 200 with the participant, now disconnected (leaving twice changes nothing).</summary>
    private static HttpResult Disconnect(RequestContext ctx) =>
        ParticipantResult(200, StoreOf(ctx).Disconnect(ctx.Path("Room"), ctx.Path("Participant")), ctx);

    /// <summary>
    /// A connected participant publishes a track (form <c>Kind</c> = audio|video|data, <c>Name</c>): 201 with the
    /// published track. Video in an audio-only room 53125, room track limit 53203, name empty 53301, over 128
    /// characters 53302, already published 53304, participant gone 53204.
    /// </summary>
    private static HttpResult Publish(RequestContext ctx)
    {
        var rawKind = ctx.Arguments.Raw("Kind") ?? throw new TwilioErrorException(TwilioErrors.MissingParameter("Kind"));
        if (!WireNames.TryTrackKind(rawKind.ToLowerInvariant(), out var kind))
            throw new TwilioErrorException(TwilioErrors.InvalidParameter("Kind", rawKind));
        var name = ctx.Arguments.Raw("Name") ?? throw new TwilioErrorException(TwilioErrors.MissingParameter("Name"));
        var track = StoreOf(ctx).Publish(ctx.Path("Room"), ctx.Path("Participant"), kind, name);
        return TrackResult(201, track, ctx);
    }

    /// <summary>A participant stops publishing a track (by MT SID or name): 200 with the track as it was.</summary>
    private static HttpResult Unpublish(RequestContext ctx) =>
        TrackResult(200, StoreOf(ctx).Unpublish(ctx.Path("Room"), ctx.Path("Participant"), ctx.Path("Track")), ctx);

    /// <summary>A participant resumes or pauses a track (by MT SID or name): 200 with the track.</summary>
    private static HttpResult SetEnabled(RequestContext ctx, bool enabled) =>
        TrackResult(200, StoreOf(ctx).SetTrackEnabled(ctx.Path("Room"), ctx.Path("Participant"), ctx.Path("Track"), enabled), ctx);

    private static HttpResult ParticipantResult(int status, Domain.Participants.Participant participant, RequestContext ctx) =>
        new(status, JsonText.Write(w => TwilioJson.WriteParticipant(w, participant, ctx.BaseUrl)));

    private static HttpResult TrackResult(int status, PublishedTrack track, RequestContext ctx) =>
        new(status, JsonText.Write(w => TwilioJson.WritePublishedTrack(w, track, ctx.BaseUrl)));
}
