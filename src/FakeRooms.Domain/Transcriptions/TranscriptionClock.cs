using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Transcriptions;

/// <summary>
/// One room's Transcriptions resource and the time it runs (docs https://www.twilio.com/docs/video/api/transcriptions):
/// it runs while its status is <c>started</c> and at least one participant is in the room. Touched only under the
/// account's lock; the caller tells it when the room gains its first participant, loses its last, or ends.
/// </summary>
internal sealed class TranscriptionClock(Transcription current)
{
    private DateTimeOffset? _runningSince;
    private long _secondsBefore;

    public Transcription Current { get; private set; } = current;

    /// <summary>Since when the clock runs, or null when it does not (snapshot export).</summary>
    public DateTimeOffset? RunningSince => _runningSince;

    /// <summary>
    /// A resource from a snapshot: the time run before <paramref name="runningSince"/> is its duration (every pause
    /// writes the total there).
    /// </summary>
    public static TranscriptionClock Restore(Transcription transcription, DateTimeOffset? runningSince) =>
        new(transcription) { _runningSince = runningSince, _secondsBefore = transcription.Duration ?? 0 };

    /// <summary>A new resource, <c>started</c>; it runs at once when someone is in the room.</summary>
    public static TranscriptionClock Start(string ttid, string accountSid, string roomSid, IReadOnlyDictionary<string, string> configuration,
        DateTimeOffset now, long sequence, bool anyoneInRoom)
    {
        var clock = new TranscriptionClock(new Transcription
        {
            Ttid = ttid,
            AccountSid = accountSid,
            RoomSid = roomSid,
            Status = TranscriptionStatus.Started,
            Configuration = configuration,
            DateCreated = now,
            Sequence = sequence,
        });
        if (anyoneInRoom)
            clock.Run(now);
        return clock;
    }

    /// <summary>
    /// POST on the instance. Docs: a configuration is applied "over the existing configuration" and "doesn't cause a
    /// state transition"; Status started or stopped, "There is no state transition if the resource property status
    /// already has the same value or if the parameter is missing"; a failed resource cannot be restarted.
    /// </summary>
    public Transcription Update(TranscriptionStatus? status, IReadOnlyDictionary<string, string>? configuration, DateTimeOffset now, bool anyoneInRoom)
    {
        if (status == TranscriptionStatus.Started && Current.Status == TranscriptionStatus.Failed)
            throw new TwilioErrorException(TwilioErrors.TranscriptionFailed(Current.Ttid));
        if (configuration is not null)
        {
            var merged = new Dictionary<string, string>(Current.Configuration, StringComparer.Ordinal);
            foreach (var (key, value) in configuration)
                merged[key] = value;
            Current = Current with { Configuration = merged };
        }
        if (status is { } next && next != Current.Status)
        {
            Pause(now);
            Current = Current with { Status = next };
            if (next == TranscriptionStatus.Started && anyoneInRoom)
                Run(now);
        }
        Current = Current with { DateUpdated = now };
        return Current;
    }

    /// <summary>The room's first participant joined (or came in while none was there).</summary>
    public void OnRoomOccupied(DateTimeOffset now)
    {
        if (Current.Status == TranscriptionStatus.Started && _runningSince is null)
            Run(now);
    }

    /// <summary>The room's last participant left: processing pauses (docs end_time).</summary>
    public void OnRoomEmptied(DateTimeOffset now) => Pause(now);

    /// <summary>
    /// The room ended. [INFERRED] A started transcription pauses and shows <c>stopped</c> (docs: the settings "remain in
    /// effect until the Room ends"; what status an ended room's resource shows is not documented).
    /// </summary>
    public void OnRoomEnded(DateTimeOffset now)
    {
        Pause(now);
        if (Current.Status == TranscriptionStatus.Started)
            Current = Current with { Status = TranscriptionStatus.Stopped, DateUpdated = now };
    }

    /// <summary>Marks the resource failed (a test-only transition: Twilio fails it on an internal error).</summary>
    public Transcription Fail(DateTimeOffset now)
    {
        Pause(now);
        Current = Current with { Status = TranscriptionStatus.Failed, DateUpdated = now };
        return Current;
    }

    private void Run(DateTimeOffset now)
    {
        _runningSince = now;
        if (Current.StartTime is null)
            Current = Current with { StartTime = now };
    }

    private void Pause(DateTimeOffset now)
    {
        if (_runningSince is not { } since)
            return;
        _secondsBefore += AccountState.WholeSeconds(since, now);
        _runningSince = null;
        Current = Current with { EndTime = now, Duration = (int)Math.Min(_secondsBefore, int.MaxValue) };
    }
}
