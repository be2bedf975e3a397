using System.Net;
using FakeRooms.Callbacks;
using FakeRooms.Tests.Support;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Faults;

/// <summary>
/// <see cref="FakeRoomsAccount.Faults"/> (issue 14 item 3): in the NUnit shared mode one test's faults must not hit the
/// tests running beside it on the same fake, nor outlive its account's reset.
/// </summary>
public sealed class AccountFaultTests : FakeRoomsTest
{
    private const string SidA = "AC000000000000000000000000000000aa";
    private const string SidB = "AC000000000000000000000000000000bb";

    private FakeRoomsAccount _a = null!;
    private FakeRoomsAccount _b = null!;
    private TwilioRestClient _twilioA = null!;
    private TwilioRestClient _twilioB = null!;

    protected override void Configure(FakeRoomsOptions options)
    {
        options.AuthMode = AuthMode.AnyAccount;
        options.CallbackHandler = new Answer204();
    }

    [SetUp]
    public void Accounts()
    {
        _a = Fake.ForAccount(SidA);
        _b = Fake.ForAccount(SidB);
        _twilioA = _a.CreateTwilioClient();
        _twilioB = _b.CreateTwilioClient();
    }

    [Test]
    public async Task An_accounts_fault_hits_its_own_calls_and_no_other_accounts()
    {
        var rule = _a.Faults.On(TwilioOperation.CreateRoom).Always().RespondWithServiceUnavailable();

        var refused = await Refused(() => RoomResource.CreateAsync(uniqueName: "a", client: _twilioA));
        var other = await RoomResource.CreateAsync(uniqueName: "b", client: _twilioB);
        var mine = await RoomResource.CreateAsync(uniqueName: "default", client: Twilio);

        (refused.Status, refused.Code).Should().Be((503, 20503));
        other.Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
        mine.Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
        rule.Fired.Should().Be(1);
        _a.Faults.Rules.Should().Equal(rule);
        Fake.Faults.Rules.Should().BeEmpty("an account's rules are its own");
        _a.Calls.Single().InjectedFault.Should().StartWith($"{SidA}/fault-1: 503 20503");
        _b.Calls.Single().InjectedFault.Should().BeNull();
    }

    [Test]
    public async Task An_accounts_reset_clears_its_faults_and_no_other_accounts()
    {
        _a.Faults.OnAnyOperation().Always().RespondWithInternalServerError();
        var ofB = _b.Faults.OnAnyOperation().Always().RespondWithInternalServerError();
        var limited = _a.Faults;
        limited.LimitRate(writesPerSecond: 1, readsPerSecond: null);

        _a.Reset();

        _a.Faults.Rules.Should().BeEmpty();
        limited.WritesPerSecond.Should().BeNull("the account's own rate limit went with its reset");
        (await RoomResource.CreateAsync(uniqueName: "a1", client: _twilioA)).Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
        (await RoomResource.CreateAsync(uniqueName: "a2", client: _twilioA)).Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
        (await Refused(() => RoomResource.CreateAsync(uniqueName: "b", client: _twilioB))).Code.Should().Be(20500);
        ofB.IsActive.Should().BeTrue();
    }

    [Test]
    public async Task Server_wide_rules_still_hit_every_account_after_the_accounts_own_rules()
    {
        var serverWide = Fake.Faults.On(TwilioOperation.CreateRoom).Always().RespondWithServiceUnavailable();
        var own = _a.Faults.On(TwilioOperation.CreateRoom).Once().RespondWithTooManyRequests();

        var first = await Refused(() => RoomResource.CreateAsync(client: _twilioA));
        var second = await Refused(() => RoomResource.CreateAsync(client: _twilioA));
        var other = await Refused(() => RoomResource.CreateAsync(client: _twilioB));

        (first.Code, second.Code, other.Code).Should().Be((20429, 20503, 20503));
        (own.Fired, serverWide.Fired).Should().Be((1, 2));
        _a.Reset();
        serverWide.IsActive.Should().BeTrue("an account's reset leaves server-wide rules that name no account");
        (await Refused(() => RoomResource.CreateAsync(client: _twilioA))).Code.Should().Be(20503);
    }

    [Test]
    public async Task A_servers_reset_clears_every_accounts_faults()
    {
        var own = _a.Faults.OnAnyOperation().Always().RespondWithInternalServerError();

        Fake.Reset();

        own.IsActive.Should().BeFalse();
        (await RoomResource.CreateAsync(client: _twilioA)).Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
    }

    [Test]
    public async Task An_accounts_callback_faults_touch_only_its_own_rooms()
    {
        var rule = _a.Faults.OnCallbacks().Always().Drop();

        var roomA = await RoomResource.CreateAsync(uniqueName: "a", statusCallback: new Uri("https://app.invalid/a"), client: _twilioA);
        var roomB = await RoomResource.CreateAsync(uniqueName: "b", statusCallback: new Uri("https://app.invalid/b"), client: _twilioB);
        await Fake.Callbacks.WhenIdleAsync();

        Fake.Callbacks.ForRoom(roomA.Sid).Single().Outcome.Should().Be(CallbackOutcome.Dropped);
        Fake.Callbacks.ForRoom(roomA.Sid).Single().InjectedFault.Should().StartWith($"{SidA}/fault-1");
        Fake.Callbacks.ForRoom(roomB.Sid).Single().Outcome.Should().Be(CallbackOutcome.Succeeded);
        rule.Fired.Should().Be(1);
    }

    [Test]
    public async Task An_accounts_rate_limit_applies_to_that_account_alone()
    {
        _a.Faults.LimitRate(writesPerSecond: 1, readsPerSecond: null);

        await RoomResource.CreateAsync(client: _twilioA);
        var limited = await Refused(() => RoomResource.CreateAsync(client: _twilioA));
        await RoomResource.CreateAsync(client: _twilioB);
        await RoomResource.CreateAsync(client: _twilioB);

        (limited.Status, limited.Code).Should().Be((429, 20429));
        _a.Faults.WritesPerSecond.Should().Be(1);
        Fake.Faults.WritesPerSecond.Should().BeNull();
        _b.Faults.WritesPerSecond.Should().BeNull();
        _a.Calls.Last().InjectedFault.Should().StartWith($"account rate limit: over 1 writes/s for {SidA}");
    }

    [Test]
    public void An_accounts_faults_cannot_be_aimed_at_another_account()
    {
        var onAccount = () => _a.Faults.OnAccount(SidB);
        var forAccount = () => _a.Faults.OnAnyOperation().ForAccount(SidB);
        var callbacks = () => _a.Faults.OnCallbacks().ForAccount(SidB);

        onAccount.Should().Throw<ArgumentException>().WithMessage($"These faults are {SidA}'s own*");
        forAccount.Should().Throw<ArgumentException>();
        callbacks.Should().Throw<ArgumentException>();
        _a.Faults.OnAccount(SidA).Should().NotBeNull("its own account is fine");
    }

    [Test]
    public async Task Clearing_the_servers_faults_leaves_the_accounts_own()
    {
        var own = _a.Faults.On(TwilioOperation.CreateRoom).Always().RespondWithInternalServerError();

        Fake.Faults.Clear();

        own.IsActive.Should().BeTrue();
        (await Refused(() => RoomResource.CreateAsync(client: _twilioA))).Code.Should().Be(20500);
        _a.Faults.Clear();
        (await RoomResource.CreateAsync(client: _twilioA)).Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
    }

    private static async Task<ApiException> Refused(Func<Task> call) => (await call.Should().ThrowAsync<ApiException>()).Which;

    private sealed class Answer204 : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
    }
}
