namespace FakeRooms;

/// <summary>
/// Settings of a <see cref="FakeRoomsServer"/>. Every member has a usable default. The server copies them when it
/// starts: later changes to the object given to <c>Start</c> have no effect, and the server's own copy
/// (<see cref="FakeRoomsServer.Options"/>) is frozen: its setters throw <see cref="InvalidOperationException"/>, and its
/// <see cref="ApiKeys"/> is read-only (changes throw <see cref="NotSupportedException"/>, as every read-only .NET
/// collection does).
/// </summary>
public sealed class FakeRoomsOptions
{
    private bool _frozen;
    private IDictionary<string, string> _apiKeys = new Dictionary<string, string>(StringComparer.Ordinal);
    private AdHocRoomSettings _adHocRooms = new();

    /// <summary>
    /// The account SID the fake accepts (<see cref="AuthMode.Strict"/>) and owns the default rooms. Default: a
    /// realistic <c>AC...</c> SID derived from <see cref="Seed"/>.
    /// </summary>
    public string? AccountSid { get; set => field = Unfrozen(value); }

    /// <summary>The account's auth token; also the key that signs status callbacks. Default: derived from <see cref="Seed"/>.</summary>
    public string? AuthToken { get; set => field = Unfrozen(value); }

    /// <summary>API keys (<c>SK...</c> SID to secret) accepted for the default account, as Twilio accepts API keys.</summary>
    public IDictionary<string, string> ApiKeys => _apiKeys;

    /// <summary>Seed of every generated SID and token. The same seed and start time give byte-identical responses.</summary>
    public int Seed { get; set => field = Unfrozen(value); } = 1;

    /// <summary>
    /// The time the fake's manual clock starts at. Default: the system time when the server starts, truncated to
    /// whole seconds. Ignored when <see cref="TimeProvider"/> is set.
    /// </summary>
    public DateTimeOffset? StartTime { get; set => field = Unfrozen(value); }

    /// <summary>
    /// A clock to use instead of the fake's own manual clock (for example <see cref="System.TimeProvider.System"/> for a real
    /// clock). When set, <see cref="FakeRoomsServer.Clock"/> cannot be moved by hand.
    /// </summary>
    public TimeProvider? TimeProvider { get; set => field = Unfrozen(value); }

    /// <summary>How credentials are checked. Default: <see cref="AuthMode.Strict"/>.</summary>
    public AuthMode AuthMode { get; set => field = Unfrozen(value); } = AuthMode.Strict;

    /// <summary>Which create-room rules apply. Default: <see cref="ValidationProfile.Strict"/>.</summary>
    public ValidationProfile Validation { get; set => field = Unfrozen(value); } = ValidationProfile.Strict;

    /// <summary>
    /// The base URL written into <c>url</c>, <c>links</c> and paging URLs. Default (null): the scheme and host the
    /// request came to, so clients that follow <c>next_page_url</c> verbatim come back to the fake. Set
    /// <c>https://video.twilio.com</c> to emit Twilio's own URLs.
    /// </summary>
    public string? PublicBaseUrl { get; set => field = Unfrozen(value); }

    /// <summary>
    /// Whether the fake opens a port. Default: true. When false no socket is opened: <see cref="FakeRoomsServer.Port"/>
    /// is 0, <see cref="FakeRoomsServer.Url"/> is <c>https://video.twilio.com</c> (so <c>url</c>, <c>links</c> and
    /// paging URLs are Twilio's own), and the clients the fake makes (<see cref="FakeRoomsServer.CreateTwilioClient()"/>,
    /// <see cref="FakeRoomsServer.CreateHttpMessageHandler"/>, <see cref="FakeRoomsAccount.CreateTwilioClient"/>) answer
    /// in memory through the same pipeline as HTTP requests: routing, faults (a dropped connection throws
    /// <see cref="HttpRequestException"/>), delays, stubs, the journal and callbacks behave as over HTTP. Clients made
    /// from a URL (<see cref="FakeRoomsClient"/>, other languages) cannot reach such a fake. When true, the fake's own
    /// clients use HTTP over loopback.
    /// </summary>
    public bool Listen { get; set => field = Unfrozen(value); } = true;

    /// <summary>The address to listen on. Default: 127.0.0.1 (loopback only).</summary>
    public string Host { get; set => field = Unfrozen(value); } = "127.0.0.1";

    /// <summary>The port to listen on; 0 picks a free port. Default: 0.</summary>
    public int Port { get; set => field = Unfrozen(value); }

