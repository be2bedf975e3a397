using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FakeRooms.Tests.Support;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Auth;

/// <summary>
/// HTTP Basic in <see cref="AuthMode.Strict"/> (the default), as Twilio does it (FACTS §7): the account SID and auth
/// token, or a configured API key and its secret; anything else 401 / 20003 with <c>WWW-Authenticate</c>.
/// </summary>
public sealed class StrictAuthenticationTests : FakeRoomsTest
{
    private const string ApiKeySid = "SK0123456789abcdef0123456789abcdef";
    private const string ApiKeySecret = "api-key-secret";

    protected override void Configure(FakeRoomsOptions options) => options.ApiKeys[ApiKeySid] = ApiKeySecret;

    private async Task<Answer> GetRoomsWith(AuthenticationHeaderValue? authorization)
    {
        using var client = NewHttpClient(null, null);
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms");
        request.Headers.Authorization = authorization;
        return await Send(request, client);
    }

    private static AuthenticationHeaderValue Basic(string credentials) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));

    private static void ShouldBeChallenge(Answer answer, string message)
    {
        answer.ShouldBeTwilioError(401, 20003, message);
        answer.Headers.WwwAuthenticate.Should().ContainSingle().Which.ToString().Should().Be("Basic realm=\"Twilio API\"");
    }

    [Test]
    public async Task Account_sid_and_token_are_accepted()
    {
        var answer = await GetRoomsWith(Basic($"{Fake.AccountSid}:{Fake.AuthToken}"));

        answer.Status.Should().Be(HttpStatusCode.OK);
        Fake.Calls.Single().AccountSid.Should().Be(Fake.AccountSid);
    }

    [Test]
    public void Default_credentials_are_a_realistic_account_sid_and_token()
    {
        Fake.AccountSid.Should().MatchRegex("^AC[0-9a-f]{32}$");
        Fake.AuthToken.Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Test]
    public async Task Missing_authorization_header_returns_401_20003_no_credentials()
    {
        var answer = await GetRoomsWith(null);

        ShouldBeChallenge(answer, "Authentication Error - No credentials provided");
        var call = Fake.Calls.Single();
        call.StatusCode.Should().Be(401);
        call.ErrorCode.Should().Be(20003);
        call.AccountSid.Should().BeNull();
    }

    [Test]
    public async Task Wrong_token_returns_401_20003()
    {
        var answer = await GetRoomsWith(Basic($"{Fake.AccountSid}:wrong"));

        ShouldBeChallenge(answer, "Authenticate");
    }

    [Test]
    public async Task Wrong_account_sid_returns_401_20003()
    {
        var answer = await GetRoomsWith(Basic($"AC00000000000000000000000000000000:{Fake.AuthToken}"));

        ShouldBeChallenge(answer, "Authenticate");
    }

    [Test]
    public async Task Account_sid_in_another_case_returns_401_20003()
    {
        var answer = await GetRoomsWith(Basic($"{Fake.AccountSid.ToUpperInvariant()}:{Fake.AuthToken}"));

        ShouldBeChallenge(answer, "Authenticate");
    }

    [TestCase("Basic", "not base64!")]
    [TestCase("Basic", "bm8tY29sb24=")] // "no-colon"
    [TestCase("Basic", "")]
    [TestCase("Bearer", "eyJhbGciOiJub25lIn0")]
    [TestCase("Digest", "username=\"AC\"")]
    public async Task Malformed_authorization_header_returns_401_20003(string scheme, string parameter)
    {
        using var client = NewHttpClient(null, null);
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms");
        request.Headers.TryAddWithoutValidation("Authorization", parameter.Length == 0 ? scheme : $"{scheme} {parameter}");

        var answer = await Send(request, client);

        answer.ShouldBeTwilioError(401, 20003);
        answer.Headers.WwwAuthenticate.Should().ContainSingle();
    }

    [Test]
    public async Task Empty_password_returns_401_20003()
    {
        var answer = await GetRoomsWith(Basic($"{Fake.AccountSid}:"));

        ShouldBeChallenge(answer, "Authenticate");
    }

    [Test]
    public async Task Credentials_are_checked_before_the_route_so_unknown_paths_answer_401()
    {
        using var client = NewHttpClient(null, null);

        var answer = await Send(new HttpRequestMessage(HttpMethod.Get, "/v1/Nothing"), client);

        answer.ShouldBeTwilioError(401, 20003);
    }

    [Test]
    public async Task Refused_create_makes_no_room()
    {
        using var client = NewHttpClient(Fake.AccountSid, "wrong");

        var answer = await Send(new HttpRequestMessage(HttpMethod.Post, "/v1/Rooms")
        {
            Content = new StringContent("UniqueName=x", Encoding.UTF8, "application/x-www-form-urlencoded"),
        }, client);

        answer.ShouldBeTwilioError(401, 20003, "Authenticate");
        Fake.Rooms.All.Should().BeEmpty();
    }

    [Test]
    public async Task Control_api_needs_no_credentials()
    {
        using var client = NewHttpClient(null, null);

        using var response = await client.GetAsync("/__fakerooms/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    // ---- API keys (FACTS §7: username SK..., password the key's secret; the SDK takes the account separately)

    [Test]
    public async Task Api_key_and_secret_act_for_the_account()
    {
        var answer = await GetRoomsWith(Basic($"{ApiKeySid}:{ApiKeySecret}"));

        answer.Status.Should().Be(HttpStatusCode.OK);
        Fake.Calls.Single().AccountSid.Should().Be(Fake.AccountSid);
    }

    [Test]
    public async Task Api_key_with_a_wrong_secret_returns_401_20003()
    {
        var answer = await GetRoomsWith(Basic($"{ApiKeySid}:wrong"));

        ShouldBeChallenge(answer, "Authenticate");
    }

    [Test]
    public async Task Unknown_api_key_returns_401_20003()
    {
        var answer = await GetRoomsWith(Basic($"SKffffffffffffffffffffffffffffffff:{ApiKeySecret}"));

        ShouldBeChallenge(answer, "Authenticate");
    }

    [Test]
    public async Task Sdk_client_with_an_api_key_creates_rooms_in_the_account()
    {
        var client = Fake.CreateTwilioClient(ApiKeySid, ApiKeySecret, Fake.AccountSid);

        var room = await RoomResource.CreateAsync(uniqueName: "via-key", client: client);
        var fetched = await RoomResource.FetchAsync("via-key", client: Twilio);

        room.AccountSid.Should().Be(Fake.AccountSid);
        fetched.Sid.Should().Be(room.Sid);
    }

    [Test]
    public async Task Sdk_client_with_a_wrong_api_key_secret_throws_20003()
    {
        var client = Fake.CreateTwilioClient(ApiKeySid, "wrong", Fake.AccountSid);

        var error = (await FluentActions.Awaiting(() => RoomResource.CreateAsync(client: client)).Should().ThrowAsync<ApiException>()).Which;

        error.Code.Should().Be(20003);
        error.Status.Should().Be(401);
    }
}
