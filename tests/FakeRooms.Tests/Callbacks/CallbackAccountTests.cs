using Twilio.Rest.Video.V1;
using Twilio.Security;

namespace FakeRooms.Tests.Callbacks;

/// <summary>AnyAccount mode: each account's callbacks are signed with that account's own auth token.</summary>
public sealed class CallbackAccountTests : CallbackTest
{
    protected override void Configure(FakeRoomsOptions options) => options.AuthMode = AuthMode.AnyAccount;

    [Test]
    public async Task Callbacks_of_another_account_are_signed_with_its_auth_token()
    {
        const string otherAccount = "AC0123456789abcdef0123456789abcdef";
        const string otherToken = "other-accounts-token";
        var client = Fake.CreateTwilioClient(otherAccount, otherToken);

        var room = await RoomResource.CreateAsync(uniqueName: "tenant", statusCallback: new Uri(CallbackUrl), client: client);
        await Fake.Callbacks.WhenIdleAsync();

        var received = Receiver.For(room.Sid).Single();
        var form = received.Form.ToDictionary(p => p.Key, p => p.Value);
        received.Parameters["AccountSid"].Should().Be(otherAccount);
        new RequestValidator(otherToken).Validate(received.Url, form, received.Header("X-Twilio-Signature")).Should().BeTrue();
        new RequestValidator(Fake.AuthToken).Validate(received.Url, form, received.Header("X-Twilio-Signature")).Should().BeFalse();
        Fake.Callbacks.Single().AccountSid.Should().Be(otherAccount);
    }

    [Test]
    public async Task Reset_of_one_account_forgets_only_its_callbacks()
    {
        const string otherAccount = "AC0123456789abcdef0123456789abcdee";
        var other = Fake.CreateTwilioClient(otherAccount, "token");
        await RoomResource.CreateAsync(statusCallback: new Uri(CallbackUrl), client: other);
        var mine = await RoomResource.CreateAsync(statusCallback: new Uri(CallbackUrl), client: Twilio);
        await Fake.Callbacks.WhenIdleAsync();

        Fake.Reset(otherAccount);

        Fake.Callbacks.Select(c => c.RoomSid).Should().Equal(mine.Sid);
    }
}
