using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Transcriptions;

/// <summary>
/// Rooms' Transcriptions resources (docs https://www.twilio.com/docs/video/api/transcriptions): "Real-time
/// Transcriptions supports only a single instance of the Transcriptions resource per Room". Each lives on its room
/// (<see cref="RoomState.Transcription"/>); participants joining and leaving and the room's end move its clock.
/// </summary>
internal sealed class TranscriptionRegistry(AccountState account, RoomIndex rooms)
{
    /// <summary>Starts the room's transcriptions (POST Transcriptions, 202). The configuration is read once the room is found.</summary>
    public Transcription Create(string roomSidOrName, Func<IReadOnlyDictionary<string, string>?> readConfiguration)
    {
        using var held = account.Begin(out var now);
        var room = rooms.Find(roomSidOrName);
        var configuration = readConfiguration();
        if (room.Current.Status != RoomStatus.InProgress)
            throw new TwilioErrorException(TwilioErrors.TranscriptionRoomNotInProgress(room.Current.Sid));
        if (room.Transcription is { } existing)
            throw new TwilioErrorException(TwilioErrors.TranscriptionExists(room.Current.Sid, existing.Current.Ttid));
        room.Transcription = Start(account, room, configuration, now);
        return room.Transcription.Current;
    }

    /// <summary>The room's transcriptions by ttid (GET instance); 20404 when the room has none of that ttid.</summary>
    public Transcription Get(string roomSidOrName, string ttid)
    {
        using var held = account.Begin(out _);
        return Find(rooms.Find(roomSidOrName), roomSidOrName, ttid).Current;
    }

    /// <summary>The room and its transcriptions (zero or one), for the list.</summary>
    public (Room Room, IReadOnlyList<Transcription> Transcriptions) List(string roomSidOrName)
    {
        using var held = account.Begin(out _);
        var room = rooms.Find(roomSidOrName);
        return (room.Current, room.Transcription is { } t ? [t.Current] : []);
    }

    /// <summary>
    /// POST on the instance (202): Status started or stopped and/or a configuration applied over the existing one.
    /// <paramref name="readUpdate"/> reads the request once the resource is found, so an unknown ttid is 20404 first.
    /// </summary>
    public Transcription Update(string roomSidOrName, string ttid,
        Func<(TranscriptionStatus? Status, IReadOnlyDictionary<string, string>? Configuration)> readUpdate)
    {
        using var held = account.Begin(out var now);
        var room = rooms.Find(roomSidOrName);
        var transcription = Find(room, roomSidOrName, ttid);
        var (status, configuration) = readUpdate();
        // [INFERRED] An ended room's transcription stays as the room's end left it; a restart is refused.
        if (status == TranscriptionStatus.Started && room.Current.Status != RoomStatus.InProgress)
            throw new TwilioErrorException(TwilioErrors.TranscriptionRoomNotInProgress(room.Current.Sid));
        return transcription.Update(status, configuration, now, room.ConnectedCount > 0);
    }

    /// <summary>Marks the room's transcriptions failed (test-only: Twilio fails it on an internal error).</summary>
    public Transcription Fail(string roomSidOrName)
    {
        using var held = account.Begin(out var now);
        var room = rooms.Find(roomSidOrName);
        var transcription = room.Transcription ?? throw new TwilioErrorException(TwilioErrors.NotFound($"/Rooms/{roomSidOrName}/Transcriptions"));
        return transcription.Fail(now);
    }

    /// <summary>A new, started Transcriptions resource for <paramref name="room"/> (under the lock).</summary>
    public static TranscriptionClock Start(AccountState account, RoomState room, IReadOnlyDictionary<string, string>? configuration, DateTimeOffset now)
    {
        // Spec and docs examples: "video_extension_" and a UUID; the fake draws the 32 hex digits from its seeded SIDs.
        var hex = account.Sids.Next("TT").AsSpan(2);
        var ttid = $"video_extension_{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
        return TranscriptionClock.Start(ttid, account.AccountSid, room.Current.Sid, configuration ?? new Dictionary<string, string>(), now,
            account.NextSequence(), room.ConnectedCount > 0);
    }

    private static TranscriptionClock Find(RoomState room, string roomId, string ttid) =>
        room.Transcription is { } t && t.Current.Ttid == ttid
            ? t
            : throw new TwilioErrorException(TwilioErrors.NotFound($"/Rooms/{roomId}/Transcriptions/{ttid}"));
}
