namespace FakeRooms.Faults;

/// <summary>
/// The first half of a status-callback fault rule: which callbacks it applies to. Narrow it with
/// <see cref="ForRoom"/> and <see cref="ForAccount"/>, then say how often it fires; nothing is active until a
/// <see cref="CallbackFaultResponder"/> method says what happens.
/// </summary>
public sealed class CallbackFaultTarget
{
    private readonly FaultInjector _injector;
    private readonly FaultTargetSpec _spec;

    internal CallbackFaultTarget(FaultInjector injector, FaultTargetSpec spec)
    {
        _injector = injector;
        _spec = spec;
    }

    /// <summary>Only callbacks about this room, by SID or unique name.</summary>
    /// <param name="roomSidOrName">The room's SID (<c>RM...</c>) or unique name.</param>
    public CallbackFaultTarget ForRoom(string roomSidOrName)
    {
        ArgumentException.ThrowIfNullOrEmpty(roomSidOrName);
        return new CallbackFaultTarget(_injector, _spec with { Room = roomSidOrName });
    }

    /// <summary>Only callbacks about rooms of this account.</summary>
    /// <param name="accountSid">The account SID (<c>AC...</c>).</param>
    /// <exception cref="ArgumentException">The value is empty, or another account than that of an account's own faults.</exception>
    public CallbackFaultTarget ForAccount(string accountSid)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountSid);
        _injector.CheckAccount(accountSid);
        return new CallbackFaultTarget(_injector, _spec with { Account = accountSid });
    }

    /// <summary>Fires on the next <paramref name="callbacks"/> matching callbacks, then stops.</summary>
    /// <param name="callbacks">How many, at least 1.</param>
    public CallbackFaultResponder Next(int callbacks = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(callbacks, 1);
        return new CallbackFaultResponder(_injector, _spec, new FaultFrequency(FaultFrequencyKind.Next, Times: callbacks));
    }

    /// <summary>Fires on the next matching callback only.</summary>
    public CallbackFaultResponder Once() => Next(1);

    /// <summary>Fires on every matching callback until the rule is removed or cleared.</summary>
    public CallbackFaultResponder Always() => new(_injector, _spec, new FaultFrequency(FaultFrequencyKind.Always));

    /// <summary>
    /// Fires on each matching callback with a probability, drawn (when the event happens, in event order) from a
    /// generator seeded like <see cref="FaultTarget.WithProbability"/>.
    /// </summary>
    /// <param name="probability">From 0 (never) to 1 (always).</param>
    /// <param name="seed">A seed of its own for this rule, instead of one derived from the server seed.</param>
    public CallbackFaultResponder WithProbability(double probability, int? seed = null)
    {
        if (double.IsNaN(probability) || probability is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability is from 0 to 1.");
        return new CallbackFaultResponder(_injector, _spec,
            new FaultFrequency(FaultFrequencyKind.Probability, Probability: probability, Seed: seed));
    }
}

/// <summary>
/// The second half of a status-callback fault rule: what happens to a callback that fires it. Twilio delivers
/// callbacks at least once and in no guaranteed order; these let a webhook handler meet that reality. Parameters,
/// <c>SequenceNumber</c> and <c>Timestamp</c> included, are never changed, and every affected delivery is marked in
/// <see cref="Callbacks.CallbackRecord.InjectedFault"/>.
/// </summary>
public sealed class CallbackFaultResponder
{
    private readonly FaultInjector _injector;
    private readonly FaultTargetSpec _target;
    private readonly FaultFrequency _frequency;

    internal CallbackFaultResponder(FaultInjector injector, FaultTargetSpec target, FaultFrequency frequency)
    {
        _injector = injector;
        _target = target;
        _frequency = frequency;
    }

    /// <summary>The callback is never sent; the journal records it as <see cref="Callbacks.CallbackOutcome.Dropped"/>.</summary>
    public FaultRule Drop() => Add(new FaultAction { Kind = FaultKind.DropCallback });

    /// <summary>
    /// The callback is sent <paramref name="delay"/> (real time) late, outside its room's queue: the room's later
    /// callbacks go out meanwhile and overtake it.
    /// </summary>
    /// <param name="delay">From zero to <see cref="FaultResponder.MaxDelay"/>.</param>
    public FaultRule Delay(TimeSpan delay)
    {
        if (delay < TimeSpan.Zero || delay > FaultResponder.MaxDelay)
            throw new ArgumentOutOfRangeException(nameof(delay), delay, $"A delay is from zero to {FaultResponder.MaxDelay}.");
        return Add(new FaultAction { Kind = FaultKind.DelayCallback, Delay = delay });
    }

    /// <summary>
    /// The callback is sent twice in a row, identical (parameters, signature, <c>I-Twilio-Idempotency-Token</c>), as a
    /// retried delivery arrives; both deliveries are journaled.
    /// </summary>
    public FaultRule Duplicate() => Add(new FaultAction { Kind = FaultKind.DuplicateCallback });

    /// <summary>
    /// The callback waits until the room's next callback has been sent, then goes out: the two arrive swapped. It
    /// waits as long as it takes for the room's next event; the last event of a room (room-ended) has none and goes
    /// out at once.
    /// </summary>
    public FaultRule Reorder() => Add(new FaultAction { Kind = FaultKind.ReorderCallback });

    private FaultRule Add(FaultAction action) => _injector.Add(_target, _frequency, action);
}
