using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;

namespace FakeRooms.Domain.Rooms;

/// <summary>
/// Compositions, composition hooks and the account's recording/composition settings (FACTS §4; spec schemas
/// <c>video.v1.composition</c>, <c>video.v1.composition_hook</c>, <c>*_settings</c>). A composition moves
/// <c>enqueued</c> -> <c>processing</c> -> <c>completed</c> on the clock: it starts processing after the queue delay,
/// and never before the room's recordings are available; it completes after the processing delay.
/// </summary>
internal sealed partial class RoomStore
{
    private readonly Dictionary<string, CompositionState> _compositions = new(StringComparer.Ordinal);
    private readonly NewestFirstIndex<CompositionState> _compositionIndex = new(static c => (c.Current.DateCreated, c.Current.Sequence));
    private readonly Dictionary<string, HookState> _hooks = new(StringComparer.Ordinal);
    private readonly NewestFirstIndex<HookState> _hookIndex = new(static h => (h.Current.DateCreated, h.Current.Sequence));
    private MediaSettings? _recordingSettings;
    private MediaSettings? _compositionSettings;

    // ------------------------------------------------------------------ compositions

    /// <summary>
    /// Creates a composition of a completed group room's recordings. Unknown room: 53106 "Room not found" (docs 53106:
    /// "Raised whenever attempting operation on a non-existent Room"); peer-to-peer and go rooms: 53122; a room that is
    /// not completed: 20001 [INFERRED].
    /// </summary>
    public Composition CreateComposition(string roomSid, CompositionSpec spec)
    {
        lock (_gate)
        {
            var now = Settle();
            var room = TryFind(roomSid) ?? throw new TwilioErrorException(TwilioErrors.RoomNotFound);
            if (!IsRecordable(room.Current))
                throw new TwilioErrorException(TwilioErrors.RecordingOperationNotSupported);
            if (room.Current.Status != RoomStatus.Completed)
                throw new TwilioErrorException(TwilioErrors.RoomNotCompleted(room.Current.Sid));
            return Enqueue(room, spec, now, hook: null).Current;
        }
    }

    /// <summary>A composition by CJ SID.</summary>
    public Composition GetComposition(string sid)
    {
        lock (_gate)
        {
            Settle();
            return FindComposition(sid).Current;
        }
    }

    /// <summary>A composition by CJ SID, or null.</summary>
    public Composition? TryGetComposition(string sid)
    {
        lock (_gate)
        {
            Settle();
            return _compositions.GetValueOrDefault(sid)?.Current;
        }
    }

