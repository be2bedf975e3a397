using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Rooms;
using FakeRooms.Http.Catalogue;
using FakeRooms.Wire;

namespace FakeRooms.Validation;

/// <summary>
/// Reads a CreateRoom form (spec <c>CreateRoomRequest</c>, declared in Http/Catalogue) into a typed command. Types and enums are checked under
/// every profile; Twilio's own rules (<see cref="RoomRules"/>) only under <see cref="ValidationProfile.Strict"/>.
/// </summary>
internal static class CreateRoomParser
{
    public static CreateRoom Parse(Arguments form, ValidationProfile profile, int? largeRoomMaxParticipants)
    {
        RoomType? type = null;
        if (form.Text("Type") is { } rawType)
        {
            // Enum values are case-sensitive: "Group" is not a room type (docs error 53108).
            if (!WireNames.TryRoomType(rawType, out var parsed))
                throw new TwilioErrorException(TwilioErrors.RoomTypeInvalid);
            type = parsed;
        }

        var method = form.Text("StatusCallbackMethod");
        if (method is not null && !IsHttpMethodToken(method))
            throw new TwilioErrorException(TwilioErrors.StatusCallbackMethodInvalid);

        var callback = form.Text("StatusCallback");
        if (callback is not null && profile == ValidationProfile.Schema && !IsAbsoluteUri(callback))
            throw new TwilioErrorException(TwilioErrors.StatusCallbackInvalid);

        var command = new CreateRoom
        {
            Type = type,
            UniqueName = form.Text("UniqueName"),
            StatusCallback = callback,
            StatusCallbackMethod = method,
            MaxParticipants = form.Int("MaxParticipants"),
            MaxParticipantDuration = form.Int("MaxParticipantDuration"),
            RecordParticipantsOnConnect = form.Bool("RecordParticipantsOnConnect"),
            VideoCodecs = Codecs(form),
            MediaRegion = form.Text("MediaRegion"),
            AudioOnly = form.Bool("AudioOnly"),
            EmptyRoomTimeout = form.Int("EmptyRoomTimeout"),
            UnusedRoomTimeout = form.Int("UnusedRoomTimeout"),
            LargeRoom = form.Bool("LargeRoom"),
            RecordingRules = form.Text("RecordingRules") is { } rules ? RecordingRulesParser.Parse(rules) : null,
            TranscribeParticipantsOnConnect = form.Bool("TranscribeParticipantsOnConnect"),
            TranscriptionsConfiguration = form.Text("TranscriptionsConfiguration") is { } configuration
                ? TranscriptionConfigurationParser.Parse(configuration, "TranscriptionsConfiguration")
                : null,
        };
        // Typed but otherwise unused by the fake: still refused when not of their type.
        _ = form.Bool("EnableTurn");

        if (profile == ValidationProfile.Strict && RoomRules.Check(command, largeRoomMaxParticipants) is { } error)
            throw new TwilioErrorException(error);
        return command;
    }

    private static IReadOnlyList<Domain.Rooms.VideoCodec>? Codecs(Arguments form)
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
