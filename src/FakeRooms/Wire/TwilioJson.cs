using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Rooms;
using Newtonsoft.Json;

namespace FakeRooms.Wire;

/// <summary>The JSON bodies of the Video v1 resources, property for property as in the spec's schemas.</summary>
internal static class TwilioJson
{
    /// <summary>Twilio's error envelope (FACTS §1.4): <c>{code, message, more_info, status}</c>.</summary>
    public static string Error(TwilioError error) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.Prop("code", error.Code);
        w.Prop("message", error.Message);
        w.Prop("more_info", error.MoreInfo);
        w.Prop("status", error.HttpStatus);
        w.WriteEndObject();
    });

    public static string Room(Room room, string baseUrl) => JsonText.Write(w => WriteRoom(w, room, baseUrl));

    /// <summary>The same room as UTF-8 bytes: what goes on the wire, without a UTF-16 string in between (README: Performance, what it took).</summary>
    public static byte[] RoomUtf8(Room room, string baseUrl) => JsonText.WriteUtf8(w => WriteRoom(w, room, baseUrl));

    /// <summary>Spec schema <c>video.v1.room</c>. <c>url</c> and <c>links</c> always use the SID, never the name.</summary>
    public static void WriteRoom(JsonWriter w, Room room, string baseUrl)
    {
        var url = $"{baseUrl}/v1/Rooms/{room.Sid}";
        w.WriteStartObject();
        w.Prop("sid", room.Sid);
        w.Prop("status", WireNames.Of(room.Status));
        w.Prop("date_created", room.DateCreated);
        w.Prop("date_updated", room.DateUpdated);
        w.Prop("account_sid", room.AccountSid);
        w.Prop("enable_turn", room.EnableTurn);
        w.Prop("unique_name", room.UniqueName);
        w.Prop("status_callback", room.StatusCallback);
        w.Prop("status_callback_method", room.StatusCallbackMethod);
        w.Prop("end_time", room.EndTime);
        w.Prop("duration", room.Duration);
        w.Prop("type", WireNames.Of(room.Type));
        w.Prop("max_participants", room.MaxParticipants);
        w.Prop("max_participant_duration", room.MaxParticipantDuration);
        w.Prop("max_concurrent_published_tracks", room.MaxConcurrentPublishedTracks);
        w.Prop("record_participants_on_connect", room.RecordParticipantsOnConnect);
        w.WritePropertyName("video_codecs");
        w.WriteStartArray();
        foreach (var codec in room.VideoCodecs)
            w.WriteValue(WireNames.Of(codec));
        w.WriteEndArray();
        w.Prop("media_region", room.MediaRegion);
        w.Prop("audio_only", room.AudioOnly);
        w.Prop("empty_room_timeout", room.EmptyRoomTimeout);
        w.Prop("unused_room_timeout", room.UnusedRoomTimeout);
        w.Prop("large_room", room.LargeRoom);
        w.Prop("url", url);
        w.WritePropertyName("links");
        w.WriteStartObject();
        w.Prop("participants", url + "/Participants");
        w.Prop("recordings", url + "/Recordings");
        w.Prop("transcriptions", url + "/Transcriptions");
        w.Prop("recording_rules", url + "/RecordingRules");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Spec schema <c>video.v1.room.room_participant</c>.</summary>
    public static void WriteParticipant(JsonWriter w, Participant p, string baseUrl)
    {
        var url = $"{baseUrl}/v1/Rooms/{p.RoomSid}/Participants/{p.Sid}";
        w.WriteStartObject();
        WriteParticipantCore(w, p, url);
        w.WritePropertyName("links");
        w.WriteStartObject();
        w.Prop("published_tracks", url + "/PublishedTracks");
        w.Prop("subscribed_tracks", url + "/SubscribedTracks");
        w.Prop("subscribe_rules", url + "/SubscribeRules");
        w.Prop("anonymize", url + "/Anonymize");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Spec schema <c>room_participant_anonymize</c>: the participant without links, url to Anonymize.</summary>
    public static void WriteAnonymize(JsonWriter w, Participant p, string baseUrl)
    {
        w.WriteStartObject();
        WriteParticipantCore(w, p, $"{baseUrl}/v1/Rooms/{p.RoomSid}/Participants/{p.Sid}/Anonymize");
        w.WriteEndObject();
    }

    private static void WriteParticipantCore(JsonWriter w, Participant p, string url)
    {
        w.Prop("sid", p.Sid);
        w.Prop("room_sid", p.RoomSid);
        w.Prop("account_sid", p.AccountSid);
        w.Prop("status", WireNames.Of(p.Status));
        w.Prop("identity", p.Identity);
        w.Prop("date_created", p.DateCreated);
        w.Prop("date_updated", p.DateUpdated);
        w.Prop("start_time", p.StartTime);
        w.Prop("end_time", p.EndTime);
        w.Prop("duration", p.Duration);
        w.Prop("url", url);
    }

    /// <summary>Spec schema <c>room_participant_published_track</c>.</summary>
    public static void WritePublishedTrack(JsonWriter w, PublishedTrack t, string baseUrl)
    {
        w.WriteStartObject();
        w.Prop("sid", t.Sid);
        w.Prop("participant_sid", t.ParticipantSid);
        w.Prop("room_sid", t.RoomSid);
        w.Prop("name", t.Name);
        w.Prop("date_created", t.DateCreated);
        w.Prop("date_updated", t.DateUpdated);
        w.Prop("enabled", t.Enabled);
        w.Prop("kind", WireNames.Of(t.Kind));
        w.Prop("url", $"{baseUrl}/v1/Rooms/{t.RoomSid}/Participants/{t.ParticipantSid}/PublishedTracks/{t.Sid}");
        w.WriteEndObject();
    }

    /// <summary>Spec schema <c>room_participant_subscribed_track</c>.</summary>
    public static void WriteSubscribedTrack(JsonWriter w, SubscribedTrack t, string baseUrl)
    {
        w.WriteStartObject();
        w.Prop("sid", t.Sid);
        w.Prop("participant_sid", t.ParticipantSid);
        w.Prop("publisher_sid", t.PublisherSid);
        w.Prop("room_sid", t.RoomSid);
        w.Prop("name", t.Name);
        w.Prop("date_created", t.DateCreated);
        w.Prop("date_updated", t.DateUpdated);
        w.Prop("enabled", t.Enabled);
        w.Prop("kind", WireNames.Of(t.Kind));
        w.Prop("url", $"{baseUrl}/v1/Rooms/{t.RoomSid}/Participants/{t.ParticipantSid}/SubscribedTracks/{t.Sid}");
        w.WriteEndObject();
    }

    /// <summary>
    /// A list page (FACTS §1.3): the records under <paramref name="key"/> and a <c>meta</c> with all seven keys.
    /// </summary>
    public static string Page<T>(string key, IReadOnlyList<T> items, Action<JsonWriter, T> writeItem, PageMeta meta) =>
        JsonText.Write(w => WritePage(w, key, items, writeItem, meta));

    /// <summary>The same list page as UTF-8 bytes: a large page as a string would land on the large object heap.</summary>
    public static byte[] PageUtf8<T>(string key, IReadOnlyList<T> items, Action<JsonWriter, T> writeItem, PageMeta meta) =>
        JsonText.WriteUtf8(w => WritePage(w, key, items, writeItem, meta));

    private static void WritePage<T>(JsonWriter w, string key, IReadOnlyList<T> items, Action<JsonWriter, T> writeItem, PageMeta meta)
    {
        w.WriteStartObject();
        w.WritePropertyName(key);
        w.WriteStartArray();
        foreach (var item in items)
            writeItem(w, item);
        w.WriteEndArray();
        w.WritePropertyName("meta");
        w.WriteStartObject();
        w.Prop("page", meta.Page);
        w.Prop("page_size", meta.PageSize);
        w.Prop("first_page_url", meta.FirstPageUrl);
        w.Prop("previous_page_url", meta.PreviousPageUrl);
        w.Prop("url", meta.Url);
        w.Prop("next_page_url", meta.NextPageUrl);
        w.Prop("key", key);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}

/// <summary>The <c>meta</c> of a list page.</summary>
internal sealed record PageMeta(int Page, int PageSize, string FirstPageUrl, string? PreviousPageUrl, string Url, string? NextPageUrl);
