using System.Net;
using FakeRooms.Tests.Support;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Auth;

/// <summary>
/// <see cref="AuthMode.AnyAccount"/>: any <c>AC...</c> SID with any non-empty password is an account of its own, so
/// parallel suites can share one server without seeing each other's rooms (issue 2 §3).
/// </summary>
public sealed class AnyAccountAuthenticationTests : FakeRoomsTest
{
    private const string Alice = "AC11111111111111111111111111111111";
    private const string Bob = "AC22222222222222222222222222222222";

    protected override void Configure(FakeRoomsOptions options) => options.AuthMode = AuthMode.AnyAccount;

    [Test]
    public async Task Two_accounts_do_not_see_each_others_rooms()
    {
        var alice = Fake.CreateTwilioClient(Alice, "alice-token");
        var bob = Fake.CreateTwilioClient(Bob, "bob-token");

        var aliceRoom = await RoomResource.CreateAsync(uniqueName: "shared-name", client: alice);
        var bobRoom = await RoomResource.CreateAsync(uniqueName: "shared-name", client: bob);

        aliceRoom.AccountSid.Should().Be(Alice);
        bobRoom.AccountSid.Should().Be(Bob);
        (await RoomResource.FetchAsync("shared-name", client: alice)).Sid.Should().Be(aliceRoom.Sid);
        (await RoomResource.FetchAsync("shared-name", client: bob)).Sid.Should().Be(bobRoom.Sid);
        (await RoomResource.ReadAsync(client: alice)).Select(r => r.Sid).Should().Equal(aliceRoom.Sid);
        (await RoomResource.ReadAsync(client: bob)).Select(r => r.Sid).Should().Equal(bobRoom.Sid);
        Fake.RoomsOf(Alice).All.Should().ContainSingle().Which.Sid.Should().Be(aliceRoom.Sid);
        Fake.Calls.ForAccount(Bob).Should().HaveCount(3);
    }

    [Test]
    public async Task Another_accounts_room_sid_is_not_found_with_404_20404()
    {
        var alice = Fake.CreateTwilioClient(Alice, "alice-token");
        var room = await RoomResource.CreateAsync(client: alice);
        using var bob = NewHttpClient(Bob, "bob-token");

        var answer = await Send(new HttpRequestMessage(HttpMethod.Get, $"/v1/Rooms/{room.Sid}"), bob);

        answer.ShouldBeTwilioError(404, 20404, $"The requested resource /Rooms/{room.Sid} was not found");
    }

    [Test]
    public async Task Same_seed_gives_each_account_its_own_sid_sequence()
    {
        var alice = await RoomResource.CreateAsync(client: Fake.CreateTwilioClient(Alice, "t"));
        var bob = await RoomResource.CreateAsync(client: Fake.CreateTwilioClient(Bob, "t"));

        alice.Sid.Should().NotBe(bob.Sid);
    }

    [Test]
    public async Task The_configured_account_still_needs_its_own_token()
    {
        using var client = NewHttpClient(Fake.AccountSid, "wrong");

        var answer = await Send(new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms"), client);

        answer.ShouldBeTwilioError(401, 20003, "Authenticate");
    }

    [TestCase("SK11111111111111111111111111111111")]
    [TestCase("AC123")]
    [TestCase("ACzz111111111111111111111111111111")]
    [TestCase("someone")]
    public async Task A_username_that_is_not_an_account_sid_returns_401_20003(string user)
    {
        using var client = NewHttpClient(user, "secret");

        var answer = await Send(new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms"), client);

        answer.ShouldBeTwilioError(401, 20003, "Authenticate");
        answer.Headers.WwwAuthenticate.Should().ContainSingle();
    }

    [Test]
    public async Task An_empty_password_returns_401_20003()
    {
        using var client = NewHttpClient(Alice, "");

        var answer = await Send(new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms"), client);

        answer.ShouldBeTwilioError(401, 20003);
    }

    [Test]
    public async Task Resetting_one_account_leaves_the_other()
    {
        await RoomResource.CreateAsync(client: Fake.CreateTwilioClient(Alice, "t"));
        await RoomResource.CreateAsync(client: Fake.CreateTwilioClient(Bob, "t"));

        Fake.Reset(Alice);

        Fake.RoomsOf(Alice).All.Should().BeEmpty();
        Fake.RoomsOf(Bob).All.Should().ContainSingle();
        using var bob = NewHttpClient(Bob, "t");
        var answer = await Send(new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms"), bob);
        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.Json["rooms"]!.Should().ContainSingle();
    }
}
