using FakeRooms.Domain.Errors;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using FakeRooms.Http;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Tests.Robustness;

/// <summary>An answer as the client saw it.</summary>
public sealed record Observed(int Status, string? ContentType, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>An answer without a body or content type: what Kestrel's own refusals were before the connection guard.</summary>
    public bool IsEmpty => Body.Length == 0 && ContentType is null;
}

/// <summary>
/// Runs one generated request against a fake with freshly seeded state, and checks the invariants: no 5xx, an answer
/// within the timeout, Twilio's error envelope with a known code on every 4xx the port sends (Kestrel's own refusals
/// included: the connection guard gives them Twilio's JSON), the state unchanged by a refused request, one journal
/// entry per Twilio call (none for a request Kestrel refused: the fake never saw it).
/// </summary>
internal sealed class FuzzHarness : IAsyncDisposable
{
    /// <summary>The longest any request may take before it counts as a hang.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// What Kestrel answers itself, before the fake (or WireMock) sees the request: 400 for a malformed request line or
    /// header, 414 for a request line over 8 KB, 431 for headers over 32 KB or more than 100 of them, 505 for an
    /// unknown HTTP version (given as 400). The connection guard adds Twilio's JSON (Hosting/HttpVersionGuard.cs).
    /// </summary>
    public static readonly IReadOnlySet<int> KestrelRefusals = new HashSet<int> { 400, 414, 431 };

    /// <summary>Whether an answer is one of Kestrel's refusals as the connection guard rewrites them (never journaled).</summary>
    private static bool IsKestrelRefusal(Observed observed)
    {
        if (!KestrelRefusals.Contains(observed.Status) || observed.Body.Length == 0)
            return false;
        try
        {
            return JObject.Parse(observed.Text).Value<string>("message") == Hosting.HttpVersionGuard.ErrorFor(observed.Status).Message ||
                   (observed.Status == 400 && JObject.Parse(observed.Text).Value<string>("message") == Hosting.HttpVersionGuard.ErrorFor(505).Message);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>Every code in the fake's error catalogue.</summary>
    public static readonly IReadOnlySet<int> KnownCodes = CatalogueCodes();

    private readonly HttpClient _client;
    private readonly ConcurrentDictionary<string, int> _stats = new();
    private readonly Queue<string> _history = new();

    private FuzzHarness(FakeRoomsServer fake)
    {
        Fake = fake;
        _client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public FakeRoomsServer Fake { get; }

    public IReadOnlyList<Route> Routes => Fake.Routes.Routes;

    public static async Task<FuzzHarness> StartAsync() =>
        new(await FakeRoomsServer.StartAsync(options =>
        {
            options.Seed = 42;
            options.StartTime = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
            // Rooms created with a StatusCallback never send traffic anywhere: callbacks end in process.
            options.CallbackHandler = new NoNetworkHandler();
        }));

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await Fake.DisposeAsync();
    }

    /// <summary>Counts by outcome ("route 2xx", "kestrel 431"...), for the summary a run prints.</summary>
    public IReadOnlyDictionary<string, int> Stats => _stats;

    public string Summary() => string.Join(Environment.NewLine, _stats.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"  {s.Key}: {s.Value}"));

    private void Count(string key) => _stats.AddOrUpdate(key, 1, (_, n) => n + 1);

    /// <summary>Resets the fake and seeds a small world; returns what the placeholders stand for.</summary>
    public IReadOnlyDictionary<string, string> Seed()
    {
        Fake.Reset();
        var rooms = Fake.Rooms;
        var alpha = rooms.Create(new NewRoom { UniqueName = "alpha", MaxParticipants = 4 });
        var alice = rooms.Connect(alpha.Sid, "alice");
        var mic = alice.Publish(VideoTrackKind.Audio, "mic");
        alice.Publish(VideoTrackKind.Video, "cam");
        var bob = rooms.Connect(alpha.Sid, "bob");
        var subscribed = bob.SubscribedTracks[0];
        var beta = rooms.Create(new NewRoom { UniqueName = "beta" });
        rooms.Complete(beta.Sid);
        // A recorded room: its participant's track is being recorded (recordings, rules, media routes).
        var gamma = rooms.Create(new NewRoom { UniqueName = "gamma", RecordParticipantsOnConnect = true });
        rooms.Connect(gamma.Sid, "carol").Publish(VideoTrackKind.Audio, "voice");
        var recording = rooms.RecordingsOf(gamma.Sid)[0];
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["⟨room⟩"] = alpha.Sid,
            ["⟨roomName⟩"] = "alpha",
            ["⟨completedRoom⟩"] = beta.Sid,
            ["⟨participant⟩"] = alice.Sid,
            ["⟨identity⟩"] = "alice",
            ["⟨otherParticipant⟩"] = bob.Sid,
            ["⟨track⟩"] = mic.Sid,
            ["⟨trackName⟩"] = "cam",
            ["⟨subscribedTrack⟩"] = subscribed.Sid,
            ["⟨account⟩"] = Fake.AccountSid,
            ["⟨recordedRoom⟩"] = gamma.Sid,
            ["⟨recording⟩"] = recording.Sid,
        };
    }

