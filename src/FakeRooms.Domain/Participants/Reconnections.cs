using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Rooms;

namespace FakeRooms.Domain.Participants;

/// <summary>
/// Participants that lose their connection and come back (docs reconnection-states-and-events). While
/// <c>reconnecting</c> (spec enum <c>room_participant_enum_status</c>) a participant keeps its tracks, subscriptions and
/// place in the room; Twilio sends no status callback for it (docs status-callbacks list none). If it does not come back
/// within <see cref="DomainOptions.ReconnectionWindow"/> on the clock, it is disconnected with 53002.
/// </summary>
internal sealed class Reconnections(AccountState account, RoomIndex rooms, ParticipantRegistry participants)
{
    /// <summary>A connected participant loses its connection (53204 when it is not connected).</summary>
    public Participant LoseConnection(string roomSidOrName, string participantSidOrIdentity)
    {
        using var held = account.Begin(out var now);
        var room = rooms.Find(roomSidOrName);
        var participant = ParticipantRegistry.FindConnected(room, roomSidOrName, participantSidOrIdentity);
        var attempt = ++participant.Reconnects;
        participant.Current = participant.Current with { Status = ParticipantStatus.Reconnecting, DateUpdated = now };
        participant.ReconnectDeadline = now + account.Options.ReconnectionWindow;
        account.Timers.Schedule(participant.ReconnectDeadline.Value,
            new RoomTimer(TimerKind.Deferred, room, participant, Run: at => OnWindowOver(room, participant, attempt, at)));
        return participant.Current;
    }

    /// <summary>
    /// Restores a reconnecting participant's window (snapshot import, under the lock): it runs out at
    /// <paramref name="deadline"/>, ordered by the participant's sequence among timers due then.
    /// </summary>
    public void Restore(RoomState room, ParticipantState participant, DateTimeOffset deadline)
    {
        var attempt = participant.Reconnects;
        participant.ReconnectDeadline = deadline;
        account.Timers.Restore(new RoomTimer(TimerKind.Deferred, room, participant, Run: at => OnWindowOver(room, participant, attempt, at)),
            deadline, participant.Current.Sequence);
    }

    /// <summary>
    /// A reconnecting participant comes back within the window: <c>connected</c> again (docs: "reconnected ...
    /// transitions to the connected state"); no callback. 53204 when it is not reconnecting.
    /// </summary>
    public Participant Reconnect(string roomSidOrName, string participantSidOrIdentity)
    {
        using var held = account.Begin(out var now);
        var room = rooms.Find(roomSidOrName);
        var participant = ParticipantRegistry.Find(room, roomSidOrName, participantSidOrIdentity);
        if (participant.Current.Status != ParticipantStatus.Reconnecting)
            throw new TwilioErrorException(TwilioErrors.ParticipantNotReconnecting(participant.Current.Sid));
        participant.Reconnects++;
        participant.Current = participant.Current with { Status = ParticipantStatus.Connected, DateUpdated = now };
        return participant.Current;
    }

    private void OnWindowOver(RoomState room, ParticipantState participant, long attempt, DateTimeOffset at)
    {
        if (participant.Reconnects != attempt || participant.Current.Status != ParticipantStatus.Reconnecting)
            return;
        participants.Disconnect(room, participant, at, TwilioErrors.SignalingConnectionTimeout);
    }
}
