using FakeRooms.Tests.Support;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;

namespace FakeRooms.Tests.Participants;

/// <summary>The rules real rooms enforce when a participant joins (issue 3 §3; FACTS §3.1, §5.2).</summary>
public sealed class JoinRulesTests : FakeRoomsTest
{
    [Test]
    public async Task Joining_a_full_room_fails_with_53105()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "pair", maxParticipants: 2, client: Twilio);
        Fake.Rooms.Connect("pair", identity: "alice");
        Fake.Rooms.Connect("pair", identity: "bob");

        var carol = () => { Fake.Rooms.Connect("pair", identity: "carol"); };

        carol.ShouldFailWithTwilioError(400, 53105, "Room contains too many Participants");
        (await ParticipantResource.ReadAsync(room.Sid, client: Twilio)).Select(p => p.Identity).Should().BeEquivalentTo("alice", "bob");
    }

    [Test]
    public void A_seat_freed_by_a_leaving_participant_can_be_taken()
    {
        var room = Fake.Rooms.Create(new NewRoom { MaxParticipants = 1 });
        Fake.Rooms.Connect(room.Sid, identity: "alice").Disconnect();

        var bob = Fake.Rooms.Connect(room.Sid, identity: "bob");

        bob.Current.Status.Should().Be(VideoParticipantStatus.Connected);
    }

    [Test]
    public async Task Joining_with_a_connected_identity_disconnects_the_earlier_participant_with_53205_and_the_new_one_joins()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "dup", maxParticipants: 2, client: Twilio);
        var first = Fake.Rooms.Connect("dup", identity: "alice");
        Fake.Rooms.Connect("dup", identity: "bob");
        Fake.Clock.Advance(TimeSpan.FromSeconds(20));

        var second = Fake.Rooms.Connect("dup", identity: "alice");

        second.Sid.Should().NotBe(first.Sid);
        first.Current.Status.Should().Be(VideoParticipantStatus.Disconnected);
        first.Current.Duration.Should().Be(20);
        first.Current.DisconnectError!.Code.Should().Be(53205);
        first.Current.DisconnectError.Message.Should().Be("Participant disconnected because of duplicate identity");
        second.Current.Status.Should().Be(VideoParticipantStatus.Connected);
        (await ParticipantResource.FetchAsync("dup", "alice", client: Twilio)).Sid.Should().Be(second.Sid, "a full room still takes the returning identity");
        (await ParticipantResource.ReadAsync(room.Sid, client: Twilio)).Should().HaveCount(2);
    }

    [Test]
    public void Joining_a_completed_room_by_sid_fails_with_53118()
    {
        var room = Fake.Rooms.Create(new NewRoom { UniqueName = "over" });
        Fake.Rooms.Complete(room.Sid);

        var join = () => { Fake.Rooms.Connect(room.Sid, identity: "alice"); };

        join.ShouldFailWithTwilioError(400, 53118, "Room completed");
    }

    [Test]
    public void Joining_by_the_name_of_a_completed_room_fails_with_53106_because_the_name_is_free()
    {
        var room = Fake.Rooms.Create(new NewRoom { UniqueName = "gone", UnusedRoomTimeout = 1 });
        Fake.Clock.Advance(TimeSpan.FromMinutes(1));

        var join = () => { Fake.Rooms.Connect("gone", identity: "alice"); };

        Fake.Rooms.Get(room.Sid).Status.Should().Be(VideoRoomStatus.Completed);
        join.ShouldFailWithTwilioError(404, 53106, "Room not found");
    }

    [Test]
    public void Joining_an_unknown_room_fails_with_53106()
    {
        var join = () => { Fake.Rooms.Connect("RM00000000000000000000000000000000", identity: "alice"); };

        join.ShouldFailWithTwilioError(404, 53106);
    }

    [Test]
    public void Identity_may_be_128_characters_longer_fails_with_53201_and_empty_with_53200()
    {
        var room = Fake.Rooms.Create();

        var longest = Fake.Rooms.Connect(room.Sid, identity: new string('a', 128));
        var tooLong = () => { Fake.Rooms.Connect(room.Sid, identity: new string('a', 129)); };
        var empty = () => { Fake.Rooms.Connect(room.Sid, identity: ""); };

        longest.Current.Identity.Should().HaveLength(128);
        tooLong.ShouldFailWithTwilioError(400, 53201, "Participant identity is too long");
        empty.ShouldFailWithTwilioError(400, 53200, "Participant identity is invalid");
    }

    [Test]
    public void A_participant_who_leaves_by_itself_has_no_disconnect_error_and_leaving_twice_changes_nothing()
    {
        var room = Fake.Rooms.Create();
        var alice = Fake.Rooms.Connect(room.Sid, identity: "alice");
        Fake.Clock.Advance(TimeSpan.FromSeconds(7));

        var left = alice.Disconnect();
        Fake.Clock.Advance(TimeSpan.FromSeconds(7));
        var again = alice.Disconnect();

        left.DisconnectError.Should().BeNull();
        again.Should().Be(left);
    }

    [Test]
    public void Duplicate_identity_removes_the_earlier_participants_tracks_and_keeps_both_in_join_order()
    {
        var room = Fake.Rooms.Create();
        var alice = Fake.Rooms.Connect(room.Sid, identity: "alice");
        alice.Publish(VideoTrackKind.Audio, "mic");

        var again = Fake.Rooms.Connect(room.Sid, identity: "alice");

        Fake.Rooms.ParticipantsOf(room.Sid).Select(p => (p.Sid, p.Status)).Should().Equal(
            (alice.Sid, VideoParticipantStatus.Disconnected), (again.Sid, VideoParticipantStatus.Connected));
        alice.PublishedTracks.Should().BeEmpty("a participant's tracks go when it is disconnected");
        again.Publish(VideoTrackKind.Audio, "mic").Name.Should().Be("mic");
    }
}
