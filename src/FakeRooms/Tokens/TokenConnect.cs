namespace FakeRooms.Tokens;

/// <summary>
/// One attempt of a simulated Video client to connect with an Access Token
/// (<see cref="SimulatedRooms.ConnectWithToken"/> or <c>POST /__fakerooms/connect</c>), accepted or refused.
/// </summary>
/// <param name="Time">When it happened, on the fake's clock.</param>
/// <param name="Accepted">True when the participant joined.</param>
/// <param name="ErrorCode">The Twilio error of a refusal (20101-20107, 20157, 53106, 53105, ...), else null.</param>
/// <param name="ErrorMessage">Twilio's message for <paramref name="ErrorCode"/>.</param>
/// <param name="Reason">Why it was refused, for a person: e.g. "the token expired 2 minutes before the connect".</param>
/// <param name="AccountSid">The account the token named (its <c>sub</c>), when the issuer was known.</param>
/// <param name="Identity">The identity from the token's grants, when it had one.</param>
/// <param name="RequestedRoom">The room the client asked for beside the token, or null.</param>
/// <param name="Room">The room the participant joined (name from the grant or the request), when accepted.</param>
/// <param name="RoomSid">The joined room's SID, when accepted.</param>
/// <param name="ParticipantSid">The new participant's SID, when accepted.</param>
/// <param name="ApiKeySid">The API key that signed the token (<c>iss</c>), when known.</param>
/// <param name="CreatedRoom">True when the connect created the room (client-side, "ad-hoc" room creation).</param>
public sealed record TokenConnect(
    DateTimeOffset Time,
    bool Accepted,
    int? ErrorCode,
    string? ErrorMessage,
    string? Reason,
    string? AccountSid,
    string? Identity,
    string? RequestedRoom,
    string? Room,
    string? RoomSid,
    string? ParticipantSid,
    string? ApiKeySid,
    bool CreatedRoom);