    /// <summary>Seeds, sends, and checks every invariant; throws with the request and the answer when one breaks.</summary>
    public async Task CheckAsync(FuzzRequest request)
    {
        var placeholders = Seed();
        string Substitute(string s)
        {
            if (s.IndexOf('⟨') < 0)
                return s;
            foreach (var (key, value) in placeholders)
                s = s.Replace(key, value, StringComparison.Ordinal)
                    .Replace(Uri.EscapeDataString(key), Uri.EscapeDataString(value), StringComparison.Ordinal);
            return s;
        }

        var before = StateSnapshot.Of(Fake);
        var journalBefore = Fake.Calls.TotalRecorded;
        var lastBugBefore = Fake.InternalErrors.LastOrDefault();
        Observed? observed;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            observed = request.Raw ? await SendRawAsync(request, Substitute) : await SendAsync(request, Substitute);
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(2))
                Count($"slow (over 2 s): {(request.Raw ? request.Wire.ToString() : "httpclient")} {request.Method} -> {observed?.Status}");
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException($"No answer within {RequestTimeout.TotalSeconds} s (a hang): {request}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
        {
            throw new AssertionException($"The connection failed ({e.Message} {e.InnerException?.Message}): {request}{Environment.NewLine}  previous requests, newest first:{Environment.NewLine}    {string.Join(Environment.NewLine + "    ", _history.Reverse())}", e);
        }
        finally
        {
            _history.Enqueue(request.ToString());
            while (_history.Count > 8)
                _history.Dequeue();
        }
        if (observed is null)
            return;
        var after = StateSnapshot.Of(Fake);
        var journaled = Fake.Calls.TotalRecorded - journalBefore;

        string Context() => $"{request}{Environment.NewLine}  answered {observed.Status} {observed.ContentType} {Truncate(observed.Text)}";

        if (Fake.InternalErrors.LastOrDefault() is { } bug && !ReferenceEquals(bug, lastBugBefore))
            throw new AssertionException($"Internal error in the fake: {bug}{Environment.NewLine}{Context()}");
        // A raw control character, space or non-ASCII text after the first segment makes "__fakerooms" another name.
        var control = IsControl(request.Target, decodeSlashes: request.Raw && request.Wire == WireMutation.AbsoluteFormTarget) &&
                      !(request.Raw && request.Wire is WireMutation.RawControlCharInTarget or WireMutation.RawNonAsciiInTarget or WireMutation.SpaceInTarget);
        if (observed.IsEmpty && observed.Status >= 400)
            throw new AssertionException($"A {observed.Status} with an empty body (every 4xx carries Twilio's JSON): {Context()}");
        // A HEAD answer has no body to tell by: 414 and 431 only ever come from Kestrel.
        if (IsKestrelRefusal(observed) || (request.Method == "HEAD" && observed.Status is 414 or 431))
        {
            if (request.Method != "HEAD")
                CheckEnvelope(observed, Context);
            if (journaled != 0)
                throw new AssertionException($"A request Kestrel refused was journaled: {Context()}");
            if (!after.SameAs(before))
                throw new AssertionException($"State changed by a refused request: {Context()}");
            Count($"kestrel {observed.Status}");
            return;
        }

        if (observed.Status >= 500)
            throw new AssertionException($"5xx answer: {Context()}");
        if (observed.Status >= 400 && request.Method != "HEAD")
            CheckEnvelope(observed, Context);

        if (observed.Status >= 400 && !after.SameAs(before))
            throw new AssertionException($"State changed by a refused request: {before.DifferenceFrom(after)}{Environment.NewLine}{Context()}");

        var expectedJournal = control ? 0 : 1;
        // A HEAD 400 may be Kestrel's (not journaled) or the fake's (journaled): without a body they look the same.
        if (request.Method == "HEAD" && observed.Status == 400 && journaled == 0)
            expectedJournal = 0;
        if (journaled != expectedJournal)
            throw new AssertionException($"Expected {expectedJournal} journal entries, got {journaled}: {Context()}");
        if (!control && Fake.Calls.Snapshot() is { Count: > 0 } calls && calls[^1].StatusCode != observed.Status)
            throw new AssertionException($"The journal recorded {calls[^1].StatusCode}: {Context()}");

        if (observed.Status is >= 200 and < 300 && request.Method != "HEAD" && observed.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
            _ = JToken.Parse(observed.Text);

        var routeKey = request.Route ?? "unknown path";
        Count($"{(control ? "control" : "twilio")} {observed.Status / 100}xx");
        Count($"route {routeKey} {observed.Status / 100}xx");
    }

    internal static void CheckEnvelope(Observed observed, Func<string> context)
    {
        JObject json;
        try
        {
            json = JObject.Parse(observed.Text);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            throw new AssertionException($"A {observed.Status} without Twilio's error JSON: {context()}");
        }
        var names = json.Properties().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        if (!names.SequenceEqual(["code", "message", "more_info", "status"]))
            throw new AssertionException($"Not Twilio's error envelope ({string.Join(",", names)}): {context()}");
        var code = json.Value<int>("code");
        if (!KnownCodes.Contains(code))
            throw new AssertionException($"Unknown error code {code}: {context()}");
        if (json.Value<int>("status") != observed.Status)
            throw new AssertionException($"Envelope status differs from the HTTP status: {context()}");
        if (json.Value<string>("more_info") != $"https://www.twilio.com/docs/errors/{code}" || string.IsNullOrEmpty(json.Value<string>("message")))
            throw new AssertionException($"Envelope more_info or message wrong: {context()}");
    }

    private static bool IsControl(string target, bool decodeSlashes)
    {
        var query = target.IndexOf('?');
        var path = query < 0 ? target : target[..query];
        // An absolute-form target's path is Uri.LocalPath to Kestrel: %2F is a '/' there, so "rooms/..%2F../x" climbs
        // two segments (found by a 100,000-case run: "/__fakerooms/rooms/..%2F../participants/..." is "/participants/...").
        if (decodeSlashes)
            path = path.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        // Kestrel removes dot segments (also %2E ones) before anyone sees the path: "/__fakerooms/media/../../x" is "/x".
        var segments = new List<string>();
        foreach (var segment in path.Split('/').Skip(1))
        {
            var plain = segment.Replace("%2E", ".", StringComparison.OrdinalIgnoreCase);
            if (plain == "..")
            {
                if (segments.Count > 0)
                    segments.RemoveAt(segments.Count - 1);
            }
            else if (plain != ".")
                segments.Add(segment);
        }
        path = "/" + string.Join("/", segments);
        try
        {
            return HttpRequestData.SplitPath(path) is [Dispatcher.ControlPrefix, ..];
        }
        catch (UriFormatException)
        {
            return false;
        }
    }

    private static string Truncate(string s) => s.Length > 400 ? s[..400] + "..." : s;

    // ------------------------------------------------------------------ HttpClient

    private async Task<Observed?> SendAsync(FuzzRequest request, Func<string, string> substitute)
    {
        Uri uri;
        try
        {
            uri = new Uri(Fake.Url + substitute(request.Target), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        }
        catch (UriFormatException)
        {
            Count("httpclient refused the URL");
            return null;
        }
        if (!Ascii(request.ContentType) || !Ascii(request.AuthHeader) || request.Headers.Any(h => !Ascii(h.Value)))
        {
            // HttpClient sends only ASCII header values; the raw sender covers the rest.
            Count("httpclient refuses non-ASCII headers");
            return null;
        }
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        switch (request.Auth)
        {
            case AuthKind.Valid:
                message.Headers.TryAddWithoutValidation("Authorization",
                    "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Fake.AccountSid}:{Fake.AuthToken}")));
                break;
            case AuthKind.Garbage:
                message.Headers.TryAddWithoutValidation("Authorization", request.AuthHeader);
                break;
        }
        foreach (var (name, value) in request.Headers)
            message.Headers.TryAddWithoutValidation(name, value);
        var body = request.RenderBody(substitute);
        if (request.HasBody || request.ContentType is not null)
        {
            HttpContent content = request.Chunked ? new ChunkedContent(body) : new ByteArrayContent(body);
            if (request.ContentType is not null)
                content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            message.Content = content;
        }

        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var headers = response.Headers.Concat(response.Content.Headers)
                .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => string.Join(",", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
            return new Observed((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), bytes, headers);
        }
        catch (HttpRequestException e) when (e.InnerException is IOException or SocketException && OverKestrelLimits(message))
        {
            // Kestrel answered 400/414/431 and closed while HttpClient was still writing the request: the reset can
            // overtake the answer (the raw sender reads it; FuzzRequest.Wire LongTarget and HugeHeader).
            Count("kestrel refusal reset before the client read it");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            Count("httpclient refused to send");
            return null;
        }
    }

