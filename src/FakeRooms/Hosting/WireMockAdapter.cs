using FakeRooms.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMockRequest = WireMock.RequestBuilders.Request;

namespace FakeRooms.Hosting;

/// <summary>
/// Everything the fake asks of WireMock.Net, in one place. WireMock is two things here:
/// <list type="number">
/// <item><b>The host.</b> It starts Kestrel on the fake's address (or on no socket at all, <see cref="NoSocketTransport"/>)
/// with the fake's middleware in front of its own: the control token (<see cref="ControlTokenGuard"/>), then the request
/// guard (<see cref="RequestGuard"/>), which answers every request the stubs leave.</item>
/// <item><b>Where a test's stubs live</b> (<see cref="FakeRoomsServer.Stub"/>, the standalone's <c>--mappings</c>): for
/// Twilio APIs the fake does not serve, or to override one of its answers. Stubs are matched by WireMock, in front of a
/// catch-all mapping at the lowest priority that only marks the request "no stub answered" and hands it back to the
/// guard, which passes the request it read to the dispatcher. The request's data never travels through WireMock.</item>
/// </list>
/// Bypassed where it costs without serving, each for a reason:
/// <list type="bullet">
/// <item>Its request log is off: the fake's journal is the record (TOOLCHAIN: the log is unbounded and costs 20-30% of
/// throughput).</item>
/// <item>Form bodies are read by the guard: WireMock 2.21 parses every form body whatever its settings say, and the
/// guard reads every body anyway (bounded, RequestGuard.cs); WireMock's copy of the request has an empty one.</item>
/// <item>The query is kept beside the request: WireMock splits it on <c>;</c> as well as <c>&amp;</c> and throws on a
/// bare <c>=</c> or on names that differ only in case, a 500 on every route (RequestGuard.cs).</item>
/// <item>Its middleware (stub matching, the catch-all) runs only while a stub or mapping file is registered
/// (<see cref="HasStubs"/>), over a socket and in memory alike: with none it would only hand every request back, after
/// copying the request, evaluating the mappings and building the marker's response. That was most of an in-memory
/// call's time (bench section 5) and 11-13% of CreateRoom's throughput over HTTP (docs/performance.md, Round 3).
/// <see cref="FakeRoomsServer.Stub"/> and <c>--mappings</c> turn it on for every later request.</item>
/// </list>
/// </summary>
internal sealed class WireMockAdapter : IDisposable
{
    /// <summary>
    /// The header the catch-all mapping answers with: no stub matched, the guard answers. Removed before the guard
    /// writes, so no client sees it.
    /// </summary>
    private const string NoStubHeader = "X-FakeRooms-No-Stub";

    /// <summary>
    /// <see cref="Url"/> of a fake that does not listen: Twilio's own Video base, so the URLs in answers are the ones
    /// Twilio writes and paging URLs lead back to the fake through its in-memory clients.
    /// </summary>
    private const string NotListeningUrl = "https://video.twilio.com";

    private readonly WireMockServer _server;
    private readonly bool _listen;
    private readonly RequestGuard _guard;
    private readonly Func<HttpContext, Task<bool>> _stubStep;
    private RequestDelegate? _wireMock;
    private readonly List<Guid> _stubs = [];
    private int _stubCount;
    private int _stubbed;

    /// <summary>Starts listening; a port in use or a bad host is an <see cref="IOException"/> that says which.</summary>
    public static WireMockAdapter Start(FakeRoomsOptions options, RequestGuard guard)
    {
        // WireMock reports a port in use only after its start timeout (10 s): try the port first, to fail at once.
        if (options.Listen && options.Port != 0 && System.Net.IPAddress.TryParse(options.Host, out var address))
        {
            var probe = new System.Net.Sockets.TcpListener(address, options.Port);
            try
            {
                probe.Start();
            }
            catch (System.Net.Sockets.SocketException e)
            {
                throw new IOException($"Cannot listen on http://{options.Host}:{options.Port}: {e.Message}", e);
            }
            finally
            {
                probe.Stop();
            }
        }
        try
        {
            var tokenGuard = options.ControlToken is { } token ? new ControlTokenGuard(token) : null;
            return options.Listen
                ? new WireMockAdapter(options.Host, options.Port, guard, tokenGuard, listen: true)
                // No socket: Kestrel binds a transport that opens none, and requests arrive in memory only.
                : new WireMockAdapter("127.0.0.1", 0, guard, tokenGuard, listen: false);
        }
        catch (WireMock.Exceptions.WireMockException e)
        {
            var cause = e.GetBaseException();
            throw new IOException($"Cannot listen on http://{options.Host}:{options.Port}: {cause.Message}", e);
        }
    }

