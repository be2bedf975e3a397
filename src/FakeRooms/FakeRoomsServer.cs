using FakeRooms.Tokens;
using System.Collections.Concurrent;
using FakeRooms.Callbacks;
using FakeRooms.Domain;
using FakeRooms.Domain.Sids;
using FakeRooms.Events;
using FakeRooms.Hosting;
using FakeRooms.Http;
using FakeRooms.Journal;
using Twilio.Clients;

namespace FakeRooms;

/// <summary>
/// A running fake of Twilio's Programmable Video Rooms REST API (<c>https://video.twilio.com/v1/Rooms...</c>),
/// listening on loopback. Start one per test fixture (or per assembly) and point the official SDK at it with
/// <see cref="CreateTwilioClient()"/>.
/// </summary>
/// <example>
/// <code>
/// await using var fake = await FakeRoomsServer.StartAsync();
/// var room = await RoomResource.CreateAsync(uniqueName: "standup", client: fake.CreateTwilioClient());
/// </code>
/// </example>
public sealed partial class FakeRoomsServer : IAsyncDisposable, IDisposable
{
    private readonly WireMockAdapter _host;
    private readonly RequestGuard _guard;

    private readonly AccountTokens _tokens = new();
    private readonly IDisposable? _ticker;
    private readonly ConcurrentQueue<Exception> _bugs = new();
    private int _disposed;

    private FakeRoomsServer(FakeRoomsOptions configured)
    {
        var options = Options = configured.FrozenCopy();
        var seeds = new SidGenerator(options.Seed);
        AccountSid = options.AccountSid ?? seeds.Next("AC");
        AuthToken = options.AuthToken ?? seeds.Token();
        _tokens.Remember(AccountSid, AuthToken);

        var provider = FakeRoomsClock.ProviderFor(options);
        Events = new EventHub();
        // --persist: the domain's clock can be pinned, so a logged change replays at the time it ran (Persistence/).
        var pinned = options.PersistPath is not null ? new Persistence.PinnedTimeProvider(provider) : null;
        Backend = new VideoBackend(pinned ?? provider, options.Seed, Events, options.ToDomainOptions());
        Clock = new FakeRoomsClock(provider, Backend.Settle);
        Calls = new CallJournal(options.JournalCapacity);
        Rooms = new SimulatedRooms(this, AccountSid);
        Tokens = new TokenConnects(this);
        Faults = new Faults.FaultInjector(this);

        // Status callbacks (FACTS §6): the listener only enqueues; delivery runs in the background.
        Callbacks = new CallbackJournal(options.CallbackJournalCapacity) { Observer = options.CallbackObserver };
        CallbackDispatcher = new CallbackDispatcher(this, Callbacks);
        Resetting += CallbackDispatcher.Reset;
        // The inspector's room timelines (Inspector/RoomTimeline.cs): a bounded copy of the events, rooms with or without callbacks.
        Timeline = new Inspector.RoomTimeline();
        Events.Subscribe(Timeline);
        Resetting += Timeline.Reset;

        Routes = new RouteTable();
        Dispatcher = new Dispatcher(this, Routes);
        // Replayed before status callbacks are wired and before the port opens: a restart sends no callback twice and
        // answers no request from a half-loaded state.
        if (options.PersistPath is { } path)
        {
            try
            {
                Persistence = FakeRooms.Persistence.PersistLog.Open(this, pinned!, path);
            }
            catch
            {
                CallbackDispatcher.Dispose();
                throw;
            }
        }
        Events.Subscribe(CallbackDispatcher);
        _guard = new RequestGuard(this, Dispatcher);
        _host = WireMockAdapter.Start(options, _guard);
        Clients = new TwilioClients(CreateHttpMessageHandler, Options.Listen ? null : http => new InMemoryTwilioClient(this, _guard, () => _host.HasStubs, http));
        _ticker = Clock.StartTicking(ReportBug);
    }

    /// <summary>Starts a fake on a free loopback port.</summary>
    /// <param name="configure">Changes to the default <see cref="FakeRoomsOptions"/>.</param>
    public static FakeRoomsServer Start(Action<FakeRoomsOptions>? configure = null)
    {
        var options = new FakeRoomsOptions();
        configure?.Invoke(options);
        return new FakeRoomsServer(options);
    }

    /// <summary>Starts a fake on a free loopback port without blocking the caller's thread.</summary>
    /// <param name="configure">Changes to the default <see cref="FakeRoomsOptions"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<FakeRoomsServer> StartAsync(Action<FakeRoomsOptions>? configure = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Start(configure), cancellationToken);

    /// <summary>
    /// The base URL the fake listens on, e.g. <c>http://127.0.0.1:51234</c>; <c>https://video.twilio.com</c> when it
    /// does not listen (<see cref="FakeRoomsOptions.Listen"/> false), which only the fake's own clients reach.
    /// </summary>
    public string Url => _host.Url;

