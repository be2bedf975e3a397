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

    /// <summary>How long the transport holds the answer back (an injected latency).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>True when the transport closes the connection instead of answering (an injected fault).</summary>
    public bool DropConnection { get; init; }

    /// <summary>What a fault rule or the rate limiter did to this call, for the journal.</summary>
    public string? InjectedFault { get; init; }

    public static HttpResult Json(int status, string json, Domain.Rooms.Room? room = null) => new(status, json) { Room = room };

    /// <summary>
    /// JSON already encoded as UTF-8 (<c>JsonText.WriteUtf8</c>): the bytes WireMock sends as they are, with no UTF-16
    /// string in between (and none on the large object heap for big list pages). <see cref="Body"/> is empty.
    /// </summary>
    public static HttpResult Utf8Json(int status, byte[] json, Domain.Rooms.Room? room = null) => new(status, "") { BinaryBody = json, Room = room };
}
