namespace FakeRooms.Domain.Time;

/// <summary>
/// A clock that moves only when told. Time never goes backwards: the fake's timers have already fired for the past.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
            return _now;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward.</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(by), by, "The fake's clock cannot move backwards.");
        lock (_gate)
            return _now += by;
    }

    /// <summary>Sets the clock to a later time.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            if (value < _now)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The fake's clock cannot move backwards (it is {_now:O}).");
            _now = value;
        }
    }
}