    /// <summary>Compositions, newest first, filtered and paged.</summary>
    public ListPage<Composition> ListCompositions(CompositionQuery query)
    {
        lock (_gate)
        {
            Settle();
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
    }

    /// <summary>
    /// Deletes a composition's media (DELETE, 204): status <c>deleted</c>, <c>date_deleted</c> set, metadata kept
    /// (spec: "its metadata is still available for 30 days"). [INFERRED] Not while enqueued or processing.
    /// </summary>
    public Composition DeleteComposition(string sid)
    {
        lock (_gate)
        {
            var now = Settle();
            var state = FindComposition(sid);
            if (state.Current.Status is CompositionStatus.Enqueued or CompositionStatus.Processing)
                throw new TwilioErrorException(TwilioErrors.StillProcessing($"/Compositions/{sid}"));
            if (state.Current.Status != CompositionStatus.Deleted)
                state.Current = state.Current with { Status = CompositionStatus.Deleted, DateDeleted = now };
            return state.Current;
        }
    }

    /// <summary>Makes an enqueued or processing composition fail (test-only), with <c>composition-failed</c>.</summary>
    public Composition FailComposition(string sid, string errorMessage)
    {
        lock (_gate)
        {
            var now = Settle();
            var state = FindComposition(sid);
            if (state.Current.Status is not (CompositionStatus.Enqueued or CompositionStatus.Processing))
                throw new TwilioErrorException(new TwilioError(20001, 400, $"Composition {sid} is {state.Current.Status}: only an enqueued or processing composition can fail"));
            FailComposition(state, now, errorMessage);
            return state.Current;
        }
    }

    // ------------------------------------------------------------------ composition hooks

    /// <summary>Creates a hook (FriendlyName unique in the account, spec).</summary>
    public CompositionHook CreateHook(CompositionHookCommand command)
    {
        lock (_gate)
        {
            var now = Settle();
            EnsureFriendlyNameFree(command.FriendlyName, except: null);
            var hook = new CompositionHook
            {
                Sid = _sids.Next("HK"),
                AccountSid = AccountSid,
                FriendlyName = command.FriendlyName,
                // [INFERRED] enabled unless told otherwise.
                Enabled = command.Enabled ?? true,
                Spec = command.Spec,
                DateCreated = now,
                Sequence = ++_sequence,
            };
            var state = new HookState(hook);
            _hooks.Add(hook.Sid, state);
            _hookIndex.Add(state);
            return hook;
        }
    }

    /// <summary>
    /// Replaces a hook's settings. The spec's "updateWithDefaults" example shows that parameters left out go back to
    /// their defaults (<c>video_layout: {}</c>, <c>status_callback: null</c>), so the whole spec is replaced.
    /// </summary>
    public CompositionHook UpdateHook(string sid, CompositionHookCommand command) => UpdateHook(sid, () => command);

    /// <summary>
    /// As <see cref="UpdateHook(string, CompositionHookCommand)"/>, with the settings read from the request once the hook
    /// is found (an unknown hook is 20404 before invalid settings), under the same lock.
    /// </summary>
    public CompositionHook UpdateHook(string sid, Func<CompositionHookCommand> readCommand)
    {
        lock (_gate)
        {
            var now = Settle();
            var state = FindHook(sid);
            var command = readCommand();
            EnsureFriendlyNameFree(command.FriendlyName, except: state);
            state.Current = state.Current with
            {
                FriendlyName = command.FriendlyName,
                Enabled = command.Enabled ?? true,
                Spec = command.Spec,
                DateUpdated = now,
            };
            return state.Current;
        }
    }

    /// <summary>A hook by HK SID.</summary>
    public CompositionHook GetHook(string sid)
    {
        lock (_gate)
        {
            Settle();
            return FindHook(sid).Current;
        }
    }

    /// <summary>Deletes a hook (204); its compositions stay.</summary>
    public void DeleteHook(string sid)
    {
        lock (_gate)
        {
            Settle();
            var state = FindHook(sid);
            _hooks.Remove(sid);
            _hookIndex.Remove(state);
        }
    }

    /// <summary>Hooks, newest first, filtered and paged.</summary>
    public ListPage<CompositionHook> ListHooks(CompositionHookQuery query)
    {
        lock (_gate)
        {
            Settle();
            var matching = new List<HookState>();
            foreach (var state in _hookIndex)
            {
                var h = state.Current;
                if (query.Enabled is { } enabled && h.Enabled != enabled) continue;
                if (query.FriendlyName is { } name && !CompositionRules.Wildcard(name, h.FriendlyName, ignoreCase: true)) continue;
                matching.Add(state);
            }
            return Paging.Page(matching, static h => (h.Current.DateCreated, h.Current.Sequence), static h => h.Current,
                query.PageSize, query.Cursor, query.CreatedOnOrAfter, query.CreatedBefore);
        }
    }

    // ------------------------------------------------------------------ settings

    /// <summary>The account's recording or composition settings (defaults until first set).</summary>
    public MediaSettings GetSettings(MediaSettingsKind kind)
    {
        lock (_gate)
        {
            ThrowIfRetired();
            return (kind == MediaSettingsKind.Recording ? _recordingSettings : _compositionSettings) ?? new MediaSettings { AccountSid = AccountSid };
        }
    }

    /// <summary>Replaces the account's recording or composition settings.</summary>
    public MediaSettings SetSettings(MediaSettingsKind kind, MediaSettings settings)
    {
        lock (_gate)
        {
            ThrowIfRetired();
            settings = settings with { AccountSid = AccountSid };
            if (kind == MediaSettingsKind.Recording)
                _recordingSettings = settings;
            else
                _compositionSettings = settings;
            return settings;
        }
    }

    // ------------------------------------------------------------------ internals

    /// <summary>
    /// The spec: an enabled hook "is triggered for every completed Group Room on the account". A room without any
    /// recording gets no composition: the hook fails with <c>composition-hook-failed</c> (docs error 53631, "Failed to
    /// enqueue a room composition from a configured composition hook": "the configuration was not suitable for a
    /// specific Group Room"). [INFERRED] that a room with no recordings is such a case.
    /// </summary>
    private void OnRoomEnded(RoomState room, DateTimeOffset at)
    {
        if (room.Current.Status != RoomStatus.Completed || !IsRecordable(room.Current) || _hooks.Count == 0)
            return;
        var hasRecordings = _roomRecordings.TryGetValue(room.Current.Sid, out var of) && of.Recordings.Count > 0;
        foreach (var hook in Enumerable.Reverse(_hookIndex).Where(h => h.Current.Enabled).ToList())
        {
            if (hasRecordings)
                Enqueue(room, hook.Current.Spec, at, hook.Current);
            else
                _sink.Publish(new RoomEvent(RoomEventKind.CompositionHookFailed, room.Current, at, 0) { Hook = hook.Current });
        }
    }

    private CompositionState Enqueue(RoomState room, CompositionSpec spec, DateTimeOffset at, CompositionHook? hook)
    {
        var composition = new Composition
        {
            Sid = _sids.Next("CJ"),
            AccountSid = AccountSid,
            RoomSid = room.Current.Sid,
            Spec = spec,
            Status = CompositionStatus.Enqueued,
            DateCreated = at,
            HookSid = hook?.Sid,
            HookFriendlyName = hook?.FriendlyName,
            Sequence = ++_sequence,
        };
        var state = new CompositionState(composition, room, hook);
        _compositions.Add(composition.Sid, state);
        _compositionIndex.Add(state);
        (room.Compositions ??= []).Add(state);
        EmitComposition(state, RoomEventKind.CompositionEnqueued, at);

        // Processing waits for the room's recordings: a composition created right after the room ended starts once
        // they are available.
        var start = at + _options.Media.CompositionQueue;
        if (_roomRecordings.TryGetValue(room.Current.Sid, out var of))
            foreach (var r in of.Recordings)
                if (r.Current is { Status: RecordingStatus.Processing, AvailableAt: { } available } && available > start)
                    start = available;
        state.ProcessingStart = start;
        state.StepOrder = Schedule(start, new Timer(TimerKind.Deferred, room, Run: t => StartComposition(state, t)));
        return state;
    }

    private void StartComposition(CompositionState state, DateTimeOffset at)
    {
        if (state.Current.Status != CompositionStatus.Enqueued)
            return;
        var spec = state.Current.Spec;
        var chosen = new List<Recording>();
        if (_roomRecordings.TryGetValue(state.Current.RoomSid, out var of))
            foreach (var r in of.Recordings.Select(r => r.Current))
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
            FailComposition(state, at, "No recording of the room matches the composition's audio or video sources");
            return;
        }

        state.Current = state.Current with { Status = CompositionStatus.Processing, RecordingSids = chosen.Select(r => r.Sid).ToList() };
        state.Chosen = chosen;
        EmitComposition(state, RoomEventKind.CompositionStarted, at);
        Schedule(at + ProgressAfter, new Timer(TimerKind.Deferred, state.Room, Run: t => ReportProgress(state, t)));
        // Scheduled right after the progress report: a snapshot keeps this order, the report's is the one before.
        state.StepOrder = Schedule(at + _options.Media.CompositionProcessing, new Timer(TimerKind.Deferred, state.Room, Run: t => CompleteComposition(state, t)));
    }

