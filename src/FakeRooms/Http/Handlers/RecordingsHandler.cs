using System.Text.RegularExpressions;
using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;
using FakeRooms.Validation;
using FakeRooms.Wire;

namespace FakeRooms.Http.Handlers;

/// <summary>
/// Recording rules (/v1/Rooms/{RoomSid}/RecordingRules), room recordings (/v1/Rooms/{RoomSid}/Recordings), account
/// recordings (/v1/Recordings), their Media subresources and /v1/RecordingSettings/Default (FACTS §3.6, §3.7, §4).
/// </summary>
internal static partial class RecordingsHandler
{
    private static readonly IReadOnlySet<string> RuleParameters = new HashSet<string>(StringComparer.Ordinal) { "Rules" };

    private static readonly IReadOnlySet<string> RoomReadParameters = new HashSet<string>(StringComparer.Ordinal)
        { "Status", "SourceSid", "DateCreatedAfter", "DateCreatedBefore", "PageSize", "Page", "PageToken" };

    private static readonly IReadOnlySet<string> ReadParameters = new HashSet<string>(StringComparer.Ordinal)
        { "Status", "SourceSid", "GroupingSid", "DateCreatedAfter", "DateCreatedBefore", "MediaType", "PageSize", "Page", "PageToken" };

    internal static readonly IReadOnlySet<string> SettingsParameters = new HashSet<string>(StringComparer.Ordinal)
        { "FriendlyName", "AwsCredentialsSid", "EncryptionKeySid", "AwsS3Url", "AwsStorageEnabled", "EncryptionEnabled" };

    /// <summary>Spec: /v1/Recordings and /v1/Compositions allow at most 100 per page; the other lists 1000.</summary>
    internal const int SmallMaxPageSize = 100;

    // ------------------------------------------------------------------ recording rules

    public static HttpResult FetchRules(RequestContext ctx)
    {
        ctx.IgnoredParameters = ctx.Request.Query.NamesNotIn(RoomsHandler.Empty);
        return new HttpResult(200, RecordingJson.Rules(ctx.Store.GetRecordingRules(ctx.Path("RoomSid"))));
    }

    /// <summary>
    /// Replaces the rules (200, FACTS §3.6). <c>Rules</c> is a JSON array (docs curl examples) or <c>{"rules": [...]}</c>
    /// (the C# SDK's RecordingRulesUpdate). Any invalid set answers 53120 and leaves the active rules as they were.
    /// </summary>
    public static HttpResult UpdateRules(RequestContext ctx)
    {
        var form = ctx.Request.Form;
        ctx.IgnoredParameters = form.NamesNotIn(RuleParameters);
        var strict = ctx.Server.Options.Validation == ValidationProfile.Strict;
        // One lock resolves the room (20404 first) and replaces its rules.
        var (room, state) = ctx.Store.UpdateRecordingRules(ctx.Path("RoomSid"), () =>
        {
            // [INFERRED] No Rules at all is an invalid rule set, like [] (the spec does not mark Rules required).
            var raw = Values.Text(form, "Rules") ?? throw new TwilioErrorException(TwilioErrors.InvalidRecordingRules);
            var rules = RecordingRulesParser.Parse(raw);
            if (strict && RoomRules.CheckRecordingRules(rules) is { } error)
                throw new TwilioErrorException(error);
            return rules;
        });
        return new HttpResult(200, RecordingJson.Rules(state)) { Room = room };
    }

    // ------------------------------------------------------------------ room recordings

    public static HttpResult ReadRoom(RequestContext ctx)
    {
        var query = ctx.Request.Query;
        ctx.IgnoredParameters = query.NamesNotIn(RoomReadParameters);
        var paging = PageRequest.Parse(query);
        var (resolved, page) = ctx.Store.ListRecordingsOf(Query(query, paging) with { RoomSid = ctx.Path("RoomSid") });
        var room = resolved!;
        var baseUrl = ctx.BaseUrl;
        var meta = paging.Meta(baseUrl, $"/v1/Rooms/{room.Sid}/Recordings",
            PageRequest.Filters(query, "Status", "SourceSid", "DateCreatedAfter", "DateCreatedBefore"), page);
        return new HttpResult(200, TwilioJson.Page("recordings", page.Items, (w, r) => RecordingJson.Write(w, r, baseUrl, roomScoped: true), meta)) { Room = room };
    }

