using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Server;

/// <summary>A fake makes each SDK client once: one per set of credentials, over one HttpClient, disposed with it.</summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class TwilioClientCacheTests(bool listen)
{
    private const string Other = "AC0123456789abcdef0123456789abcdef";

    [Test]
    public async Task The_same_credentials_get_the_same_client()
    {
        await using var fake = await Start();

        var first = fake.CreateTwilioClient();

        fake.CreateTwilioClient().Should().BeSameAs(first);
        fake.CreateTwilioClient(fake.AccountSid, fake.AuthToken).Should().BeSameAs(first);
        fake.ForAccount(fake.AccountSid).CreateTwilioClient().Should().BeSameAs(first);
        (await RoomResource.CreateAsync(uniqueName: "cached", client: first)).Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
    }

    [Test]
    public async Task Different_accounts_get_different_clients_that_each_act_as_their_account()
    {
        await using var fake = await Start(o => o.AuthMode = AuthMode.AnyAccount);
        var mine = fake.ForAccount(fake.AccountSid).CreateTwilioClient();
        var other = fake.ForAccount(Other).CreateTwilioClient();

        other.Should().NotBeSameAs(mine);
        fake.ForAccount(Other).CreateTwilioClient().Should().BeSameAs(other);
        fake.CreateTwilioClient(Other, "another-token").Should().NotBeSameAs(other, "other credentials, another client");
        await RoomResource.CreateAsync(uniqueName: "theirs", client: other);
        fake.Rooms.All.Should().BeEmpty();
        fake.RoomsOf(Other).All.Should().ContainSingle();
    }

    [Test]
    public async Task Concurrent_first_calls_make_one_client()
    {
        await using var fake = await Start(o => o.AuthMode = AuthMode.AnyAccount);
        using var go = new Barrier(16);

        var clients = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            go.SignalAndWait();
            return fake.ForAccount(Other).CreateTwilioClient();
        })));

        clients.Distinct().Should().ContainSingle();
        fake.Clients.Count.Should().Be(1);
    }

    [Test]
    public async Task Disposing_the_fake_disposes_its_clients()
    {
        var fake = await Start();
        var client = fake.CreateTwilioClient();
        await RoomResource.ReadAsync(client: client);

        await fake.DisposeAsync();

        var read = () => RoomResource.ReadAsync(client: client);
        (await read.Should().ThrowAsync<ApiConnectionException>()).WithInnerException<ObjectDisposedException>();
        ((Func<TwilioRestClient>)fake.CreateTwilioClient).Should().Throw<ObjectDisposedException>();
    }

    private Task<FakeRoomsServer> Start(Action<FakeRoomsOptions>? configure = null) =>
        FakeRoomsServer.StartAsync(o =>
        {
            o.Listen = listen;
            configure?.Invoke(o);
        });
}
