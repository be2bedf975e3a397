using FakeRooms.Domain;
using FakeRooms.Domain.Time;

namespace FakeRooms;

/// <summary>
/// The fake's clock. Room timeouts, participant limits and every timestamp follow it. Moving it runs every timed
/// event that falls due, in time order, and returns once the state has settled; nothing sleeps.
/// </summary>
public sealed class FakeRoomsClock
{
    private readonly TimeProvider _provider;
    private readonly ManualTimeProvider? _manual;
    private readonly Action _settle;

    internal FakeRoomsClock(TimeProvider provider, Action settle)
    {
        _provider = provider;
        _manual = provider as ManualTimeProvider;
        _settle = settle;
    }

    /// <summary>The time on the fake's clock.</summary>
    public DateTimeOffset UtcNow => _provider.GetUtcNow();

    /// <summary>True when only <see cref="Advance"/> and <see cref="SetUtcNow"/> move the clock.</summary>
    public bool IsManual => _manual is not null;

    internal TimeProvider Provider => _provider;

    /// <summary>Moves the clock forward and runs every event that falls due.</summary>
    /// <exception cref="InvalidOperationException">The fake runs on an external clock.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative, or moves the clock past the year 9000.</exception>
    public DateTimeOffset Advance(TimeSpan by)
    {
        var now = Manual().Advance(by);
        _settle();
        return now;
    }

    /// <summary>Moves a manual clock forward unless that passes the latest time it can show (year 9000).</summary>
    internal bool TryAdvance(TimeSpan by, out DateTimeOffset now)
    {
        if (!Manual().TryAdvance(by, out now))
            return false;
        _settle();
        return true;
    }

    /// <summary>Sets the clock to a later time and runs every event that falls due.</summary>
    /// <exception cref="InvalidOperationException">The fake runs on an external clock.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is earlier than now, or after the year 9000.</exception>
    public void SetUtcNow(DateTimeOffset value)
    {
        Manual().SetUtcNow(value);
        _settle();
    }

    /// <summary>A manual clock resumes at a persisted time (--persist, while loading); an external clock is left alone.</summary>
    internal void ResumeAt(DateTimeOffset value) => _manual?.Resume(value);

    /// <summary>Runs every event that is due now (useful with an external clock such as a FakeTimeProvider).</summary>
    public void Settle() => _settle();

    /// <summary>
    /// The clock a fake runs on: <see cref="FakeRoomsOptions.TimeProvider"/>, or a manual clock starting at
    /// <see cref="FakeRoomsOptions.StartTime"/> or at the system time truncated to whole seconds (no ambient time after that).
    /// </summary>
    internal static TimeProvider ProviderFor(FakeRoomsOptions options)
    {
        if (options.TimeProvider is { } external)
            return external;
        var now = TimeProvider.System.GetUtcNow().UtcTicks;
        return new ManualTimeProvider(options.StartTime ?? new DateTimeOffset(now - now % TimeSpan.TicksPerSecond, TimeSpan.Zero));
    }

    /// <summary>
    /// For an external clock (the system clock, a FakeTimeProvider): a timer on that clock that settles every second,
    /// so timeouts fire as it moves; null for a manual clock. The tick runs on the timer's thread, where an exception
    /// would end the process: a bug there goes to <paramref name="report"/> (the fake's InternalErrors) instead.
    /// </summary>
    internal IDisposable? StartTicking(Action<Exception> report) => IsManual
        ? null
        : _provider.CreateTimer(_ =>
        {
            try
            {
                _settle();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                report(e);
            }
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    private ManualTimeProvider Manual() =>
        _manual ?? throw new InvalidOperationException(
            "This fake runs on an external TimeProvider; move that clock instead (FakeRoomsOptions.TimeProvider).");
}
