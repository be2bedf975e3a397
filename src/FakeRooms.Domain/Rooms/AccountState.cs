using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Sids;

namespace FakeRooms.Domain.Rooms;

/// <summary>Raised by an operation on a store a reset or restore has retired: run it again on the account's live store.</summary>
internal sealed class StoreRetiredException() : Exception("The account was reset while this operation waited; run it again.");

/// <summary>
/// What every component of one account's store shares: the account's one lock, its clock, SID generator, options,
/// sequence, timer queue and event sink. An operation takes the lock once (<see cref="Begin"/>), which first runs every
/// timed event that has fallen due on the clock, in time order; the components touch their state only under it.
/// </summary>
internal sealed class AccountState
{
    private readonly IRoomEventSink _sink;
    private bool _retired;

    public AccountState(string accountSid, TimeProvider clock, SidGenerator sids, IRoomEventSink sink, DomainOptions options)
    {
        AccountSid = accountSid;
        Clock = clock;
        Sids = sids;
        _sink = sink;
        Options = options;
        Timers = new TimerQueue(this);
    }

    public string AccountSid { get; }

    /// <summary>The account's one lock: every operation of every component runs under it.</summary>
    public Lock Gate { get; } = new();

    public TimeProvider Clock { get; }

    public SidGenerator Sids { get; }

    public DomainOptions Options { get; }

    public TimerQueue Timers { get; }

    /// <summary>The last number handed out: rooms, participants, tracks, recordings, compositions, hooks and timers share it.</summary>
    public long Sequence { get; set; }

    /// <summary>The time up to which timers have run; a clock moved back does not go before it.</summary>
    public DateTimeOffset SettledUntil { get; set; } = DateTimeOffset.MinValue;

    public long NextSequence() => ++Sequence;

    /// <summary>
    /// Takes the lock for one operation and settles the timers due by <paramref name="now"/>; dispose the scope to let
    /// the lock go. The lock is reentrant: an operation made of others (ad-hoc connect) still holds it throughout.
    /// </summary>
    public Lock.Scope Begin(out DateTimeOffset now)
    {
        var scope = Gate.EnterScope();
        try
        {
            now = Settle();
            return scope;
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    /// <summary>Runs due timers in time order, each at its own due time, then returns now. Call under the lock.</summary>
    public DateTimeOffset Settle()
    {
        ThrowIfRetired();
        var now = Clock.GetUtcNow();
        // A clock that was moved back does not un-happen events: the store never goes back before what it settled.
        if (now < SettledUntil)
            now = SettledUntil;
        Timers.RunDue(now);
        SettledUntil = now;
        return now;
    }

    /// <summary>Called first under the lock by every operation.</summary>
    public void ThrowIfRetired()
    {
        if (_retired)
            throw new StoreRetiredException();
    }

    public bool Retired => _retired;

    /// <summary>
    /// Marks the store as no longer the account's. An operation that holds the lock now finishes first (it happened
    /// before the reset); any later one throws <see cref="StoreRetiredException"/> instead of writing where nobody
    /// will read it.
    /// </summary>
    public void Retire()
    {
        lock (Gate)
            _retired = true;
    }

    /// <summary>Retires the store if <paramref name="holdsNothing"/> says no request changed it; true when it is retired.</summary>
    public bool RetireIf(Func<bool> holdsNothing)
    {
        lock (Gate)
        {
            if (_retired)
                return true;
            if (Sids.Draws != 0 || !holdsNothing())
                return false;
            _retired = true;
            return true;
        }
    }

    /// <summary>Hands an event to the account's one sink (under the lock, so events keep the order of the changes).</summary>
    public void Publish(RoomEvent roomEvent) => _sink.Publish(roomEvent);

    /// <summary>A room event, numbered in the room's own sequence.</summary>
    public void Emit(RoomState state, RoomEventKind kind, DateTimeOffset at, Participant? participant = null, PublishedTrack? track = null) =>
        _sink.Publish(new RoomEvent(kind, state.Current, at, state.NextEventNumber++, participant, track));

    /// <summary>
    /// Whole seconds from <paramref name="start"/> to <paramref name="end"/>, counted between the whole-second
    /// timestamps Twilio shows (JSON dates carry no fraction, FACTS §1.1), so that <c>end_time - start_time</c> read
    /// off the wire always equals <c>duration</c>. [INFERRED: Twilio does not say how it rounds; with a clock on whole
    /// seconds, the default in tests, this is plain subtraction.]
    /// </summary>
    public static int WholeSeconds(DateTimeOffset start, DateTimeOffset end)
    {
        var seconds = end.UtcTicks / TimeSpan.TicksPerSecond - start.UtcTicks / TimeSpan.TicksPerSecond;
        return (int)Math.Clamp(seconds, 0, int.MaxValue);
    }
}
