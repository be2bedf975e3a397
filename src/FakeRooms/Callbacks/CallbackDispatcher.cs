using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using FakeRooms.Domain.Events;
using FakeRooms.Wire;

namespace FakeRooms.Callbacks;

/// <summary>
/// Sends Twilio's Rooms status callbacks. As an event listener it runs under the account's lock, so it only enqueues;
/// background lanes (one per room, started on demand) deliver each room's callbacks in event order, rooms in parallel,
/// each request with its own timeout. Whatever the receiver does (slow, down, 500) is recorded in the
/// <see cref="CallbackJournal"/> and never reaches the REST call or the clock (FACTS §6.3 [INFERRED]: "Deliver
/// asynchronously. Do not fail the REST call if the webhook fails."). Twilio's retries are not simulated.
/// </summary>
internal sealed partial class CallbackDispatcher : IRoomEventSink, IDisposable
{
    /// <summary>Requests in flight at once over all rooms; more rooms wait for a slot (each room sends one at a time).</summary>
    public const int MaxConcurrentDeliveries = 64;

    private const int MaxResponseChars = 2048;
    private const string FormContentType = "application/x-www-form-urlencoded";

    private readonly FakeRoomsServer _server;
    private readonly CallbackJournal _journal;
    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;
    private readonly int _capacity;
    private readonly object _gate = new();
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly HashSet<PendingCallback> _pending = [];
    private readonly List<TaskCompletionSource> _idleWaiters = [];
    private readonly SemaphoreSlim _slots = new(MaxConcurrentDeliveries, MaxConcurrentDeliveries);
    private readonly CancellationTokenSource _stop = new();
    private long _issued;
    private bool _disposed;

    public CallbackDispatcher(FakeRoomsServer server, CallbackJournal journal)
    {
        var options = server.Options;
        if (options.CallbackTimeout <= TimeSpan.Zero && options.CallbackTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(options), options.CallbackTimeout,
                "FakeRoomsOptions.CallbackTimeout must be positive (or Timeout.InfiniteTimeSpan).");
        if (options.CallbackQueueCapacity < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.CallbackQueueCapacity, "FakeRoomsOptions.CallbackQueueCapacity must be at least 1.");
        _server = server;
        _journal = journal;
        _timeout = options.CallbackTimeout;
        _capacity = options.CallbackQueueCapacity;
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
        journal.Attach(this);
    }

    /// <summary>Where callbacks are sent; <see cref="FakeRoomsServer.DeliverCallbacksThrough"/> can divert it.</summary>
    public CallbackRoute Route { get; }

    /// <summary>Callbacks queued or in flight.</summary>
    public int PendingCount
    {
        get { lock (_gate) return _pending.Count; }
    }

    /// <summary>Per-room delivery lanes alive now (idle lanes are removed; tests of boundedness read it).</summary>
    internal int LaneCount
    {
        get { lock (_gate) return _lanes.Count; }
    }

