using System.Collections.Concurrent;
using System.Globalization;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Http;

namespace FakeRooms.Faults;

/// <summary>
/// Scripted Twilio failures for the fake's API calls: errors in Twilio's own shape (429/20429 with Retry-After,
/// 500/20500, 503/20503, any code), latency, dropped connections and truncated bodies, plus Twilio's per-account
/// request rate limits; and status callbacks dropped, delayed, duplicated or reordered (<see cref="OnCallbacks"/>).
/// Reached through <see cref="FakeRoomsServer.Faults"/> (server-wide: every account's calls and callbacks; cleared by
/// <see cref="Clear"/> and by <see cref="FakeRoomsServer.Reset()"/>) or through <see cref="FakeRoomsAccount.Faults"/>
/// (one account's: only the calls authenticated as that account and the callbacks of its rooms; cleared by
/// <see cref="Clear"/> and by that account's <see cref="FakeRoomsAccount.Reset"/>). An account's rules are checked
/// before the server-wide ones. Every call or callback a fault touches is marked in its journal
/// (<see cref="Journal.CallRecord.InjectedFault"/>, <see cref="Callbacks.CallbackRecord.InjectedFault"/>).
/// </summary>
/// <example>
/// The next two room creations are rate-limited, then Twilio recovers:
/// <code>
/// fake.Faults.On(TwilioOperation.CreateRoom).Next(2).RespondWithTooManyRequests(retryAfter: TimeSpan.FromSeconds(1));
/// </code>
/// </example>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly FakeRoomsServer _server;
    private readonly RateLimiter _rateLimiter;
    private volatile FaultRule[] _rules = [];
    private int _ordinal;
    // Server-wide injector only: the injectors of the accounts that have used theirs.
    private readonly ConcurrentDictionary<string, FaultInjector> _accounts = new(StringComparer.Ordinal);

    internal FaultInjector(FakeRoomsServer server)
    {
        _server = server;
        _rateLimiter = new RateLimiter(server.Options.RateLimitWritesPerSecond, server.Options.RateLimitReadsPerSecond);
        server.Resetting += OnReset;
    }

    private FaultInjector(FakeRoomsServer server, string accountSid)
    {
        _server = server;
        Scope = accountSid;
        _rateLimiter = new RateLimiter(null, null);
    }

    /// <summary>The account this injector's rules are confined to; null for the server-wide injector.</summary>
    internal string? Scope { get; }

    /// <summary>The injector of one account (made on first use, kept: its rules are cleared by the account's reset).</summary>
    internal FaultInjector ForAccount(string accountSid) =>
        _accounts.GetOrAdd(accountSid, static (sid, server) => new FaultInjector(server, sid), _server);

    /// <summary>Checks that an account a rule is narrowed to is this injector's own (an account's rules see no other).</summary>
    internal void CheckAccount(string accountSid)
    {
        if (Scope is { } scope && accountSid != scope)
            throw new ArgumentException(
                $"These faults are {scope}'s own: they cannot apply to {accountSid} (use FakeRoomsServer.Faults, or that account's Faults).",
                nameof(accountSid));
    }

    /// <summary>
    /// Starts a rule for calls of one or more operations. The type names Twilio's operations only: an unrouted call
    /// (<see cref="Operation.Unknown"/>) or the control API (<see cref="Operation.Control"/>) cannot be faulted.
    /// </summary>
    /// <param name="operation">An operation, e.g. <see cref="TwilioOperation.CreateRoom"/>.</param>
    /// <param name="others">More operations the rule also applies to.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value that is no <see cref="TwilioOperation"/> member (a cast integer).</exception>
    public FaultTarget On(TwilioOperation operation, params TwilioOperation[] others)
    {
        var set = new HashSet<Operation> { (Operation)operation };
        foreach (var other in others)
            set.Add((Operation)other);
        foreach (var op in set)
            FaultTargetSpec.CheckOperation(op);
        return new FaultTarget(this, new FaultTargetSpec { Operations = set, Account = Scope });
    }

    /// <summary>Starts a rule for calls of every Twilio operation (never the control API).</summary>
    public FaultTarget OnAnyOperation() => new(this, new FaultTargetSpec { Account = Scope });

    /// <summary>Starts a rule for calls that name a room, by its SID or unique name (in the path, or the UniqueName of a create).</summary>
    /// <param name="roomSidOrName">The room's SID (<c>RM...</c>) or unique name.</param>
    public FaultTarget OnRoom(string roomSidOrName) => OnAnyOperation().ForRoom(roomSidOrName);

    /// <summary>Starts a rule for calls authenticated as one account.</summary>
    /// <param name="accountSid">The account SID (<c>AC...</c>).</param>
    /// <exception cref="ArgumentException">On an account's own injector, another account.</exception>
    public FaultTarget OnAccount(string accountSid) => OnAnyOperation().ForAccount(accountSid);

    /// <summary>
    /// Starts a rule for status callbacks of every event (delay, drop, duplicate, reorder). The callbacks' parameters,
    /// <c>SequenceNumber</c> and <c>Timestamp</c> included, stay true; only their delivery changes.
    /// </summary>
    public CallbackFaultTarget OnCallbacks() => new(this, new FaultTargetSpec { Callbacks = true, Account = Scope });

    /// <summary>Starts a rule for status callbacks of one or more events, e.g. <see cref="VideoCallbackEvent.ParticipantConnected"/>.</summary>
    /// <param name="kind">An event.</param>
    /// <param name="others">More events the rule also applies to.</param>
    public CallbackFaultTarget OnCallback(VideoCallbackEvent kind, params VideoCallbackEvent[] others)
    {
        var set = new HashSet<RoomEventKind> { kind.ToDomain() };
        foreach (var other in others)
            set.Add(other.ToDomain());
        foreach (var k in set)
            if (!Enum.IsDefined(k))
                throw new ArgumentOutOfRangeException(nameof(kind), (VideoCallbackEvent)k, "Not a room event.");
        return new CallbackFaultTarget(this, new FaultTargetSpec { Callbacks = true, Events = set, Account = Scope });
    }

    /// <summary>Every rule added since the last clear, active or used up, in the order they were added.</summary>
    public IReadOnlyList<FaultRule> Rules => _rules;

    /// <summary>
    /// Sets Twilio's per-account request rate limits, replacing <see cref="FakeRoomsOptions.RateLimitWritesPerSecond"/>
    /// and <see cref="FakeRoomsOptions.RateLimitReadsPerSecond"/> until the next <see cref="Clear"/> or reset. Past a
    /// limit, calls answer 429 with code 20429 and a Retry-After header. Null turns a limit off. On an account's own
    /// injector the limits apply to that account only (none until set), on top of the server-wide ones.
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
    /// from <c>fault-1</c> again. On the server's injector, the accounts' own rules stay (<see cref="FakeRoomsServer.Reset()"/>
    /// clears them all); on an account's, its own rate limits are removed.
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
        if (Scope is null)
            _rateLimiter.Set(_server.Options.RateLimitWritesPerSecond, _server.Options.RateLimitReadsPerSecond);
        else
            _rateLimiter.Set(null, null);
    }

    private void OnReset(string? accountSid)
    {
        if (accountSid is null)
        {
            Clear();
            foreach (var account in _accounts.Values)
                account.Clear();
            return;
        }
        // One account's reset removes its own rules, the server-wide rules aimed at that account and its rate windows;
        // the rest stay.
        if (_accounts.TryGetValue(accountSid, out var own))
            own.Clear();
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
            var rule = new FaultRule(id, target, frequency, action, _server.Options.Seed, ordinal, Scope);
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
        // The account's own injector first: its rules, then its rate limits.
        FaultInjector? own = null;
        if (!_accounts.IsEmpty && _accounts.TryGetValue(context.AccountSid!, out own) &&
            (own.DecideRule(context, route) ?? own.DecideRate(context, route)) is { } mine)
            return mine;
        return DecideRule(context, route) ?? DecideRate(context, route);
    }

    /// <summary>The first of this injector's active rules that matches the call and fires, or null.</summary>
    private FaultDecision? DecideRule(RequestContext context, Route route)
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
                    return new FaultDecision(rule.Action, $"{Label(rule)}: {rule.Action.Describe()}");
                }
            }
        }
        return null;
    }

    /// <summary>This injector's rate limiter's 429 for the call, or null.</summary>
    private FaultDecision? DecideRate(RequestContext context, Route route)
    {
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
            $"{(Scope is null ? "" : "account ")}rate limit: over {limit} {(write ? "writes" : "reads")}/s for {context.AccountSid}: {action.Describe()}");
    }

    /// <summary>How a decision names its rule: <c>fault-1</c>, or <c>AC.../fault-1</c> for an account's own rule.</summary>
    private string Label(FaultRule rule) => Scope is null ? rule.Id : $"{Scope}/{rule.Id}";

    /// <summary>
    /// The fault for a status callback, decided when its event is published (under the account's lock, in event
    /// order, so a probability rule fires on the same events for the same calls), or null.
    /// </summary>
    internal FaultDecision? DecideCallback(RoomEvent roomEvent)
    {
        if (!_accounts.IsEmpty && _accounts.TryGetValue(roomEvent.Room.AccountSid, out var own) &&
            own.DecideCallback(roomEvent) is { } mine)
            return mine;
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
                return new FaultDecision(rule.Action, $"{Label(rule)}: {rule.Action.Describe()}");
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
