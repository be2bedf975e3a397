using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Compositions;

/// <summary>
/// Compositions (FACTS §4; spec schema <c>video.v1.composition</c>). A composition moves <c>enqueued</c> ->
/// <c>processing</c> -> <c>completed</c> on the clock: it starts processing after the queue delay, and never before the
/// room's recordings are available; it completes after the processing delay. The enabled hooks of
/// <see cref="HookRegistry"/> enqueue one for every completed group room.
/// </summary>
internal sealed partial class CompositionRegistry(AccountState account, RoomIndex rooms, RecordingRegistry recordings, HookRegistry hooks)
{
    private readonly Dictionary<string, CompositionState> _compositions = new(StringComparer.Ordinal);
    private readonly NewestFirstIndex<CompositionState> _compositionIndex = new(static c => (c.Current.DateCreated, c.Current.Sequence));

    /// <summary>
    /// Creates a composition of a completed group room's recordings. Unknown room: 53106 "Room not found" (docs 53106:
    /// "Raised whenever attempting operation on a non-existent Room"); peer-to-peer and go rooms: 53122; a room that is
    /// not completed: 20001 [INFERRED].
    /// </summary>
    public Composition Create(string roomSid, CompositionSpec spec)
    {
        using var held = account.Begin(out var now);
        var room = rooms.TryFind(roomSid) ?? throw new TwilioErrorException(TwilioErrors.RoomNotFound);
        if (!RecordingRegistry.IsRecordable(room.Current))
            throw new TwilioErrorException(TwilioErrors.RecordingOperationNotSupported);
        if (room.Current.Status != RoomStatus.Completed)
            throw new TwilioErrorException(TwilioErrors.RoomNotCompleted(room.Current.Sid));
        return Enqueue(room, spec, now, hook: null).Current;
    }

    /// <summary>A composition by CJ SID.</summary>
    public Composition Get(string sid)
    {
        using var held = account.Begin(out _);
        return Find(sid).Current;
    }

    /// <summary>A composition by CJ SID, or null.</summary>
    public Composition? TryGet(string sid)
    {
        using var held = account.Begin(out _);
        return _compositions.GetValueOrDefault(sid)?.Current;
    }

    /// <summary>Compositions, newest first, filtered and paged.</summary>
    public ListPage<Composition> List(CompositionQuery query)
    {
        using var held = account.Begin(out _);
        var matching = new List<CompositionState>();
        foreach (var state in _compositionIndex)
        {
            var c = state.Current;
            if (query.Status is { } status && c.Status != status) continue;
            if (query.RoomSid is { } roomSid && c.RoomSid != roomSid) continue;
            matching.Add(state);
        }
        return Paging.Page(matching, static c => (c.Current.DateCreated, c.Current.Sequence), static c => c.Current,
            query.PageSize, query.Cursor, query.CreatedOnOrAfter, query.CreatedBefore);
    }

    /// <summary>
    /// Deletes a composition's media (DELETE, 204): status <c>deleted</c>, <c>date_deleted</c> set, metadata kept
    /// (spec: "its metadata is still available for 30 days"). [INFERRED] Not while enqueued or processing.
    /// </summary>
    public Composition Delete(string sid)
    {
        using var held = account.Begin(out var now);
        var state = Find(sid);
        if (state.Current.Status is CompositionStatus.Enqueued or CompositionStatus.Processing)
            throw new TwilioErrorException(TwilioErrors.StillProcessing($"/Compositions/{sid}"));
        if (state.Current.Status != CompositionStatus.Deleted)
            state.Current = state.Current with { Status = CompositionStatus.Deleted, DateDeleted = now };
        return state.Current;
    }

    /// <summary>Makes an enqueued or processing composition fail (test-only), with <c>composition-failed</c>.</summary>
    public Composition Fail(string sid, string errorMessage)
    {
        using var held = account.Begin(out var now);
        var state = Find(sid);
        if (state.Current.Status is not (CompositionStatus.Enqueued or CompositionStatus.Processing))
            throw new TwilioErrorException(new TwilioError(20001, 400, $"Composition {sid} is {state.Current.Status}: only an enqueued or processing composition can fail"));
        Fail(state, now, errorMessage);
        return state.Current;
    }

