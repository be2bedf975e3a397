using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;

namespace FakeRooms.NUnit.Tests.App;

/// <summary>A booked meeting: its room, and whether this call created it.</summary>
public sealed record Booking(string RoomSid, string RoomName, bool Created);

/// <summary>
/// The kind of service a user tests with FakeRooms: it books one Twilio Video room per meeting through the official
/// SDK (fetch by name, create when missing, cope with another instance creating it first) and ends meetings.
/// </summary>
public sealed class MeetingScheduler(ITwilioRestClient twilio, Uri? statusCallback)
{
    /// <summary>The room's unique name for a meeting.</summary>
    public static string RoomName(string meeting) => $"meeting-{meeting}";

    public async Task<Booking> BookAsync(string meeting, int seats)
    {
        var name = RoomName(meeting);
        if (await FindAsync(name) is { } existing)
            return new Booking(existing.Sid, name, Created: false);
        try
        {
            var room = await RoomResource.CreateAsync(
                uniqueName: name,
                type: RoomResource.RoomTypeEnum.Group,
                maxParticipants: seats,
                statusCallback: statusCallback,
                statusCallbackMethod: statusCallback is null ? null : Twilio.Http.HttpMethod.Post,
                client: twilio);
            return new Booking(room.Sid, name, Created: true);
        }
        catch (ApiException e) when (e.Code == 53113)
        {
            // "Room exists": another instance booked the meeting between our fetch and our create.
            var winner = await FindAsync(name) ?? throw new InvalidOperationException($"{name} exists but cannot be fetched.", e);
            return new Booking(winner.Sid, name, Created: false);
        }
    }

    /// <summary>Who is in the meeting now.</summary>
    public async Task<IReadOnlyList<string>> AttendeesAsync(string meeting)
    {
        var room = await FindAsync(RoomName(meeting));
        if (room is null)
            return [];
        var participants = await ParticipantResource.ReadAsync(pathRoomSid: room.Sid, status: ParticipantResource.StatusEnum.Connected, client: twilio);
        return participants.Select(p => p.Identity).ToList();
    }

    /// <summary>Ends the meeting's room; a meeting already over is fine.</summary>
    public async Task EndAsync(string meeting)
    {
        if (await FindAsync(RoomName(meeting)) is not { } room)
            return;
        await RoomResource.UpdateAsync(pathSid: room.Sid, status: RoomResource.RoomStatusEnum.Completed, client: twilio);
    }

    /// <summary>The in-progress room with this name (Twilio fetches by unique name), or null on 20404.</summary>
    private async Task<RoomResource?> FindAsync(string name)
    {
        try
        {
            return await RoomResource.FetchAsync(pathSid: name, client: twilio);
        }
        catch (ApiException e) when (e.Code == 20404)
        {
            return null;
        }
    }
}
