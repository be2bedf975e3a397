using FakeRooms.Domain.Rooms;

namespace FakeRooms;

/// <summary>
/// One account's rooms seen from the test: read their state, and make simulated participants join them (real
/// participants join through WebRTC, which REST cannot do).
/// </summary>
public sealed class SimulatedRooms
{
    private readonly FakeRoomsServer _server;

    internal SimulatedRooms(FakeRoomsServer server, string accountSid)
    {
        _server = server;
        AccountSid = accountSid;
    }

    /// <summary>The account these rooms belong to.</summary>
    public string AccountSid { get; }

    // Through VideoBackend.Run: an operation that meets a store a concurrent reset retired runs again on the live one.
    // The domain's records stay inside: the result is mapped to its public twin outside the account's lock.
    private T Run<T>(Func<RoomStore, T> operation, bool read = false) =>
        PublicModel.Translate(() => _server.Backend.Run(AccountSid, operation, read));

    /// <summary>Every room of the account, oldest first.</summary>
    public IReadOnlyList<RoomInfo> All => Run(s => s.AllRooms(), read: true).ToInfos(PublicModel.ToInfo);

    /// <summary>A room by SID (any status) or unique name (in progress only); null when there is none.</summary>
    public RoomInfo? Find(string sidOrName) => Run(s => s.TryGet(sidOrName), read: true)?.ToInfo();

    /// <summary>A room by SID or unique name.</summary>
    /// <exception cref="TwilioVideoException">20404 when there is no such room.</exception>
    public RoomInfo Get(string sidOrName) => Run(s => s.Get(sidOrName), read: true).ToInfo();

    /// <summary>Creates a room directly (seeding), with Twilio's defaults for what <paramref name="room"/> leaves out.</summary>
    /// <exception cref="TwilioVideoException">The error a <c>POST /v1/Rooms</c> with the same values gets.</exception>
    public RoomInfo Create(NewRoom? room = null) => Run(s => s.Create(room.ToCommand())).ToInfo();

    /// <summary>Ends a room as REST <c>Status=completed</c> does.</summary>
    /// <exception cref="TwilioVideoException">20404 when there is no such room; 53112 when it is not in progress.</exception>
    public RoomInfo Complete(string sidOrName) => Run(s => s.Complete(sidOrName)).ToInfo();

    /// <summary>
    /// Marks a room's Transcriptions resource <c>failed</c>, as Twilio does on an internal error (docs: "Once it detects a
    /// failure, you can't restart that resource"). 20404 when the room has none.
    /// </summary>
    public TranscriptionInfo FailTranscription(string roomSidOrName) => Run(s => s.Transcriptions.Fail(roomSidOrName)).ToInfo();

    /// <summary>Every participant a room ever had, in join order.</summary>
    public IReadOnlyList<ParticipantInfo> ParticipantsOf(string roomSidOrName) =>
        Run(s => s.AllParticipants(roomSidOrName), read: true).ToInfos(PublicModel.ToInfo);

    /// <summary>Every recording a room has had, oldest first (the same data as <c>GET /v1/Rooms/{RoomSid}/Recordings</c>).</summary>
    public IReadOnlyList<RecordingInfo> RecordingsOf(string roomSidOrName) =>
        Run(s => s.AllRecordings(roomSidOrName), read: true).ToInfos(PublicModel.ToInfo);

    /// <summary>
    /// Makes a processing recording fail, as Twilio's recording service sometimes does: its capture stops, its status
    /// becomes <c>failed</c> and <c>recording-failed</c> is sent with <paramref name="operation"/>.
    /// </summary>
    /// <exception cref="TwilioVideoException">20404 for an unknown recording; 20001 when it is not processing.</exception>
    public RecordingInfo FailRecording(string recordingSid,
        VideoRecordingFailedOperation operation = VideoRecordingFailedOperation.RecordingUpload) =>
        Run(s => s.FailRecording(recordingSid, operation.ToDomain())).ToInfo();

    /// <summary>Makes an enqueued or processing composition fail (<c>composition-failed</c> with <paramref name="errorMessage"/>).</summary>
    /// <exception cref="TwilioVideoException">20404 for an unknown composition; 20001 when it is not enqueued or processing.</exception>
    public CompositionInfo FailComposition(string compositionSid, string errorMessage = "Composition failed (simulated)") =>
        Run(s => s.FailComposition(compositionSid, errorMessage)).ToInfo();

    /// <summary>
    /// A participant joins a room, as a Video SDK client would. Joining a full room fails with 53105, a completed room
    /// with 53118; an identity already connected is disconnected first (53205 on its client).
    /// </summary>
    /// <param name="roomSidOrName">The room's SID or unique name.</param>
    /// <param name="identity">The identity from the participant's access token (at most 128 characters).</param>
    /// <exception cref="TwilioVideoException">The Twilio error the join fails with.</exception>
    public SimulatedParticipant Connect(string roomSidOrName, string identity)
    {
        var participant = Run(s => s.Connect(roomSidOrName, identity));
        return new SimulatedParticipant(_server.Backend, AccountSid, participant.RoomSid, participant.Sid);
    }

