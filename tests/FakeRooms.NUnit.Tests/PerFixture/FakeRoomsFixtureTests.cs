using Twilio.Rest.Video.V1;

namespace FakeRooms.NUnit.Tests.PerFixture;

/// <summary>What the fixture base class promises: Configure applies, the fake is reset between tests.</summary>
public sealed class FakeRoomsFixtureTests : FakeRoomsFixture
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 30, 0, TimeSpan.Zero);

    protected override void Configure(FakeRoomsOptions options)
    {
        options.Seed = 11;
        options.StartTime = Start;
    }

    [Test]
    public void Configure_sets_the_options_before_the_fake_starts()
    {
        using var twin = FakeRoomsServer.Start(options => options.Seed = 11);

        Fake.Options.Seed.Should().Be(11);
        Fake.Clock.UtcNow.Should().Be(Start);
        Fake.AccountSid.Should().Be(twin.AccountSid, "the same seed gives the same account");
        Account.AccountSid.Should().Be(Fake.AccountSid);
        Twilio.AccountSid.Should().Be(Fake.AccountSid);
    }

    [Test, Order(1)]
    public async Task A_test_creates_a_room()
    {
        await RoomResource.CreateAsync(uniqueName: "standup", client: Twilio);

        Fake.Should().HaveCreatedRoom("standup");
    }

    [Test, Order(2)]
    public void The_next_test_starts_with_no_rooms_and_no_calls()
    {
        Fake.Rooms.All.Should().BeEmpty();
        Fake.Calls.Should().BeEmpty();
        Fake.Should().HaveCreatedRooms(0);
    }
}

/// <summary>The fixture's lifecycle driven by hand, as NUnit drives it.</summary>
public sealed class FakeRoomsFixtureLifecycleTests
{
    private sealed class Probe : FakeRoomsFixture
    {
        public FakeRoomsServer Server => Fake;
    }

    [Test]
    public async Task The_fake_is_disposed_after_the_fixture()
    {
        var fixture = new Probe();
        await fixture.StartFakeRoomsAsync();
        var url = fixture.Server.Url;
        using var http = new HttpClient();
        (await http.GetAsync($"{url}/__fakerooms/health")).IsSuccessStatusCode.Should().BeTrue();

        await fixture.StopFakeRoomsAsync();

        var act = () => http.GetAsync($"{url}/__fakerooms/health");
        await act.Should().ThrowAsync<HttpRequestException>();
        var server = () => fixture.Server;
        server.Should().Throw<InvalidOperationException>();
    }

    [Test]
    public async Task Tests_of_one_fixture_running_in_parallel_are_refused()
    {
        var fixture = new Probe();
        await fixture.StartFakeRoomsAsync();
        try
        {
            fixture.ResetFakeRooms();

            var second = fixture.ResetFakeRooms;

            second.Should().Throw<InvalidOperationException>().WithMessage("The tests of Probe ran in parallel*SharedFakeRoomsTest*");
            fixture.EndFakeRoomsTest();
            fixture.ResetFakeRooms();
            fixture.EndFakeRoomsTest();
        }
        finally
        {
            await fixture.StopFakeRoomsAsync();
        }
    }
}
