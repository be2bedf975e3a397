namespace FakeRooms.Faults;

/// <summary>
/// The first half of a fault rule: which calls it applies to. Narrow it with <see cref="ForRoom"/> and
/// <see cref="ForAccount"/>, then say how often it fires (<see cref="Next"/>, <see cref="Always"/>,
/// <see cref="WithProbability"/>). Nothing is active until a <see cref="FaultResponder"/> method says what happens.
/// </summary>
public sealed class FaultTarget
{
    private readonly FaultInjector _injector;
    private readonly FaultTargetSpec _spec;

    internal FaultTarget(FaultInjector injector, FaultTargetSpec spec)
    {
        _injector = injector;
        _spec = spec;
    }

    /// <summary>Only calls that name this room: by SID or unique name, in the path or as the UniqueName of a create.</summary>
    /// <param name="roomSidOrName">The room's SID (<c>RM...</c>) or unique name.</param>
    /// <exception cref="ArgumentException">The value is empty.</exception>
    public FaultTarget ForRoom(string roomSidOrName)
    {
        ArgumentException.ThrowIfNullOrEmpty(roomSidOrName);
        return new FaultTarget(_injector, _spec with { Room = roomSidOrName });
    }

    /// <summary>Only calls authenticated as this account.</summary>
    /// <param name="accountSid">The account SID (<c>AC...</c>).</param>
    /// <exception cref="ArgumentException">The value is empty, or another account than that of an account's own faults.</exception>
    public FaultTarget ForAccount(string accountSid)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountSid);
        _injector.CheckAccount(accountSid);
        return new FaultTarget(_injector, _spec with { Account = accountSid });
    }

    /// <summary>Fires on the next <paramref name="calls"/> matching calls, then stops: Twilio recovers.</summary>
    /// <param name="calls">How many calls, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="calls"/> is below 1.</exception>
    public FaultResponder Next(int calls = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        return new FaultResponder(_injector, _spec, new FaultFrequency(FaultFrequencyKind.Next, Times: calls));
    }

    /// <summary>Fires on the next matching call only.</summary>
    public FaultResponder Once() => Next(1);

    /// <summary>Fires on every matching call until the rule is removed or cleared.</summary>
    public FaultResponder Always() => new(_injector, _spec, new FaultFrequency(FaultFrequencyKind.Always));

    /// <summary>
    /// Fires on each matching call with a probability. The draws come from a generator seeded by the server's
    /// <see cref="FakeRoomsOptions.Seed"/> and the rule's position among the rules added since the last reset (or by
    /// <paramref name="seed"/>), so the same seed and the same sequence of calls fire on the same calls.
    /// </summary>
    /// <param name="probability">From 0 (never) to 1 (always).</param>
    /// <param name="seed">A seed of its own for this rule, instead of one derived from the server seed.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is not within 0..1.</exception>
    public FaultResponder WithProbability(double probability, int? seed = null)
    {
        if (double.IsNaN(probability) || probability is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability is from 0 to 1.");
        return new FaultResponder(_injector, _spec, new FaultFrequency(FaultFrequencyKind.Probability, Probability: probability, Seed: seed));
    }
}