    /// <summary>
    /// A Video client connects with the Access Token your app minted, as <c>Video.connect(token, { name: room })</c>
    /// does, checked as Twilio checks it on the fake's clock: JWT header (<c>cty</c> <c>twilio-fpa;v=1</c>, HS256),
    /// the signature with the secret of the API key in <c>iss</c> (<see cref="FakeRoomsOptions.ApiKeys"/>), <c>sub</c>
    /// this account, <c>exp</c>/<c>nbf</c>, a lifetime of at most 24 hours, an identity and a video grant, and the
    /// room from the grant or <paramref name="room"/> (both given and different: refused). A room name with no room
    /// in progress creates one when client-side room creation is on (<see cref="FakeRoomsOptions.AdHocRooms"/>).
    /// Every attempt is kept in <see cref="FakeRoomsServer.TokenConnects"/>.
    /// </summary>
    /// <param name="token">The JWT.</param>
    /// <param name="room">The room name the client asks for beside the token; null to use the grant's.</param>
    /// <exception cref="TwilioVideoException">
    /// 20101 malformed, 20102 header, 20103 issuer/subject, 20104 expired, 20105 not yet valid, 20106 grants (no
    /// identity, no video grant, no room, or a room other than the grant's), 20107 signature, 20157 lifetime over
    /// 24 hours; then the join's own errors (53106 with client-side room creation off, 53105 full, ...).
    /// </exception>
    public SimulatedParticipant ConnectWithToken(string token, string? room = null)
    {
        var participant = PublicModel.Translate(() => _server.Tokens.Connect(token, room, AccountSid));
        return new SimulatedParticipant(_server.Backend, AccountSid, participant.RoomSid, participant.Sid);
    }
}

/// <summary>A simulated participant: publish, pause and remove tracks, and leave.</summary>
public sealed class SimulatedParticipant
{
    // Resolved on every call, so a handle kept across FakeRoomsServer.Reset() sees the reset state (20404), not a
    // forgotten store.
    private readonly Domain.VideoBackend _backend;
    private readonly string _accountSid;

    internal SimulatedParticipant(Domain.VideoBackend backend, string accountSid, string roomSid, string sid)
    {
        _backend = backend;
        _accountSid = accountSid;
        RoomSid = roomSid;
        Sid = sid;
    }

    /// <summary>The participant's SID (<c>PA...</c>).</summary>
    public string Sid { get; }

    /// <summary>The room's SID.</summary>
    public string RoomSid { get; }

    private T Run<T>(Func<RoomStore, T> operation, bool read = false) =>
        PublicModel.Translate(() => _backend.Run(_accountSid, operation, read));

    /// <summary>
    /// The participant as it is now; once disconnected, <see cref="ParticipantInfo.DisconnectError"/> tells why (53205
    /// duplicate identity, 53216 MaxParticipantDuration, 53118 room ended).
    /// </summary>
    public ParticipantInfo Current => Run(s => s.GetParticipant(RoomSid, Sid), read: true).ToInfo();

    /// <summary>Tracks published now.</summary>
    public IReadOnlyList<PublishedTrackInfo> PublishedTracks =>
        Run(s => s.PublishedTracks(RoomSid, Sid), read: true).ToInfos(PublicModel.ToInfo);

    /// <summary>Tracks received from the other participants now.</summary>
    public IReadOnlyList<SubscribedTrackInfo> SubscribedTracks =>
        Run(s => s.SubscribedTracks(RoomSid, Sid), read: true).ToInfos(PublicModel.ToInfo);

    /// <summary>
    /// Publishes a track (track-added); the other participants whose subscribe rules include it subscribe to it. Audio-only rooms refuse
    /// video (53125); the room's max_concurrent_published_tracks counts every participant's tracks (53203); names are
    /// 1 to 128 characters (53301, 53302) and unique per participant (53304); a disconnected participant gets 53204.
    /// </summary>
    /// <exception cref="TwilioVideoException">The error the publish fails with.</exception>
    public PublishedTrackInfo Publish(VideoTrackKind kind, string name) => Run(s => s.Publish(RoomSid, Sid, kind.ToDomain(), name)).ToInfo();

    /// <summary>Stops publishing a track, by name or SID (track-removed).</summary>
    public PublishedTrackInfo Unpublish(string trackNameOrSid) => Run(s => s.Unpublish(RoomSid, Sid, trackNameOrSid)).ToInfo();

    /// <summary>Pauses a track (track-disabled).</summary>
    public PublishedTrackInfo Disable(string trackNameOrSid) => Run(s => s.SetTrackEnabled(RoomSid, Sid, trackNameOrSid, false)).ToInfo();

    /// <summary>Resumes a track (track-enabled).</summary>
    public PublishedTrackInfo Enable(string trackNameOrSid) => Run(s => s.SetTrackEnabled(RoomSid, Sid, trackNameOrSid, true)).ToInfo();

    /// <summary>Leaves the room (participant-disconnected).</summary>
    public ParticipantInfo Disconnect() => Run(s => s.Disconnect(RoomSid, Sid)).ToInfo();

    /// <summary>
    /// Loses the connection: the participant shows <c>reconnecting</c> over REST and keeps its tracks and its place;
    /// Twilio sends no status callback for it. Unless <see cref="Reconnect"/> follows within
    /// <see cref="FakeRoomsOptions.ReconnectionWindow"/> on the fake's clock, it is disconnected (participant-disconnected;
    /// <see cref="ParticipantInfo.DisconnectError"/> 53002). A participant not connected gets 53204.
    /// </summary>
    public ParticipantInfo LoseConnection() => Run(s => s.Reconnections.LoseConnection(RoomSid, Sid)).ToInfo();

    /// <summary>Comes back after <see cref="LoseConnection"/>: <c>connected</c> again, no callback. 53204 when not reconnecting.</summary>
    public ParticipantInfo Reconnect() => Run(s => s.Reconnections.Reconnect(RoomSid, Sid)).ToInfo();

    /// <summary>The participant's subscribe rules now (Twilio's default <c>[{"type":"include","all":true}]</c> until changed).</summary>
    public IReadOnlyList<SubscribeRuleInfo> SubscribeRules => Run(s => s.Subscriptions.Get(RoomSid, Sid).Rules, read: true).ToInfos(PublicModel.ToInfo);
}
