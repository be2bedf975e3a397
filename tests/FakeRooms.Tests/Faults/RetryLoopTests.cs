using FakeRooms.Tests.Support;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Faults;

/// <summary>An app's own retry code, run against scripted Twilio failures.</summary>
public sealed class RetryLoopTests : FakeRoomsTest
{
    /// <summary>
    /// What an app might ship: retry 429 and 5xx, waiting as long as Retry-After says (else exponential backoff).
    /// The SDK's ApiException carries no headers, so the app reads Retry-After from the SDK client's last response.
    /// </summary>
    private sealed class RoomCreator(TwilioRestClient client, Func<TimeSpan, Task> delay, int maxAttempts = 5)
    {
        public int Attempts { get; private set; }

        public async Task<RoomResource> CreateAsync(string uniqueName)
        {
            while (true)
            {
                Attempts++;
                try
                {
                    return await RoomResource.CreateAsync(uniqueName: uniqueName, client: client);
                }
                catch (ApiException e) when (e.Status is 429 or >= 500 && Attempts < maxAttempts)
                {
                    var wait = client.HttpClient.LastResponse?.Headers.RetryAfter?.Delta
                               ?? TimeSpan.FromMilliseconds(100 * Math.Pow(2, Attempts));
                    await delay(wait);
                }
            }
        }
    }

    [Test]
    public async Task Retry_loop_succeeds_on_the_third_attempt_after_two_429s_honouring_retry_after()
    {
        Fake.Faults.On(TwilioOperation.CreateRoom).Next(2).RespondWithTooManyRequests(retryAfter: TimeSpan.FromSeconds(2));
        var waits = new List<TimeSpan>();
        var app = new RoomCreator(Twilio, wait => { waits.Add(wait); return Task.CompletedTask; });

        var room = await app.CreateAsync("standup");

        room.UniqueName.Should().Be("standup");
        app.Attempts.Should().Be(3);
        waits.Should().Equal(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        Fake.Calls.Of(Operation.CreateRoom).Select(c => (c.StatusCode, c.InjectedFault is not null))
            .Should().Equal((429, true), (429, true), (201, false));
    }

    [Test]
    public async Task Retry_loop_gives_up_after_its_attempts_and_surfaces_20503()
    {
        Fake.Faults.On(TwilioOperation.CreateRoom).Always().RespondWithServiceUnavailable();
        var waits = new List<TimeSpan>();
        var app = new RoomCreator(Twilio, wait => { waits.Add(wait); return Task.CompletedTask; }, maxAttempts: 3);

        var act = () => app.CreateAsync("never");

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        (error.Code, error.Status).Should().Be((20503, 503));
        waits.Should().Equal(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400));
    }

    [Test]
    public async Task Retry_loop_waits_out_the_rate_limit_on_the_fake_clock()
    {
        Fake.Faults.LimitRate(writesPerSecond: 1, readsPerSecond: null);
        var app = new RoomCreator(Twilio, wait => { Fake.Clock.Advance(wait); return Task.CompletedTask; });
        var start = Fake.Clock.UtcNow;

        await app.CreateAsync("one");
        await app.CreateAsync("two");

        app.Attempts.Should().Be(3, "the second room waited one second for the window");
        (Fake.Clock.UtcNow - start).Should().Be(TimeSpan.FromSeconds(1));
        Fake.Calls.Of(Operation.CreateRoom).Select(c => c.StatusCode).Should().Equal(201, 429, 201);
    }
}
