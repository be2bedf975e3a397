namespace FakeRooms.Faults;

/// <summary>
/// One active fault: which calls it applies to, how often it fires and what it does. Returned by the fluent
/// builder of <see cref="FaultInjector"/>; read <see cref="Fired"/> to assert how often it hit.
/// </summary>
public sealed class FaultRule
{
    private readonly Bogus.Randomizer? _random;
    private int _fired;
    private int _remaining;
    private int _removed;

    internal FaultRule(string id, FaultTargetSpec target, FaultFrequency frequency, FaultAction action, int serverSeed, int ordinal,
        string? accountScope = null)
    {
        Id = id;
        Target = target;
        Frequency = frequency;
        Action = action;
        _remaining = frequency.Kind == FaultFrequencyKind.Next ? frequency.Times : 0;
        if (frequency.Kind == FaultFrequencyKind.Probability)
        {
            // Each rule draws from its own generator: seeded by the explicit seed, or by the server seed and the rule's
            // position since the last reset (and its account, for an account's own rule), so unrelated calls and rules
            // (other accounts' included) do not shift its pattern. The fake's one seeded source: Bogus's Randomizer, as
            // for SIDs (Domain/Sids/SidGenerator.cs); the injector's lock guards it (it is not thread-safe).
            _random = new Bogus.Randomizer(frequency.Seed ?? Domain.Sids.SidGenerator.DeriveSeed(serverSeed,
                accountScope is null ? $"fault:{ordinal}" : $"fault:{accountScope}:{ordinal}"));
        }
        Description = $"{id}: {target.Describe()}, {frequency.Describe(target.Callbacks)}: {action.Describe()}";
    }

    /// <summary>The rule's id (<c>fault-1</c>, <c>fault-2</c>...), also used by the control API.</summary>
    public string Id { get; }

    /// <summary>What the rule does, e.g. <c>fault-1: CreateRoom, next 2 calls: 429 20429 Too Many Requests, Retry-After 1</c>.</summary>
    public string Description { get; }

    /// <summary>How many calls the rule has fired on so far.</summary>
    public int Fired => Volatile.Read(ref _fired);

    /// <summary>For a <c>Next(n)</c> rule, how many more calls it will fire on; null for other rules.</summary>
    public int? Remaining => Frequency.Kind == FaultFrequencyKind.Next ? Volatile.Read(ref _remaining) : null;

    /// <summary>False once the rule is used up (<c>Next(n)</c> fired n times), removed or cleared.</summary>
    public bool IsActive => Volatile.Read(ref _removed) == 0 &&
                            (Frequency.Kind != FaultFrequencyKind.Next || Volatile.Read(ref _remaining) > 0);

    internal FaultTargetSpec Target { get; }

    internal FaultFrequency Frequency { get; }

    internal FaultAction Action { get; }

    /// <inheritdoc />
    public override string ToString() => Description;

    /// <summary>Decides whether a matching call fires the rule, and counts it. Called under the injector's lock.</summary>
    internal bool TryFire()
    {
        if (!IsActive)
            return false;
        switch (Frequency.Kind)
        {
            case FaultFrequencyKind.Next:
                Volatile.Write(ref _remaining, _remaining - 1);
                break;
            case FaultFrequencyKind.Probability:
                if (_random!.Double() >= Frequency.Probability)
                    return false;
                break;
        }
        Volatile.Write(ref _fired, _fired + 1);
        return true;
    }

    internal void MarkRemoved() => Volatile.Write(ref _removed, 1);
}
