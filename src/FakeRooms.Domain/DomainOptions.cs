namespace FakeRooms.Domain;

/// <summary>Account-level limits the domain enforces.</summary>
internal sealed record DomainOptions
{
    /// <summary>In-progress rooms an account may hold; past it a create fails with 53119. Null: no limit.</summary>
    public int? MaxInProgressRooms { get; init; }

    /// <summary>
    /// Ended (completed or failed) rooms an account keeps; when a room ends past it, the oldest ended rooms (by creation)
    /// are forgotten with everything that belongs to them. Null: every room is kept.
    /// </summary>
    public int? MaxEndedRooms { get; init; }

    /// <summary>Accounts the fake holds at once; a new account past it is refused with 20003. Null: no limit.</summary>
    public int? MaxAccounts { get; init; }

    /// <summary>When set, <c>LargeRoom=true</c> group rooms may hold this many participants (else 50).</summary>
    public int? LargeRoomMaxParticipants { get; init; }

    /// <summary>Sizes of the served media files and processing times of recordings and compositions.</summary>
    public Recordings.MediaProfile Media { get; init; } = new();

    /// <summary>
    /// How long a participant that lost its connection stays <c>reconnecting</c> before it is disconnected with 53002.
    /// twilio-video.js 2.3.0's changelog: it "attempts to reconnect to a Room only while the Participant's session is
    /// valid (typically 30 seconds after the reconnecting event)"; Twilio publishes no exact server-side number.
    /// </summary>
    public TimeSpan ReconnectionWindow { get; init; } = TimeSpan.FromSeconds(30);
}
