using FakeRooms.Tests.Callbacks;
using FakeRooms.Tests.Support;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;

namespace FakeRooms.Tests.Participants;

/// <summary>
/// A simulated participant that loses its connection: <c>reconnecting</c> over REST (spec participant status enum), back
/// to <c>connected</c>, or disconnected with 53002 when the reconnection window runs out on the fake's clock. Twilio's
/// status callbacks have no reconnecting event (docs status-callbacks): only participant-disconnected at the end.
/// </summary>
public sealed class ReconnectingTests : CallbackTest
{
    // Rooms of every test here draw the same seeded SID: a callback path per test keeps a late delivery from an
    // earlier test out of this one's list.
    private static string TestName => TestContext.CurrentContext.Test.MethodName!;

    private string TestCallbackUrl => CallbackUrl + "/" + TestName;

    private List<ReceivedCallback> Mine(string roomSid) =>
        Receiver.For(roomSid).Where(c => c.Url.EndsWith("/" + TestName, StringComparison.Ordinal)).ToList();

    [Test]
    public async Task A_lost_connection_shows_reconnecting_in_rest_and_only_the_reconnecting_filter_lists_it()
    {
        var room = await CreateRoomWithCallback("standup", TestCallbackUrl);
        var alice = Fake.Rooms.Connect("standup", "alice");
        alice.Publish(VideoTrackKind.Audio, "mic");
        var bob = Fake.Rooms.Connect("standup", "bob");

        alice.LoseConnection();
        var fetched = await ParticipantResource.FetchAsync(room.Sid, alice.Sid, client: Twilio);
        var byIdentity = await ParticipantResource.FetchAsync(room.Sid, "alice", client: Twilio);
        var connected = await ParticipantResource.ReadAsync(room.Sid, client: Twilio);
        var reconnecting = await ParticipantResource.ReadAsync(room.Sid, status: ParticipantResource.StatusEnum.Reconnecting, client: Twilio);

        fetched.Status.Should().Be(ParticipantResource.StatusEnum.Reconnecting);
        byIdentity.Sid.Should().Be(alice.Sid);
        connected.Select(p => p.Identity).Should().Equal("bob");
        reconnecting.Select(p => p.Identity).Should().Equal("alice");
        bob.SubscribedTracks.Select(t => t.Name).Should().Equal(["mic"], "a reconnecting participant keeps its tracks");
        await Fake.Callbacks.WhenIdleAsync();
        Mine(room.Sid).Select(c => c.Event).Should().NotContain(e => e.Contains("reconnect"));
    }

    [Test]
    public async Task Coming_back_within_the_window_is_connected_again_with_no_callback()
    {
        var room = await CreateRoomWithCallback("standup", TestCallbackUrl);
        var alice = Fake.Rooms.Connect("standup", "alice");

        alice.LoseConnection();
        Fake.Clock.Advance(TimeSpan.FromSeconds(29));
        alice.Reconnect();
        Fake.Clock.Advance(TimeSpan.FromSeconds(60));
        await Fake.Callbacks.WhenIdleAsync();

        (await ParticipantResource.FetchAsync(room.Sid, alice.Sid, client: Twilio)).Status.Should().Be(ParticipantResource.StatusEnum.Connected);
        Mine(room.Sid).Select(c => c.Event).Should().Equal("room-created", "participant-connected");
    }

    [Test]
    public async Task When_the_window_runs_out_the_participant_is_disconnected_with_53002_and_participant_disconnected()
    {
        var room = await CreateRoomWithCallback("standup", TestCallbackUrl);
        var alice = Fake.Rooms.Connect("standup", "alice");
        alice.Publish(VideoTrackKind.Audio, "mic");
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));

        alice.LoseConnection();
        Fake.Clock.Advance(TimeSpan.FromSeconds(30));
        await Fake.Callbacks.WhenIdleAsync();
        var gone = await ParticipantResource.FetchAsync(room.Sid, alice.Sid, client: Twilio);

        gone.Status.Should().Be(ParticipantResource.StatusEnum.Disconnected);
        gone.Duration.Should().Be(40);
        alice.Current.DisconnectError!.Code.Should().Be(53002);
        alice.Current.DisconnectError.Message.Should().Be("Signaling connection timed out");
        var disconnected = Mine(room.Sid).Single(c => c.Event == "participant-disconnected");
        disconnected.Parameters["ParticipantStatus"].Should().Be("disconnected");
        disconnected.Parameters["ParticipantDuration"].Should().Be("40");
        Mine(room.Sid).Select(c => c.Event).Should().Equal("room-created", "participant-connected", "track-added", "track-removed",
            "participant-disconnected");
    }

    [Test]
    public async Task The_same_identity_joining_while_reconnecting_replaces_it_with_53205()
    {
        // No callback: nothing of this test may arrive at the receiver during the next one (same seeded room SID).
        await RoomResource.CreateAsync(uniqueName: "standup", client: Twilio);
        var first = Fake.Rooms.Connect("standup", "alice");
        first.LoseConnection();

        var second = Fake.Rooms.Connect("standup", "alice");

        first.Current.Status.Should().Be(VideoParticipantStatus.Disconnected);
        first.Current.DisconnectError!.Code.Should().Be(53205);
        second.Current.Status.Should().Be(VideoParticipantStatus.Connected);
    }

    [Test]
    public async Task Only_a_connected_participant_can_lose_its_connection_and_only_a_reconnecting_one_can_come_back()
    {
        // No callback: nothing of this test may arrive at the receiver during the next one (same seeded room SID).
        await RoomResource.CreateAsync(uniqueName: "standup", client: Twilio);
        var alice = Fake.Rooms.Connect("standup", "alice");

        Action reconnect = () => alice.Reconnect();
        reconnect.ShouldFailWithTwilioError(404, 53204);
        alice.Disconnect();
        Action lose = () => alice.LoseConnection();

        lose.ShouldFailWithTwilioError(404, 53204, "Participant not found");
    }
}

/// <summary>The reconnection window is an option (Twilio publishes no exact server-side number).</summary>
public sealed class ReconnectionWindowOptionTests : FakeRoomsTest
{
    protected override void Configure(FakeRoomsOptions options) => options.ReconnectionWindow = TimeSpan.FromSeconds(5);

    [Test]
    public async Task A_shorter_window_disconnects_sooner()
    {
        await global::Twilio.Rest.Video.V1.RoomResource.CreateAsync(uniqueName: "standup", client: Twilio);
        var alice = Fake.Rooms.Connect("standup", "alice");

        alice.LoseConnection();
        Fake.Clock.Advance(TimeSpan.FromSeconds(4));
        var stillThere = alice.Current.Status;
        Fake.Clock.Advance(TimeSpan.FromSeconds(1));

        stillThere.Should().Be(VideoParticipantStatus.Reconnecting);
        alice.Current.Status.Should().Be(VideoParticipantStatus.Disconnected);
    }
}
