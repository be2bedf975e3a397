namespace FakeRooms;

/// <summary>
/// Client-side ("ad-hoc") room creation: what happens when a client connects with a token to a room name that has no
/// room in progress. Twilio creates the room with the account's default Room Settings (console: Video, Room
/// Settings), which these mirror. Default: on, group rooms, no status callback.
/// </summary>
public sealed class AdHocRoomSettings
{
    /// <summary>
    /// True (Twilio's default) to create the room on connect; false to refuse the connect with 53106 "Room not found",
    /// as Twilio does when "Client-side Room creation" is disabled.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The room type of created rooms: group (default), group-small, peer-to-peer or go.</summary>
    public string Type { get; set; } = "group";

    /// <summary>The status callback URL of created rooms (the console's default status callback), or null.</summary>
    public string? StatusCallback { get; set; }

    /// <summary>GET or POST (default).</summary>
    public string StatusCallbackMethod { get; set; } = "POST";
}
