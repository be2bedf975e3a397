using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Recordings;
using FakeRooms.Http.Catalogue;
using FakeRooms.Validation;
using FakeRooms.Wire;

namespace FakeRooms.Http.Handlers;

/// <summary>
/// Compositions (/v1/Compositions), composition hooks (/v1/CompositionHooks) and /v1/CompositionSettings/Default
/// (FACTS §4), and the fake's own media download path.
/// </summary>
internal static class CompositionsHandler
{
    // ------------------------------------------------------------------ compositions

    /// <summary>CreateComposition: 201 with the composition, <c>enqueued</c>.</summary>
    public static HttpResult Create(RequestContext ctx)
    {
        var args = ctx.Arguments;
        var (roomSid, spec) = CompositionParser.ParseComposition(args, ctx.Server.Options.Validation);
        var composition = ctx.Store.CreateComposition(roomSid, spec);
        return new HttpResult(201, JsonText.Write(w => CompositionJson.Write(w, composition, ctx.BaseUrl)));
    }

    public static HttpResult Read(RequestContext ctx)
    {
        var args = ctx.Arguments;
        var paging = PageRequest.Parse(args);
        CompositionStatus? status = null;
        if (args.Text("Status") is { } rawStatus)
        {
            if (!MediaWireNames.TryCompositionStatus(rawStatus, out var parsed))
                throw new TwilioErrorException(TwilioErrors.InvalidParameter("Status", rawStatus));
            status = parsed;
        }
        var page = ctx.Store.ListCompositions(new CompositionQuery
        {
            Status = status,
            RoomSid = args.Text("RoomSid"),
            CreatedOnOrAfter = args.Date("DateCreatedAfter"),
            CreatedBefore = args.Date("DateCreatedBefore"),
            PageSize = paging.PageSize,
            Cursor = paging.Cursor,
        });
        var baseUrl = ctx.BaseUrl;
        // Filter order of the spec's example URL: Status, RoomSid, DateCreatedAfter, DateCreatedBefore.
        var meta = paging.Meta(baseUrl, "/v1/Compositions",
            args.Filters("Status", "RoomSid", "DateCreatedAfter", "DateCreatedBefore"), page);
        return new HttpResult(200, TwilioJson.Page("compositions", page.Items, (w, c) => CompositionJson.Write(w, c, baseUrl), meta));
    }

    public static HttpResult Fetch(RequestContext ctx)
    {
        var composition = ctx.Store.GetComposition(ctx.Path("Sid"));
        return new HttpResult(200, JsonText.Write(w => CompositionJson.Write(w, composition, ctx.BaseUrl)));
    }

    public static HttpResult Delete(RequestContext ctx)
    {
        ctx.Store.DeleteComposition(ctx.Path("Sid"));
        return RecordingsHandler.NoContent;
    }

    /// <summary>The composition's media: the same redirect answer as a recording's (see <see cref="RecordingsHandler"/>).</summary>
    public static HttpResult Media(RequestContext ctx)
    {
        var composition = ctx.Store.GetComposition(ctx.Path("Sid"));
        if (composition.Status != CompositionStatus.Completed)
            throw new TwilioErrorException(TwilioErrors.NotFound($"/Compositions/{composition.Sid}/Media"));
        return RecordingsHandler.Redirect(RecordingsHandler.MediaUrl(ctx, CompositionJson.FileName(composition)));
    }

    // ------------------------------------------------------------------ hooks

    public static HttpResult CreateHook(RequestContext ctx)
    {
        var args = ctx.Arguments;
        var hook = ctx.Store.CreateHook(CompositionParser.ParseHook(args, ctx.Server.Options.Validation));
        return new HttpResult(201, JsonText.Write(w => CompositionJson.WriteHook(w, hook, ctx.BaseUrl)));
    }

