using FakeRooms.Domain.Rooms;
using FakeRooms.Http.Catalogue;

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

    /// <summary>The token an account other than the default one authenticated with (AnyAccount mode).</summary>
    public string? OtherAccountToken { get; set; }

    /// <summary>
    /// The account's store. A read (GET) gets an empty store outside the account map when the account has none, so it
    /// leaves no trace; a write creates the account (bounded by FakeRoomsOptions.MaxAccounts) and remembers the token
    /// that signs its callbacks.
    /// </summary>
    public RoomStore Store
    {
        get
        {
            var account = AccountSid ?? throw new InvalidOperationException("No account on a control route.");
            if (Request.Method is "GET" or "HEAD")
                return Server.Backend.AccountForRead(account);
            var store = Server.Backend.Account(account);
            if (OtherAccountToken is { } token)
                Server.RememberToken(account, token);
            return store;
        }
    }

    /// <summary>The route being served, null when none matched.</summary>
    public Route? Route { get; init; }

    /// <summary>The request's parameters, read through the operation's declaration.</summary>
    public Arguments Arguments => _arguments ??= new Arguments(
        Route?.Description ?? throw new InvalidOperationException("No operation: no route matched."), Request);

    private Arguments? _arguments;

    /// <summary>Parameters the operation does not know, which Twilio would silently ignore (set before its handler runs).</summary>
    public IReadOnlyList<string> IgnoredParameters { get; set; } = [];

    public string Path(string name) => Parameters[name];
}