    /// <summary>How many calls the journal keeps; older ones are dropped first. Default: 10,000.</summary>
    public int JournalCapacity { get; set => field = Unfrozen(value); } = 10_000;

    /// <summary>In-progress rooms one account may hold; past it a create answers 53119. Default: 10,000.</summary>
    public int? MaxInProgressRoomsPerAccount { get; set => field = Unfrozen(value); } = 10_000;

    /// <summary>
    /// Ended rooms (completed or failed) one account keeps. When a room ends and the account holds more ended rooms
    /// than this, the oldest ones by creation time are forgotten at once with their participants, tracks, recording
    /// rules, recordings and compositions: fetched by SID they answer 404 with code 20404, and account-wide lists no
    /// longer show them. In-progress rooms are never forgotten (they are bounded by
    /// <see cref="MaxInProgressRoomsPerAccount"/>). This bounds the memory of a long-running fake; it is not a Twilio
    /// limit. A room created before every kept ended room is forgotten as soon as it ends. Snapshots hold the kept rooms
    /// only. Default: 50,000. Null keeps every room; 0 forgets each room as soon as it ends.
    /// </summary>
    public int? MaxCompletedRoomsPerAccount { get; set => field = Unfrozen(value); } = 50_000;

    /// <summary>
    /// Accounts the fake holds at once (each about 3 to 4 KB, more with rooms). An account is made by its first
    /// accepted write; reads and refused requests make none. Past the bound a request that would make a new account
    /// answers 401 with Twilio's code 20003 (what Twilio answers an account it does not know); resetting an account
    /// frees its place. Default: 10,000. Null: no bound. The standalone server: <c>--max-accounts</c>.
    /// </summary>
    public int? MaxAccounts { get; set => field = Unfrozen(value); } = 10_000;

    /// <summary>
    /// A token the control API (every path under <c>/__fakerooms/</c> except <c>/__fakerooms/health</c>) requires, as
    /// <c>Authorization: Bearer TOKEN</c>, <c>?token=TOKEN</c> or the <c>fakerooms_control_token</c> cookie (set by an
    /// answer to <c>?token=</c>); without it a control call answers 401 with code 20003 in the control API's error
    /// format. Default: null, no token (right on loopback). The standalone server sets one from
    /// <c>--control-token</c>, or generates and prints one, when it listens beyond loopback.
    /// </summary>
    public string? ControlToken { get; set => field = Unfrozen(value); }

    /// <summary>
    /// The standalone server's <c>--persist FILE</c>: state loaded from FILE and FILE.log at start, every accepted change
    /// appended to FILE.log before its answer (Persistence/PersistLog.cs).
    /// </summary>
    internal string? PersistPath { get; set => field = Unfrozen(value); }

    /// <summary>When set, group rooms created with <c>LargeRoom=true</c> may hold up to this many participants.</summary>
    public int? LargeRoomMaxParticipants { get; set => field = Unfrozen(value); }

    /// <summary>
    /// How long a simulated participant that lost its connection (<see cref="SimulatedParticipant.LoseConnection"/>) stays
    /// <c>reconnecting</c> before it is disconnected with 53002. Default 30 seconds: twilio-video.js 2.3.0's changelog says
    /// a client retries "only while the Participant's session is valid (typically 30 seconds after the reconnecting
    /// event)"; Twilio publishes no exact server-side number.
    /// </summary>
    public TimeSpan ReconnectionWindow { get; set => field = Unfrozen(value); } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Twilio's per-account limit on write requests (POST/DELETE) per second; past it calls answer 429 with code
    /// 20429 and a Retry-After header. Twilio's default quota is 20 (docs: programmable-video-limits). Default: null,
    /// no limit. Windows follow the fake's clock.
    /// </summary>
    public int? RateLimitWritesPerSecond { get; set => field = Unfrozen(value); }

    /// <summary>
    /// Twilio's per-account limit on read requests (GET) per second; past it calls answer 429 with code 20429 and a
    /// Retry-After header. Twilio's default quota is 80 (docs: programmable-video-limits). Default: null, no limit.
    /// </summary>
    public int? RateLimitReadsPerSecond { get; set => field = Unfrozen(value); }

    /// <summary>Largest request body accepted, in bytes; larger ones answer 413 with code 20413. Default: 1 MiB.</summary>
    public int MaxRequestBodyBytes { get; set => field = Unfrozen(value); } = 1 << 20;