    /// <summary>
    /// The inspector page, <c>{Url}/__fakerooms/ui</c>: open it in a browser to see the rooms, the calls and the status
    /// callbacks live, and to move the clock, add participants and tracks, reset or download a snapshot. Null when the
    /// fake does not listen (<see cref="FakeRoomsOptions.Listen"/> false): a browser cannot reach it.
    /// </summary>
    public string? InspectorUrl => Options.Listen ? Url + "/__fakerooms/ui" : null;

    /// <summary>The port the fake listens on; 0 when it does not listen (<see cref="FakeRoomsOptions.Listen"/> false).</summary>
    public int Port => _host.Port;

    /// <summary>The default account's SID (<c>AC...</c>).</summary>
    public string AccountSid { get; }

    /// <summary>The default account's auth token; it also signs status callbacks.</summary>
    public string AuthToken { get; }

    /// <summary>The fake's clock: move it to make timeouts fire.</summary>
    public FakeRoomsClock Clock { get; }

    /// <summary>Every call the fake answered (bounded; see <see cref="FakeRoomsOptions.JournalCapacity"/>).</summary>
    public CallJournal Calls { get; }

    /// <summary>
    /// Every status callback the fake sent, with the receiver's answer (bounded; see
    /// <see cref="FakeRoomsOptions.CallbackJournalCapacity"/>). Wait on it with <see cref="CallbackJournal.WaitForAsync"/>
    /// and <see cref="CallbackJournal.WhenIdleAsync"/>.
    /// </summary>
    public CallbackJournal Callbacks { get; }

    /// <summary>The default account's rooms, and simulated participants joining them.</summary>
    public SimulatedRooms Rooms { get; }

    /// <summary>
    /// Scripted Twilio failures (errors, latency, dropped connections, rate limits) for the fake's API calls; cleared
    /// by <see cref="Reset()"/>.
    /// </summary>
    public Faults.FaultInjector Faults { get; }

    /// <summary>
    /// The options the fake runs with: a copy taken at start, frozen (its setters throw
    /// <see cref="InvalidOperationException"/>, its <see cref="FakeRoomsOptions.ApiKeys"/> is read-only). Changes to the
    /// object the configure callback filled have no effect once the fake started.
    /// </summary>
    public FakeRoomsOptions Options { get; }

    internal VideoBackend Backend { get; }

    internal EventHub Events { get; }

    internal RouteTable Routes { get; }

    internal Dispatcher Dispatcher { get; }

    internal CallbackDispatcher CallbackDispatcher { get; }

    internal Inspector.RoomTimeline Timeline { get; }

    /// <summary>The crash-safe log of changes under <c>--persist</c> (FakeRoomsOptions.PersistPath); null otherwise.</summary>
    internal FakeRooms.Persistence.PersistLog? Persistence { get; }

    /// <summary>The rooms of another account (in <see cref="AuthMode.AnyAccount"/> mode each account is isolated).</summary>
    public SimulatedRooms RoomsOf(string accountSid) => accountSid == AccountSid ? Rooms : new SimulatedRooms(this, accountSid);

    /// <summary>
    /// One account's view of this fake: its credentials, calls, rooms and an SDK client. The default account's token is
    /// <see cref="AuthToken"/>; another account uses <paramref name="authToken"/>, else the token its requests used,
    /// else one derived from <see cref="FakeRoomsOptions.Seed"/> and the SID. Only <see cref="AuthMode.AnyAccount"/>
    /// accepts accounts other than the default one.
    /// </summary>
    /// <param name="accountSid">An account SID, <c>AC</c> + 32 hex digits.</param>
    /// <param name="authToken">The token to authenticate with; any non-empty token works in AnyAccount mode.</param>
    /// <exception cref="ArgumentException"><paramref name="accountSid"/> is not an account SID.</exception>
    public FakeRoomsAccount ForAccount(string accountSid, string? authToken = null)
    {
        ArgumentNullException.ThrowIfNull(accountSid);
        if (!Authenticator.IsAccountSid(accountSid))
            throw new ArgumentException($"\"{accountSid}\" is not an account SID (AC + 32 hex digits).", nameof(accountSid));
        var token = authToken
            ?? (accountSid == AccountSid ? AuthToken : TokenOf(accountSid))
            ?? FakeRoomsAccount.DeriveToken(Options.Seed, accountSid);
        return new FakeRoomsAccount(this, accountSid, token);
    }

    /// <summary>Forgets every room, participant, recorded call and <see cref="Stub">stub</see>. The clock keeps its time.</summary>
    public void Reset()
    {
        _host.ClearStubs();
        Backend.Reset();
        Calls.Clear();
        Resetting?.Invoke(null);
    }

    /// <summary>Forgets one account's rooms and calls; other accounts are untouched.</summary>
    public void Reset(string accountSid)
    {
        Backend.Reset(accountSid);
        Calls.ForAccount(accountSid).Clear();
        Resetting?.Invoke(accountSid);
    }

    /// <summary>Raised by <see cref="Reset()"/> (null) and <see cref="Reset(string)"/> (the account), for add-ons.</summary>
    internal event Action<string?>? Resetting;