    /// <summary>Takes a room event (under the account's lock): enqueue only, never block, never throw.</summary>
    public void Publish(RoomEvent roomEvent)
    {
        // Only rooms created with a StatusCallback get callbacks (docs video/api/status-callbacks); composition events go
        // to the composition's own StatusCallback ("If not provided, status callback events will not be dispatched").
        if (MediaCallbackParameters.TargetOf(roomEvent) is null)
            return;
        Lane? start = null;
        (CallbackRecord Record, CallbackJournal.Waiter[] Waiters)? dropped = null;
        lock (_gate)
        {
            if (_disposed)
                return;
            var item = new PendingCallback(roomEvent, ++_issued);
            if (_pending.Count >= _capacity)
            {
                // Bounded: a receiver that cannot keep up loses callbacks, visibly, instead of growing the queue.
                var record = _journal.Add(Prepare(item).ToRecord(_server.Clock.UtcNow) with
                {
                    Outcome = CallbackOutcome.Dropped,
                    Error = string.Create(CultureInfo.InvariantCulture,
                        $"Dropped: {_capacity} callbacks were already queued (FakeRoomsOptions.CallbackQueueCapacity)."),
                }, out var waiters);
                dropped = (record, waiters);
            }
            else
            {
                // Injected faults (Faults/CallbackDispatcher.Faults.cs) are decided here, in event order.
                item.Fault = _server.Faults.DecideCallback(roomEvent);
                _pending.Add(item);
                if (!_lanes.TryGetValue(item.LaneKey, out var lane))
                    _lanes[item.LaneKey] = lane = new Lane(item.LaneKey, item.AccountSid);
                lane.Items.Enqueue(item);
                if (!lane.Running)
                {
                    lane.Running = true;
                    start = lane;
                }
            }
        }
        // Publish runs under the account's lock: the waits' predicates (the test's code) run elsewhere.
        if (dropped is { } d && d.Waiters.Length > 0)
            _ = Task.Run(() => _journal.Notify(d.Record, d.Waiters));
        if (start is not null)
            _ = Task.Run(() => DrainAsync(start));
    }

