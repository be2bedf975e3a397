using FakeRooms.Domain.Rooms;

namespace FakeRooms.Http;

/// <summary>One request on its way through a handler.</summary>
internal sealed class RequestContext(HttpRequestData request, IReadOnlyDictionary<string, string> parameters, FakeRoomsServer server, string baseUrl)
{
    public HttpRequestData Request { get; } = request;

    public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;

    public FakeRoomsServer Server { get; } = server;

    /// <summary>Where <c>url</c>, <c>links</c> and paging URLs point.</summary>
    public string BaseUrl { get; } = baseUrl;

    /// <summary>The authenticated account (null for control routes).</summary>
    public string? AccountSid { get; set; }

    /// <summary>The account's store.</summary>
    public RoomStore Store => Server.Backend.Account(AccountSid ?? throw new InvalidOperationException("No account on a control route."));

    /// <summary>Parameters the operation does not know, which Twilio would silently ignore.</summary>
    public IReadOnlyList<string> IgnoredParameters { get; set; } = [];

    public string Path(string name) => Parameters[name];
}
