using FakeRooms.Tests.Support;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Faults;

public sealed class RateLimitTests : FakeRoomsTest
{
    private const string OtherAccount = "AC0123456789abcdef0123456789abcdef";

    protected override void Configure(FakeRoomsOptions options)
    {
        options.AuthMode = AuthMode.AnyAccount;
        options.RateLimitWritesPerSecond = 2;
        options.RateLimitReadsPerSecond = 3;
    }

    [Test]
    public async Task Writes_past_the_limit_return_429_20429_with_retry_after_until_the_clock_moves()
    {
        await RoomResource.CreateAsync(client: Twilio);
        await RoomResource.CreateAsync(client: Twilio);

        var third = await CreateExpectingError();
        var retryAfter = Twilio.HttpClient.LastResponse.Headers.RetryAfter?.Delta;
        Fake.Clock.Advance(TimeSpan.FromSeconds(1));
        var fourth = await RoomResource.CreateAsync(client: Twilio);

        (third.Code, third.Status, third.Message).Should().Be((20429, 429, "Too Many Requests"));
        retryAfter.Should().Be(TimeSpan.FromSeconds(1));
        fourth.Sid.Should().StartWith("RM");
        Fake.Rooms.All.Should().HaveCount(3, "the rejected call was not processed");
        Fake.Calls.Of(Operation.CreateRoom)[2].InjectedFault.Should()
            .Be($"rate limit: over 2 writes/s for {Fake.AccountSid}: 429 20429 Too Many Requests, Retry-After 1");
    }

    [Test]
    public async Task Window_slides_with_the_fake_clock()
    {
        await RoomResource.CreateAsync(client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromMilliseconds(600));
        await RoomResource.CreateAsync(client: Twilio);

        var rejected = await CreateExpectingError();
        Fake.Clock.Advance(TimeSpan.FromMilliseconds(400));
        var admitted = await RoomResource.CreateAsync(client: Twilio);
        var rejectedAgain = await CreateExpectingError();

        rejected.Code.Should().Be(20429);
        admitted.Sid.Should().StartWith("RM", "the first call left the one-second window");
        rejectedAgain.Code.Should().Be(20429, "the second call is still in the window");
    }

    [Test]
    public async Task Reads_and_writes_have_separate_limits()
    {
        var room = await RoomResource.CreateAsync(client: Twilio);
        for (var i = 0; i < 3; i++)
            await RoomResource.FetchAsync(room.Sid, client: Twilio);

        var fourthRead = async () => await RoomResource.FetchAsync(room.Sid, client: Twilio);
        var error = (await fourthRead.Should().ThrowAsync<ApiException>()).Which;
        var write = await RoomResource.CreateAsync(client: Twilio);

        (error.Code, error.Status).Should().Be((20429, 429));
        write.Sid.Should().StartWith("RM", "one write of two was used");
    }

    [Test]
    public async Task Each_account_has_its_own_quota()
    {
        var other = Fake.CreateTwilioClient(OtherAccount, "other-token");
        await RoomResource.CreateAsync(client: Twilio);
        await RoomResource.CreateAsync(client: Twilio);
        await CreateExpectingError();

        var otherRoom = await RoomResource.CreateAsync(client: other);

        otherRoom.AccountSid.Should().Be(OtherAccount);
    }

    [Test]
    public async Task Injected_faults_do_not_use_up_the_quota()
    {
        Fake.Faults.On(TwilioOperation.CreateRoom).Next(3).RespondWithInternalServerError();
        for (var i = 0; i < 3; i++)
            (await CreateExpectingError()).Code.Should().Be(20500);

        await RoomResource.CreateAsync(client: Twilio);
        await RoomResource.CreateAsync(client: Twilio);

        Fake.Rooms.All.Should().HaveCount(2);
    }

    [Test]
    public async Task LimitRate_replaces_the_options_until_clear()
    {
        Fake.Faults.LimitRate(writesPerSecond: 1, readsPerSecond: null);
        await RoomResource.CreateAsync(client: Twilio);
        var limited = await CreateExpectingError();

        Fake.Faults.Clear();
        await RoomResource.CreateAsync(client: Twilio);
        await RoomResource.CreateAsync(client: Twilio);
        var limitedByOptions = await CreateExpectingError();

        limited.Code.Should().Be(20429);
        limitedByOptions.Code.Should().Be(20429);
        (Fake.Faults.WritesPerSecond, Fake.Faults.ReadsPerSecond).Should().Be((2, 3));
        ((Action)(() => Fake.Faults.LimitRate(0, null))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public async Task Reset_of_one_account_empties_only_its_window()
    {
        var other = Fake.CreateTwilioClient(OtherAccount, "other-token");
        for (var i = 0; i < 2; i++)
        {
            await RoomResource.CreateAsync(client: Twilio);
            await RoomResource.CreateAsync(client: other);
        }

        Fake.Reset(OtherAccount);
        var otherAgain = await RoomResource.CreateAsync(client: other);
        var mine = await CreateExpectingError();

        otherAgain.AccountSid.Should().Be(OtherAccount);
        mine.Code.Should().Be(20429);
    }

    private async Task<ApiException> CreateExpectingError()
    {
        var act = () => RoomResource.CreateAsync(client: Twilio);
        return (await act.Should().ThrowAsync<ApiException>()).Which;
    }
}
