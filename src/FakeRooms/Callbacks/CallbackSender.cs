using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using FakeRooms.Wire;

namespace FakeRooms.Callbacks;

/// <summary>
/// Sends one status callback: builds the request (parameters, URL, form body, <c>X-Twilio-Signature</c>, Twilio's
/// headers), sends it over the <see cref="Route"/> with its own timeout, and records what the receiver did as a
/// <see cref="CallbackRecord"/>. Never throws for the receiver's problems; <see cref="CallbackDispatcher"/> decides when.
/// </summary>
internal sealed class CallbackSender : IDisposable
{
    private const int MaxResponseChars = 2048;
    private const string FormContentType = "application/x-www-form-urlencoded";

    private readonly FakeRoomsServer _server;
    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _stopping;

    /// <summary>Checks the callback timeout of the options (before anything is built).</summary>
    public static void Validate(FakeRoomsOptions options)
    {
        if (options.CallbackTimeout <= TimeSpan.Zero && options.CallbackTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(options), options.CallbackTimeout,
                "FakeRoomsOptions.CallbackTimeout must be positive (or Timeout.InfiniteTimeSpan).");
    }

    public CallbackSender(FakeRoomsServer server, CancellationToken stopping)
    {
        var options = server.Options;
        Validate(options);
        _server = server;
        _stopping = stopping;
        _timeout = options.CallbackTimeout;
        Route = options.CallbackHandler is { } handler
            // In-process (e.g. WebApplicationFactory.Server.CreateHandler()): every callback goes to the handler with
            // its full absolute URL, whatever the host; no socket is opened.
            ? new CallbackRoute(handler, ownsInitial: false)
            : new CallbackRoute(new SocketsHttpHandler
            {
                // Twilio calls the URL as configured: no proxy from the environment, no redirects, no cookies.
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = _timeout,
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            }, ownsInitial: true);
        _client = new HttpClient(Route, disposeHandler: true);
        _client.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>Where callbacks are sent; <see cref="FakeRoomsServer.DeliverCallbacksThrough"/> can divert it.</summary>
    public CallbackRoute Route { get; }

    public void Dispose() => _client.Dispose();

    public async Task<CallbackRecord> DeliverAsync(PendingCallback item)
    {
        var prepared = Prepare(item);
        var record = prepared.ToRecord(_server.Clock.UtcNow);
        if (prepared.Uri is null)
        {
            return record with
            {
                Outcome = CallbackOutcome.InvalidUrl,
                Error = "Not sent: the StatusCallback is not an absolute http or https URL.",
            };
        }

        using var request = new HttpRequestMessage(new HttpMethod(prepared.Method), prepared.Uri);
        // Docs: "All HTTP requests set the Content-Type header to application/x-www-form-urlencoded" (GET included;
        // its body is empty).
        request.Content = new ByteArrayContent(prepared.Body is null ? [] : Encoding.UTF8.GetBytes(prepared.Body));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(FormContentType);
        request.Headers.TryAddWithoutValidation("X-Twilio-Signature", prepared.Signature);
        // [INFERRED] Twilio's webhook headers as receivers see them (not stated in FACTS): its proxy's User-Agent, and
        // I-Twilio-Idempotency-Token, which receivers use to drop retried duplicates.
        request.Headers.TryAddWithoutValidation("User-Agent", "TwilioProxy/1.1");
        request.Headers.TryAddWithoutValidation("I-Twilio-Idempotency-Token", prepared.IdempotencyToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        timeout.CancelAfter(_timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await ReadStartAsync(response.Content, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var ok = status is >= 200 and < 300;
            return record with
            {
                StatusCode = status,
                Outcome = ok ? CallbackOutcome.Succeeded : CallbackOutcome.ErrorStatus,
                Error = ok ? null : string.Create(CultureInfo.InvariantCulture, $"The receiver answered {status}."),
                ResponseBody = body,
                Latency = Stopwatch.GetElapsedTime(started),
            };
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            return record with
            {
                Outcome = CallbackOutcome.TimedOut,
                Error = string.Create(CultureInfo.InvariantCulture,
                    $"No answer within {_timeout.TotalMilliseconds:0} ms (FakeRoomsOptions.CallbackTimeout)."),
                Latency = Stopwatch.GetElapsedTime(started),
            };
        }
        catch (Exception e) when (!_stopping.IsCancellationRequested && e is not OperationCanceledException)
        {
            // Refused, unreachable, reset, or an in-process handler that threw: the receiver's problem, recorded.
            return record with
            {
                Outcome = CallbackOutcome.ConnectionFailed,
                Error = Describe(e),
                Latency = Stopwatch.GetElapsedTime(started),
            };
        }
    }

    /// <summary>The request for one event: parameters, URL, body and signature.</summary>
    public Prepared Prepare(PendingCallback item)
    {
        var e = item.Event;
        var room = e.Room;
        var configured = item.Target.Url;
        var method = item.Target.Method.ToUpperInvariant();
        var parameters = StatusCallbackParameters.For(e);
        var encoded = StatusCallbackParameters.Encode(parameters);
        var inQuery = method is "GET" or "HEAD";
        var url = inQuery ? StatusCallbackParameters.AppendQuery(configured, encoded) : configured;
        // Keyed by the auth token of the room's account (FACTS §6.3); in AnyAccount mode, the token its requests used.
        // An account that never sent a request (rooms seeded from the test) falls back to the default account's token.
        var token = _server.TokenOf(room.AccountSid) ?? _server.AuthToken;
        var signature = TwilioSignature.Compute(token, url, inQuery ? [] : parameters);
        Uri? uri = Uri.TryCreate(url, UriKind.Absolute, out var parsed) &&
                   (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            ? parsed
            : null;
        return new Prepared(item, method, configured, url, uri, inQuery ? null : encoded, parameters, signature, IdempotencyToken(item));
    }

    /// <summary>
    /// [INFERRED] format: UUID-shaped, unique per callback, deterministic (hash of the fake's URL, the room, the event
    /// and its issue number), so two fakes or a reset fake never repeat a token an app may have remembered.
    /// </summary>
    private string IdempotencyToken(PendingCallback item)
    {
        var source = string.Create(CultureInfo.InvariantCulture,
            $"{_server.Url}|{item.AccountSid}|{item.Event.Room.Sid}|{item.Event.SequenceNumber}|{item.Issue}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(source));
        var hex = Convert.ToHexStringLower(hash, 0, 16);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    private static async Task<string?> ReadStartAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxResponseChars * 4];
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
                filled += read;
            if (filled == 0)
                return null;
            var text = Encoding.UTF8.GetString(buffer, 0, filled);
            return text.Length > MaxResponseChars ? text[..MaxResponseChars] : text;
        }
    }

    private static string Describe(Exception e)
    {
        var text = new StringBuilder(e.GetType().Name).Append(": ").Append(e.Message);
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            text.Append(" -> ").Append(inner.GetType().Name).Append(": ").Append(inner.Message);
        return text.ToString();
    }

    public sealed record Prepared(
        PendingCallback Item,
        string Method,
        string StatusCallback,
        string Url,
        Uri? Uri,
        string? Body,
        List<KeyValuePair<string, string>> Parameters,
        string Signature,
        string IdempotencyToken)
    {
        public CallbackRecord ToRecord(DateTimeOffset attemptedAt)
        {
            var parameters = new Dictionary<string, string>(Parameters.Count, StringComparer.Ordinal);
            foreach (var (name, value) in Parameters)
                parameters[name] = value;
            return new CallbackRecord
            {
                AccountSid = Item.AccountSid,
                RoomSid = Item.Event.Room.Sid,
                Event = WireNames.Of(Item.Event.Kind),
                SequenceNumber = Item.Event.SequenceNumber,
                Timestamp = Item.Event.Timestamp,
                StatusCallback = StatusCallback,
                Url = Url,
                Method = Method,
                Parameters = parameters,
                Body = Body,
                Signature = Signature,
                IdempotencyToken = IdempotencyToken,
                AttemptedAt = attemptedAt,
            };
        }
    }
}
