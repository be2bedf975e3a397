using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;

namespace FakeRooms.Domain.Rooms;

/// <summary>
/// Rooms: create, fetch, list, complete and fail them, and the timeouts that end them on the clock (unused, empty,
/// 24 hours) or disconnect a participant (its session limit). A room that ends disconnects its participants, then
/// runs the composition hooks and retention.
/// </summary>
internal sealed class RoomLifecycle(AccountState account, RoomIndex rooms, ParticipantRegistry participants,
    CompositionRegistry compositions, Retention retention)
{
    public Room Create(CreateRoom command)
    {
        using var held = account.Begin(out var now);
        // UniqueName is unique among in-progress rooms only (spec); a completed room's name is free again.
        if (command.UniqueName is { } name && rooms.IsInProgressName(name))
            throw new TwilioErrorException(TwilioErrors.RoomExists);
        if (account.Options.MaxInProgressRooms is { } quota && rooms.InProgressCount >= quota)
            throw new TwilioErrorException(TwilioErrors.RoomQuotaExceeded);

        var sid = account.Sids.Next("RM");
        var state = new RoomState(RoomRules.Build(command, sid, account.AccountSid, now, account.NextSequence()));
        rooms.Add(state, nameCapacity: 1);

        account.Emit(state, RoomEventKind.RoomCreated, now);
        // Spec TranscribeParticipantsOnConnect: "Whether to start transcriptions when Participants connect"; the
        // resource exists (started) from the room's creation and runs once someone is in the room.
        if (command.TranscribeParticipantsOnConnect == true)
            state.Transcription = Transcriptions.TranscriptionRegistry.Start(account, state, command.TranscriptionsConfiguration, now);
        // Docs: "Rooms created via the REST API exist for five minutes to allow the first Participant to connect"
        // (UnusedRoomTimeout); every room lasts at most 24 hours (docs programmable-video-limits).
        account.Timers.Schedule(now.AddMinutes(state.Current.UnusedRoomTimeout), new RoomTimer(TimerKind.Unused, state));
        account.Timers.Schedule(now.AddHours(24), new RoomTimer(TimerKind.MaxRoomDuration, state));
        return state.Current;
    }

    /// <summary>A room by SID (any status) or by unique name (in-progress only), as the docs describe fetch.</summary>
    public Room Get(string sidOrName)
    {
        using var held = account.Begin(out _);
        return rooms.Find(sidOrName).Current;
    }

    /// <summary>Looks a room up without failing.</summary>
    public Room? TryGet(string sidOrName)
    {
        using var held = account.Begin(out _);
        return rooms.TryFind(sidOrName)?.Current;
    }

    /// <summary>
    /// Ends an in-progress room (REST update with Status=completed). <paramref name="validate"/> checks the request once
    /// the room is found (so an unknown room is 20404 first), under the same lock: the room resolved is the room ended,
    /// even when its unique name is completed and taken again meanwhile.
    /// </summary>
    public Room Complete(string sidOrName, Action? validate = null)
    {
        using var held = account.Begin(out var now);
        var state = rooms.Find(sidOrName);
        validate?.Invoke();
        // Docs error 53112: "Raised in the REST API when Status is not valid or the Room is not in-progress".
        if (state.Current.Status != RoomStatus.InProgress)
            throw new TwilioErrorException(TwilioErrors.RoomStatusInvalid);
        End(state, now, RoomStatus.Completed);
        return state.Current;
    }

    /// <summary>Marks an in-progress room failed (a test-only transition; Twilio never documents when it happens).</summary>
    public Room Fail(string sidOrName)
    {
        using var held = account.Begin(out var now);
        var state = rooms.Find(sidOrName);
        if (state.Current.Status != RoomStatus.InProgress)
            throw new TwilioErrorException(TwilioErrors.RoomStatusInvalid);
        End(state, now, RoomStatus.Failed);
        return state.Current;
    }

    public ListPage<Room> List(RoomQuery query)
    {
        using var held = account.Begin(out _);
        return rooms.List(query);
    }

    /// <summary>Every room of the account, oldest first (for snapshots and assertions).</summary>
    public IReadOnlyList<Room> All()
    {
        using var held = account.Begin(out _);
        return rooms.InCreationOrder.Select(r => r.Current).ToList();
    }

    /// <summary>
    /// A Video client connects to a room by name, as <c>connect(token, { name })</c> does: the in-progress room of
    /// that name (or SID) if there is one; otherwise, when <paramref name="adHoc"/> is given (client-side room
    /// creation on, Twilio's default), a new room of that name is created with those settings and the participant
    /// joins it, all under one lock, so two clients connecting to a new name at once share one room. Without
    /// <paramref name="adHoc"/> an unknown name fails with 53106 "Room not found" (docs "Client-side Room creation":
    /// with it disabled, clients can only join rooms created through REST).
    /// </summary>
    /// <returns>The participant, and whether this connect created the room.</returns>
    public (Participant Participant, bool Created) ConnectOrCreate(string roomSidOrName, string identity, CreateRoom? adHoc)
    {
        using var held = account.Begin(out _);
        var created = false;
        if (adHoc is not null && rooms.TryFind(roomSidOrName) is null && !LooksLikeRoomSid(roomSidOrName))
        {
            Create(adHoc with { UniqueName = roomSidOrName });
            created = true;
        }
        return (participants.Connect(roomSidOrName, identity), created);
    }

    /// <summary>Fires a room or participant timeout that fell due (the <see cref="TimerQueue"/> calls it).</summary>
    public void Fire(RoomTimer timer, DateTimeOffset at)
    {
        var room = timer.Room;
        if (room.Current.Status != RoomStatus.InProgress)
            return;
        switch (timer.Kind)
        {
            case TimerKind.Unused when !room.EverJoined:
            case TimerKind.Empty when room.ConnectedCount == 0 && room.EmptyGeneration == timer.Generation:
            case TimerKind.MaxRoomDuration:
                End(room, at, RoomStatus.Completed);
                break;
            case TimerKind.MaxParticipantDuration when timer.Participant is { Current.Status: not ParticipantStatus.Disconnected } p &&
                                                       p.Generation == timer.Generation:
                participants.Disconnect(room, p, at, TwilioErrors.SessionLengthExceeded);
                break;
        }
    }

    private void End(RoomState state, DateTimeOffset at, RoomStatus status)
    {
        // Docs: completing a room disconnects every connected participant immediately.
        foreach (var participant in state.Participants.Where(p => p.Current.Status != ParticipantStatus.Disconnected).ToList())
            participants.Disconnect(state, participant, at, TwilioErrors.RoomCompleted, roomEnding: true);

        state.Transcription?.OnRoomEnded(at);
        var before = state.Current;
        rooms.LeaveInProgress(state);
        state.Current = before with
        {
            Status = status,
            EndTime = at,
            DateUpdated = at,
            Duration = AccountState.WholeSeconds(before.DateCreated, at),
        };
        rooms.AddEnded(state);
        account.Emit(state, RoomEventKind.RoomEnded, at);
        compositions.OnRoomEnded(state, at);
        retention.ForgetEndedRoomsOverLimit();
    }

    // A client naming an RM SID asks for that room; it never creates a room named like a SID.
    private static bool LooksLikeRoomSid(string value) =>
        value.Length == 34 && value.StartsWith("RM", StringComparison.Ordinal) && value.AsSpan(2).ContainsAnyExcept("0123456789abcdefABCDEF") == false;
}
