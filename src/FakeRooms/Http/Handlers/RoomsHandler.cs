using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Rooms;
using FakeRooms.Http.Catalogue;
using FakeRooms.Validation;
using FakeRooms.Wire;

namespace FakeRooms.Http.Handlers;

/// <summary>The Rooms resource: CreateRoom, FetchRoom, ReadRoom, UpdateRoom (spec paths /v1/Rooms and /v1/Rooms/{Sid}).</summary>
internal static class RoomsHandler
{
    public static HttpResult Create(RequestContext ctx)
    {
        var args = ctx.Arguments;
        var options = ctx.Server.Options;
        var command = CreateRoomParser.Parse(args, options.Validation, options.LargeRoomMaxParticipants);
        var room = ctx.Store.Create(command);
        return HttpResult.Utf8Json(201, TwilioJson.RoomUtf8(room, ctx.BaseUrl), room);
    }

    public static HttpResult Fetch(RequestContext ctx)
    {
        var room = ctx.Store.Get(ctx.Path("Sid"));
        return HttpResult.Utf8Json(200, TwilioJson.RoomUtf8(room, ctx.BaseUrl), room);
    }

    /// <summary>
    /// Ends a room. Missing Status: 20001 with Twilio's exact message (twilio-video.js#852); any other status, or a
    /// room not in progress: 53112. Answers 202, as the current spec does.
    /// </summary>
    public static HttpResult Update(RequestContext ctx)
    {
        var args = ctx.Arguments;
        var id = ctx.Path("Sid");
        var status = args.Text("Status");
        // One lock: the room found is the room ended (a name completed and taken again meanwhile cannot mix two rooms).
        var room = ctx.Store.Complete(id, validate: () =>
        {
            if (status is null)
                throw new TwilioErrorException(TwilioErrors.MissingParameter("Status"));
            if (status != "completed")
                throw new TwilioErrorException(TwilioErrors.RoomStatusInvalid);
        });
        return HttpResult.Utf8Json(202, TwilioJson.RoomUtf8(room, ctx.BaseUrl), room);
    }

    public static HttpResult Read(RequestContext ctx)
    {
        var args = ctx.Arguments;
        RoomStatus? status = null;
        if (args.Text("Status") is { } rawStatus)
        {
            if (!WireNames.TryRoomStatus(rawStatus, out var parsed))
                throw new TwilioErrorException(TwilioErrors.InvalidParameter("Status", rawStatus));
            status = parsed;
        }
        var after = args.Date("DateCreatedAfter");
        var before = args.Date("DateCreatedBefore");
        var paging = PageRequest.Parse(args);
        var page = ctx.Store.List(new RoomQuery
        {
            Status = status,
            UniqueName = args.Text("UniqueName"),
            CreatedOnOrAfter = after,
            CreatedBefore = before,
            PageSize = paging.PageSize,
            Cursor = paging.Cursor,
        });
        var meta = paging.Meta(ctx.BaseUrl, "/v1/Rooms", args.Filters("Status", "UniqueName", "DateCreatedAfter", "DateCreatedBefore"), page);
        var baseUrl = ctx.BaseUrl;
        return HttpResult.Utf8Json(200, TwilioJson.PageUtf8("rooms", page.Items, (w, r) => TwilioJson.WriteRoom(w, r, baseUrl), meta));
    }
}
