using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Participants;

namespace FakeRooms.Domain.Rooms;

internal sealed partial class RoomStore
{
    /// <summary>
    /// A Video client connects to a room by name, as <c>connect(token, { name })</c> does: the in-progress room of
    /// that name (or SID) if there is one; otherwise, when <paramref name="adHoc"/> is given (client-side room
    /// creation on, Twilio's default), a new room of that name is created with those settings and the participant
    /// joins it, all under one lock, so two clients connecting to a new name at once share one room. Without
    /// <paramref name="adHoc"/> an unknown name fails with 53106 "Room not found" (docs "Client-side Room creation":
    /// with it disabled, clients can only join rooms created through REST).
    /// </summary>
    /// <returns>The participant, and whether this connect created the room.</returns>
    public (Participant Participant, bool Created) ConnectOrCreate(string roomSidOrName, string identity, CreateRoom? adHoc)
    {
        lock (_gate)
        {
            Settle();
            var created = false;
            if (adHoc is not null && TryFind(roomSidOrName) is null && !LooksLikeRoomSid(roomSidOrName))
            {
                Create(adHoc with { UniqueName = roomSidOrName });
                created = true;
            }
            return (Connect(roomSidOrName, identity), created);
        }
    }

    // A client naming an RM SID asks for that room; it never creates a room named like a SID.
    private static bool LooksLikeRoomSid(string value) =>
        value.Length == 34 && value.StartsWith("RM", StringComparison.Ordinal) && value.AsSpan(2).ContainsAnyExcept("0123456789abcdefABCDEF") == false;
}
