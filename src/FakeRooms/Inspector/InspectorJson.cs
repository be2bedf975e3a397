using System.Globalization;
using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;
using FakeRooms.Wire;
using Newtonsoft.Json;

namespace FakeRooms.Inspector;

/// <summary>
/// The inspector's views of the state as JSON: the rooms list (<c>GET /__fakerooms/rooms</c>) and one room with its
/// participants, tracks, recordings, compositions and timeline (<c>GET /__fakerooms/rooms/{Room}</c>). Dates are
/// Twilio's format, on the fake's clock.
/// </summary>
internal static class InspectorJson
{
    /// <summary>The rooms of every account (or one), newest first, at most <paramref name="limit"/>.</summary>
    public static string Rooms(FakeRoomsServer server, string? accountSid, RoomStatus? status, int limit)
    {
        var stores = server.Backend.Accounts.Where(s => accountSid is null || s.AccountSid == accountSid).ToList();
        var all = new List<Room>();
        foreach (var store in stores)
            all.AddRange(store.AllRooms());
        var matching = all.Where(r => status is null || r.Status == status)
            .OrderByDescending(r => r.DateCreated).ThenByDescending(r => r.Sequence).ThenBy(r => r.AccountSid, StringComparer.Ordinal)
            .ToList();
        var byAccount = stores.ToDictionary(s => s.AccountSid, StringComparer.Ordinal);
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.Prop("now", server.Clock.UtcNow);
            w.Prop("manual_clock", server.Clock.IsManual);
            w.Prop("default_account_sid", server.AccountSid);
            w.Prop("total", matching.Count);
            w.Prop("in_progress", all.Count(r => r.Status == RoomStatus.InProgress));
            w.WritePropertyName("rooms");
            w.WriteStartArray();
            foreach (var room in matching.Take(limit))
            {
                // A room forgotten between the two reads (retention, a reset) is left out, not an error.
                var participants = TryRead(() => byAccount[room.AccountSid].AllParticipants(room.Sid));
                if (participants is null)
                    continue;
                w.WriteStartObject();
                WriteRoomSummary(w, room);
                w.Prop("participants_connected", participants.Count(p => p.Status == ParticipantStatus.Connected));
                w.Prop("participants_total", participants.Count);
                w.WritePropertyName("identities");
                w.WriteStartArray();
                foreach (var p in participants.Where(p => p.Status == ParticipantStatus.Connected).Take(8))
                    w.WriteValue(p.Identity);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>One room (SID, or the name of an in-progress room) of an account, or of whichever account has it.</summary>
    public static string Room(FakeRoomsServer server, string roomSidOrName, string? accountSid, string baseUrl)
    {
        var store = server.Backend.Accounts
            .Where(s => accountSid is null || s.AccountSid == accountSid)
            .OrderBy(s => s.AccountSid == server.AccountSid ? 0 : 1)
            .FirstOrDefault(s => s.TryGet(roomSidOrName) is not null)
            ?? throw new TwilioErrorException(TwilioErrors.NotFound($"/Rooms/{roomSidOrName}"));
        var room = store.TryGet(roomSidOrName) ?? throw new TwilioErrorException(TwilioErrors.NotFound($"/Rooms/{roomSidOrName}"));
        var participants = TryRead(() => store.AllParticipants(room.Sid)) ?? [];
        var tracks = participants.ToDictionary(p => p.Sid,
            p => p.Status == ParticipantStatus.Connected ? TryRead(() => store.PublishedTracks(room.Sid, p.Sid)) ?? [] : [],
            StringComparer.Ordinal);
        var recordings = TryRead(() => store.AllRecordings(room.Sid)) ?? [];
        var compositions = TryRead(() => store.ListCompositions(new CompositionQuery { RoomSid = room.Sid, PageSize = 1000 }).Items) ?? [];
        var timeline = Timeline.Build(room, participants, tracks, recordings, compositions, server.Timeline.ForRoom(room.Sid));

        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.Prop("now", server.Clock.UtcNow);
            w.WritePropertyName("room");
            w.WriteStartObject();
            WriteRoomSummary(w, room);
            w.Prop("max_participants", room.MaxParticipants);
            w.Prop("max_participant_duration", room.MaxParticipantDuration);
            w.Prop("empty_room_timeout", room.EmptyRoomTimeout);
            w.Prop("unused_room_timeout", room.UnusedRoomTimeout);
            w.Prop("status_callback", room.StatusCallback);
            w.Prop("media_region", room.MediaRegion);
            w.Prop("audio_only", room.AudioOnly);
            w.Prop("record_participants_on_connect", room.RecordParticipantsOnConnect);
            w.WriteEndObject();
            w.WritePropertyName("resource");
            TwilioJson.WriteRoom(w, room, baseUrl);

            w.WritePropertyName("participants");
            w.WriteStartArray();
            foreach (var p in participants)
            {
                w.WriteStartObject();
                w.Prop("sid", p.Sid);
                w.Prop("identity", p.Identity);
                w.Prop("status", WireNames.Of(p.Status));
                w.Prop("start_time", p.StartTime);
                w.Prop("end_time", p.EndTime);
                w.Prop("duration", p.Duration);
                w.WritePropertyName("published_tracks");
                w.WriteStartArray();
                foreach (var t in tracks[p.Sid].OrderBy(t => t.Sequence))
                {
                    w.WriteStartObject();
                    w.Prop("sid", t.Sid);
                    w.Prop("name", t.Name);
                    w.Prop("kind", WireNames.Of(t.Kind));
                    w.Prop("enabled", t.Enabled);
                    w.Prop("date_created", t.DateCreated);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WritePropertyName("recordings");
            w.WriteStartArray();
            foreach (var r in recordings)
            {
                w.WriteStartObject();
                w.Prop("sid", r.Sid);
                w.Prop("track_name", r.TrackName);
                w.Prop("type", WireNames.Of(r.Type));
                w.Prop("status", MediaWireNames.Of(r.Status));
                w.Prop("date_created", r.DateCreated);
                w.Prop("duration", r.Duration);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WritePropertyName("compositions");
            w.WriteStartArray();
            foreach (var c in compositions.OrderBy(c => c.Sequence))
            {
                w.WriteStartObject();
                w.Prop("sid", c.Sid);
                w.Prop("status", MediaWireNames.Of(c.Status));
                w.Prop("format", MediaWireNames.Of(c.Spec.Format));
                w.Prop("date_created", c.DateCreated);
                w.Prop("date_completed", c.DateCompleted);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WritePropertyName("timeline");
            w.WriteStartArray();
            foreach (var item in timeline)
            {
                w.WriteStartObject();
                w.Prop("time", item.Time);
                w.Prop("event", item.Event);
                w.Prop("text", item.Text);
                w.Prop("participant_sid", item.ParticipantSid);
                w.Prop("identity", item.Identity);
                w.Prop("track_name", item.TrackName);
                w.Prop("resource_sid", item.ResourceSid);
                w.Prop("source", item.FromState ? "state" : "event");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteRoomSummary(JsonWriter w, Room room)
    {
        w.Prop("sid", room.Sid);
        w.Prop("unique_name", room.UniqueName);
        w.Prop("account_sid", room.AccountSid);
        w.Prop("status", WireNames.Of(room.Status));
        w.Prop("type", WireNames.Of(room.Type));
        w.Prop("date_created", room.DateCreated);
        w.Prop("end_time", room.EndTime);
        w.Prop("duration", room.Duration);
    }

    private static T? TryRead<T>(Func<T> read) where T : class
    {
        try
        {
            return read();
        }
        catch (TwilioErrorException)
        {
            return null;
        }
    }

    internal static string Seconds(int seconds) => seconds.ToString(CultureInfo.InvariantCulture) + " s";
}
