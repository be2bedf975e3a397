using System.Globalization;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Http;

namespace FakeRooms.Faults;

/// <summary>
/// Scripted Twilio failures for the fake's API calls: errors in Twilio's own shape (429/20429 with Retry-After,
/// 500/20500, 503/20503, any code), latency, dropped connections and truncated bodies, plus Twilio's per-account
/// request rate limits; and status callbacks dropped, delayed, duplicated or reordered (<see cref="OnCallbacks"/>).
/// Reached through <see cref="FakeRoomsServer.Faults"/>; cleared by <see cref="Clear"/> and by
/// <see cref="FakeRoomsServer.Reset()"/>. Every call or callback a fault touches is marked in its journal
/// (<see cref="Journal.CallRecord.InjectedFault"/>, <see cref="Callbacks.CallbackRecord.InjectedFault"/>).
/// </summary>
/// <example>
/// The next two room creations are rate-limited, then Twilio recovers:
/// <code>
/// fake.Faults.On(Operation.CreateRoom).Next(2).RespondWithTooManyRequests(retryAfter: TimeSpan.FromSeconds(1));
/// </code>
/// </example>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly FakeRoomsServer _server;
    private readonly RateLimiter _rateLimiter;
    private volatile FaultRule[] _rules = [];
    private int _ordinal;

    internal FaultInjector(FakeRoomsServer server)
    {
        _server = server;
        _rateLimiter = new RateLimiter(server.Options.RateLimitWritesPerSecond, server.Options.RateLimitReadsPerSecond);
        server.Resetting += OnReset;
    }

    /// <summary>Starts a rule for calls of one or more operations.</summary>
    /// <param name="operation">An operation, e.g. <see cref="Operation.CreateRoom"/>.</param>
    /// <param name="others">More operations the rule also applies to.</param>
    /// <exception cref="ArgumentOutOfRangeException">An operation is <see cref="Operation.Unknown"/> or <see cref="Operation.Control"/>.</exception>
    public FaultTarget On(Operation operation, params Operation[] others)
    {
        var set = new HashSet<Operation> { operation };
        set.UnionWith(others);
        foreach (var op in set)
            FaultTargetSpec.CheckOperation(op);
        return new FaultTarget(this, new FaultTargetSpec { Operations = set });
    }

    /// <summary>Starts a rule for calls of every Twilio operation (never the control API).</summary>
    public FaultTarget OnAnyOperation() => new(this, new FaultTargetSpec());

    /// <summary>Starts a rule for calls that name a room, by its SID or unique name (in the path, or the UniqueName of a create).</summary>
    /// <param name="roomSidOrName">The room's SID (<c>RM...</c>) or unique name.</param>
    public FaultTarget OnRoom(string roomSidOrName) => OnAnyOperation().ForRoom(roomSidOrName);

    /// <summary>Starts a rule for calls authenticated as one account.</summary>
    /// <param name="accountSid">The account SID (<c>AC...</c>).</param>
    public FaultTarget OnAccount(string accountSid) => OnAnyOperation().ForAccount(accountSid);

    /// <summary>
    /// Starts a rule for status callbacks of every event (delay, drop, duplicate, reorder). The callbacks' parameters,
    /// <c>SequenceNumber</c> and <c>Timestamp</c> included, stay true; only their delivery changes.
    /// </summary>
    public CallbackFaultTarget OnCallbacks() => new(this, new FaultTargetSpec { Callbacks = true });

    /// <summary>Starts a rule for status callbacks of one or more events, e.g. <see cref="RoomEventKind.ParticipantConnected"/>.</summary>
    /// <param name="kind">An event.</param>
    /// <param name="others">More events the rule also applies to.</param>
    public CallbackFaultTarget OnCallback(RoomEventKind kind, params RoomEventKind[] others)
    {
        var set = new HashSet<RoomEventKind> { kind };
        set.UnionWith(others);
        foreach (var k in set)
            if (!Enum.IsDefined(k))
                throw new ArgumentOutOfRangeException(nameof(kind), k, "Not a room event.");
        return new CallbackFaultTarget(this, new FaultTargetSpec { Callbacks = true, Events = set });
    }

    /// <summary>Every rule added since the last clear, active or used up, in the order they were added.</summary>
    public IReadOnlyList<FaultRule> Rules => _rules;

    /// <summary>
    /// Sets Twilio's per-account request rate limits, replacing <see cref="FakeRoomsOptions.RateLimitWritesPerSecond"/>
    /// and <see cref="FakeRoomsOptions.RateLimitReadsPerSecond"/> until the next <see cref="Clear"/> or reset. Past a
    /// limit, calls answer 429 with code 20429 and a Retry-After header. Null turns a limit off.
    /// </summary>
    /// <param name="writesPerSecond">POST (and DELETE) requests per second per account; Twilio's default quota is 20.</param>
    /// <param name="readsPerSecond">GET requests per second per account; Twilio's default quota is 80.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is below 1.</exception>
    public void LimitRate(int? writesPerSecond, int? readsPerSecond) => _rateLimiter.Set(writesPerSecond, readsPerSecond);

    /// <summary>The write limit in force (requests per second per account), or null.</summary>
    public int? WritesPerSecond => _rateLimiter.WritesPerSecond;

    /// <summary>The read limit in force (requests per second per account), or null.</summary>
    public int? ReadsPerSecond => _rateLimiter.ReadsPerSecond;

    /// <summary>Removes one rule.</summary>
    /// <param name="id">The rule's <see cref="FaultRule.Id"/>.</param>
    /// <returns>False when there is no rule with that id.</returns>
    public bool Remove(string id) => Remove(r => r.Id == id);

    /// <summary>Removes one rule.</summary>
    /// <param name="rule">A rule this injector returned.</param>
    /// <returns>False when the rule was already removed (or cleared).</returns>
    public bool Remove(FaultRule rule) => Remove(r => r == rule);

    private bool Remove(Predicate<FaultRule> which)
    {
        lock (_gate)
        {
            var rule = Array.Find(_rules, which);
            if (rule is null)
                return false;
            rule.MarkRemoved();
            _rules = Array.FindAll(_rules, r => r != rule);
            return true;
        }
    }

    /// <summary>
    /// Removes every rule and restores the rate limits of the options (their windows start empty). Rule ids count
    /// from <c>fault-1</c> again.
    /// </summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
                rule.MarkRemoved();
            _rules = [];
            _ordinal = 0;
        }
        _rateLimiter.Set(_server.Options.RateLimitWritesPerSecond, _server.Options.RateLimitReadsPerSecond);
    }

    private void OnReset(string? accountSid)
    {
        if (accountSid is null)
        {
            Clear();
            return;
        }
        // One account's reset removes the rules aimed at that account and its rate windows; the rest stay.
        lock (_gate)
        {
            foreach (var rule in _rules.Where(r => r.Target.Account == accountSid))
                rule.MarkRemoved();
            _rules = Array.FindAll(_rules, r => r.Target.Account != accountSid);
        }
        _rateLimiter.ResetWindows(accountSid);
    }

    internal FaultRule Add(FaultTargetSpec target, FaultFrequency frequency, FaultAction action)
    {
        lock (_gate)
        {
            // Ids and seeds count from 1 again after a clear or reset, as room SIDs do: a test sees the same ids
            // (and the same probability pattern) whatever ran before it on a shared fake.
            var ordinal = ++_ordinal;
            var id = "fault-" + ordinal.ToString(CultureInfo.InvariantCulture);
            var rule = new FaultRule(id, target, frequency, action, _server.Options.Seed, ordinal);
            _rules = [.. _rules, rule];
            return rule;
        }
    }

    /// <summary>
    /// The fault for an authenticated call of a routed Twilio operation: the first active rule (in the order added)
    /// that matches and fires, else the rate limiter's 429, else null. Rules fire before the rate limiter counts the
    /// call, so an injected failure does not use up the account's quota.
    /// </summary>
    internal FaultDecision? Decide(RequestContext context, Route route)
    {
        var rules = _rules;
        if (rules.Length > 0)
        {
            // Resolved before taking the lock: the room lookup takes the account's lock.
            var rooms = Array.Exists(rules, r => r.Target.Room is not null && r.IsActive) ? RoomsNamedBy(context, route) : [];
            lock (_gate)
            {
                foreach (var rule in _rules)
                {
                    if (rule.Target.Callbacks || !rule.IsActive || !Matches(rule.Target, context, route, rooms) || !rule.TryFire())
                        continue;
                    return new FaultDecision(rule.Action, $"{rule.Id}: {rule.Action.Describe()}");
                }
            }
        }

        if (!_rateLimiter.Enabled)
            return null;
        var write = route.Method != "GET";
        if (_rateLimiter.TryAdmit(context.AccountSid!, write, _server.Clock.UtcNow, out var limit, out var wait))
            return null;
        var action = new FaultAction
        {
            Kind = FaultKind.Error,
            Error = TwilioErrors.TooManyRequests,
            RetryAfterSeconds = Math.Max(1, FaultAction.RetryAfter(wait)),
        };
        return new FaultDecision(action,
            $"rate limit: over {limit} {(write ? "writes" : "reads")}/s for {context.AccountSid}: {action.Describe()}");
    }

    /// <summary>
    /// The fault for a status callback, decided when its event is published (under the account's lock, in event
    /// order, so a probability rule fires on the same events for the same calls), or null.
    /// </summary>
    internal FaultDecision? DecideCallback(RoomEvent roomEvent)
    {
        var rules = _rules;
        if (rules.Length == 0)
            return null;
        var room = roomEvent.Room;
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                var target = rule.Target;
                if (!target.Callbacks || !rule.IsActive ||
                    (target.Events is { } events && !events.Contains(roomEvent.Kind)) ||
                    (target.Account is { } account && account != room.AccountSid) ||
                    (target.Room is { } name && name != room.Sid && name != room.UniqueName) ||
                    !rule.TryFire())
                    continue;
                return new FaultDecision(rule.Action, $"{rule.Id}: {rule.Action.Describe()}");
            }
        }
        return null;
    }

    private static bool Matches(FaultTargetSpec target, RequestContext context, Route route, string[] rooms)
    {
        if (target.Operations is { } operations && !operations.Contains(route.Operation))
            return false;
        if (target.Account is { } account && account != context.AccountSid)
            return false;
        return target.Room is not { } room || Array.IndexOf(rooms, room) >= 0;
    }

    /// <summary>
    /// The names a call gives its room: the path's <c>Sid</c>/<c>RoomSid</c> (a SID or a unique name) with the other
    /// identifier of the room it resolves to, or the UniqueName a create or list sends.
    /// </summary>
    private static string[] RoomsNamedBy(RequestContext context, Route route)
    {
        var names = new List<string>(3);
        var id = route.Operation is Operation.FetchRoom or Operation.UpdateRoom
            ? context.Parameters.GetValueOrDefault("Sid")
            : context.Parameters.GetValueOrDefault("RoomSid");
        if (id is not null)
        {
            names.Add(id);
            if (context.Store.TryGet(id) is { } found)
            {
                names.Add(found.Sid);
                if (found.UniqueName is { } unique)
                    names.Add(unique);
            }
        }
        else if (route.Operation == Operation.CreateRoom && context.Request.Form.First("UniqueName") is { Length: > 0 } created)
            names.Add(created);
        else if (route.Operation == Operation.ReadRoom && context.Request.Query.First("UniqueName") is { Length: > 0 } listed)
            names.Add(listed);
        return [.. names];
    }
}