    private WireMockAdapter(string host, int port, RequestGuard guard, ControlTokenGuard? tokenGuard, bool listen)
    {
        _guard = guard;
        _listen = listen;
        _stubStep = StubAnsweredAsync;
        _server = StartWireMock(new WireMockServerSettings
        {
            Urls = [$"http://{host}:{port}"],
            StartAdminInterface = false,
            MaxRequestLogCount = 0,
            DisableJsonBodyParsing = true,
            // Ignored by WireMock.Net 2.21.0 (its request mapper never passes it on): the guard keeps the body from
            // WireMock instead. Left set for a release that honours it.
            DisableDeserializeFormUrlEncoded = true,
            DisableRequestBodyDecompressing = true,
            ReadStaticMappings = false,
            SaveUnmatchedRequests = false,
            PreWireMockMiddlewareInit = app =>
            {
                tokenGuard?.Install(app);
                // WireMock's middleware (next) runs only while a stub or mapping file is registered, on both lanes
                // (the class comment): the stubs, then the catch-all.
                ((IApplicationBuilder)app).Use(next =>
                {
                    _wireMock = next;
                    return context => guard.InvokeAsync(context, HasStubs ? _stubStep : null, fromSocket: true);
                });
            },
            AdditionalServiceRegistration = services =>
            {
                // Registered before UseKestrel's own services: Kestrel adds its socket transport only when none is.
                if (!listen)
                    ((IServiceCollection)services).AddSingleton<Microsoft.AspNetCore.Connections.IConnectionListenerFactory, NoSocketTransport>();
                // A 400 in Twilio's format instead of Kestrel's empty 505 for an unknown HTTP version (Hosting/HttpVersionGuard.cs).
                HttpVersionGuard.Install(services);
                QuietHosting(services);
            },
        });

        // One catch-all mapping; the guard's dispatcher matches the route table itself. WireMock evaluates every
        // mapping on every request (and compiles each RegexMatcher at start), so a mapping per route cost about a third
        // of a request's time under load and most of a later start (docs/performance.md, what it took). Last in priority, so the
        // test's own stubs (Stub, --mappings) answer before it. No body: WireMock then leaves the response unstarted.
        _server
            .Given(WireMockRequest.Create().WithPath(static _ => true).UsingAnyMethod())
            .AtPriority(int.MaxValue)
            .RespondWith(Response.Create().WithHeader(NoStubHeader, "1"));

        Url = listen ? _server.Url ?? _server.Urls[0] : NotListeningUrl;
    }

    /// <summary>
    /// True in a process that is only the fake (the standalone server, <c>FakeRooms.Server</c>), where the fake may change
    /// process-wide settings while it starts; false in a test process, whose other threads may use them meanwhile.
    /// </summary>
    internal static bool OwnsProcess { get; set; }

    /// <summary>
    /// <see cref="WireMockServer.Start(WireMockServerSettings)"/>. WireMock's constructor serializes its whole settings
    /// object with Newtonsoft.Json for a Debug log line, whatever the logger (WireMock.Net 2.21.0,
    /// <c>WireMockServer</c> constructor: <c>Logger.Debug("Server settings {0}", JsonConvert.SerializeObject(settings,
    /// Formatting.Indented))</c>): contracts built by reflection for every type it reaches, about 95 ms of a
    /// standalone cold start (dotnet-trace of a start). In a process that is only the fake, the settings are serialized
    /// as <c>{}</c> instead (a resolver that gives their type a contract without members), through Newtonsoft's
    /// process-wide default, set for the start only. A test process keeps the cost: changing that default there could
    /// change a test's own JSON on another thread.
    /// </summary>
    private static WireMockServer StartWireMock(WireMockServerSettings settings)
    {
        if (!OwnsProcess)
            return WireMockServer.Start(settings);
        var previous = Newtonsoft.Json.JsonConvert.DefaultSettings;
        Newtonsoft.Json.JsonConvert.DefaultSettings = static () => new Newtonsoft.Json.JsonSerializerSettings { ContractResolver = SettingsUnread.Instance };
        try
        {
            return WireMockServer.Start(settings);
        }
        finally
        {
            Newtonsoft.Json.JsonConvert.DefaultSettings = previous;
        }
    }

    /// <summary>Gives WireMock's settings a contract with no members; any other type (none today) Newtonsoft's default.</summary>
    private sealed class SettingsUnread : Newtonsoft.Json.Serialization.IContractResolver
    {
        public static readonly SettingsUnread Instance = new();

        private static readonly Newtonsoft.Json.Serialization.JsonObjectContract Settings = new(typeof(WireMockServerSettings));

        private Newtonsoft.Json.Serialization.DefaultContractResolver? _default;