    /// <summary>
    /// The spec: an enabled hook "is triggered for every completed Group Room on the account". A room without any
    /// recording gets no composition: the hook fails with <c>composition-hook-failed</c> (docs error 53631, "Failed to
    /// enqueue a room composition from a configured composition hook": "the configuration was not suitable for a
    /// specific Group Room"). [INFERRED] that a room with no recordings is such a case.
    /// </summary>
    public void OnRoomEnded(RoomState room, DateTimeOffset at)
    {
        if (room.Current.Status != RoomStatus.Completed || !RecordingRegistry.IsRecordable(room.Current) || hooks.Count == 0)
            return;
        var hasRecordings = recordings.OfRoom(room.Current.Sid).Count > 0;
        foreach (var hook in hooks.EnabledOldestFirst())
        {
            if (hasRecordings)
                Enqueue(room, hook.Spec, at, hook);
            else
                account.Publish(new RoomEvent(RoomEventKind.CompositionHookFailed, room.Current, at, 0) { Hook = hook });
        }
    }

    // ------------------------------------------------------------------ processing steps

    private CompositionState Enqueue(RoomState room, CompositionSpec spec, DateTimeOffset at, CompositionHook? hook)
    {
        var composition = new Composition
        {
            Sid = account.Sids.Next("CJ"),
            AccountSid = account.AccountSid,
            RoomSid = room.Current.Sid,
            Spec = spec,
            Status = CompositionStatus.Enqueued,
            DateCreated = at,
            HookSid = hook?.Sid,
            HookFriendlyName = hook?.FriendlyName,
            Sequence = account.NextSequence(),
        };
        var state = new CompositionState(composition, room, hook);
        Add(state);
        Emit(state, RoomEventKind.CompositionEnqueued, at);

        // Processing waits for the room's recordings: a composition created right after the room ended starts once
        // they are available.
        var start = at + account.Options.Media.CompositionQueue;
        foreach (var r in recordings.OfRoom(room.Current.Sid))
            if (r.Current is { Status: RecordingStatus.Processing, AvailableAt: { } available } && available > start)
                start = available;
        state.ProcessingStart = start;
        state.StepOrder = account.Timers.Schedule(start, new RoomTimer(TimerKind.Deferred, room, Run: t => Start(state, t)));
        return state;
    }

    private void Start(CompositionState state, DateTimeOffset at)
    {
        if (state.Current.Status != CompositionStatus.Enqueued)
            return;
        var spec = state.Current.Spec;
        var chosen = new List<Recording>();
        foreach (var r in recordings.OfRoom(state.Current.RoomSid).Select(r => r.Current))
        {
            if (r.Status != RecordingStatus.Completed)
                continue;
            var taken = r.Type == TrackKind.Audio
                ? CompositionRules.Selected(spec.AudioSources, spec.AudioSourcesExcluded, r)
                : spec.VideoLayout.Any(region => CompositionRules.Selected(region.VideoSources, region.VideoSourcesExcluded, r));
            if (taken)
                chosen.Add(r);
        }
        if (chosen.Count == 0)
        {
            // [INFERRED] Nothing to compose: the composition fails rather than producing an empty file.
            Fail(state, at, "No recording of the room matches the composition's audio or video sources");
            return;
        }

        state.Current = state.Current with { Status = CompositionStatus.Processing, RecordingSids = chosen.Select(r => r.Sid).ToList() };
        state.Chosen = chosen;
        Emit(state, RoomEventKind.CompositionStarted, at);
        account.Timers.Schedule(at + ProgressAfter, new RoomTimer(TimerKind.Deferred, state.Room, Run: t => ReportProgress(state, t)));
        // Scheduled right after the progress report: a snapshot keeps this order, the report's is the one before.
        state.StepOrder = account.Timers.Schedule(at + account.Options.Media.CompositionProcessing,
            new RoomTimer(TimerKind.Deferred, state.Room, Run: t => Complete(state, t)));
    }

