namespace FakeRooms.Domain.Rooms;

/// <summary>A room's status (spec enum <c>room_enum_room_status</c>).</summary>
internal enum RoomStatus
{
    /// <summary><c>in-progress</c></summary>
    InProgress,
    /// <summary><c>completed</c></summary>
    Completed,
    /// <summary><c>failed</c></summary>
    Failed,
}

/// <summary>A room's type (spec enum <c>room_enum_room_type</c>; all but group are deprecated).</summary>
internal enum RoomType
{
    /// <summary><c>group</c>, the default and the only type for new customers.</summary>
    Group,
    /// <summary><c>group-small</c></summary>
    GroupSmall,
    /// <summary><c>peer-to-peer</c></summary>
    PeerToPeer,
    /// <summary><c>go</c></summary>
    Go,
}

/// <summary>A video codec a room allows (spec enum <c>room_enum_video_codec</c>).</summary>
internal enum VideoCodec
{
    /// <summary><c>VP8</c></summary>
    VP8,
    /// <summary><c>H264</c></summary>
    H264,
}

/// <summary>An HTTP method for status callbacks.</summary>
internal enum CallbackMethod
{
    /// <summary>POST: parameters in a form body (the default).</summary>
    Post,
    /// <summary>GET: parameters in the query string.</summary>
    Get,
}