        public Newtonsoft.Json.Serialization.JsonContract ResolveContract(Type type) =>
            type == typeof(WireMockServerSettings) ? Settings : (_default ??= new()).ResolveContract(type);
    }

    /// <summary>
    /// WireMock's host logs at Warning and above, so ASP.NET Core's hosting logger counts as enabled and starts an
    /// <see cref="System.Diagnostics.Activity"/> (trace id, tags) for every request, only to log nothing: a tenth of
    /// the bytes a CreateRoom allocated (docs/performance.md, what it took). The fake has no use for
    /// those request-start/finish logs; other categories (Kestrel's warnings) are untouched.
    /// </summary>
    private static void QuietHosting(object services) =>
        ((IServiceCollection)services).Configure<LoggerFilterOptions>(filters =>
            filters.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None));

    /// <summary>
    /// The address the server listens on, e.g. <c>http://127.0.0.1:51234</c>; <c>https://video.twilio.com</c> when it
    /// does not listen.
    /// </summary>
    public string Url { get; }

    /// <summary>The port; 0 when the server does not listen.</summary>
    public int Port => _listen ? _server.Port : 0;

    /// <summary>
    /// An in-memory request (<see cref="InMemoryHandler"/>): the guard, with WireMock's stub step only while a stub or
    /// mapping file is registered. The control token guard is not on this lane: the dispatcher checks the token too.
    /// </summary>
    public Task AnswerInMemoryAsync(HttpContext context) =>
        _guard.InvokeAsync(context, HasStubs ? _stubStep : null, fromSocket: false);

    /// <summary>
    /// Runs WireMock's middleware: true when a stub answered (the response is written), false when the request reached
    /// the catch-all mapping (nothing written; WireMock's marker and its Date header are taken off again).
    /// </summary>
    private async Task<bool> StubAnsweredAsync(HttpContext context)
    {
        if (_wireMock is not { } wireMock)
            return false;
        await wireMock(context);
        // A stub that wrote a body started the response (its headers are read-only then); the catch-all writes none.
        var headers = context.Response.Headers;
        if (context.Response.HasStarted || !headers.Remove(NoStubHeader))
            return true;
        // WireMock stamps every answer with its own Date; Kestrel writes one on the socket, the in-memory lane none.
        headers.Remove("Date");
        return false;
    }

    /// <summary>
    /// True while a test's stub or a mapping file is registered: then requests (over a socket and in memory) must pass
    /// WireMock's mapping step. Otherwise that step only hands every request back, and both lanes skip it.
    /// </summary>
    public bool HasStubs => Volatile.Read(ref _stubbed) > 0;

    /// <summary>Adds a test's stub mapping in front of the fake's own (FakeRoomsServer.Stub); removed by <see cref="ClearStubs"/>.</summary>
    public void Stub(WireMock.Matchers.Request.IRequestMatcher request, WireMock.ResponseProviders.IResponseProvider response)
    {
        // A counter, not a random GUID (no ambient randomness in src/): unique within this server.
        var guid = new Guid(Interlocked.Increment(ref _stubCount), 0x4652, 0x5354, [0, 0, 0, 0, 0, 0, 0, 0]);
        lock (_stubs)
            _stubs.Add(guid);
        Interlocked.Increment(ref _stubbed);
        _server.Given(request).WithGuid(guid).RespondWith(response);
    }

    public void ClearStubs()
    {
        Guid[] stubs;
        lock (_stubs)
        {
            stubs = [.. _stubs];
            _stubs.Clear();
        }
        foreach (var guid in stubs)
            _server.DeleteMapping(guid);
        Interlocked.Add(ref _stubbed, -stubs.Length);
    }

    /// <summary>Loads WireMock JSON mapping files (each <c>*.json</c> in the folder); they are not cleared by a reset.</summary>
    public int LoadMappings(string directory)
    {
        var files = Directory.GetFiles(directory, "*.json", SearchOption.TopDirectoryOnly);
        Array.Sort(files, StringComparer.Ordinal);
        // Kept for good (a reset keeps mapping files), so every request passes WireMock's mapping step.
        Interlocked.Add(ref _stubbed, files.Length);
        foreach (var file in files)
        {
            bool read;
            try
            {
                read = _server.ReadStaticMappingAndAddOrUpdate(file);
            }
            catch (Exception e) when (e is Newtonsoft.Json.JsonException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
            {
                throw new FormatException($"{Path.GetFileName(file)} is not a WireMock mapping: {e.Message}", e);
            }
            // WireMock answers false, without saying why, when it cannot read the file.
            if (!read)
                throw new IOException($"{Path.GetFileName(file)} cannot be read");
        }
        return files.Length;
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }
}
