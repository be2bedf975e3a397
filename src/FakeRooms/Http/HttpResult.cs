using FakeRooms.Domain.Errors;

namespace FakeRooms.Http;

/// <summary>What a handler answers: a status, a JSON (or other) body, extra headers.</summary>
internal sealed record HttpResult(int Status, string Body, string ContentType = "application/json")
{
    /// <summary>The Twilio error, when this is an error response.</summary>
    public TwilioError? Error { get; init; }

    /// <summary>Extra response headers.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The room the call touched, for the journal.</summary>
    public Domain.Rooms.Room? Room { get; init; }

    /// <summary>Raw bytes to send instead of <see cref="Body"/> (media downloads).</summary>
    public byte[]? BinaryBody { get; init; }

    public static HttpResult Json(int status, string json, Domain.Rooms.Room? room = null) => new(status, json) { Room = room };
}
