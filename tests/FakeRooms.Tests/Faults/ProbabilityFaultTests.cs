using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Faults;

public sealed class ProbabilityFaultTests
{
    private const int Calls = 30;

    [Test]
    public async Task Same_seed_and_calls_fire_on_the_same_calls_in_two_fresh_servers()
    {
        var first = await FiredPattern(seed: 7);
        var second = await FiredPattern(seed: 7);

        second.Should().Equal(first);
        first.Count(f => f).Should().BeInRange(1, Calls - 1, "a 0.5 probability both fires and passes over 30 calls");
    }

    [Test]
    public async Task Another_server_seed_gives_another_pattern()
    {
        var seven = await FiredPattern(seed: 7);
        var eight = await FiredPattern(seed: 8);

        eight.Should().NotEqual(seven);
    }

    [Test]
    public async Task Rule_seed_overrides_the_server_seed()
    {
        var a = await FiredPattern(seed: 7, ruleSeed: 99);
        var b = await FiredPattern(seed: 8, ruleSeed: 99);

        b.Should().Equal(a);
    }

    [Test]
    public async Task Reset_replays_the_same_pattern_on_the_same_server()
    {
        await using var fake = await FakeRoomsServer.StartAsync(o => o.Seed = 11);
        var client = fake.CreateTwilioClient();

        var before = await Run(fake, client, ruleSeed: null);
        fake.Reset();
        var after = await Run(fake, client, ruleSeed: null);

        after.Should().Equal(before);
    }

    [Test]
    public async Task Fire_count_matches_the_failed_calls_and_the_journal()
    {
        await using var fake = await FakeRoomsServer.StartAsync(o => o.Seed = 3);

        var fired = await Run(fake, fake.CreateTwilioClient(), ruleSeed: null);

        fake.Faults.Rules[0].Fired.Should().Be(fired.Count(f => f));
        fake.Calls.Of(Operation.ReadRoom).Select(c => c.InjectedFault is not null).Should().Equal(fired);
    }

    private static async Task<List<bool>> FiredPattern(int seed, int? ruleSeed = null)
    {
        await using var fake = await FakeRoomsServer.StartAsync(o => o.Seed = seed);
        return await Run(fake, fake.CreateTwilioClient(), ruleSeed);
    }

    private static async Task<List<bool>> Run(FakeRoomsServer fake, TwilioRestClient client, int? ruleSeed)
    {
        fake.Faults.On(TwilioOperation.ReadRoom).WithProbability(0.5, ruleSeed).RespondWithServiceUnavailable();
        var fired = new List<bool>();
        for (var i = 0; i < Calls; i++)
        {
            try
            {
                await RoomResource.ReadAsync(client: client);
                fired.Add(false);
            }
            catch (ApiException e) when (e.Code == 20503)
            {
                fired.Add(true);
            }
        }
        return fired;
    }
}
