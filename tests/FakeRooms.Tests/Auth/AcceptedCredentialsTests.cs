using System.Net;
using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Auth;

/// <summary>
/// The authenticator remembers the last header that carried the account's own credentials (a fast path); any other
/// header is still decoded and checked.
/// </summary>
public sealed class AcceptedCredentialsTests : FakeRoomsTest
{
    [Test]
    public async Task Wrong_token_after_accepted_credentials_returns_401_20003()
    {
        (await Get("/v1/Rooms")).Status.Should().Be(HttpStatusCode.OK);
        using var wrongToken = NewHttpClient(Fake.AccountSid, "not-the-auth-token");

        var answer = await Send(new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms"), wrongToken);

        answer.ShouldBeTwilioError(401, 20003);
        (await Get("/v1/Rooms")).Status.Should().Be(HttpStatusCode.OK);
        Fake.Calls.Select(c => c.AccountSid).Should().Equal(Fake.AccountSid, null, Fake.AccountSid);
    }
}
