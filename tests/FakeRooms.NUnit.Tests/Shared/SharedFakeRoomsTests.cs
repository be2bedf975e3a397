namespace FakeRooms.NUnit.Tests.Shared;

/// <summary>The leasing rules of the shared fake.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class SharedFakeRoomsTests : SharedFakeRoomsTest
{
    [Test]
    public void The_shared_server_accepts_any_account()
    {
        Server.Options.AuthMode.Should().Be(AuthMode.AnyAccount);
        Server.Options.Seed.Should().Be(5, "the set-up fixture's Configure applies");
        ReferenceEquals(SharedFakeRooms.Server, Server).Should().BeTrue();
    }

    [Test]
    public void A_lease_is_a_fresh_account_derived_from_the_name_and_how_often_it_was_leased()
    {
        var first = SharedFakeRooms.Lease("leases " + TestContext.CurrentContext.Test.ID);
        var second = SharedFakeRooms.Lease("leases " + TestContext.CurrentContext.Test.ID);

        first.AccountSid.Should().MatchRegex("^AC[0-9a-f]{32}$").And.NotBe(second.AccountSid).And.NotBe(Server.AccountSid);
        first.AuthToken.Should().MatchRegex("^[0-9a-f]{32}$").And.NotBe(second.AuthToken);
        first.Rooms.All.Should().BeEmpty();
        first.Calls.Should().BeEmpty();
    }

    [Test]
    public void The_test_account_is_leased_for_this_test()
    {
        Account.AccountSid.Should().NotBe(Server.AccountSid);
        Twilio.AccountSid.Should().Be(Account.AccountSid);
        Account.Calls.Should().BeEmpty();
    }

    [Test]
    public async Task Leases_used_at_the_same_time_stay_apart()
    {
        var accounts = Enumerable.Range(0, 8).Select(i => SharedFakeRooms.Lease($"{TestContext.CurrentContext.Test.ID} worker {i}")).ToList();

        await Task.WhenAll(accounts.Select(account => Task.Run(() =>
            global::Twilio.Rest.Video.V1.RoomResource.CreateAsync(uniqueName: "standup", client: account.CreateTwilioClient()))));

        foreach (var account in accounts)
        {
            account.Should().HaveCreatedRooms(1).And.HaveCreatedRoom("standup");
            account.Rooms.All.Should().ContainSingle().Which.AccountSid.Should().Be(account.AccountSid);
            account.Reset();
        }
    }
}
