using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Sids;
using FakeRooms.Domain.State;
using FakeRooms.Domain.Subscriptions;
using FakeRooms.Domain.Transcriptions;

namespace FakeRooms.Domain.Rooms;

/// <summary>
/// One account's store: the components per resource, built around the account's one lock, clock, SID generator, timer
/// queue and event sink (<see cref="AccountState"/>), and the operations callers use, each handed to its component.
/// Every operation takes the account's lock once, first runs every timed event that has fallen due on the clock (in
/// time order), then resolves what it names and acts. Reads return immutable snapshots.
/// </summary>
/// <remarks>
/// Components: <see cref="RoomLifecycle"/> over <see cref="RoomIndex"/> (rooms), <see cref="ParticipantRegistry"/> and
/// <see cref="TrackRegistry"/> (participants and their tracks), <see cref="RecordingRegistry"/> (recordings and their
/// rules), <see cref="CompositionRegistry"/> and <see cref="HookRegistry"/> (compositions, hooks, settings),
/// <see cref="SubscriptionRegistry"/> (subscribe rules), <see cref="TranscriptionRegistry"/>, <see cref="Reconnections"/>,
/// <see cref="TimerQueue"/>, <see cref="Retention"/>, and <see cref="StoreSnapshots"/> (export/import).
/// </remarks>
internal sealed class RoomStore
{
    /// <summary>Longest participant identity and track name (docs programmable-video-limits: 128 characters).</summary>
    public const int MaxNameLength = ParticipantRegistry.MaxNameLength;

    private readonly AccountState _account;
    private readonly RoomIndex _index = new();
    private readonly RoomLifecycle _rooms;
    private readonly ParticipantRegistry _participants;
    private readonly TrackRegistry _tracks;
    private readonly RecordingRegistry _recordings;
    private readonly HookRegistry _hooks;
    private readonly CompositionRegistry _compositions;
    private readonly StoreSnapshots _snapshots;

    public RoomStore(string accountSid, TimeProvider clock, SidGenerator sids, IRoomEventSink sink, DomainOptions options)
    {
        _account = new AccountState(accountSid, clock, sids, sink, options);
        _recordings = new RecordingRegistry(_account, _index);
        _hooks = new HookRegistry(_account);
        _compositions = new CompositionRegistry(_account, _index, _recordings, _hooks);
        var retention = new Retention(options, _index, _recordings, _compositions);
        _participants = new ParticipantRegistry(_account, _index, _recordings);
        _tracks = new TrackRegistry(_account, _index, _recordings);
        _rooms = new RoomLifecycle(_account, _index, _participants, _compositions, retention);
        _account.Timers.FireRoomTimersWith(_rooms.Fire);
        Subscriptions = new SubscriptionRegistry(_account, _index);
        Transcriptions = new TranscriptionRegistry(_account, _index);
        Reconnections = new Reconnections(_account, _index, _participants);
        _snapshots = new StoreSnapshots(_account, _index, _recordings, _compositions, _hooks, retention, Reconnections);
    }

    public string AccountSid => _account.AccountSid;

    /// <summary>Participants' subscribe rules (GET/POST SubscribeRules).</summary>
    public SubscriptionRegistry Subscriptions { get; }

    /// <summary>Rooms' Transcriptions resources.</summary>
    public TranscriptionRegistry Transcriptions { get; }

    /// <summary>Participants that lose their connection and come back (simulated clients).</summary>
    public Reconnections Reconnections { get; }

    /// <summary>Number of rooms of every status.</summary>
    public int Count
    {
        get { lock (_account.Gate) return _index.Count; }
    }

    // ------------------------------------------------------------------ rooms

    /// <inheritdoc cref="RoomLifecycle.Create"/>
    public Room Create(CreateRoom command) => _rooms.Create(command);

    /// <inheritdoc cref="RoomLifecycle.Get"/>
    public Room Get(string sidOrName) => _rooms.Get(sidOrName);

    /// <inheritdoc cref="RoomLifecycle.TryGet"/>
    public Room? TryGet(string sidOrName) => _rooms.TryGet(sidOrName);