    /// <summary>Completes when nothing is queued or in flight.</summary>
    public async Task WhenIdleAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource idle;
        lock (_gate)
        {
            if (_pending.Count == 0)
                return;
            idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _idleWaiters.Add(idle);
        }
        try
        {
            await idle.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_gate)
                _idleWaiters.Remove(idle);
            throw;
        }
    }

    /// <summary>One line per pending callback, oldest first, for timeout messages.</summary>
    public IReadOnlyList<string> DescribePending(int max)
    {
        lock (_gate)
        {
            return _pending.OrderBy(p => p.Issue).Take(max).Select(p =>
                $"{WireNames.Of(p.Event.Kind)} {p.Event.Room.Sid} seq={p.Event.SequenceNumber} -> {p.Target.Url} " +
                (p.InFlight ? "(sending)" : IsHeld(p) ? "(held by a reorder fault)" : "(queued)")).ToList();
        }
    }

    /// <summary>
    /// <see cref="FakeRoomsServer.Reset()"/>: callbacks still queued for the reset accounts are not sent, those in flight
    /// are not recorded, and their journal records are forgotten.
    /// </summary>
    public void Reset(string? accountSid)
    {
        lock (_gate)
        {
            // The reset accounts' lanes are let go: a lane still sending a callback from before the reset finishes on
            // its own, and the rooms after the reset get lanes of their own, even when their SIDs repeat (seeded SIDs
            // do), so they never wait behind it. Other accounts keep their lanes, so their rooms' callbacks stay in
            // event order (a new lane for a room with a callback in flight would let its next callback overtake it).
            foreach (var (key, lane) in _lanes.Where(l => accountSid is null || l.Value.AccountSid == accountSid).ToList())
            {
                lane.Held = null;
                _lanes.Remove(key);
            }
            foreach (var item in _pending.Where(p => accountSid is null || p.AccountSid == accountSid).ToList())
            {
                item.Cancelled = true;
                _pending.Remove(item);
            }
            if (accountSid is null)
                _journal.Clear();
            else
                _journal.RemoveAccount(accountSid);
            CompleteIdleIfIdle();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (var item in _pending)
                item.Cancelled = true;
            _pending.Clear();
            CompleteIdleIfIdle();
        }
        _stop.Cancel();
        _client.Dispose();
    }

    private async Task DrainAsync(Lane lane)
    {
        while (true)
        {
            PendingCallback item;
            lock (_gate)
            {
                if (!TryTakeNext(lane, out item!))
                {
                    lane.Running = false;
                    // A lane holding a callback for a reorder fault stays, for the room's next event to restart it. A
                    // lane let go by a reset may have a successor under its key: that one stays.
                    if (lane.Held is null && _lanes.TryGetValue(lane.Key, out var current) && ReferenceEquals(current, lane))
                        _lanes.Remove(lane.Key);
                    return;
                }
                item.InFlight = true;
            }
            if (Divert(lane, item))
                continue;

            CallbackRecord record;
            try
            {
                await _slots.WaitAsync(_stop.Token).ConfigureAwait(false);
                try
                {
                    record = await DeliverWithFaultAsync(item).ConfigureAwait(false);
                }
                finally
                {
                    _slots.Release();
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return; // the server is being disposed: nothing more is sent or recorded
            }
            catch (Exception e)
            {
                // A bug in the fake, not the receiver's fault: make it visible (InternalErrors) and keep the lane going.
                _server.ReportBug(e);
                record = new CallbackRecord
                {
                    AccountSid = item.AccountSid,
                    RoomSid = item.Event.Room.Sid,
                    Event = WireNames.Of(item.Event.Kind),
                    SequenceNumber = item.Event.SequenceNumber,
                    Timestamp = item.Event.Timestamp,
                    StatusCallback = item.Target.Url,
                    Url = item.Target.Url,
                    Method = item.Target.Method,
                    Parameters = new Dictionary<string, string>(),
                    Signature = "",
                    IdempotencyToken = "",
                    AttemptedAt = _server.Clock.UtcNow,
                    Outcome = CallbackOutcome.ConnectionFailed,
                    Error = "Internal error in FakeRooms: " + e.Message,
                };
            }
            Finish(item, record);
        }
    }

    private void Finish(PendingCallback item, CallbackRecord record)
    {
        CallbackJournal.Waiter[] waiters;
        lock (_gate)
        {
            if (item.Cancelled)
                return; // reset or disposed while in flight: not recorded
            _pending.Remove(item);
            record = _journal.Add(record, out waiters);
            CompleteIdleIfIdle();
        }
        _journal.Notify(record, waiters);
    }

    private void CompleteIdleIfIdle()
    {
        if (_pending.Count != 0 || _idleWaiters.Count == 0)
            return;
        foreach (var waiter in _idleWaiters)
            waiter.TrySetResult();
        _idleWaiters.Clear();
    }

    private async Task<CallbackRecord> DeliverAsync(PendingCallback item)
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

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
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
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            return record with
            {
                Outcome = CallbackOutcome.TimedOut,
                Error = string.Create(CultureInfo.InvariantCulture,
                    $"No answer within {_timeout.TotalMilliseconds:0} ms (FakeRoomsOptions.CallbackTimeout)."),
                Latency = Stopwatch.GetElapsedTime(started),
            };
        }
        catch (Exception e) when (!_stop.IsCancellationRequested && e is not OperationCanceledException)
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
    private Prepared Prepare(PendingCallback item)
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

    private sealed record Prepared(
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

    private sealed class PendingCallback(RoomEvent roomEvent, long issue)
    {
        public RoomEvent Event { get; } = roomEvent;
        public long Issue { get; } = issue;
        public string AccountSid => Event.Room.AccountSid;
        /// <summary>The room's StatusCallback, or the composition's for composition events.</summary>
        public (string Url, string Method) Target { get; } = MediaCallbackParameters.TargetOf(roomEvent) ?? ("", "POST");
        public string LaneKey { get; } = roomEvent.Room.AccountSid + "/" + roomEvent.Room.Sid;
        public bool Cancelled { get; set; }
        public bool InFlight { get; set; }
        public Faults.FaultDecision? Fault { get; set; }
        public bool Diverted { get; set; }
    }

    private sealed class Lane(string key, string accountSid)
    {
        public string Key { get; } = key;
        public string AccountSid { get; } = accountSid;
        public Queue<PendingCallback> Items { get; } = new();
        public bool Running { get; set; }

        /// <summary>A callback a reorder fault holds back until the room's next callback has been taken.</summary>
        public PendingCallback? Held { get; set; }

        /// <summary>True once a later callback of the room went out ahead of <see cref="Held"/>.</summary>
        public bool HeldOvertaken { get; set; }
    }
}
