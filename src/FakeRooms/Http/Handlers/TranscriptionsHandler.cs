using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Rooms;
using FakeRooms.Domain.Transcriptions;
using FakeRooms.Validation;
using FakeRooms.Wire;

namespace FakeRooms.Http.Handlers;

/// <summary>
/// A room's Transcriptions resource (/v1/Rooms/{RoomSid}/Transcriptions[/{Ttid}]; docs video/api/transcriptions).
/// Create and update answer 202 (spec).
/// </summary>
internal static class TranscriptionsHandler
{
    public static HttpResult Create(RequestContext ctx)
    {
        var args = ctx.Arguments;
        var transcription = ctx.Store.Transcriptions.Create(ctx.Path("RoomSid"), () => Configuration(args));
        return new HttpResult(202, TranscriptionJson.Write(transcription, ctx.BaseUrl));
    }

    /// <summary>The room's transcriptions: docs, "the list only has a single item" (or none).</summary>
    public static HttpResult Read(RequestContext ctx)
    {
        var paging = PageRequest.Parse(ctx.Arguments);
        var (room, all) = ctx.Store.Transcriptions.List(ctx.Path("RoomSid"));
        var page = Paging.Page(all.ToList(), static t => (t.DateCreated, t.Sequence), static t => t, paging.PageSize, paging.Cursor, null, null);
        var baseUrl = ctx.BaseUrl;
        var meta = paging.Meta(baseUrl, $"/v1/Rooms/{room.Sid}/Transcriptions", [], page);
        return new HttpResult(200, TwilioJson.Page("transcriptions", page.Items, (w, t) => TranscriptionJson.WriteTranscription(w, t, baseUrl), meta)) { Room = room };
    }

    public static HttpResult Fetch(RequestContext ctx) =>
        new(200, TranscriptionJson.Write(ctx.Store.Transcriptions.Get(ctx.Path("RoomSid"), ctx.Path("Ttid")), ctx.BaseUrl));

    /// <summary>
    /// Status <c>started</c> or <c>stopped</c> and/or a Configuration applied over the existing one. Docs: Status "Can be:
    /// started, stopped"; the spec's enum also lists <c>failed</c>, which only Twilio sets: [INFERRED] refused with 20001.
    /// </summary>
    public static HttpResult Update(RequestContext ctx)
    {
        var args = ctx.Arguments;
        var transcription = ctx.Store.Transcriptions.Update(ctx.Path("RoomSid"), ctx.Path("Ttid"), () =>
        {
            TranscriptionStatus? status = args.Text("Status") switch
            {
                null => null,
                "started" => TranscriptionStatus.Started,
                "stopped" => TranscriptionStatus.Stopped,
                var other => throw new TwilioErrorException(TwilioErrors.InvalidParameter("Status", other)),
            };
            return (status, Configuration(args));
        });
        return new HttpResult(202, TranscriptionJson.Write(transcription, ctx.BaseUrl));
    }

    private static IReadOnlyDictionary<string, string>? Configuration(Http.Catalogue.Arguments args) =>
        args.Text("Configuration") is { } raw ? TranscriptionConfigurationParser.Parse(raw, "Configuration") : null;
}