    /// <inheritdoc cref="RoomLifecycle.Complete"/>
    public Room Complete(string sidOrName, Action? validate = null) => _rooms.Complete(sidOrName, validate);

    /// <inheritdoc cref="RoomLifecycle.Fail"/>
    public Room Fail(string sidOrName) => _rooms.Fail(sidOrName);

    /// <inheritdoc cref="RoomLifecycle.List"/>
    public ListPage<Room> List(RoomQuery query) => _rooms.List(query);

    /// <inheritdoc cref="RoomLifecycle.All"/>
    public IReadOnlyList<Room> AllRooms() => _rooms.All();

    // ------------------------------------------------------------------ participants and tracks

    /// <inheritdoc cref="RoomLifecycle.ConnectOrCreate"/>
    public (Participant Participant, bool Created) ConnectOrCreate(string roomSidOrName, string identity, CreateRoom? adHoc) =>
        _rooms.ConnectOrCreate(roomSidOrName, identity, adHoc);

    /// <inheritdoc cref="ParticipantRegistry.Connect"/>
    public Participant Connect(string roomSidOrName, string identity) => _participants.Connect(roomSidOrName, identity);

    /// <inheritdoc cref="ParticipantRegistry.Disconnect(string, string, Action?)"/>
    public Participant Disconnect(string roomSidOrName, string participantSidOrIdentity, Action? validate = null) =>
        _participants.Disconnect(roomSidOrName, participantSidOrIdentity, validate);

    /// <inheritdoc cref="ParticipantRegistry.Get"/>
    public Participant GetParticipant(string roomSidOrName, string participantSidOrIdentity) =>
        _participants.Get(roomSidOrName, participantSidOrIdentity);

    /// <inheritdoc cref="ParticipantRegistry.List"/>
    public (Room Room, ListPage<Participant> Page) ListParticipants(string roomSidOrName, ParticipantQuery query) =>
        _participants.List(roomSidOrName, query);

    /// <inheritdoc cref="ParticipantRegistry.Anonymize"/>
    public Participant Anonymize(string roomSidOrName, string participantSidOrIdentity) =>
        _participants.Anonymize(roomSidOrName, participantSidOrIdentity);

    /// <inheritdoc cref="ParticipantRegistry.All"/>
    public IReadOnlyList<Participant> AllParticipants(string roomSidOrName) => _participants.All(roomSidOrName);

    /// <inheritdoc cref="TrackRegistry.Publish"/>
    public PublishedTrack Publish(string roomSidOrName, string participantSidOrIdentity, TrackKind kind, string name) =>
        _tracks.Publish(roomSidOrName, participantSidOrIdentity, kind, name);

    /// <inheritdoc cref="TrackRegistry.Unpublish"/>
    public PublishedTrack Unpublish(string roomSidOrName, string participantSidOrIdentity, string trackSidOrName) =>
        _tracks.Unpublish(roomSidOrName, participantSidOrIdentity, trackSidOrName);

    /// <inheritdoc cref="TrackRegistry.SetEnabled"/>
    public PublishedTrack SetTrackEnabled(string roomSidOrName, string participantSidOrIdentity, string trackSidOrName, bool enabled) =>
        _tracks.SetEnabled(roomSidOrName, participantSidOrIdentity, trackSidOrName, enabled);

    /// <summary>Tracks a participant publishes now, newest first.</summary>
    public IReadOnlyList<PublishedTrack> PublishedTracks(string roomSidOrName, string participantSidOrIdentity) =>
        _tracks.PublishedBy(roomSidOrName, participantSidOrIdentity).Tracks;

    /// <inheritdoc cref="TrackRegistry.PublishedBy"/>
    public (Participant Participant, IReadOnlyList<PublishedTrack> Tracks) PublishedTracksOf(string roomSidOrName, string participantSidOrIdentity) =>
        _tracks.PublishedBy(roomSidOrName, participantSidOrIdentity);

