using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Rooms;
using FakeRooms.Http;
using FakeRooms.Wire;

namespace FakeRooms.Validation;

/// <summary>
/// Reads a CreateRoom form (spec <c>CreateRoomRequest</c>) into a typed command. Types and enums are checked under
/// every profile; Twilio's own rules (<see cref="RoomRules"/>) only under <see cref="ValidationProfile.Strict"/>.
/// </summary>
internal static class CreateRoomParser
{
    /// <summary>The parameters of CreateRoomRequest; anything else is ignored, as Twilio ignores it.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "EnableTurn", "Type", "UniqueName", "StatusCallback", "StatusCallbackMethod", "MaxParticipants",
        "RecordParticipantsOnConnect", "TranscribeParticipantsOnConnect", "VideoCodecs", "MediaRegion", "RecordingRules",
        "TranscriptionsConfiguration", "AudioOnly", "MaxParticipantDuration", "EmptyRoomTimeout", "UnusedRoomTimeout",
        "LargeRoom",
    };

    public static CreateRoom Parse(FormValues form, ValidationProfile profile, int? largeRoomMaxParticipants)
    {
        RoomType? type = null;
        if (Values.Text(form, "Type") is { } rawType)
        {
            // Enum values are case-sensitive: "Group" is not a room type (docs error 53108).
            if (!WireNames.TryRoomType(rawType, out var parsed))
                throw new TwilioErrorException(TwilioErrors.RoomTypeInvalid);
            type = parsed;
        }

        var method = Values.Text(form, "StatusCallbackMethod");
        if (method is not null && !IsHttpMethodToken(method))
            throw new TwilioErrorException(TwilioErrors.StatusCallbackMethodInvalid);

        var callback = Values.Text(form, "StatusCallback");
        if (callback is not null && profile == ValidationProfile.Schema && !IsAbsoluteUri(callback))
            throw new TwilioErrorException(TwilioErrors.StatusCallbackInvalid);

        var command = new CreateRoom
        {
            Type = type,
            UniqueName = Values.Text(form, "UniqueName"),
            StatusCallback = callback,
            StatusCallbackMethod = method,
            MaxParticipants = Values.Int(form, "MaxParticipants"),
            MaxParticipantDuration = Values.Int(form, "MaxParticipantDuration"),
            RecordParticipantsOnConnect = Values.Bool(form, "RecordParticipantsOnConnect"),
            VideoCodecs = Codecs(form),
            MediaRegion = Values.Text(form, "MediaRegion"),
            AudioOnly = Values.Bool(form, "AudioOnly"),
            EmptyRoomTimeout = Values.Int(form, "EmptyRoomTimeout"),
            UnusedRoomTimeout = Values.Int(form, "UnusedRoomTimeout"),
            LargeRoom = Values.Bool(form, "LargeRoom"),
            RecordingRules = Values.Text(form, "RecordingRules") is { } rules ? RecordingRulesParser.Parse(rules) : null,
        };
        // Typed but otherwise unused by the fake: still refused when not of their type.
        _ = Values.Bool(form, "EnableTurn");
        _ = Values.Bool(form, "TranscribeParticipantsOnConnect");

        if (profile == ValidationProfile.Strict && RoomRules.Check(command, largeRoomMaxParticipants) is { } error)
            throw new TwilioErrorException(error);
        return command;
    }

    private static IReadOnlyList<Domain.Rooms.VideoCodec>? Codecs(FormValues form)
    {
        var raw = form.All("VideoCodecs");
        if (raw.Count == 0)
            return null;
        var codecs = new List<Domain.Rooms.VideoCodec>(raw.Count);
        foreach (var value in raw)
        {
            // Spec enum room_enum_video_codec: VP8, H264.
            var codec = value switch
            {
                "VP8" => Domain.Rooms.VideoCodec.VP8,
                "H264" => Domain.Rooms.VideoCodec.H264,
                _ => throw new TwilioErrorException(TwilioErrors.InvalidParameter("VideoCodecs", value)),
            };
            if (!codecs.Contains(codec))
                codecs.Add(codec);
        }
        return codecs;
    }

    /// <summary>
    /// Spec <c>format: uri</c>: an absolute URI, which starts with a scheme (RFC 3986 §3). The scheme test matters: on
    /// Unix, <see cref="Uri.TryCreate(string, UriKind, out Uri)"/> reads "/relative" as the absolute <c>file:///relative</c>.
    /// </summary>
    private static bool IsAbsoluteUri(string value)
    {
        var colon = value.IndexOf(':');
        return colon > 0 && char.IsAsciiLetter(value[0]) &&
               value.AsSpan(0, colon).IndexOfAnyExcept(SchemeChars) < 0 &&
               Uri.TryCreate(value, UriKind.Absolute, out _);
    }

    private static readonly System.Buffers.SearchValues<char> SchemeChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    /// <summary>Spec <c>format: http-method</c>: an upper-case HTTP method token.</summary>
    private static bool IsHttpMethodToken(string value) =>
        value is "GET" or "POST" or "PUT" or "DELETE" or "HEAD" or "PATCH" or "OPTIONS";
}
