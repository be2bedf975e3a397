namespace FakeRooms.Http;

/// <summary>One answered request, for the standalone server's log line.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">The path as sent.</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="ErrorCode">The Twilio error code answered, or null.</param>
/// <param name="Elapsed">How long the fake took.</param>
internal sealed record RequestObserved(string Method, string Path, int Status, int? ErrorCode, TimeSpan Elapsed);
