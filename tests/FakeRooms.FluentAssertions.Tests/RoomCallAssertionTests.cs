using FakeRooms.FluentAssertions.Tests.Support;
using Twilio.Rest.Video.V1;

namespace FakeRooms.FluentAssertions.Tests;

public sealed class RoomCallAssertionTests : AssertionTest
{
    private Task<RoomResource> Complete(string sidOrName) =>
        RoomResource.UpdateAsync(pathSid: sidOrName, status: RoomResource.RoomStatusEnum.Completed, client: Twilio);

    [Test]
    public async Task HaveCompletedRoom_passes_by_name_or_sid_and_Which_is_the_room_as_ended()
    {
        var room = await Create("standup");
        await Complete(room.Sid);

        fake.Should().HaveCompletedRoom("standup").Which.Room!.Status.Should().Be(VideoRoomStatus.Completed);
        fake.Should().HaveCompletedRoom(room.Sid).Which.StatusCode.Should().Be(202);
    }

    [Test]
    public async Task HaveCompletedRoom_failure_lists_update_calls_and_their_answers()
    {
        var daily = await Create("daily");
        await Complete(daily.Sid);
        await Create("standup");
        await Rejected(() => Complete("Standup"));

        FailureOf(() => fake.Should().HaveCompletedRoom("standup")).Should().Be(
            "Expected fake to have completed room \"standup\", but no UpdateRoom with Status=completed succeeded for it; recorded: "
            + $"#2 UpdateRoom POST /v1/Rooms/{daily.Sid} -> 202, "
            + "#4 UpdateRoom POST /v1/Rooms/Standup -> 404 (20404 The requested resource /Rooms/Standup was not found) (case differs).");
    }

    [Test]
    public async Task HaveCompletedRoom_failure_says_when_the_room_ended_without_the_app()
    {
        await Create("standup");
        // Nobody joined: Twilio closes the room after UnusedRoomTimeout (5 minutes by default).
        fake.Clock.Advance(TimeSpan.FromMinutes(6));

        FailureOf(() => fake.Should().HaveCompletedRoom("standup")).Should().Be(
            "Expected fake to have completed room \"standup\", but no UpdateRoom with Status=completed succeeded for it; recorded: "
            + "no UpdateRoom calls (room \"standup\" is completed, but not through the REST API).");
    }

    [Test]
    public async Task HaveFetchedRoom_counts_a_fetch_answered_404()
    {
        await Rejected(() => RoomResource.FetchAsync(pathSid: "standup", client: Twilio));

        fake.Should().HaveFetchedRoom("standup").Which.StatusCode.Should().Be(404);
    }

    [Test]
    public async Task HaveFetchedRoom_matches_a_fetch_by_sid_when_asked_by_name()
    {
        var room = await Create("standup");
        await RoomResource.FetchAsync(pathSid: room.Sid, client: Twilio);

        fake.Should().HaveFetchedRoom("standup").Which.Room!.Sid.Should().Be(room.Sid);
    }

    [Test]
    public async Task HaveFetchedRoom_failure_lists_fetches()
    {
        await Create("standup");
        await RoomResource.FetchAsync(pathSid: "standup", client: Twilio);

        FailureOf(() => fake.Should().HaveFetchedRoom("Standup")).Should().Be(
            "Expected fake to have fetched room \"Standup\", but no FetchRoom asked for it; recorded: "
            + "#2 FetchRoom GET /v1/Rooms/standup -> 200 (case differs).");
        fake.Reset();
        FailureOf(() => fake.Should().HaveFetchedRoom("standup")).Should().Be(
            "Expected fake to have fetched room \"standup\", but no FetchRoom asked for it; recorded: no FetchRoom calls.");
    }

    [Test]
    public async Task HaveListedRooms_with_filters_passes()
    {
        await RoomResource.ReadAsync(status: RoomResource.RoomStatusEnum.Completed, uniqueName: "standup", client: Twilio);

        fake.Should().HaveListedRooms().WithStatus("completed").WithUniqueName("standup")
            .Which.StatusCode.Should().Be(200);
    }

    [Test]
    public async Task HaveListedRooms_filter_failure_lists_what_each_list_call_sent()
    {
        await RoomResource.ReadAsync(client: Twilio);
        await GetRaw("/v1/Rooms?status=completed");
        await RoomResource.ReadAsync(status: RoomResource.RoomStatusEnum.InProgress, client: Twilio);

        FailureOf(() => fake.Should().HaveListedRooms().WithStatus("completed")).Should().Be(
            "Expected fake to have listed rooms with Status=completed, but the ReadRoom calls sent: "
            + "#1 no filters; #2 status=completed (Twilio ignored status=completed); #3 Status=in-progress.");
    }

    [Test]
    public async Task WithFilter_passes_and_WithUniqueName_failure_shows_the_names_sent()
    {
        await RoomResource.ReadAsync(uniqueName: "Standup", pageSize: 20, client: Twilio);

        fake.Should().HaveListedRooms().WithFilter("PageSize", "20").WithUniqueName("Standup");
        FailureOf(() => fake.Should().HaveListedRooms().WithUniqueName("standup")).Should().Be(
            "Expected fake to have listed rooms with UniqueName=standup, but the ReadRoom calls sent: #1 UniqueName=Standup&PageSize=20.");
    }

    [Test]
    public async Task HaveListedRooms_failure_when_never_listed()
    {
        await Create("standup");

        FailureOf(() => fake.Should().HaveListedRooms()).Should().Be(
            "Expected fake to have listed rooms, but it received no ReadRoom calls; recorded: #1 CreateRoom POST /v1/Rooms -> 201.");
    }
}