    /// <summary>Tracks a participant receives now, newest first.</summary>
    public IReadOnlyList<SubscribedTrack> SubscribedTracks(string roomSidOrName, string participantSidOrIdentity) =>
        _tracks.SubscribedBy(roomSidOrName, participantSidOrIdentity).Tracks;

    /// <inheritdoc cref="TrackRegistry.SubscribedBy"/>
    public (Participant Participant, IReadOnlyList<SubscribedTrack> Tracks) SubscribedTracksOf(string roomSidOrName, string participantSidOrIdentity) =>
        _tracks.SubscribedBy(roomSidOrName, participantSidOrIdentity);

    // ------------------------------------------------------------------ recordings and their rules

    /// <inheritdoc cref="RecordingRegistry.GetRules"/>
    public RecordingRulesState GetRecordingRules(string roomSidOrName) => _recordings.GetRules(roomSidOrName);

    /// <summary>Replaces the room's recording rules (already valid); live tracks are re-evaluated at once.</summary>
    public RecordingRulesState UpdateRecordingRules(string roomSidOrName, IReadOnlyList<RecordingRule> rules) =>
        _recordings.UpdateRules(roomSidOrName, () => rules).Rules;

    /// <inheritdoc cref="RecordingRegistry.UpdateRules"/>
    public (Room Room, RecordingRulesState Rules) UpdateRecordingRules(string roomSidOrName, Func<IReadOnlyList<RecordingRule>> readRules) =>
        _recordings.UpdateRules(roomSidOrName, readRules);

    /// <summary>Recordings of the account, or of one room, newest first, filtered and paged.</summary>
    public ListPage<Recording> ListRecordings(RecordingQuery query) => _recordings.List(query).Page;

    /// <inheritdoc cref="RecordingRegistry.List"/>
    public (Room? Room, ListPage<Recording> Page) ListRecordingsOf(RecordingQuery query) => _recordings.List(query);

    /// <inheritdoc cref="RecordingRegistry.Get"/>
    public Recording GetRecording(string sid, string? roomSidOrName = null) => _recordings.Get(sid, roomSidOrName);

    /// <inheritdoc cref="RecordingRegistry.TryGet"/>
    public Recording? TryGetRecording(string sid) => _recordings.TryGet(sid);

    /// <inheritdoc cref="RecordingRegistry.Delete"/>
    public Recording DeleteRecording(string sid, string? roomSidOrName = null) => _recordings.Delete(sid, roomSidOrName);

    /// <inheritdoc cref="RecordingRegistry.Fail"/>
    public Recording FailRecording(string sid, RecordingFailedOperation operation) => _recordings.Fail(sid, operation);

    /// <inheritdoc cref="RecordingRegistry.AllOf"/>
    public IReadOnlyList<Recording> AllRecordings(string roomSidOrName) => _recordings.AllOf(roomSidOrName);

    // ------------------------------------------------------------------ compositions, hooks and settings

    /// <inheritdoc cref="CompositionRegistry.Create"/>
    public Composition CreateComposition(string roomSid, CompositionSpec spec) => _compositions.Create(roomSid, spec);

    /// <inheritdoc cref="CompositionRegistry.Get"/>
    public Composition GetComposition(string sid) => _compositions.Get(sid);

    /// <inheritdoc cref="CompositionRegistry.TryGet"/>
    public Composition? TryGetComposition(string sid) => _compositions.TryGet(sid);

    /// <inheritdoc cref="CompositionRegistry.List"/>
    public ListPage<Composition> ListCompositions(CompositionQuery query) => _compositions.List(query);

    /// <inheritdoc cref="CompositionRegistry.Delete"/>
    public Composition DeleteComposition(string sid) => _compositions.Delete(sid);

    /// <inheritdoc cref="CompositionRegistry.Fail(string, string)"/>
    public Composition FailComposition(string sid, string errorMessage) => _compositions.Fail(sid, errorMessage);

    /// <inheritdoc cref="HookRegistry.Create"/>
    public CompositionHook CreateHook(CompositionHookCommand command) => _hooks.Create(command);

