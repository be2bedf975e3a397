using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Rooms;

/// <summary>
/// <see cref="FakeRoomsOptions.MaxInProgressRoomsPerAccount"/>: past the concurrent-rooms quota a create answers
/// 53119 (Twilio docs error 53119; the HTTP status 429 is the fake's inference, FACTS §2.8 leaves it open).
/// </summary>
public sealed class RoomQuotaTests : FakeRoomsTest
{
    protected override void Configure(FakeRoomsOptions options) => options.MaxInProgressRoomsPerAccount = 2;

    [Test]
    public async Task Create_over_the_concurrent_rooms_quota_returns_53119()
    {
        await CreateRoom();
        await CreateRoom();

        var answer = await PostForm("/v1/Rooms", "");

        answer.ShouldBeTwilioError(429, 53119, "The concurrent Rooms quota was exceeded");
    }

    [Test]
    public async Task Completed_rooms_do_not_count_against_the_quota()
    {
        var first = (await CreateRoom()).Value<string>("sid");
        await CreateRoom();
        await PostForm($"/v1/Rooms/{first}", "Status=completed");

        await CreateRoom();

        Fake.Rooms.All.Should().HaveCount(3);
    }
}