    public static HttpResult FetchRoom(RequestContext ctx)
    {
        ctx.IgnoredParameters = ctx.Request.Query.NamesNotIn(RoomsHandler.Empty);
        var recording = ctx.Store.GetRecording(ctx.Path("Sid"), ctx.Path("RoomSid"));
        return new HttpResult(200, JsonText.Write(w => RecordingJson.Write(w, recording, ctx.BaseUrl, roomScoped: true)));
    }

    public static HttpResult DeleteRoom(RequestContext ctx)
    {
        ctx.Store.DeleteRecording(ctx.Path("Sid"), ctx.Path("RoomSid"));
        return NoContent;
    }

    public static HttpResult MediaRoom(RequestContext ctx)
    {
        var roomId = ctx.Path("RoomSid");
        var recording = ctx.Store.GetRecording(ctx.Path("Sid"), roomId);
        return RecordingMedia(ctx, recording, $"/Rooms/{roomId}/Recordings/{recording.Sid}/Media");
    }

    // ------------------------------------------------------------------ account recordings

    public static HttpResult Read(RequestContext ctx)
    {
        var query = ctx.Request.Query;
        ctx.IgnoredParameters = query.NamesNotIn(ReadParameters);
        var paging = PageRequest.Parse(query, SmallMaxPageSize);
        TrackKind? mediaType = null;
        if (Values.Text(query, "MediaType") is { } rawType)
        {
            if (!WireNames.TryTrackKind(rawType, out var parsed))
                throw new TwilioErrorException(TwilioErrors.InvalidParameter("MediaType", rawType));
            mediaType = parsed;
        }
        var groupingSids = query.All("GroupingSid").Where(g => g.Length > 0).ToList();
        var page = ctx.Store.ListRecordings(Query(query, paging) with { MediaType = mediaType, GroupingSids = groupingSids });
        var baseUrl = ctx.BaseUrl;
        // Filter order of the spec's example URLs: Status, DateCreatedAfter, DateCreatedBefore, SourceSid, MediaType, GroupingSid.
        var meta = paging.Meta(baseUrl, "/v1/Recordings",
            PageRequest.Filters(query, "Status", "DateCreatedAfter", "DateCreatedBefore", "SourceSid", "MediaType", "GroupingSid"), page);
        return new HttpResult(200, TwilioJson.Page("recordings", page.Items, (w, r) => RecordingJson.Write(w, r, baseUrl, roomScoped: false), meta));
    }

    public static HttpResult Fetch(RequestContext ctx)
    {
        ctx.IgnoredParameters = ctx.Request.Query.NamesNotIn(RoomsHandler.Empty);
        var recording = ctx.Store.GetRecording(ctx.Path("Sid"));
        return new HttpResult(200, JsonText.Write(w => RecordingJson.Write(w, recording, ctx.BaseUrl, roomScoped: false)));
    }

    public static HttpResult Delete(RequestContext ctx)
    {
        ctx.Store.DeleteRecording(ctx.Path("Sid"));
        return NoContent;
    }

    public static HttpResult Media(RequestContext ctx)
    {
        var recording = ctx.Store.GetRecording(ctx.Path("Sid"));
        return RecordingMedia(ctx, recording, $"/Recordings/{recording.Sid}/Media");
    }

    // ------------------------------------------------------------------ settings

    public static HttpResult FetchSettings(RequestContext ctx) => FetchSettings(ctx, MediaSettingsKind.Recording);

    public static HttpResult CreateSettings(RequestContext ctx) => CreateSettings(ctx, MediaSettingsKind.Recording);

    internal static HttpResult FetchSettings(RequestContext ctx, MediaSettingsKind kind)
    {
        ctx.IgnoredParameters = ctx.Request.Query.NamesNotIn(RoomsHandler.Empty);
        return new HttpResult(200, CompositionJson.Settings(ctx.Store.GetSettings(kind), kind, ctx.BaseUrl));
    }

