namespace FakeRooms.Domain.Time;

/// <summary>
/// A clock that moves only when told. Time never goes backwards: the fake's timers have already fired for the past.
/// It never passes <see cref="Latest"/> either, so every timer the fake schedules (at most a day ahead) and every date
/// it computes stays inside <see cref="DateTimeOffset"/>'s range.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    /// <summary>
    /// The latest time the clock can show: the first moment of the year 9000. Advancing a clock by ten years at a
    /// time used to reach <see cref="DateTimeOffset.MaxValue"/> and throw from deep inside the fake (found by the
    /// robustness fuzzer); seven thousand years is more than any test needs.
    /// </summary>
    public static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private DateTimeOffset _now;

    public ManualTimeProvider(DateTimeOffset start)
    {
        if (start > Latest)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"The fake's clock cannot start after {Latest:O}.");
        _now = start;
    }

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
        return TryAdvance(by, out var now)
            ? now
            : throw new ArgumentOutOfRangeException(nameof(by), by, $"The fake's clock cannot move past {Latest:O}.");
    }

    /// <summary>Moves the clock forward, unless that would pass <see cref="Latest"/> (checked and moved under one lock).</summary>
    public bool TryAdvance(TimeSpan by, out DateTimeOffset now)
    {
        if (by < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(by), by, "The fake's clock cannot move backwards.");
        lock (_gate)
        {
            now = _now;
            if (by > Latest - _now)
                return false;
            now = _now += by;
            return true;
        }
    }

    /// <summary>
    /// Puts the clock at a persisted time, earlier or later (--persist, while loading, before any timer or request runs):
    /// a manual clock resumes where the persisted state left it, so its logged advances replay to the same times.
    /// </summary>
    public void Resume(DateTimeOffset value)
    {
        lock (_gate)
            _now = value <= Latest ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"The fake's clock cannot move past {Latest:O}.");
    }

    /// <summary>Sets the clock to a later time.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            if (value < _now)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The fake's clock cannot move backwards (it is {_now:O}).");
            if (value > Latest)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The fake's clock cannot move past {Latest:O}.");
            _now = value;
        }
    }
}
