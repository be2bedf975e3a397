using FakeRooms.Domain.Rooms;
using System.Net;
using FakeRooms.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Robustness;

/// <summary>
/// The account map (issue 14, items 5 and 11): reads and refusals make no account, the number of accounts is bounded
/// (401/20003 past <see cref="FakeRoomsOptions.MaxAccounts"/>), and a write that meets a reset never lands in a
/// discarded store.
/// </summary>
public sealed class AccountMapTests : FakeRoomsTest
{
    private const int Bound = 4;

    protected override void Configure(FakeRoomsOptions options)
    {
        options.AuthMode = AuthMode.AnyAccount;
        options.MaxAccounts = Bound;
    }

    private static string Account(int n) => "AC" + n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    private HttpClient As(string account) => NewHttpClient(account, "any-token");

    private IReadOnlyList<string> Accounts() => Fake.Snapshot().Accounts.Select(a => a.AccountSid).ToList();

    [Test]
    public async Task Reads_from_unseen_accounts_leave_no_account()
    {
        for (var i = 1; i <= 20; i++)
        {
            using var client = As(Account(i));
            var fetch = await Send(new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms/RM00000000000000000000000000000000"), client);
            var list = await Send(new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms?Status=completed"), client);
            var settings = await Send(new HttpRequestMessage(HttpMethod.Get, "/v1/RecordingSettings/Default"), client);
            fetch.ShouldBeTwilioError(404, 20404);
            list.Status.Should().Be(HttpStatusCode.OK);
            settings.Status.Should().Be(HttpStatusCode.OK, settings.Text);
        }

        Accounts().Should().BeEmpty("20 accounts only read: none of them holds anything");
    }

    [Test]
    public async Task A_refused_write_from_an_unseen_account_leaves_no_account()
    {
        using var client = As(Account(7));

        var complete = await Send(new HttpRequestMessage(HttpMethod.Post, "/v1/Rooms/RM00000000000000000000000000000000")
        {
            Content = new FormUrlEncodedContent([new("Status", "completed")]),
        }, client);
        var bad = await Send(new HttpRequestMessage(HttpMethod.Post, "/v1/Rooms")
        {
            Content = new FormUrlEncodedContent([new("Type", "nonsense")]),
        }, client);

        complete.ShouldBeTwilioError(404, 20404);
        ((int)bad.Status).Should().Be(400);
        Accounts().Should().BeEmpty();
    }

    [Test]
    public async Task A_control_call_answered_404_leaves_no_account()
    {
        var join = await PostForm($"/__fakerooms/rooms/RM00000000000000000000000000000000/participants?AccountSid={Account(9)}", "Identity=alice");

        ((int)join.Status).Should().Be(404, join.Text);
        Accounts().Should().BeEmpty();
    }

    [Test]
    public async Task Past_the_bound_a_new_account_gets_401_20003_and_a_reset_frees_a_place()
    {
        for (var i = 1; i <= Bound; i++)
            await RoomResource.CreateAsync(uniqueName: "r", client: Fake.CreateTwilioClient(Account(i), "t"));

        var refused = async () => await RoomResource.CreateAsync(uniqueName: "r", client: Fake.CreateTwilioClient(Account(99), "t"));
        var raw = await Send(new HttpRequestMessage(HttpMethod.Post, "/v1/Rooms") { Content = new FormUrlEncodedContent([new("UniqueName", "r")]) }, As(Account(99)));

        var error = (await refused.Should().ThrowAsync<ApiException>()).Which;
        error.Code.Should().Be(20003);
        error.Status.Should().Be(401);
        raw.ShouldBeTwilioError(401, 20003);
        raw.Json.Value<string>("message").Should().Contain("MaxAccounts");
        // Known accounts keep working, and reads from an unknown one are still answered (they make no account).
        await RoomResource.CreateAsync(uniqueName: "again", client: Fake.CreateTwilioClient(Account(1), "t"));
        (await RoomResource.ReadAsync(client: Fake.CreateTwilioClient(Account(99), "t"))).Should().BeEmpty();
        Accounts().Should().HaveCount(Bound).And.NotContain(Account(99));

        Fake.Reset(Account(2));
        await RoomResource.CreateAsync(uniqueName: "r", client: Fake.CreateTwilioClient(Account(99), "t"));
        Accounts().Should().Contain(Account(99)).And.NotContain(Account(2));
    }

    [Test]
    public void A_write_that_looked_its_store_up_before_a_reset_is_not_lost()
    {
        var account = Account(3);
        Fake.RoomsOf(account).Create(new NewRoom { UniqueName = "before" });
        var looked = Fake.Backend.Account(account);

        Fake.Reset();
        Room? written = null;
        try
        {
            written = looked.Create(new CreateRoom { UniqueName = "after" });
        }
        catch (StoreRetiredException)
        {
            // The write is refused on the retired store; the dispatcher and SimulatedRooms run it again on the live one.
        }

        if (written is not null)
            Fake.RoomsOf(account).Find(written.Sid).Should().NotBeNull("a write acknowledged after Reset() returned must be in the live store");
        Fake.RoomsOf(account).All.Should().BeEmpty("the reset leaves the account empty");
    }

    [Test]
    public async Task Writes_racing_resets_are_answered_and_every_one_after_the_last_reset_is_kept()
    {
        var account = Account(5);
        using var client = As(account);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var resets = Task.Run(async () =>
        {
            for (var i = 0; i < 200 && !stop.IsCancellationRequested; i++)
            {
                Fake.Reset(account);
                Fake.Reset();
                await Task.Yield();
            }
        });
        var writes = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 100 && !stop.IsCancellationRequested; i++)
            {
                var answer = await Send(new HttpRequestMessage(HttpMethod.Post, "/v1/Rooms")
                {
                    Content = new FormUrlEncodedContent([new("UniqueName", $"w{w}-{i}")]),
                }, client);
                ((int)answer.Status).Should().Be(201, answer.Text);
            }
        })).ToList();
        await Task.WhenAll([resets, .. writes]);

        Fake.Reset();
        var sids = new List<string>();
        for (var i = 0; i < 5; i++)
            sids.Add((await Send(new HttpRequestMessage(HttpMethod.Post, "/v1/Rooms") { Content = new FormUrlEncodedContent([new("UniqueName", $"z{i}")]) }, client)).Json.Value<string>("sid")!);

        Fake.RoomsOf(account).All.Select(r => r.Sid).Should().Equal(sids);
        Fake.InternalErrors.Should().BeEmpty();
    }
}

