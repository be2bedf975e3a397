using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Rooms;

/// <summary>
/// <see cref="FakeRoomsOptions.LargeRoomMaxParticipants"/>: beyond 50 participants only for group rooms created with
/// <c>LargeRoom=true</c>, up to the configured limit (FACTS §2.1 "Large group rooms", an inferred account flag).
/// </summary>
public sealed class LargeRoomOptionTests : FakeRoomsTest
{
    protected override void Configure(FakeRoomsOptions options) => options.LargeRoomMaxParticipants = 100;

    [TestCase(51)]
    [TestCase(100)]
    public async Task Large_group_room_accepts_max_participants_up_to_the_option(int value)
    {
        var room = await CreateRoom($"LargeRoom=true&MaxParticipants={value}");

        room.Value<int>("max_participants").Should().Be(value);
        room.Value<bool>("large_room").Should().BeTrue();
    }

    [Test]
    public async Task Large_group_room_over_the_option_returns_53107()
    {
        var answer = await PostForm("/v1/Rooms", "LargeRoom=true&MaxParticipants=101");

        answer.ShouldBeTwilioError(400, 53107, "MaxParticipants is out of range");
    }

    [Test]
    public async Task Group_room_that_is_not_large_stays_limited_to_50_and_returns_53107()
    {
        var answer = await PostForm("/v1/Rooms", "MaxParticipants=51");

        answer.ShouldBeTwilioError(400, 53107, "MaxParticipants is out of range");
    }

    [Test]
    public async Task Large_flag_does_not_raise_the_limit_of_group_small_and_returns_53107()
    {
        var answer = await PostForm("/v1/Rooms", "Type=group-small&LargeRoom=true&MaxParticipants=5");

        answer.ShouldBeTwilioError(400, 53107, "MaxParticipants is out of range");
    }
}
