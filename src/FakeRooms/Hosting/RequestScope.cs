using Microsoft.AspNetCore.Http;

namespace FakeRooms.Hosting;

/// <summary>
/// What travels beside a request from the middleware in front of WireMock's (<see cref="RequestGuard"/>) to the mapping
/// callback, which WireMock hands only its own copy of the request: the <see cref="HttpContext"/> (injected faults
/// abort it), and the query and body the guard kept from WireMock. One per request, set once.
/// </summary>
internal sealed class RequestScope(HttpContext context)
{
    private static readonly AsyncLocal<RequestScope?> CurrentScope = new();

    /// <summary>The request being handled on this flow, if it came through the guard.</summary>
    public static RequestScope? Current => CurrentScope.Value;

    public static RequestScope Enter(HttpContext context) => CurrentScope.Value = new RequestScope(context);

    public HttpContext Context { get; } = context;

    /// <summary>The raw query (<c>?a=b</c>) when it was kept from WireMock; null otherwise.</summary>
    public string? Query { get; set; }

    /// <summary>The whole body as the guard read it (bounded); null when the request could not have one.</summary>
    public ArraySegment<byte>? Body { get; set; }

    /// <summary>True once the fake's catch-all mapping took the request; false after next() when a test's stub answered it.</summary>
    public bool Dispatched { get; set; }
}
