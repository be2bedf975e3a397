using System.Text.RegularExpressions;
using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;
using FakeRooms.Http.Catalogue;
using FakeRooms.Validation;
using FakeRooms.Wire;

namespace FakeRooms.Http.Handlers;

/// <summary>
/// Recording rules (/v1/Rooms/{RoomSid}/RecordingRules), room recordings (/v1/Rooms/{RoomSid}/Recordings), account
/// recordings (/v1/Recordings), their Media subresources and /v1/RecordingSettings/Default (FACTS §3.6, §3.7, §4).
/// </summary>
internal static partial class RecordingsHandler
{
    // ------------------------------------------------------------------ recording rules

    public static HttpResult FetchRules(RequestContext ctx)
    {
        return new HttpResult(200, RecordingJson.Rules(ctx.Store.GetRecordingRules(ctx.Path("RoomSid"))));
    }

    /// <summary>
    /// Replaces the rules (200, FACTS §3.6). <c>Rules</c> is a JSON array (docs curl examples) or <c>{"rules": [...]}</c>
    /// (the C# SDK's RecordingRulesUpdate). Any invalid set answers 53120 and leaves the active rules as they were.
    /// </summary>
    public static HttpResult UpdateRules(RequestContext ctx)
    {
        var args = ctx.Arguments;
        var strict = ctx.Server.Options.Validation == ValidationProfile.Strict;
        // One lock resolves the room (20404 first) and replaces its rules.
        var (room, state) = ctx.Store.UpdateRecordingRules(ctx.Path("RoomSid"), () =>
        {
            // [INFERRED] No Rules at all is an invalid rule set, like [] (the spec does not mark Rules required).
            var raw = args.Text("Rules") ?? throw new TwilioErrorException(TwilioErrors.InvalidRecordingRules);
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
        var args = ctx.Arguments;
        var paging = PageRequest.Parse(args);
        var (resolved, page) = ctx.Store.ListRecordingsOf(Query(args, paging) with { RoomSid = ctx.Path("RoomSid") });
        var room = resolved!;
        var baseUrl = ctx.BaseUrl;
        var meta = paging.Meta(baseUrl, $"/v1/Rooms/{room.Sid}/Recordings",
            args.Filters("Status", "SourceSid", "DateCreatedAfter", "DateCreatedBefore"), page);
        return new HttpResult(200, TwilioJson.Page("recordings", page.Items, (w, r) => RecordingJson.Write(w, r, baseUrl, roomScoped: true), meta)) { Room = room };
    }

    public static HttpResult FetchRoom(RequestContext ctx)
    {
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
        var args = ctx.Arguments;
        var paging = PageRequest.Parse(args);
        TrackKind? mediaType = null;
        if (args.Text("MediaType") is { } rawType)
        {
            if (!WireNames.TryTrackKind(rawType, out var parsed))
                throw new TwilioErrorException(TwilioErrors.InvalidParameter("MediaType", rawType));
            mediaType = parsed;
        }
        var groupingSids = args.All("GroupingSid").Where(g => g.Length > 0).ToList();
        var page = ctx.Store.ListRecordings(Query(args, paging) with { MediaType = mediaType, GroupingSids = groupingSids });
        var baseUrl = ctx.BaseUrl;
        // Filter order of the spec's example URLs: Status, DateCreatedAfter, DateCreatedBefore, SourceSid, MediaType, GroupingSid.
        var meta = paging.Meta(baseUrl, "/v1/Recordings",
            args.Filters("Status", "DateCreatedAfter", "DateCreatedBefore", "SourceSid", "MediaType", "GroupingSid"), page);
        return new HttpResult(200, TwilioJson.Page("recordings", page.Items, (w, r) => RecordingJson.Write(w, r, baseUrl, roomScoped: false), meta));
    }

    public static HttpResult Fetch(RequestContext ctx)
    {
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
        return new HttpResult(200, CompositionJson.Settings(ctx.Store.GetSettings(kind), kind, ctx.BaseUrl));
    }

    /// <summary>
    /// POST .../Default (200 in the current spec): FriendlyName is required (spec); the SIDs must be <c>CR</c> SIDs and
    /// the URL absolute (spec patterns and <c>format: uri</c>). Every POST replaces the whole settings resource.
    /// </summary>
    internal static HttpResult CreateSettings(RequestContext ctx, MediaSettingsKind kind)
    {
        var args = ctx.Arguments;
        var name = args.Text("FriendlyName") ?? throw new TwilioErrorException(TwilioErrors.MissingParameter("FriendlyName"));
        var credentials = CredentialSid(args, "AwsCredentialsSid");
        var key = CredentialSid(args, "EncryptionKeySid");
        var url = args.Text("AwsS3Url");
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
            throw new TwilioErrorException(TwilioErrors.InvalidParameter("AwsS3Url", url));
        var settings = ctx.Store.SetSettings(kind, new MediaSettings
        {
            AccountSid = ctx.Store.AccountSid,
            FriendlyName = name,
            AwsCredentialsSid = credentials,
            EncryptionKeySid = key,
            AwsS3Url = url,
            AwsStorageEnabled = args.Bool("AwsStorageEnabled") ?? false,
            EncryptionEnabled = args.Bool("EncryptionEnabled") ?? false,
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

    private static RecordingQuery Query(Arguments args, PageRequest paging)
    {
        RecordingStatus? status = null;
        if (args.Text("Status") is { } rawStatus)
        {
            if (!MediaWireNames.TryRecordingStatus(rawStatus, out var parsed))
                throw new TwilioErrorException(TwilioErrors.InvalidParameter("Status", rawStatus));
            status = parsed;
        }
        return new RecordingQuery
        {
            Status = status,
            SourceSid = args.Text("SourceSid"),
            CreatedOnOrAfter = args.Date("DateCreatedAfter"),
            CreatedBefore = args.Date("DateCreatedBefore"),
            PageSize = paging.PageSize,
            Cursor = paging.Cursor,
        };
    }

    private static string? CredentialSid(Arguments args, string name)
    {
        var value = args.Text(name);
        // Spec: pattern ^CR[0-9a-fA-F]{32}$.
        if (value is not null && !CredentialSidPattern().IsMatch(value))
            throw new TwilioErrorException(TwilioErrors.InvalidParameter(name, value));
        return value;
    }

    [GeneratedRegex("^CR[0-9a-fA-F]{32}$")]
    private static partial Regex CredentialSidPattern();
}
