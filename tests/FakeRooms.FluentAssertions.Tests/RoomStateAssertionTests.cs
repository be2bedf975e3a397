using FakeRooms.FluentAssertions.Tests.Support;
using Twilio.Rest.Video.V1;

namespace FakeRooms.FluentAssertions.Tests;

public sealed class RoomStateAssertionTests : AssertionTest
{
    [Test]
    public async Task BeInProgress_and_BeCompleted_follow_the_room()
    {
        var room = await Create("standup");

        fake.Room("standup").Should().BeInProgress().Which.Sid.Should().Be(room.Sid);
        await RoomResource.UpdateAsync(pathSid: room.Sid, status: RoomResource.RoomStatusEnum.Completed, client: Twilio);
        // By name: the newest room with that name, even once it has ended.
        fake.Room("standup").Should().BeCompleted().Which.EndTime.Should().NotBeNull();
        fake.Room(room.Sid).Should().Exist().And.BeCompleted();
    }

    [Test]
    public async Task BeCompleted_failure_says_the_status()
    {
        await Create("standup");

        FailureOf(() => fake.Room("standup").Should().BeCompleted("the meeting ended")).Should().Be(
            "Expected fake.Room(\"standup\") to be completed because the meeting ended, but room \"standup\" is in-progress.");
    }

    [Test]
    public async Task BeInProgress_failure_after_a_timeout()
    {
        await Create("standup");
        fake.Clock.Advance(TimeSpan.FromMinutes(6));

        FailureOf(() => fake.Room("standup").Should().BeInProgress()).Should().Be(
            "Expected fake.Room(\"standup\") to be in-progress, but room \"standup\" is completed.");
    }

    [Test]
    public async Task BeFailed_passes_for_a_failed_room_and_fails_for_another()
    {
        await Create("standup");
        await Create("daily");
        // No public API fails a room (Twilio never says when it happens): the domain's test-only transition.
        fake.Backend.Account(fake.AccountSid).Fail("standup");

        fake.Room("standup").Should().BeFailed();
        FailureOf(() => fake.Room("daily").Should().BeFailed()).Should().Be(
            "Expected fake.Room(\"daily\") to be failed, but room \"daily\" is in-progress.");
    }

    [Test]
    public async Task A_missing_room_lists_the_rooms_pointing_at_the_nearest_name()
    {
        await Create("standup");
        var daily = await Create("daily");
        await RoomResource.UpdateAsync(pathSid: daily.Sid, status: RoomResource.RoomStatusEnum.Completed, client: Twilio);

        FailureOf(() => fake.Room("Standup").Should().BeInProgress()).Should().Be(
            "Expected fake.Room(\"Standup\") to be in-progress, but there is no room \"Standup\"; "
            + "rooms: \"standup\" (case differs, in-progress), \"daily\" (completed).");
        var room = fake.Room("retro");
        FailureOf(() => room.Should().Exist()).Should().Be(
            "Expected room to exist, but there is no room \"retro\"; rooms: \"standup\" (in-progress), \"daily\" (completed).");
    }

    [Test]
    public void A_missing_room_in_an_empty_account()
    {
        FailureOf(() => fake.Room("standup").Should().HaveParticipants("alice")).Should().Be(
            "Expected fake.Room(\"standup\") to have participants \"alice\", but there is no room \"standup\"; the account has no rooms.");
    }

    [Test]
    public async Task HaveParticipants_checks_who_is_connected_now()
    {
        await Create("standup");
        fake.Rooms.Connect("standup", "alice");
        fake.Rooms.Connect("standup", "bob");
        fake.Rooms.Connect("standup", "carol").Disconnect();

        fake.Room("standup").Should().HaveParticipants("bob", "alice").And.BeInProgress();
    }

    [Test]
    public async Task HaveParticipants_failure_names_missing_and_unexpected_identities()
    {
        await Create("standup");
        fake.Rooms.Connect("standup", "alice");
        fake.Rooms.Connect("standup", "Carol");
        fake.Rooms.Connect("standup", "dave");
        fake.Rooms.Connect("standup", "bob").Disconnect();

        FailureOf(() => fake.Room("standup").Should().HaveParticipants("alice", "bob", "carol")).Should().Be(
            "Expected fake.Room(\"standup\") to have participants \"alice\", \"bob\", \"carol\", but room \"standup\" has \"alice\", \"Carol\", \"dave\": "
            + "missing \"bob\" (disconnected), \"carol\" (\"Carol\" is connected: case differs); unexpected \"Carol\", \"dave\".");
    }

    [Test]
    public async Task HaveNoParticipants_passes_and_fails()
    {
        await Create("standup");
        fake.Room("standup").Should().HaveNoParticipants();
        fake.Rooms.Connect("standup", "alice");

        FailureOf(() => fake.Room("standup").Should().HaveNoParticipants()).Should().Be(
            "Expected fake.Room(\"standup\") to have no participants, but room \"standup\" has \"alice\": unexpected \"alice\".");
        FailureOf(() => fake.Room("standup").Should().HaveParticipants(["bob"], "bob hosts")).Should().Be(
            "Expected fake.Room(\"standup\") to have participants \"bob\" because bob hosts, but room \"standup\" has \"alice\": missing \"bob\"; unexpected \"alice\".");
    }
}