    /// <summary>
    /// POST .../Default (200 in the current spec): FriendlyName is required (spec); the SIDs must be <c>CR</c> SIDs and
    /// the URL absolute (spec patterns and <c>format: uri</c>). Every POST replaces the whole settings resource.
    /// </summary>
    internal static HttpResult CreateSettings(RequestContext ctx, MediaSettingsKind kind)
    {
        var form = ctx.Request.Form;
        ctx.IgnoredParameters = form.NamesNotIn(SettingsParameters);
        var name = Values.Text(form, "FriendlyName") ?? throw new TwilioErrorException(TwilioErrors.MissingParameter("FriendlyName"));
        var credentials = CredentialSid(form, "AwsCredentialsSid");
        var key = CredentialSid(form, "EncryptionKeySid");
        var url = Values.Text(form, "AwsS3Url");
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
            throw new TwilioErrorException(TwilioErrors.InvalidParameter("AwsS3Url", url));
        var settings = ctx.Store.SetSettings(kind, new MediaSettings
        {
            AccountSid = ctx.Store.AccountSid,
            FriendlyName = name,
            AwsCredentialsSid = credentials,
            EncryptionKeySid = key,
            AwsS3Url = url,
            AwsStorageEnabled = Values.Bool(form, "AwsStorageEnabled") ?? false,
            EncryptionEnabled = Values.Bool(form, "EncryptionEnabled") ?? false,
        });
        return new HttpResult(200, CompositionJson.Settings(settings, kind, ctx.BaseUrl));
    }

    // ------------------------------------------------------------------ shared

    /// <summary>DELETE answers 204 with no body (spec).</summary>
    internal static HttpResult NoContent => new(204, "");

    /// <summary>
    /// The Media subresource of a completed recording: a redirect to the media file with the JSON body
    /// <c>{"redirect_to": url}</c>. Twilio's download samples read <c>redirect_to</c> from the body with redirects off
    /// (TwilioDevEd/api-snippets, video/rest/recordings/retrieve-recording-binary-data, C#/node/ruby), and a Twilio
    /// engineer describes the answer as a redirect to a temporary URL (twilio/video-quickstart-android#176); the 302
    /// status is [INFERRED]. The URL points at the fake's own media path, which needs no credentials, as Twilio's
    /// pre-signed storage URLs need none. [INFERRED] Media of a recording that is not completed is 20404.
    /// </summary>
    private static HttpResult RecordingMedia(RequestContext ctx, Recording recording, string resourcePath)
    {
        if (recording.Status != RecordingStatus.Completed)
            throw new TwilioErrorException(TwilioErrors.NotFound(resourcePath));
        return Redirect(MediaUrl(ctx, RecordingJson.FileName(recording)));
    }

    internal static string MediaUrl(RequestContext ctx, string fileName) =>
        $"{ctx.BaseUrl}/__fakerooms/media/{ctx.Store.AccountSid}/{fileName}";

    internal static HttpResult Redirect(string url) =>
        new(302, RecordingJson.Redirect(url)) { Headers = [new("Location", url)] };

    private static RecordingQuery Query(FormValues query, PageRequest paging)
    {
        RecordingStatus? status = null;
        if (Values.Text(query, "Status") is { } rawStatus)
        {
            if (!MediaWireNames.TryRecordingStatus(rawStatus, out var parsed))
                throw new TwilioErrorException(TwilioErrors.InvalidParameter("Status", rawStatus));
            status = parsed;
        }
        return new RecordingQuery
        {
            Status = status,
            SourceSid = Values.Text(query, "SourceSid"),
            CreatedOnOrAfter = Values.Date(query, "DateCreatedAfter"),
            CreatedBefore = Values.Date(query, "DateCreatedBefore"),
            PageSize = paging.PageSize,
            Cursor = paging.Cursor,
        };
    }

    private static string? CredentialSid(FormValues form, string name)
    {
        var value = Values.Text(form, name);
        // Spec: pattern ^CR[0-9a-fA-F]{32}$.
        if (value is not null && !CredentialSidPattern().IsMatch(value))
            throw new TwilioErrorException(TwilioErrors.InvalidParameter(name, value));
        return value;
    }

    [GeneratedRegex("^CR[0-9a-fA-F]{32}$")]
    private static partial Regex CredentialSidPattern();
}