    /// <summary>The one <c>composition-progress</c> event comes halfway through processing.</summary>
    private TimeSpan ProgressAfter => TimeSpan.FromTicks(_options.Media.CompositionProcessing.Ticks / 2);

    private void ReportProgress(CompositionState state, DateTimeOffset at)
    {
        if (state.Current.Status == CompositionStatus.Processing)
            EmitComposition(state, RoomEventKind.CompositionProgress, at, percentageDone: 50,
                secondsRemaining: (int)Math.Ceiling((_options.Media.CompositionProcessing - ProgressAfter).TotalSeconds));
    }

    private void CompleteComposition(CompositionState state, DateTimeOffset at)
    {
        if (state.Current.Status != CompositionStatus.Processing)
            return;
        var c = state.Current;
        var duration = c.Spec.Trim ? TrimmedSeconds(state.Chosen) : state.Room.Current.Duration ?? 0;
        duration = Math.Max(1, duration);
        var size = c.Spec.Format == CompositionFormat.Mp4 ? _options.Media.Mp4CompositionBytes : _options.Media.WebmCompositionBytes;
        state.Current = c with
        {
            Status = CompositionStatus.Completed,
            DateCompleted = at,
            Duration = duration,
            Size = size,
            // Average bit rate in kbit/s of the advertised size over the advertised duration.
            Bitrate = (int)(size * 8 / 1000 / duration),
        };
        EmitComposition(state, RoomEventKind.CompositionAvailable, at);
    }

    private void FailComposition(CompositionState state, DateTimeOffset at, string message)
    {
        state.Current = state.Current with { Status = CompositionStatus.Failed, DateCompleted = at, ErrorMessage = message };
        EmitComposition(state, RoomEventKind.CompositionFailed, at);
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

    private void EmitComposition(CompositionState state, RoomEventKind kind, DateTimeOffset at, int? percentageDone = null, int? secondsRemaining = null) =>
        _sink.Publish(new RoomEvent(kind, state.Room.Current, at, state.NextEventNumber++)
        {
            Composition = state.Current,
            Hook = state.Hook,
            PercentageDone = percentageDone,
            SecondsRemaining = secondsRemaining,
        });

    private CompositionState FindComposition(string sid) =>
        _compositions.GetValueOrDefault(sid) ?? throw new TwilioErrorException(TwilioErrors.NotFound($"/Compositions/{sid}"));

    private HookState FindHook(string sid) =>
        _hooks.GetValueOrDefault(sid) ?? throw new TwilioErrorException(TwilioErrors.NotFound($"/CompositionHooks/{sid}"));

    private void EnsureFriendlyNameFree(string friendlyName, HookState? except)
    {
        foreach (var hook in _hooks.Values)
            if (!ReferenceEquals(hook, except) && string.Equals(hook.Current.FriendlyName, friendlyName, StringComparison.Ordinal))
                throw new TwilioErrorException(TwilioErrors.FriendlyNameInUse(friendlyName));
    }

    /// <summary>Mutable bookkeeping around a composition; touched only under the account lock.</summary>
    private sealed class CompositionState(Composition current, RoomState room, CompositionHook? hook)
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

    /// <summary>Mutable bookkeeping around a hook; touched only under the account lock.</summary>
    private sealed class HookState(CompositionHook current)
    {
        public CompositionHook Current = current;
    }
}
