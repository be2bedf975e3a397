using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.NUnit.Tests.Shared;

/// <summary>
/// Parallel tests on the shared fake, each scripting an outage with its own <see cref="FakeRoomsAccount.Faults"/>: a
/// test that refuses every create of its own sees its failures, the tests beside it never do, and nothing is left for
/// the next test that gets an account (issue 14 item 3).
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class ParallelAccountFaultTests : SharedFakeRoomsTest
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task A_test_with_an_outage_of_its_own_gets_its_failures(int n)
    {
        var rule = Account.Faults.On(TwilioOperation.CreateRoom).Always().RespondWithServiceUnavailable();

        var refused = await FluentActions.Awaiting(() => RoomResource.CreateAsync(uniqueName: $"outage-{n}", client: Twilio))
            .Should().ThrowAsync<ApiException>();

        refused.Which.Code.Should().Be(20503);
        rule.Fired.Should().Be(1);
        Server.Faults.Rules.Should().BeEmpty("no server-wide rule was added");
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task A_test_beside_them_is_never_faulted(int n)
    {
        Account.Faults.Rules.Should().BeEmpty("a fresh account starts with no faults");

        for (var i = 0; i < 5; i++)
            (await RoomResource.CreateAsync(uniqueName: $"calm-{n}-{i}", client: Twilio)).Status
                .Should().Be(RoomResource.RoomStatusEnum.InProgress);

        Account.Calls.Should().OnlyContain(c => c.InjectedFault == null && c.StatusCode == 201);
    }
}