    /// <summary>
    /// How long one status callback request may take before it is recorded as timed out
    /// (<see cref="Callbacks.CallbackOutcome.TimedOut"/>). Callbacks are sent in the background, so a slow receiver
    /// never slows a REST call or the clock. Default: 5 seconds.
    /// </summary>
    public TimeSpan CallbackTimeout { get; set => field = Unfrozen(value); } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Sends every status callback to this handler in process instead of over the network, with the callback's full
    /// absolute URL (the host is not resolved). Use <c>WebApplicationFactory.Server.CreateHandler()</c> to deliver
    /// callbacks to an ASP.NET Core app under test with no port. The fake does not dispose it. Default: null (network).
    /// </summary>
    public HttpMessageHandler? CallbackHandler { get; set => field = Unfrozen(value); }

    /// <summary>
    /// Status callbacks that may wait to be sent (queued or in flight); past it new ones are recorded as
    /// <see cref="Callbacks.CallbackOutcome.Dropped"/>, so a server whose receiver is down does not grow. Default: 10,000.
    /// </summary>
    public int CallbackQueueCapacity { get; set => field = Unfrozen(value); } = 10_000;

    /// <summary>How many status callback deliveries <see cref="FakeRoomsServer.Callbacks"/> keeps; older ones are dropped first. Default: 10,000.</summary>
    public int CallbackJournalCapacity { get; set => field = Unfrozen(value); } = 10_000;

    /// <summary>
    /// What a client's connect to a room name with no room in progress does (client-side room creation): on by
    /// default, as on Twilio; see <see cref="SimulatedRooms.ConnectWithToken"/>.
    /// </summary>
    public AdHocRoomSettings AdHocRooms => _adHocRooms;

    /// <summary>Called once per answered request (control calls too), on the request's thread; the standalone server logs with it.</summary>
    internal Action<Http.RequestObserved>? RequestObserver { get; set => field = Unfrozen(value); }

    /// <summary>Called once per recorded callback delivery, outside the fake's locks; the standalone server logs failures with it.</summary>
    internal Action<Callbacks.CallbackRecord>? CallbackObserver { get; set => field = Unfrozen(value); }

    /// <summary>
    /// A page answered (200 text/html) to <c>GET /</c> instead of the REST API's 401/404: the standalone server's
    /// short "what is this" page. Null (in-process default): <c>/</c> is treated like any unknown Twilio path.
    /// </summary>
    internal string? RootPage { get; set => field = Unfrozen(value); }

    /// <summary>
    /// The copy a server runs with: every value as it is now, the API keys and ad-hoc room settings copied too, and
    /// frozen, so neither the caller (who keeps this object) nor anyone holding the server can change a setting the
    /// server read once at start or reads on every request.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    internal FakeRoomsOptions FrozenCopy()
    {
        if (MaxAccounts is < 1)
            throw new ArgumentOutOfRangeException("options", MaxAccounts, "FakeRoomsOptions.MaxAccounts must be 1 or more (null: no bound).");
        if (MaxCompletedRoomsPerAccount is < 0)
            throw new ArgumentOutOfRangeException("options", MaxCompletedRoomsPerAccount,
                "FakeRoomsOptions.MaxCompletedRoomsPerAccount must be 0 or more (null keeps every room).");
        if (ControlToken is { Length: 0 })
            throw new ArgumentException("FakeRoomsOptions.ControlToken must not be empty (null: no token).", "options");
        var copy = (FakeRoomsOptions)MemberwiseClone();
        copy._apiKeys = new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(
            new Dictionary<string, string>(_apiKeys, StringComparer.Ordinal));
        copy._adHocRooms = _adHocRooms.FrozenCopy();
        copy._frozen = true;
        return copy;
    }

    /// <summary>What the domain takes of these settings.</summary>
    internal Domain.DomainOptions ToDomainOptions() => new()
    {
        MaxInProgressRooms = MaxInProgressRoomsPerAccount,
        MaxAccounts = MaxAccounts,
        MaxEndedRooms = MaxCompletedRoomsPerAccount,
        LargeRoomMaxParticipants = LargeRoomMaxParticipants,
        ReconnectionWindow = ReconnectionWindow,
        Media = Media.MediaFiles.Profile,
    };

    private T Unfrozen<T>(T value) => Unfrozen(_frozen, value);

    internal static T Unfrozen<T>(bool frozen, T value) => frozen
        ? throw new InvalidOperationException("A running fake's options cannot change: set them in the configure callback of FakeRoomsServer.Start.")
        : value;
}