/// <summary>The external clock's timer never takes the process down: a bug in a tick reaches InternalErrors (issue 14, item 5).</summary>
public sealed class ExternalClockGuardTests
{
    private sealed class FailingClock(FakeTimeProvider inner) : TimeProvider
    {
        public volatile bool Fail;

        public override DateTimeOffset GetUtcNow() => Fail ? throw new InvalidOperationException("clock bug") : inner.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            inner.CreateTimer(callback, state, dueTime, period);
    }

    [Test]
    public async Task An_exception_in_a_tick_is_reported_in_InternalErrors_not_thrown_on_the_timer_thread()
    {
        var time = new FakeTimeProvider(FakeRoomsTest.Start);
        var clock = new FailingClock(time);
        await using var fake = await FakeRoomsServer.StartAsync(o => o.TimeProvider = clock);
        fake.Rooms.Create(new NewRoom { UniqueName = "ticked" });

        clock.Fail = true;
        // FakeTimeProvider runs due timers on the thread that advances it: a throwing tick would surface here (on a
        // real timer thread it ends the process).
        var advance = () => time.Advance(TimeSpan.FromSeconds(2));

        advance.Should().NotThrow();
        clock.Fail = false;
        fake.InternalErrors.Should().NotBeEmpty().And.OnlyContain(e => e.Message == "clock bug");
    }
}
