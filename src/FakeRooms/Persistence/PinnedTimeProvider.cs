namespace FakeRooms.Persistence;

/// <summary>
/// The domain's clock under <c>--persist</c>: the server's clock, except while a change runs with a pinned time. A change
/// is logged with the time it ran at and replayed at exactly that time, so the replayed state carries the same
/// timestamps and fires the same timeouts. The pin is per thread (a change runs on one thread, under the log's lock);
/// the ticker and reads on other threads see the server's clock.
/// </summary>
internal sealed class PinnedTimeProvider(TimeProvider inner) : TimeProvider
{
    [ThreadStatic]
    private static DateTimeOffset? t_pinned;

    public TimeProvider Inner { get; } = inner;

    public override DateTimeOffset GetUtcNow() => t_pinned ?? Inner.GetUtcNow();

    public override long GetTimestamp() => Inner.GetTimestamp();

    public override long TimestampFrequency => Inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>Makes this thread's clock read <paramref name="time"/> until the scope is disposed.</summary>
    public static Scope Pin(DateTimeOffset time)
    {
        var previous = t_pinned;
        t_pinned = time;
        return new Scope(previous);
    }

    public readonly struct Scope(DateTimeOffset? previous) : IDisposable
    {
        public void Dispose() => t_pinned = previous;
    }
}
