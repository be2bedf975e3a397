namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The FakeRooms standalone server (a stateful fake of Twilio's Video Rooms REST API) run by an Aspire AppHost as
/// <c>dotnet FakeRooms.Server.dll</c>. Added with <c>builder.AddFakeRooms("twilio")</c>.
/// </summary>
public sealed class FakeRoomsResource : ExecutableResource
{
    /// <summary>The name of the resource's HTTP endpoint.</summary>
    public const string HttpEndpointName = "http";

    /// <summary>The dashboard command that resets the fake (<c>POST /__fakerooms/reset</c>).</summary>
    public const string ResetCommand = "fakerooms-reset";

    /// <summary>
    /// The dashboard command that advances a manual clock (<c>POST /__fakerooms/clock/advance</c>), added by
    /// <c>WithManualClock</c>; its argument <c>Seconds</c> (default 300) says how far.
    /// </summary>
    public const string AdvanceClockCommand = "fakerooms-advance-clock";

    private readonly Dictionary<string, string> _apiKeys = new(StringComparer.Ordinal);
    private EndpointReference? _httpEndpoint;

    /// <summary>Creates the resource; <see cref="FakeRoomsBuilderExtensions.AddFakeRooms"/> is the usual way.</summary>
    /// <param name="name">The resource name.</param>
    /// <param name="serverDll">Full path of <c>FakeRooms.Server.dll</c>.</param>
    public FakeRoomsResource(string name, string serverDll)
        : base(name, "dotnet", Path.GetDirectoryName(serverDll) ?? ".")
    {
        ServerDll = serverDll;
        (AccountSid, AuthToken) = DefaultAccount(name);
    }

    /// <summary>Full path of the server assembly this resource runs.</summary>
    public string ServerDll { get; }

    /// <summary>The account SID clients authenticate with (and that <c>WithReference</c> hands to consumers).</summary>
    public string AccountSid { get; internal set; }

    /// <summary>The account's auth token (clients authenticate with it; it also signs status callbacks).</summary>
    public string AuthToken { get; internal set; }

    /// <summary>API keys (SID to secret) the fake accepts for the account, in the order they were added.</summary>
    public IReadOnlyDictionary<string, string> ApiKeys => _apiKeys;

    internal List<string> ApiKeyOrder { get; } = [];

    /// <summary>The HTTP endpoint of the fake (its base URL replaces <c>https://video.twilio.com</c>).</summary>
    public EndpointReference HttpEndpoint => _httpEndpoint ??= new EndpointReference(this, HttpEndpointName);

    /// <summary>The fake's base URL, e.g. <c>http://localhost:40123</c>.</summary>
    public ReferenceExpression UrlExpression => ReferenceExpression.Create($"{HttpEndpoint.Property(EndpointProperty.Url)}");

    internal void AddApiKey(string sid, string secret)
    {
        if (!_apiKeys.ContainsKey(sid))
            ApiKeyOrder.Add(sid);
        _apiKeys[sid] = secret;
    }

    /// <summary>
    /// Without <c>WithAccount</c>, the account is derived from the resource name: stable across runs (a persisted
    /// state file keeps working) and distinct for two fakes in one AppHost. Twilio's formats: <c>AC</c> + 32 hex
    /// digits, a 32-hex-digit auth token.
    /// </summary>
    internal static (string Sid, string Token) DefaultAccount(string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("fakerooms-aspire:" + name));
        var hex = Convert.ToHexStringLower(hash);
        return ("AC" + hex[..32], hex[32..64]);
    }
}

/// <summary>The fake's request validation (<c>--validation</c>).</summary>
public enum FakeRoomsValidationProfile
{
    /// <summary>Twilio's rules (the default).</summary>
    Strict,

    /// <summary>Only the spec's types and enums.</summary>
    Schema,
}