    /// <summary>
    /// A request Kestrel refuses from its request line or headers alone (then closes, possibly mid-upload): a line over
    /// 8 KB, headers over 32 KB, or a NUL (<c>%00</c>) in the decoded path.
    /// </summary>
    private static bool OverKestrelLimits(HttpRequestMessage message)
    {
        var raw = message.RequestUri!.PathAndQuery;
        var query = raw.IndexOf('?');
        if ((query < 0 ? raw : raw[..query]).Contains("%00", StringComparison.Ordinal))
            return true;
        var line = message.Method.Method.Length + message.RequestUri!.PathAndQuery.Length + 10;
        var headers = message.Headers.Concat(message.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Sum(h => h.Key.Length + 4 + h.Value.Sum(v => v.Length + 2));
        return line > 8 * 1024 || headers > 32 * 1024 - 200;
    }

    private static bool Ascii(string? value) => value is null || !value.AsSpan().ContainsAnyExceptInRange('\0', '\u007f');

    /// <summary>A body without a known length, so HttpClient sends it chunked.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < body.Length; i += 16 * 1024)
                await stream.WriteAsync(body.AsMemory(i, Math.Min(16 * 1024, body.Length - i)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    // ------------------------------------------------------------------ raw socket

    private async Task<Observed?> SendRawAsync(FuzzRequest request, Func<string, string> substitute)
    {
        var bytes = RawRequest(request, substitute, Fake.Port, Fake.AccountSid, Fake.AuthToken);
        using var timeout = new CancellationTokenSource(RequestTimeout);
        var response = await RawHttp.ExchangeAsync(Fake.Port, bytes, timeout.Token);
        if (response.Length == 0)
        {
            // Kestrel closes some connections without answering (it gave up on a request it could not parse).
            Count("raw: closed without an answer");
            return null;
        }
        return ParseResponse(response);
    }

    /// <summary>The request's bytes: request line, headers, body, with its wire mutation applied.</summary>
    public static byte[] RawRequest(FuzzRequest request, Func<string, string> substitute, int port, string sid, string token)
    {
        var target = substitute(request.Target);
        var version = "HTTP/1.1";
        var host = $"127.0.0.1:{port}";
        var lines = new List<string>();
        var body = request.HasBody ? request.RenderBody(substitute) : [];
        switch (request.Wire)
        {
            case WireMutation.RawControlCharInTarget: target = Insert(target, "\u0001"); break;
            case WireMutation.RawNonAsciiInTarget: target = Insert(target, "é日"); break;
            case WireMutation.SpaceInTarget: target = Insert(target, " "); break;
            case WireMutation.Http10: version = "HTTP/1.0"; break;
            case WireMutation.Http10WithoutHost: version = "HTTP/1.0"; host = ""; break;
            case WireMutation.UnsupportedHttpVersion: version = "HTTP/1.2"; break;
            case WireMutation.AbsoluteFormTarget: target = $"http://127.0.0.1:{port}" + target; break;
            case WireMutation.HostWithBadPort: host = "127.0.0.1:99999"; break;
            case WireMutation.LongTarget: target += (target.Contains('?') ? "&" : "?") + "pad=" + new string('a', 9_000); break;
        }
        lines.Add($"{request.Method} {target} {version}");
        if (host.Length > 0)
            lines.Add($"Host: {host}");
        if (request.Wire == WireMutation.EmptyHost)
            lines[^1] = "Host: ";
        if (request.Wire == WireMutation.DuplicateHost)
            lines.Add("Host: other.invalid");
        switch (request.Auth)
        {
            case AuthKind.Valid: lines.Add("Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sid}:{token}"))); break;
            case AuthKind.Garbage: lines.Add("Authorization: " + request.AuthHeader); break;
        }
        if (request.ContentType is not null)
            lines.Add("Content-Type: " + request.ContentType);
        // Mutations that announce a chunked body send a complete one (else the server rightly waits 5 s, then 408).
        var chunked = request.Chunked || request.Wire is WireMutation.BadChunkSize or WireMutation.ChunkExtensionGarbage or WireMutation.ContentLengthAndChunked;
        var hasLength = false;
        if (chunked)
            lines.Add("Transfer-Encoding: chunked");
        else if (body.Length > 0 || request.Method is "POST" or "PUT" or "PATCH" || request.Wire == WireMutation.DuplicateContentLength)
        {
            lines.Add($"Content-Length: {body.Length}");
            hasLength = true;
        }
        switch (request.Wire)
        {
            case WireMutation.HeaderWithoutColon: lines.Add("X-Bad-Header"); break;
            case WireMutation.SpaceBeforeColon: lines.Add("X-Bad : x"); break;
            case WireMutation.ObsoleteLineFolding: lines.Add("X-Fold: a\r\n folded"); break;
            case WireMutation.NulInHeaderValue: lines.Add("X-Nul: a\0b"); break;
            case WireMutation.NonAsciiHeaderValue: lines.Add("X-Unicode: é☃"); break;
            case WireMutation.HugeHeader: lines.Add("X-Huge: " + new string('h', 40_000)); break;
            case WireMutation.ManyHeaders: lines.AddRange(Enumerable.Range(0, 150).Select(i => $"X-Many-{i}: {i}")); break;
            case WireMutation.DuplicateContentLength when hasLength: lines.Add($"Content-Length: {body.Length + 1}"); break;
            case WireMutation.NegativeContentLength: lines.Add("Content-Length: -5"); break;
            case WireMutation.ContentLengthAndChunked: lines.Add($"Content-Length: {body.Length}"); break;
        }
        foreach (var (name, value) in request.Headers)
            lines.Add($"{name}: {value}");
        lines.Add("Connection: close");
        var newline = request.Wire == WireMutation.BareLineFeeds ? "\n" : "\r\n";
        var head = Encoding.UTF8.GetBytes(string.Join(newline, lines) + newline + newline);

        byte[] payload;
        if (!chunked)
            payload = body;
        else
        {
            using var stream = new MemoryStream();
            for (var i = 0; i < body.Length; i += 8192)
            {
                var n = Math.Min(8192, body.Length - i);
                var size = request.Wire switch
                {
                    WireMutation.BadChunkSize => "zz",
                    WireMutation.ChunkExtensionGarbage => $"{n:x};\u0001=\"",
                    _ => $"{n:x}",
                };
                stream.Write(Encoding.ASCII.GetBytes(size + "\r\n"));
                stream.Write(body, i, n);
                stream.Write("\r\n"u8);
            }
            if (body.Length == 0 && request.Wire == WireMutation.BadChunkSize)
                stream.Write("zz\r\n"u8);
            stream.Write("0\r\n\r\n"u8);
            payload = stream.ToArray();
        }
        return [.. head, .. payload];
    }

    /// <summary>
    /// Puts text inside the first path segment, after its first character, so the segment always changes (at the
    /// end of a target a space would only double the one before the HTTP version, which Kestrel tolerates).
    /// </summary>
    private static string Insert(string target, string what) =>
        target.Length > 2 && target[1] is not ('/' or '?') && target[2] is not ('/' or '?')
            ? target[..2] + what + target[2..]
            : "/x" + what + target;

    /// <summary>Reads a status line, headers and body (Content-Length, chunked, or up to the close).</summary>
    public static Observed? ParseResponse(byte[] response)
    {
        var end = response.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
            return new Observed(-1, null, response, new Dictionary<string, string>());
        var head = Encoding.ASCII.GetString(response, 0, end).Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var rest = response.AsSpan(end + 4);
        byte[] body;
        if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            using var stream = new MemoryStream();
            while (true)
            {
                var lineEnd = rest.IndexOf("\r\n"u8);
                if (lineEnd < 0)
                    break;
                var size = Convert.ToInt32(Encoding.ASCII.GetString(rest[..lineEnd]).Split(';')[0], 16);
                if (size == 0)
                    break;
                stream.Write(rest.Slice(lineEnd + 2, size));
                rest = rest[(lineEnd + 2 + size + 2)..];
            }
            body = stream.ToArray();
        }
        else if (headers.TryGetValue("Content-Length", out var length))
            body = rest[..Math.Min(rest.Length, int.Parse(length, System.Globalization.CultureInfo.InvariantCulture))].ToArray();
        else
            body = rest.ToArray();
        headers.TryGetValue("Content-Type", out var contentType);
        return new Observed(status, contentType, body, headers);
    }

    private static HashSet<int> CatalogueCodes()
    {
        var codes = new HashSet<int>();
        foreach (var field in typeof(TwilioErrors).GetFields(BindingFlags.Public | BindingFlags.Static))
            if (field.GetValue(null) is TwilioError error)
                codes.Add(error.Code);
        foreach (var method in typeof(TwilioErrors).GetMethods(BindingFlags.Public | BindingFlags.Static))
            if (method.ReturnType == typeof(TwilioError))
            {
                var args = method.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)400 : "x").ToArray();
                codes.Add(((TwilioError)method.Invoke(null, args)!).Code);
            }
        return codes;
    }

    /// <summary>Answers every status callback in process: the fuzzers never send traffic anywhere.</summary>
    private sealed class NoNetworkHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
    }
}
