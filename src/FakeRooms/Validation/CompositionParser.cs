using System.Globalization;
using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Rooms;
using FakeRooms.Http.Catalogue;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Validation;

/// <summary>
/// Reads CreateComposition and Create/UpdateCompositionHook forms (spec) into typed commands. Sources of the rules: the
/// spec's parameter descriptions (Resolution limits, "either video_layout or audio_sources", FriendlyName "up to 100
/// characters"); the error codes are [INFERRED] (20001, Twilio's generic invalid-parameter code) where Twilio documents
/// none.
/// </summary>
internal static class CompositionParser
{
    /// <summary>A composition request: the room SID (required) and the spec.</summary>
    public static (string RoomSid, CompositionSpec Spec) ParseComposition(Arguments form, ValidationProfile profile)
    {
        // Spec CreateCompositionRequest: required ["RoomSid"]; the message follows Twilio's 20001 wording (FACTS §2.5).
        var roomSid = form.Text("RoomSid") ?? throw new TwilioErrorException(TwilioErrors.MissingParameter("RoomSid"));
        return (roomSid, ParseSpec(form, profile));
    }

    /// <summary>A hook request: FriendlyName (required, at most 100 characters), Enabled and the spec.</summary>
    public static CompositionHookCommand ParseHook(Arguments form, ValidationProfile profile)
    {
        var name = form.Text("FriendlyName") ?? throw new TwilioErrorException(TwilioErrors.MissingParameter("FriendlyName"));
        if (profile == ValidationProfile.Strict && name.Length > CompositionRules.MaxFriendlyNameLength)
            throw new TwilioErrorException(TwilioErrors.OutOfRange("FriendlyName", name, "1 to 100 characters"));
        var enabled = form.Bool("Enabled");
        return new CompositionHookCommand(name, enabled, ParseSpec(form, profile));
    }

    private static CompositionSpec ParseSpec(Arguments form, ValidationProfile profile)
    {
        var layout = form.Text("VideoLayout") is { } rawLayout ? ParseLayout(rawLayout) : [];
        var audio = NonEmpty(form.All("AudioSources"));
        var audioExcluded = NonEmpty(form.All("AudioSourcesExcluded"));

        var resolution = form.Text("Resolution") ?? CompositionRules.DefaultResolution;
        if (profile == ValidationProfile.Strict && !CompositionRules.IsValidResolution(resolution))
            throw new TwilioErrorException(TwilioErrors.InvalidParameter("Resolution", resolution));

        // [INFERRED] default webm: the spec names no default format.
        var format = CompositionFormat.Webm;
        if (form.Text("Format") is { } rawFormat)
            format = rawFormat switch
            {
                "mp4" => CompositionFormat.Mp4,
                "webm" => CompositionFormat.Webm,
                _ => throw new TwilioErrorException(TwilioErrors.InvalidParameter("Format", rawFormat)),
            };

        var callback = form.Text("StatusCallback");
        if (callback is not null && !RoomRules.IsValidCallbackUrl(callback))
            throw new TwilioErrorException(TwilioErrors.InvalidParameter("StatusCallback", callback));
        var method = form.Text("StatusCallbackMethod");
        // Spec: StatusCallbackMethod enum GET, POST.
        if (method is not null and not ("GET" or "POST"))
            throw new TwilioErrorException(TwilioErrors.InvalidParameter("StatusCallbackMethod", method));

        // Spec: "Please, be aware that either video_layout or audio_sources have to be provided to get a valid
        // creation request".
        if (profile == ValidationProfile.Strict && layout.Count == 0 && audio.Count == 0)
            throw new TwilioErrorException(TwilioErrors.CompositionSourcesMissing);

        return new CompositionSpec
        {
            VideoLayout = layout,
            AudioSources = audio,
            AudioSourcesExcluded = audioExcluded,
            Resolution = resolution,
            Format = format,
            // Spec Trim: "The default is true".
            Trim = form.Bool("Trim") ?? true,
            StatusCallback = callback,
            StatusCallbackMethod = method ?? "POST",
        };
    }

    private static List<string> NonEmpty(IReadOnlyList<string> values) => values.Where(v => v.Length > 0).ToList();

    /// <summary>
    /// VideoLayout: a JSON object of named regions (docs compositions-resource, "Specifying Video Layouts"). Each region
    /// needs <c>video_sources</c> as an array of strings: Twilio refuses a bare string ("failed to deserialize for field
    /// video_layout.transcode.video_sources", twilio-node#798). Unknown properties are refused too [INFERRED].
    /// </summary>
    internal static IReadOnlyList<VideoRegion> ParseLayout(string json)
    {
        JToken token;
        try
        {
            token = JToken.Parse(json);
        }
        catch (JsonException)
        {
            throw Invalid("not a JSON object");
        }
        if (token is not JObject layout)
            throw Invalid("not a JSON object");

        var regions = new List<VideoRegion>(layout.Count);
        foreach (var property in layout.Properties())
        {
            if (property.Value is not JObject region)
                throw Invalid($"video_layout.{property.Name} must be an object");
            var result = new VideoRegion { Name = property.Name };
            var hasSources = false;
            foreach (var field in region.Properties())
            {
                var path = $"video_layout.{property.Name}.{field.Name}";
                var value = field.Value;
                switch (field.Name)
                {
                    case "video_sources":
                        result = result with { VideoSources = Strings(value, path) };
                        hasSources = true;
                        break;
                    case "video_sources_excluded":
                        result = result with { VideoSourcesExcluded = Strings(value, path) };
                        break;
                    case "reuse":
                        var reuse = value.Type == JTokenType.String ? (string?)value : null;
                        if (reuse is not ("none" or "show_oldest" or "show_newest"))
                            throw Invalid($"{path} must be none, show_oldest or show_newest");
                        result = result with { Reuse = reuse };
                        break;
                    case "x_pos": result = result with { XPos = Int(value, path) }; break;
                    case "y_pos": result = result with { YPos = Int(value, path) }; break;
                    case "z_pos": result = result with { ZPos = Int(value, path) }; break;
                    case "width": result = result with { Width = Int(value, path) }; break;
                    case "height": result = result with { Height = Int(value, path) }; break;
                    case "max_columns": result = result with { MaxColumns = Int(value, path) }; break;
                    case "max_rows": result = result with { MaxRows = Int(value, path) }; break;
                    case "cells_excluded":
                        if (value is not JArray cells)
                            throw Invalid($"{path} must be an array of integers");
                        result = result with { CellsExcluded = cells.Select(c => Int(c, path)).ToList() };
                        break;
                    default:
                        throw Invalid($"{path} is not a region property");
                }
            }
            if (!hasSources)
                throw Invalid($"video_layout.{property.Name}.video_sources is required");
            regions.Add(result);
        }
        return regions;
    }

    private static List<string> Strings(JToken value, string path)
    {
        if (value is not JArray array || array.Any(item => item.Type != JTokenType.String))
            throw Invalid($"{path} must be an array of strings");
        return array.Select(item => (string)item!).ToList();
    }

    private static int Int(JToken value, string path)
    {
        if (value.Type != JTokenType.Integer)
            throw Invalid($"{path} must be an integer");
        var number = (long)value;
        if (number < 0 || number > int.MaxValue)
            throw Invalid($"{path} is out of range");
        return (int)number;
    }

    private static TwilioErrorException Invalid(string why) =>
        new(new TwilioError(20001, 400, string.Create(CultureInfo.InvariantCulture, $"Invalid VideoLayout: {why}")));
}
