using FakeRooms.Tests.Support;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;

namespace FakeRooms.Tests.Lifecycle;

/// <summary>
/// FACTS §2.6: a room ends by itself when nobody joins within UnusedRoomTimeout, EmptyRoomTimeout minutes after the
/// last participant left, and after 24 hours; a participant is cut off after MaxParticipantDuration. Each timeout
/// fires when the clock reaches it, not a second earlier, and the room reads back as Twilio serves a completed room.
/// </summary>
public sealed class RoomTimeoutTests : FakeRoomsTest
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private async Task<RoomResource> Fetch(string sidOrName) => await RoomResource.FetchAsync(sidOrName, client: Twilio);

    [Test]
    public async Task Unused_room_completes_exactly_UnusedRoomTimeout_minutes_after_creation()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "unused", unusedRoomTimeout: 3, client: Twilio);

        Fake.Clock.Advance(TimeSpan.FromMinutes(3) - OneSecond);
        var before = await Fetch("unused");
        Fake.Clock.Advance(OneSecond);
        var after = await Fetch(room.Sid);

        before.Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
        before.EndTime.Should().BeNull();
        before.Duration.Should().BeNull();
        after.Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
        after.EndTime.Should().Be(room.DateCreated!.Value.AddMinutes(3));
        after.DateUpdated.Should().Be(after.EndTime);
        after.Duration.Should().Be(180);
    }

    [Test]
    public async Task Unused_room_timeout_uses_the_default_of_five_minutes()
    {
        var room = await RoomResource.CreateAsync(client: Twilio);

        Fake.Clock.Advance(TimeSpan.FromMinutes(5) - OneSecond);
        var before = await Fetch(room.Sid);
        Fake.Clock.Advance(OneSecond);
        var after = await Fetch(room.Sid);

        before.Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
        after.Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
        after.Duration.Should().Be(300);
    }

    [Test]
    public async Task Completed_room_frees_its_unique_name_so_fetch_by_name_returns_20404_and_create_succeeds()
    {
        var first = await RoomResource.CreateAsync(uniqueName: "reuse", unusedRoomTimeout: 1, client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromMinutes(1));

        var byName = () => Fetch("reuse");
        await byName.ShouldFailWithApiError(404, 20404, "The requested resource /Rooms/reuse was not found");
        var second = await RoomResource.CreateAsync(uniqueName: "reuse", client: Twilio);

        second.Sid.Should().NotBe(first.Sid);
        (await Fetch("reuse")).Sid.Should().Be(second.Sid);
        (await Fetch(first.Sid)).Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
    }

    [Test]
    public async Task A_participant_joining_before_UnusedRoomTimeout_keeps_the_room_open()
    {
        var room = await RoomResource.CreateAsync(unusedRoomTimeout: 2, client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromMinutes(2) - OneSecond);
        Fake.Rooms.Connect(room.Sid, identity: "alice");

        Fake.Clock.Advance(TimeSpan.FromHours(1));

        (await Fetch(room.Sid)).Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
    }

    [Test]
    public async Task Empty_room_completes_exactly_EmptyRoomTimeout_minutes_after_the_last_participant_left()
    {
        var room = await RoomResource.CreateAsync(emptyRoomTimeout: 2, client: Twilio);
        var alice = Fake.Rooms.Connect(room.Sid, identity: "alice");
        Fake.Clock.Advance(TimeSpan.FromSeconds(45));
        var left = alice.Disconnect().EndTime!.Value;

        Fake.Clock.Advance(TimeSpan.FromMinutes(2) - OneSecond);
        var before = await Fetch(room.Sid);
        Fake.Clock.Advance(OneSecond);
        var after = await Fetch(room.Sid);

        before.Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
        after.Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
        after.EndTime.Should().Be(left.AddMinutes(2).UtcDateTime);
        after.Duration.Should().Be(45 + 120);
    }

    [Test]
    public async Task Rejoining_within_EmptyRoomTimeout_cancels_it_and_the_next_leave_starts_it_again()
    {
        var room = await RoomResource.CreateAsync(emptyRoomTimeout: 1, client: Twilio);
        Fake.Rooms.Connect(room.Sid, identity: "alice").Disconnect();
        Fake.Clock.Advance(TimeSpan.FromMinutes(1) - OneSecond);
        var bob = Fake.Rooms.Connect(room.Sid, identity: "bob");

        Fake.Clock.Advance(TimeSpan.FromMinutes(10));
        var whileBobStays = await Fetch(room.Sid);
        var left = bob.Disconnect().EndTime!.Value;
        Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        var afterBobLeft = await Fetch(room.Sid);

        whileBobStays.Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
        afterBobLeft.Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
        afterBobLeft.EndTime.Should().Be(left.AddMinutes(1).UtcDateTime);
    }

    [Test]
    public async Task MaxParticipantDuration_disconnects_a_participant_exactly_when_it_runs_out_with_53216()
    {
        var room = await RoomResource.CreateAsync(maxParticipantDuration: 600, client: Twilio);
        var alice = Fake.Rooms.Connect(room.Sid, identity: "alice");
        var joined = alice.Current.StartTime;

        Fake.Clock.Advance(TimeSpan.FromSeconds(599));
        var before = await ParticipantResource.FetchAsync(room.Sid, "alice", client: Twilio);
        Fake.Clock.Advance(OneSecond);
        var after = await ParticipantResource.FetchAsync(room.Sid, alice.Sid, client: Twilio);

        before.Status.Should().Be(ParticipantResource.StatusEnum.Connected);
        before.Duration.Should().BeNull();
        before.EndTime.Should().BeNull();
        after.Status.Should().Be(ParticipantResource.StatusEnum.Disconnected);
        after.EndTime.Should().Be(joined.AddSeconds(600).UtcDateTime);
        after.Duration.Should().Be(600);
        alice.Current.DisconnectError!.Code.Should().Be(53216);
        (await Fetch(room.Sid)).Status.Should().Be(RoomResource.RoomStatusEnum.InProgress, "the room now waits EmptyRoomTimeout");
    }

    [Test]
    public async Task One_big_clock_jump_runs_every_timeout_at_its_own_time_in_order()
    {
        var room = await RoomResource.CreateAsync(maxParticipantDuration: 600, emptyRoomTimeout: 1, client: Twilio);
        var alice = Fake.Rooms.Connect(room.Sid, identity: "alice");
        var joined = alice.Current.StartTime;

        Fake.Clock.Advance(TimeSpan.FromHours(3));

        var ended = await Fetch(room.Sid);
        alice.Current.EndTime.Should().Be(joined.AddSeconds(600));
        ended.Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
        ended.EndTime.Should().Be(joined.AddSeconds(660).UtcDateTime, "EmptyRoomTimeout counts from alice's cut-off, not from the jump");
        ended.Duration.Should().Be(660);
    }

    [Test]
    public async Task A_room_lasts_at_most_24_hours_and_its_participants_are_disconnected_then_with_53118()
    {
        var room = await RoomResource.CreateAsync(maxParticipantDuration: 86400, unusedRoomTimeout: 60, client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromMinutes(59));
        var alice = Fake.Rooms.Connect(room.Sid, identity: "alice");

        Fake.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(59) - OneSecond);
        var before = await Fetch(room.Sid);
        Fake.Clock.Advance(OneSecond);
        var after = await Fetch(room.Sid);
        var aliceAfter = await ParticipantResource.FetchAsync(room.Sid, alice.Sid, client: Twilio);

        before.Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
        after.Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
        after.EndTime.Should().Be(room.DateCreated!.Value.AddHours(24));
        after.Duration.Should().Be(86400);
        aliceAfter.Status.Should().Be(ParticipantResource.StatusEnum.Disconnected);
        aliceAfter.Duration.Should().Be(86400 - 59 * 60, "the room's 24 hours end her 24 hours early");
        aliceAfter.EndTime.Should().Be(after.EndTime);
        alice.Current.DisconnectError!.Code.Should().Be(53118);
    }

    [Test]
    public async Task Completing_a_room_with_three_participants_disconnects_all_three_with_their_durations()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "three", client: Twilio);
        var alice = Fake.Rooms.Connect("three", identity: "alice");
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));
        var bob = Fake.Rooms.Connect("three", identity: "bob");
        Fake.Clock.Advance(TimeSpan.FromSeconds(60));
        var carol = Fake.Rooms.Connect("three", identity: "carol");
        Fake.Clock.Advance(TimeSpan.FromSeconds(30));

        var completed = await RoomResource.UpdateAsync("three", RoomResource.RoomStatusEnum.Completed, client: Twilio);
        var participants = await ParticipantResource.ReadAsync(room.Sid, client: Twilio);

        completed.Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
        completed.Duration.Should().Be(100);
        completed.EndTime.Should().Be(room.DateCreated!.Value.AddSeconds(100));
        participants.Select(p => (p.Identity, p.Status.ToString(), p.Duration, p.EndTime)).Should().BeEquivalentTo(new[]
        {
            ("carol", "disconnected", (int?)30, completed.EndTime),
            ("bob", "disconnected", (int?)90, completed.EndTime),
            ("alice", "disconnected", (int?)100, completed.EndTime),
        }, o => o.WithStrictOrdering());
        new[] { alice, bob, carol }.Should().OnlyContain(p => p.Current.DisconnectError!.Code == 53118);
    }

    [Test]
    public async Task Story_alice_and_bob_join_bob_leaves_the_room_empties_five_minutes_pass_the_room_is_completed()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "standup", client: Twilio);
        var alice = Fake.Rooms.Connect("standup", identity: "alice");
        var bob = Fake.Rooms.Connect("standup", identity: "bob");
        Fake.Clock.Advance(TimeSpan.FromMinutes(2));
        bob.Disconnect();
        Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        alice.Disconnect();
        Fake.Clock.Advance(TimeSpan.FromMinutes(5));

        var ended = await RoomResource.FetchAsync(room.Sid, client: Twilio);
        var people = await ParticipantResource.ReadAsync(room.Sid, client: Twilio);

        ended.Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
        ended.Duration.Should().Be(8 * 60);
        people.Select(p => (p.Identity, p.Duration)).Should().Equal(("bob", 120), ("alice", 180));
    }

    [Test]
    public void Clock_cannot_move_backwards()
    {
        var past = Fake.Clock.UtcNow.AddSeconds(-1);

        var act = () => Fake.Clock.SetUtcNow(past);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public async Task SetUtcNow_runs_timeouts_like_Advance()
    {
        var room = await RoomResource.CreateAsync(unusedRoomTimeout: 1, client: Twilio);

        Fake.Clock.SetUtcNow(Fake.Clock.UtcNow.AddMinutes(1));

        Fake.Rooms.Get(room.Sid).Status.Should().Be(VideoRoomStatus.Completed);
    }

    [Test]
    public async Task Durations_are_whole_seconds_between_the_whole_second_timestamps_shown()
    {
        var room = await RoomResource.CreateAsync(client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromMilliseconds(700));
        var alice = Fake.Rooms.Connect(room.Sid, identity: "alice");
        Fake.Clock.Advance(TimeSpan.FromMilliseconds(1600));

        var left = alice.Disconnect();
        var ended = await RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);
        var aliceOnWire = await ParticipantResource.FetchAsync(room.Sid, alice.Sid, client: Twilio);

        // 09:..:00.700 -> 09:..:02.300 reads 00 -> 02 on the wire: 2 seconds, not floor(1.6) = 1.
        left.Duration.Should().Be(2);
        aliceOnWire.Duration.Should().Be((int)(aliceOnWire.EndTime!.Value - aliceOnWire.StartTime!.Value).TotalSeconds);
        ended.Duration.Should().Be((int)(ended.EndTime!.Value - ended.DateCreated!.Value).TotalSeconds);
        Fake.Clock.Advance(TimeSpan.FromMilliseconds(700));
    }

    [Test]
    public void A_participant_handle_kept_across_Reset_sees_the_reset_state()
    {
        var room = Fake.Rooms.Create();
        var alice = Fake.Rooms.Connect(room.Sid, identity: "alice");

        Fake.Reset();

        ((Action)(() => alice.Publish(VideoTrackKind.Audio, "mic"))).ShouldFailWithTwilioError(404, 20404);
    }
}