    /// <summary>The one <c>composition-progress</c> event comes halfway through processing.</summary>
    private TimeSpan ProgressAfter => TimeSpan.FromTicks(account.Options.Media.CompositionProcessing.Ticks / 2);

    private void ReportProgress(CompositionState state, DateTimeOffset at)
    {
        if (state.Current.Status == CompositionStatus.Processing)
            Emit(state, RoomEventKind.CompositionProgress, at, percentageDone: 50,
                secondsRemaining: (int)Math.Ceiling((account.Options.Media.CompositionProcessing - ProgressAfter).TotalSeconds));
    }

    private void Complete(CompositionState state, DateTimeOffset at)
    {
        if (state.Current.Status != CompositionStatus.Processing)
            return;
        var c = state.Current;
        var duration = c.Spec.Trim ? TrimmedSeconds(state.Chosen) : state.Room.Current.Duration ?? 0;
        duration = Math.Max(1, duration);
        var size = c.Spec.Format == CompositionFormat.Mp4 ? account.Options.Media.Mp4CompositionBytes : account.Options.Media.WebmCompositionBytes;
        state.Current = c with
        {
            Status = CompositionStatus.Completed,
            DateCompleted = at,
            Duration = duration,
            Size = size,
            // Average bit rate in kbit/s of the advertised size over the advertised duration.
            Bitrate = (int)(size * 8 / 1000 / duration),
        };
        Emit(state, RoomEventKind.CompositionAvailable, at);
    }

    private void Fail(CompositionState state, DateTimeOffset at, string message)
    {
        state.Current = state.Current with { Status = CompositionStatus.Failed, DateCompleted = at, ErrorMessage = message };
        Emit(state, RoomEventKind.CompositionFailed, at);
    }

    /// <summary>
    /// Spec Trim: "Whether to clip the intervals where there is no active media". The trimmed length is the union of the
    /// chosen recordings' intervals, rounded to whole seconds.
    /// </summary>
    private static int TrimmedSeconds(IReadOnlyList<Recording> recordings)
    {
        var intervals = recordings
            .Select(r => (Start: r.DateCreated, End: r.CaptureEnded ?? r.DateCreated))
            .OrderBy(i => i.Start)
            .ToList();
        var total = TimeSpan.Zero;
        DateTimeOffset? from = null, to = null;
        foreach (var (start, end) in intervals)
        {
            if (from is null || start > to)
            {
                if (from is not null)
                    total += to!.Value - from.Value;
                (from, to) = (start, end);
            }
            else if (end > to)
                to = end;
        }
        if (from is not null)
            total += to!.Value - from.Value;
        return (int)Math.Round(total.TotalSeconds, MidpointRounding.AwayFromZero);
    }

    private void Emit(CompositionState state, RoomEventKind kind, DateTimeOffset at, int? percentageDone = null, int? secondsRemaining = null) =>
        account.Publish(new RoomEvent(kind, state.Room.Current, at, state.NextEventNumber++)
        {
            Composition = state.Current,
            Hook = state.Hook,
            PercentageDone = percentageDone,
            SecondsRemaining = secondsRemaining,
        });

    private CompositionState Find(string sid) =>
        _compositions.GetValueOrDefault(sid) ?? throw new TwilioErrorException(TwilioErrors.NotFound($"/Compositions/{sid}"));

    private void Add(CompositionState state)
    {
        _compositions.Add(state.Current.Sid, state);
        _compositionIndex.Add(state);
        (state.Room.Compositions ??= []).Add(state);
    }
}

/// <summary>Mutable bookkeeping around a composition; touched only under the account lock.</summary>
internal sealed class CompositionState(Composition current, RoomState room, CompositionHook? hook)
{
    public Composition Current = current;
    public readonly RoomState Room = room;
    public readonly CompositionHook? Hook = hook;
    public IReadOnlyList<Recording> Chosen = [];
    public int NextEventNumber;
    /// <summary>When processing starts (enqueued) or started (processing).</summary>
    public DateTimeOffset ProcessingStart;
    /// <summary>The order of the pending start (enqueued) or completion (processing) among steps due at the same time.</summary>
    public long? StepOrder;
}
