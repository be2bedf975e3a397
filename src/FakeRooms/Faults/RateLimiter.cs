namespace FakeRooms.Faults;

/// <summary>
/// Twilio's per-account REST request quotas, separately for reads and writes. The Video limits page lists "Max REST
/// API Read Requests per second: 80 (e.g. get Room, get list of Participants)" and "Max REST API Write Requests per
/// second: 20 (e.g. create Room, update Participant)" (twilio.com/docs/video/programmable-video-limits); the quotas are
/// per account SID (guide-to-scaling-applications). Past a quota Twilio answers 429 / 20429.
/// <para>
/// The algorithm is not documented: the fake uses a sliding one-second window on its own clock, counting only the
/// requests it let through, so a test on a manual clock sees exactly N requests pass and the rest rejected until it
/// moves the clock. [INFERRED]
/// </para>
/// </summary>
internal sealed class RateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Account, bool Write), Queue<DateTimeOffset>> _windows = new();
    private int? _writesPerSecond;
    private int? _readsPerSecond;

    public RateLimiter(int? writesPerSecond, int? readsPerSecond) => Set(writesPerSecond, readsPerSecond);

    public int? WritesPerSecond
    {
        get { lock (_gate) return _writesPerSecond; }
    }

    public int? ReadsPerSecond
    {
        get { lock (_gate) return _readsPerSecond; }
    }

    /// <summary>True when any limit is set (the dispatcher's fast path skips the limiter otherwise).</summary>
    public bool Enabled { get; private set; }

    /// <summary>Sets both limits (null turns one off) and forgets the windows.</summary>
    public void Set(int? writesPerSecond, int? readsPerSecond)
    {
        Check(writesPerSecond, nameof(writesPerSecond));
        Check(readsPerSecond, nameof(readsPerSecond));
        lock (_gate)
        {
            _writesPerSecond = writesPerSecond;
            _readsPerSecond = readsPerSecond;
            _windows.Clear();
            Enabled = writesPerSecond is not null || readsPerSecond is not null;
        }
    }

    /// <summary>Forgets the windows of every account, or of one.</summary>
    public void ResetWindows(string? accountSid)
    {
        lock (_gate)
        {
            if (accountSid is null)
                _windows.Clear();
            else
            {
                _windows.Remove((accountSid, true));
                _windows.Remove((accountSid, false));
            }
        }
    }

    /// <summary>
    /// Counts a request against its account's window, or refuses it: then <paramref name="limit"/> is the quota
    /// passed and <paramref name="retryAfter"/> the time until the oldest counted request leaves the window.
    /// </summary>
    public bool TryAdmit(string accountSid, bool write, DateTimeOffset now, out int limit, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        lock (_gate)
        {
            var quota = write ? _writesPerSecond : _readsPerSecond;
            limit = quota ?? 0;
            if (quota is null)
                return true;
            if (!_windows.TryGetValue((accountSid, write), out var admitted))
                _windows[(accountSid, write)] = admitted = new Queue<DateTimeOffset>();
            while (admitted.Count > 0 && admitted.Peek() <= now - Window)
                admitted.Dequeue();
            if (admitted.Count < quota.Value)
            {
                admitted.Enqueue(now);
                return true;
            }
            retryAfter = admitted.Peek() + Window - now;
            return false;
        }
    }

    private static void Check(int? perSecond, string name)
    {
        if (perSecond is < 1)
            throw new ArgumentOutOfRangeException(name, perSecond, "A rate limit is at least 1 request per second (null turns it off).");
    }
}