    /// <summary>Replaces a hook's settings; parameters left out go back to their defaults.</summary>
    public CompositionHook UpdateHook(string sid, CompositionHookCommand command) => _hooks.Update(sid, () => command);

    /// <inheritdoc cref="HookRegistry.Update"/>
    public CompositionHook UpdateHook(string sid, Func<CompositionHookCommand> readCommand) => _hooks.Update(sid, readCommand);

    /// <inheritdoc cref="HookRegistry.Get"/>
    public CompositionHook GetHook(string sid) => _hooks.Get(sid);

    /// <inheritdoc cref="HookRegistry.Delete"/>
    public void DeleteHook(string sid) => _hooks.Delete(sid);

    /// <inheritdoc cref="HookRegistry.List"/>
    public ListPage<CompositionHook> ListHooks(CompositionHookQuery query) => _hooks.List(query);

    /// <inheritdoc cref="HookRegistry.GetSettings"/>
    public MediaSettings GetSettings(MediaSettingsKind kind) => _hooks.GetSettings(kind);

    /// <inheritdoc cref="HookRegistry.SetSettings"/>
    public MediaSettings SetSettings(MediaSettingsKind kind, MediaSettings settings) => _hooks.SetSettings(kind, settings);

    // ------------------------------------------------------------------ timers, snapshots, the account map

    /// <summary>Runs every timed event due by now. Returns the settled time.</summary>
    public DateTimeOffset AdvanceToNow()
    {
        using var held = _account.Begin(out var now);
        return now;
    }

    /// <summary>The earliest pending timer, for clocks that want to know when to tick.</summary>
    public DateTimeOffset? NextDue
    {
        get { lock (_account.Gate) return _account.Timers.NextDue; }
    }

    /// <inheritdoc cref="StoreSnapshots.Export"/>
    public AccountSnapshot Export() => _snapshots.Export();

    /// <inheritdoc cref="StoreSnapshots.Import"/>
    public void Import(AccountSnapshot snapshot, DateTimeOffset settledUntil) => _snapshots.Import(snapshot, settledUntil);

    /// <inheritdoc cref="AccountState.Retire"/>
    public void Retire() => _account.Retire();

    /// <summary>Retires the store if it holds nothing a request could have changed; true when it did.</summary>
    public bool RetireIfPristine() =>
        _account.RetireIf(() => _index.Count == 0 && _recordings.Count == 0 && _compositions.Count == 0 && _hooks.Count == 0 &&
                                _hooks.SettingsUntouched);

    /// <summary>How many items each structure of the store holds (for tests of boundedness; not a public API).</summary>
    internal StoreFootprint Footprint()
    {
        lock (_account.Gate)
        {
            var (inProgress, inProgressNames, names, roomsByName) = _index.Sizes();
            return new StoreFootprint
            {
                Rooms = _index.Count,
                InProgressRooms = inProgress,
                InProgressNames = inProgressNames,
                EndedRooms = _index.EndedCount,
                Names = names,
                RoomsByName = roomsByName,
                Participants = _index.All.Sum(r => r.Participants.Count),
                Recordings = _recordings.Count,
                RecordingIndex = _recordings.IndexCount,
                RoomsWithRecordings = _recordings.RoomsWithRecordings,
                CapturedTracks = _recordings.CapturedTracks,
                Compositions = _compositions.Count,
                CompositionIndex = _compositions.IndexCount,
                Timers = _account.Timers.Count,
            };
        }
    }
}

/// <summary>Sizes of a <see cref="RoomStore"/>'s structures.</summary>
internal sealed record StoreFootprint
{
    public int Rooms { get; init; }
    public int InProgressRooms { get; init; }
    public int InProgressNames { get; init; }
    public int EndedRooms { get; init; }
    public int Names { get; init; }
    public int RoomsByName { get; init; }
    public int Participants { get; init; }
    public int Recordings { get; init; }
    public int RecordingIndex { get; init; }
    public int RoomsWithRecordings { get; init; }
    public int CapturedTracks { get; init; }
    public int Compositions { get; init; }
    public int CompositionIndex { get; init; }
    public int Timers { get; init; }
}