    /// <summary>
    /// The official Twilio SDK's client, authenticated as the default account and wired to this fake. Use it as the
    /// <c>client:</c> argument of any resource call, or with <c>TwilioClient.SetRestClient</c> (after <c>Init</c>).
    /// Every call returns the same client (see <see cref="CreateTwilioClient(string, string, string?)"/>).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The fake was disposed.</exception>
    public TwilioRestClient CreateTwilioClient() => CreateTwilioClient(AccountSid, AuthToken);

    /// <summary>A Twilio SDK client for other credentials (an API key, or another account in AnyAccount mode).</summary>
    /// <param name="username">Account SID or API key SID.</param>
    /// <param name="password">Auth token or API key secret.</param>
    /// <param name="accountSid">The account, when <paramref name="username"/> is an API key.</param>
    /// <remarks>
    /// The same credentials give the same client, made once and shared by every caller (its only settings,
    /// <c>Region</c>, <c>Edge</c> and <c>LogLevel</c>, change nothing the fake sees: every Twilio host leads to it); all
    /// clients share one <see cref="HttpClient"/>, disposed with the fake.
    /// </remarks>
    /// <exception cref="ObjectDisposedException">The fake was disposed.</exception>
    public TwilioRestClient CreateTwilioClient(string username, string password, string? accountSid = null) =>
        Clients.For(username, password, accountSid);

    internal TwilioClients Clients { get; }

    /// <summary>
    /// A handler that sends requests for every Twilio host to this fake, for any HTTP client: Video
    /// (<c>https://video.twilio.com/...</c> and regional Video hosts) is served, other Twilio hosts (<c>api.twilio.com</c>)
    /// answer Twilio's 404 JSON unless a test <see cref="Stub">stubbed</see> them. Other hosts pass through. Over HTTP
    /// when the fake listens, in memory when it does not (<see cref="FakeRoomsOptions.Listen"/>).
    /// </summary>
    public HttpMessageHandler CreateHttpMessageHandler() =>
        Options.Listen
            ? FakeRoomsClient.CreateHttpMessageHandler(Url)
            : new RedirectToFakeHandler(new Uri(Url), new InMemoryHandler(_host.AnswerInMemoryAsync, new Uri(Url)));

    /// <summary>
    /// Answers requests that match <paramref name="request"/> with <paramref name="response"/>, before the fake's own
    /// routes: WireMock.Net's builders on the fake's own server, e.g. for a Twilio API FakeRooms does not serve:
    /// <c>fake.Stub(Request.Create().WithPath("/2010-04-01/Accounts/*/Messages.json").UsingPost(),
    /// Response.Create().WithStatusCode(201).WithBody("{...}"))</c>. Stubbed calls are journaled in <see cref="Calls"/>
    /// (operation <see cref="Operation.Unknown"/>); <see cref="Reset()"/> removes every stub. Requests the fake's clients
    /// redirect from a host other than Video carry that host in the <c>X-FakeRooms-Original-Host</c> header, which a
    /// stub can match with <c>WithHeader</c>.
    /// </summary>
    /// <param name="request">What to match, e.g. <c>WireMock.RequestBuilders.Request.Create()...</c>.</param>
    /// <param name="response">What to answer, e.g. <c>WireMock.ResponseBuilders.Response.Create()...</c>.</param>
    public void Stub(WireMock.Matchers.Request.IRequestMatcher request, WireMock.ResponseProviders.IResponseProvider response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        _host.Stub(request, response);
    }

    /// <summary>Loads WireMock JSON mapping files (<c>*.json</c> in <paramref name="directory"/>); a reset keeps them.</summary>
    /// <returns>How many files were loaded.</returns>
    internal int LoadMappings(string directory) => _host.LoadMappings(directory);

    /// <summary>Exceptions the fake hit while answering (each answered 500); empty unless the fake has a bug.</summary>
    public IReadOnlyCollection<Exception> InternalErrors => _bugs.ToArray();

    /// <summary>The auth token of an account (the one its requests used, in AnyAccount mode), to sign callbacks.</summary>
    internal string? TokenOf(string accountSid) => _tokens.Of(accountSid);

    internal void RememberToken(string accountSid, string token) => _tokens.Remember(accountSid, token);

    internal void ForgetToken(string accountSid) => _tokens.Forget(accountSid);

    internal void ReportBug(Exception exception)
    {
        _bugs.Enqueue(exception);
        while (_bugs.Count > 100 && _bugs.TryDequeue(out _)) { }
    }

    /// <summary>The base of <c>url</c>, <c>links</c> and paging URLs for a request.</summary>
    internal string BaseUrlFor(HttpRequestData request) => (Options.PublicBaseUrl ?? request.Origin).TrimEnd('/');

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _ticker?.Dispose();
        Clients.Dispose();
        _guard.Dispose();
        _host.Dispose();
        Persistence?.Dispose();
        CallbackDispatcher.Dispose();
    }

    /// <summary>Stops listening.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