    public static HttpResult ReadHook(RequestContext ctx)
    {
        var args = ctx.Arguments;
        var paging = PageRequest.Parse(args);
        var page = ctx.Store.ListHooks(new CompositionHookQuery
        {
            Enabled = args.Bool("Enabled"),
            FriendlyName = args.Text("FriendlyName"),
            CreatedOnOrAfter = args.Date("DateCreatedAfter"),
            CreatedBefore = args.Date("DateCreatedBefore"),
            PageSize = paging.PageSize,
            Cursor = paging.Cursor,
        });
        var baseUrl = ctx.BaseUrl;
        // Filter order of the spec's example URL: FriendlyName, DateCreatedBefore, DateCreatedAfter, Enabled.
        var meta = paging.Meta(baseUrl, "/v1/CompositionHooks",
            args.Filters("FriendlyName", "DateCreatedBefore", "DateCreatedAfter", "Enabled"), page);
        return new HttpResult(200, TwilioJson.Page("composition_hooks", page.Items, (w, h) => CompositionJson.WriteHook(w, h, baseUrl), meta));
    }

    public static HttpResult FetchHook(RequestContext ctx)
    {
        var hook = ctx.Store.GetHook(ctx.Path("Sid"));
        return new HttpResult(200, JsonText.Write(w => CompositionJson.WriteHook(w, hook, ctx.BaseUrl)));
    }

    /// <summary>UpdateCompositionHook: FriendlyName required (spec), 200.</summary>
    public static HttpResult UpdateHook(RequestContext ctx)
    {
        var args = ctx.Arguments;
        var validation = ctx.Server.Options.Validation;
        var hook = ctx.Store.UpdateHook(ctx.Path("Sid"), () => CompositionParser.ParseHook(args, validation));
        return new HttpResult(200, JsonText.Write(w => CompositionJson.WriteHook(w, hook, ctx.BaseUrl)));
    }

    public static HttpResult DeleteHook(RequestContext ctx)
    {
        ctx.Store.DeleteHook(ctx.Path("Sid"));
        return RecordingsHandler.NoContent;
    }

    // ------------------------------------------------------------------ settings

    public static HttpResult FetchSettings(RequestContext ctx) => RecordingsHandler.FetchSettings(ctx, MediaSettingsKind.Composition);

    public static HttpResult CreateSettings(RequestContext ctx) => RecordingsHandler.CreateSettings(ctx, MediaSettingsKind.Composition);

    // ------------------------------------------------------------------ media files

    /// <summary>
    /// GET /__fakerooms/media/{AccountSid}/{Sid}.{ext}: the file a Media redirect points at. No credentials (Twilio's
    /// <c>redirect_to</c> is a pre-signed storage URL); 20404 unless the recording or composition exists, is completed
    /// and the extension is its container.
    /// </summary>
    public static HttpResult MediaFile(RequestContext ctx)
    {
        var account = ctx.Path("AccountSid");
        var file = ctx.Path("File");
        var dot = file.IndexOf('.');
        var notFound = new TwilioErrorException(TwilioErrors.NotFound(ctx.Request.RawPath));
        if (dot <= 0 || !ctx.Server.Backend.HasAccount(account))
            throw notFound;
        var (sid, extension) = (file[..dot], file[(dot + 1)..]);
        var store = ctx.Server.Backend.AccountForRead(account);
        Media.MediaFile media;
        if (sid.StartsWith("RT", StringComparison.Ordinal) && store.TryGetRecording(sid) is { Status: RecordingStatus.Completed } recording &&
            extension == MediaWireNames.Of(recording.Container))
            media = FakeRooms.Media.MediaFiles.Of(recording.Container);
        else if (sid.StartsWith("CJ", StringComparison.Ordinal) && store.TryGetComposition(sid) is { Status: CompositionStatus.Completed } composition &&
                 extension == MediaWireNames.Of(composition.Spec.Format))
            media = FakeRooms.Media.MediaFiles.Of(composition.Spec.Format);
        else
            throw notFound;
        return new HttpResult(200, "", media.ContentType) { BinaryBody = media.Bytes };
    }
}
