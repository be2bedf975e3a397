namespace FakeRooms;

/// <summary>How the fake checks HTTP Basic credentials.</summary>
public enum AuthMode
{
    /// <summary>
    /// Like Twilio: the configured account SID and auth token (or a configured API key SK... and its secret). Anything
    /// else gets 401 with code 20003.
    /// </summary>
    Strict,

    /// <summary>
    /// Any username that is an account SID (<c>AC</c> + 32 hex) with any non-empty password. Each such account gets
    /// its own isolated rooms, calls and callbacks, so parallel test suites can share one server.
    /// </summary>
    AnyAccount,
}

/// <summary>Which rules the fake applies to create-room bodies.</summary>
public enum ValidationProfile
{
    /// <summary>Twilio's rules: per-type limits, ranges, regions, incompatible parameters, with Twilio's codes.</summary>
    Strict,

    /// <summary>Only the types and enums of Twilio's OpenAPI description; values are echoed back as given.</summary>
    Schema,
}
