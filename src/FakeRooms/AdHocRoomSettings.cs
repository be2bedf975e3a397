namespace FakeRooms;

/// <summary>
/// Client-side ("ad-hoc") room creation: what happens when a client connects with a token to a room name that has no
/// room in progress. Twilio creates the room with the account's default Room Settings (console: Video, Room
/// Settings), which these mirror. Default: on, group rooms, no status callback.
/// </summary>
/// <remarks>Frozen in a running fake's <see cref="FakeRoomsServer.Options"/>: its setters throw <see cref="InvalidOperationException"/>.</remarks>
public sealed class AdHocRoomSettings
{
    private bool _frozen;

    /// <summary>
    /// True (Twilio's default) to create the room on connect; false to refuse the connect with 53106 "Room not found",
    /// as Twilio does when "Client-side Room creation" is disabled.
    /// </summary>
    public bool Enabled { get; set => field = Unfrozen(value); } = true;

    /// <summary>The room type of created rooms: group (default), group-small, peer-to-peer or go.</summary>
    public VideoRoomType Type { get; set => field = Unfrozen(value); } = VideoRoomType.Group;

    /// <summary>The status callback URL of created rooms (the console's default status callback), or null.</summary>
    public string? StatusCallback { get; set => field = Unfrozen(value); }

    /// <summary>GET or POST (default).</summary>
    public string StatusCallbackMethod { get; set => field = Unfrozen(value); } = "POST";

    internal AdHocRoomSettings FrozenCopy()
    {
        var copy = (AdHocRoomSettings)MemberwiseClone();
        copy._frozen = true;
        return copy;
    }

    private T Unfrozen<T>(T value) => FakeRoomsOptions.Unfrozen(_frozen, value);
}
