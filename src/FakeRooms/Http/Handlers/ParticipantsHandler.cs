using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Rooms;
using FakeRooms.Http.Catalogue;
using FakeRooms.Validation;
using FakeRooms.Wire;

namespace FakeRooms.Http.Handlers;

/// <summary>
/// Participants and their tracks (spec paths under /v1/Rooms/{RoomSid}/Participants). {RoomSid} takes a room SID or
/// the name of an in-progress room; participant {Sid} a PA SID or a connected identity (docs participants).
/// </summary>
internal static class ParticipantsHandler
{
    public static HttpResult Read(RequestContext ctx)
    {
        var args = ctx.Arguments;
        ParticipantStatus? status = null;
        if (args.Text("Status") is { } rawStatus)
        {
            if (!WireNames.TryParticipantStatus(rawStatus, out var parsed))
                throw new TwilioErrorException(TwilioErrors.InvalidParameter("Status", rawStatus));
            status = parsed;
        }
        var after = args.Date("DateCreatedAfter");
        var before = args.Date("DateCreatedBefore");
        var paging = PageRequest.Parse(args);
        var roomId = ctx.Path("RoomSid");
        // One lock resolves the room and reads its participants: the page and its URLs are about the same room.
        var (room, page) = ctx.Store.ListParticipants(roomId, new ParticipantQuery
        {
            Status = status,
            Identity = args.Text("Identity"),
            CreatedOnOrAfter = after,
            CreatedBefore = before,
            PageSize = paging.PageSize,
            Cursor = paging.Cursor,
        });
        var baseUrl = ctx.BaseUrl;
        var meta = paging.Meta(baseUrl, $"/v1/Rooms/{room.Sid}/Participants",
            args.Filters("Status", "Identity", "DateCreatedAfter", "DateCreatedBefore"), page);
        return new HttpResult(200, TwilioJson.Page("participants", page.Items, (w, p) => TwilioJson.WriteParticipant(w, p, baseUrl), meta)) { Room = room };
    }

    public static HttpResult Fetch(RequestContext ctx)
    {
        var participant = ctx.Store.GetParticipant(ctx.Path("RoomSid"), ctx.Path("Sid"));
        return new HttpResult(200, JsonText.Write(w => TwilioJson.WriteParticipant(w, participant, ctx.BaseUrl)));
    }

    /// <summary>Kicks a participant: <c>Status=disconnected</c> (docs: "Kick/Remove Participant from a Room"); 202.</summary>
    public static HttpResult Update(RequestContext ctx)
    {
        var args = ctx.Arguments;
        var status = args.Text("Status");
        var participant = ctx.Store.Disconnect(ctx.Path("RoomSid"), ctx.Path("Sid"), validate: () =>
        {
            if (status is null)
                throw new TwilioErrorException(TwilioErrors.MissingParameter("Status"));
            if (!WireNames.TryParticipantStatus(status, out var parsed) || parsed != ParticipantStatus.Disconnected)
                throw new TwilioErrorException(TwilioErrors.InvalidParameter("Status", status));
        });
        return new HttpResult(202, JsonText.Write(w => TwilioJson.WriteParticipant(w, participant, ctx.BaseUrl)));
    }

    /// <summary>Anonymize takes no body and answers 200 with the anonymize schema (spec).</summary>
    public static HttpResult Anonymize(RequestContext ctx)
    {
        var participant = ctx.Store.Anonymize(ctx.Path("RoomSid"), ctx.Path("Sid"));
        return new HttpResult(200, JsonText.Write(w => TwilioJson.WriteAnonymize(w, participant, ctx.BaseUrl)));
    }

    public static HttpResult ReadPublished(RequestContext ctx)
    {
        var (roomId, participantId, paging) = TrackListContext(ctx);
        var (participant, tracks) = ctx.Store.PublishedTracksOf(roomId, participantId);
        var page = Paging.Page(tracks, static t => (t.DateCreated, t.Sequence), static t => t, paging.PageSize, paging.Cursor);
        var baseUrl = ctx.BaseUrl;
        var meta = paging.Meta(baseUrl, $"/v1/Rooms/{participant.RoomSid}/Participants/{participant.Sid}/PublishedTracks", [], page);
        return new HttpResult(200, TwilioJson.Page("published_tracks", page.Items, (w, t) => TwilioJson.WritePublishedTrack(w, t, baseUrl), meta));
    }

    /// <summary>A published track by MT SID or by name (docs: {TrackNameOrSid}).</summary>
    public static HttpResult FetchPublished(RequestContext ctx)
    {
        var roomId = ctx.Path("RoomSid");
        var id = ctx.Path("Sid");
        var track = ctx.Store.PublishedTracks(roomId, ctx.Path("ParticipantSid")).FirstOrDefault(t => t.Sid == id || t.Name == id)
                    ?? throw new TwilioErrorException(TwilioErrors.NotFound($"/Rooms/{roomId}/Participants/{ctx.Path("ParticipantSid")}/PublishedTracks/{id}"));
        return new HttpResult(200, JsonText.Write(w => TwilioJson.WritePublishedTrack(w, track, ctx.BaseUrl)));
    }

    public static HttpResult ReadSubscribed(RequestContext ctx)
    {
        var (roomId, participantId, paging) = TrackListContext(ctx);
        var (participant, tracks) = ctx.Store.SubscribedTracksOf(roomId, participantId);
        var page = Paging.Page(tracks, static t => (t.DateCreated, t.Sequence), static t => t, paging.PageSize, paging.Cursor);
        var baseUrl = ctx.BaseUrl;
        var meta = paging.Meta(baseUrl, $"/v1/Rooms/{participant.RoomSid}/Participants/{participant.Sid}/SubscribedTracks", [], page);
        return new HttpResult(200, TwilioJson.Page("subscribed_tracks", page.Items, (w, t) => TwilioJson.WriteSubscribedTrack(w, t, baseUrl), meta));
    }

    public static HttpResult FetchSubscribed(RequestContext ctx)
    {
        var roomId = ctx.Path("RoomSid");
        var id = ctx.Path("Sid");
        var track = ctx.Store.SubscribedTracks(roomId, ctx.Path("ParticipantSid")).FirstOrDefault(t => t.Sid == id)
                    ?? throw new TwilioErrorException(TwilioErrors.NotFound($"/Rooms/{roomId}/Participants/{ctx.Path("ParticipantSid")}/SubscribedTracks/{id}"));
        return new HttpResult(200, JsonText.Write(w => TwilioJson.WriteSubscribedTrack(w, track, ctx.BaseUrl)));
    }

    private static (string RoomId, string ParticipantId, PageRequest Paging) TrackListContext(RequestContext ctx)
    {
        var args = ctx.Arguments;
        var paging = PageRequest.Parse(args);
        return (ctx.Path("RoomSid"), ctx.Path("ParticipantSid"), paging);
    }
}
