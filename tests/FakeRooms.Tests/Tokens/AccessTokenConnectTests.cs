using System.Net;
using System.Text;
using FakeRooms.Tests.Support;
using Twilio.Jwt.AccessToken;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;

namespace FakeRooms.Tests.Tokens;

/// <summary>
/// A simulated client connects with the Access Token the app minted with the official SDK (Twilio.Jwt.AccessToken),
/// checked on the fake's clock; every refusal carries the Twilio code Twilio's client SDKs report.
/// </summary>
public sealed class AccessTokenConnectTests : FakeRoomsTest
{
    private const string KeySid = "SK0123456789abcdef0123456789abcdef";
    // Twilio API key secrets are 32 characters; the C# SDK (IdentityModel 8) refuses to sign with fewer than 256 bits.
    private const string KeySecret = "0123456789abcdef0123456789abcdef";

    protected override void Configure(FakeRoomsOptions options) => options.ApiKeys[KeySid] = KeySecret;

    private string Mint(string? identity = "alice", string? room = "standup", TimeSpan? lifetime = null, DateTimeOffset? notBefore = null,
        string keySid = KeySid, string secret = KeySecret, string? account = null, bool videoGrant = true)
    {
        var grants = new HashSet<IGrant>();
        if (videoGrant)
            grants.Add(new VideoGrant { Room = room });
        return new Token(account ?? Fake.AccountSid, keySid, secret, identity: identity,
            expiration: (Fake.Clock.UtcNow + (lifetime ?? TimeSpan.FromHours(1))).UtcDateTime,
            nbf: notBefore?.UtcDateTime, grants: grants).ToJwt();
    }

    [Test]
    public async Task A_token_minted_by_the_sdk_joins_its_identity_to_the_granted_room()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "standup", client: Twilio);

        var alice = Fake.Rooms.ConnectWithToken(Mint());

        var participants = await ParticipantResource.ReadAsync(room.Sid, client: Twilio);
        participants.Should().ContainSingle().Which.Identity.Should().Be("alice");
        alice.Sid.Should().Be(participants.Single().Sid);
        Fake.TokenConnects.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Accepted = true, Identity = "alice", Room = "standup", RoomSid = room.Sid, ApiKeySid = KeySid, CreatedRoom = false, ErrorCode = (int?)null,
        });
    }

    [Test]
    public void Connecting_to_a_name_with_no_room_creates_an_ad_hoc_group_room_that_ends_when_its_last_participant_leaves()
    {
        var alice = Fake.Rooms.ConnectWithToken(Mint(room: null), room: "huddle");

        var room = Fake.Rooms.Get("huddle");
        room.Type.Should().Be(VideoRoomType.Group);
        room.EmptyRoomTimeout.Should().Be(0, "ad-hoc rooms' timeouts are zero and cannot be changed");
        Fake.TokenConnects.Single().CreatedRoom.Should().BeTrue();

        alice.Disconnect();

        Fake.Rooms.Get(room.Sid).Status.Should().Be(VideoRoomStatus.Completed);
    }

    [Test]
    public void Two_clients_connecting_to_the_same_new_name_share_one_room()
    {
        Fake.Rooms.ConnectWithToken(Mint(identity: "alice", room: "pairing"));
        Fake.Rooms.ConnectWithToken(Mint(identity: "bob", room: "pairing"));

        Fake.Rooms.All.Should().ContainSingle();
        Fake.Rooms.ParticipantsOf("pairing").Select(p => p.Identity).Should().Equal("alice", "bob");
    }

    [TestCase("expired", 20104, "Access Token expired or expiration date invalid", "the token expired 2 minutes before the connect")]
    [TestCase("not-yet-valid", 20105, "Access Token not yet valid", "the token is valid only 10 minutes after the connect")]
    [TestCase("too-long", 20157, "Expiration Time Exceeds Maximum Time Allowed", "the token lives 25 hours, over Twilio's maximum of 24 hours")]
    [TestCase("wrong-secret", 20107, "Invalid Access Token signature", "the signature does not match the secret of API key " + KeySid)]
    [TestCase("unknown-key", 20103, "Invalid Access Token issuer/subject", "the issuer \"SKffffffffffffffffffffffffffffffff\" is not an API key")]
    [TestCase("other-account", 20103, "Invalid Access Token issuer/subject", "the subject \"AC00000000000000000000000000000000\" is not the account")]
    [TestCase("no-video-grant", 20106, "Invalid Access Token grants", "has no video grant")]
    [TestCase("no-identity", 20106, "Invalid Access Token grants", "the token's grants have no identity")]
    [TestCase("other-room", 20106, "Invalid Access Token grants", "the token's video grant is for room \"standup\", but the client asked for \"retro\"")]
    [TestCase("malformed", 20101, "Invalid Access Token", "a JWT has three dot-separated parts")]
    public void A_refused_token_fails_with_twilios_code_and_is_kept_with_its_reason(string what, int code, string message, string reason)
    {
        Fake.Rooms.Create(new NewRoom { UniqueName = "standup" });
        var (token, room) = what switch
        {
            "expired" => (Expired(TimeSpan.FromMinutes(2)), (string?)null),
            "not-yet-valid" => (Mint(notBefore: Fake.Clock.UtcNow.AddMinutes(10), lifetime: TimeSpan.FromHours(1)), null),
            "too-long" => (Mint(lifetime: TimeSpan.FromHours(25)), null),
            "wrong-secret" => (Mint(secret: "fedcba9876543210fedcba9876543210"), null),
            "unknown-key" => (Mint(keySid: "SKffffffffffffffffffffffffffffffff"), null),
            "other-account" => (Mint(account: "AC00000000000000000000000000000000"), null),
            "no-video-grant" => (Mint(videoGrant: false), null),
            "no-identity" => (Mint(identity: null), null),
            "other-room" => (Mint(), "retro"),
            _ => ("not.a-jwt", null),
        };

        Action act = () => Fake.Rooms.ConnectWithToken(token, room);

        act.ShouldFailWithTwilioError(401, code, message);
        var refused = Fake.TokenConnects.Should().ContainSingle().Which;
        refused.Accepted.Should().BeFalse();
        refused.ErrorCode.Should().Be(code);
        refused.Reason.Should().Contain(reason);
        Fake.Rooms.ParticipantsOf("standup").Should().BeEmpty();
    }

    [Test]
    public void A_token_that_is_not_a_twilio_access_token_fails_with_20102()
    {
        var header = B64("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
        var payload = B64("{}");
        Action act = () => Fake.Rooms.ConnectWithToken($"{header}.{payload}.c2ln");

        act.ShouldFailWithTwilioError(401, 20102, "Invalid Access Token header");
        Fake.TokenConnects.Single().Reason.Should().Contain("cty twilio-fpa;v=1").And.Contain("(missing)");
    }

    [Test]
    public void A_token_that_expires_while_the_clock_moves_is_refused_after_it_expired()
    {
        var token = Mint(lifetime: TimeSpan.FromMinutes(30));
        Fake.Clock.Advance(TimeSpan.FromMinutes(31));

        Action act = () => Fake.Rooms.ConnectWithToken(token);

        act.ShouldFailWithTwilioError(401, 20104);
        Fake.TokenConnects.Single().Reason.Should().Contain("expired 60 seconds before the connect");
    }

    [Test]
    public async Task Over_http_a_connect_answers_201_with_the_participants_rest_json_or_the_tokens_twilio_error()
    {
        var ok = await Send(new HttpRequestMessage(HttpMethod.Post, "/__fakerooms/connect") { Content = Form(("Token", Mint(room: null)), ("Room", "daily")) });
        ok.Status.Should().Be(HttpStatusCode.Created, ok.Text);
        ok.Json.Value<string>("identity").Should().Be("alice");
        ok.Json.Value<string>("status").Should().Be("connected");
        ok.Json.Value<string>("room_sid").Should().Be(Fake.Rooms.Get("daily").Sid);

        var refused = await Send(new HttpRequestMessage(HttpMethod.Post, "/__fakerooms/connect") { Content = Form(("Token", Expired(TimeSpan.FromSeconds(5)))) });
        refused.ShouldBeTwilioError(401, 20104, "Access Token expired or expiration date invalid");

        var missing = await Send(new HttpRequestMessage(HttpMethod.Post, "/__fakerooms/connect") { Content = Form() });
        missing.ShouldBeTwilioError(400, 20001, "Missing required parameter Token in the post body");
    }

    [Test]
    public void With_client_side_room_creation_off_an_unknown_name_fails_with_53106()
    {
        Fake.Options.AdHocRooms.Enabled.Should().BeTrue("Twilio's default");
        using var strict = FakeRoomsServer.Start(o =>
        {
            o.StartTime = Start;
            o.ApiKeys[KeySid] = KeySecret;
            o.AdHocRooms.Enabled = false;
        });
        var token = new Token(strict.AccountSid, KeySid, KeySecret, identity: "alice",
            expiration: strict.Clock.UtcNow.AddHours(1).UtcDateTime, grants: [new VideoGrant { Room = "nowhere" }]).ToJwt();

        Action act = () => strict.Rooms.ConnectWithToken(token);

        act.ShouldFailWithTwilioError(404, 53106, "Room not found");
        strict.TokenConnects.Single().Reason.Should().Be("no room \"nowhere\" is in progress and client-side room creation is off");
        strict.Rooms.All.Should().BeEmpty();
    }

    [Test]
    public async Task Ad_hoc_rooms_take_the_account_default_settings_and_send_their_callbacks()
    {
        using var receiver = new OkHandler();
        await using var fake = await FakeRoomsServer.StartAsync(o =>
        {
            o.StartTime = Start;
            o.ApiKeys[KeySid] = KeySecret;
            o.AdHocRooms.Type = VideoRoomType.GroupSmall;
            o.AdHocRooms.StatusCallback = "https://app.invalid/video/events";
            o.CallbackHandler = receiver;
        });
        var token = new Token(fake.AccountSid, KeySid, KeySecret, identity: "alice",
            expiration: fake.Clock.UtcNow.AddHours(1).UtcDateTime, grants: [new VideoGrant { Room = "huddle" }]).ToJwt();

        fake.Rooms.ConnectWithToken(token);

        var room = fake.Rooms.Get("huddle");
        room.Type.Should().Be(VideoRoomType.GroupSmall);
        room.StatusCallback.Should().Be("https://app.invalid/video/events");
        await fake.Callbacks.WaitForAsync(c => c.Parameter("StatusCallbackEvent") == "participant-connected", TimeSpan.FromSeconds(10));
        fake.Callbacks.Snapshot().Select(c => c.Parameter("StatusCallbackEvent")).Should().Equal("room-created", "participant-connected");
    }

    private sealed class OkHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }

    [Test]
    public void Invalid_ad_hoc_settings_are_refused_when_the_fake_starts()
    {
        var act = () => FakeRoomsServer.Start(o => o.AdHocRooms.Type = (VideoRoomType)99);

        act.Should().Throw<ArgumentException>().WithMessage("*AdHocRooms.Type '99'*");
    }

    private string Expired(TimeSpan ago)
    {
        // Minted earlier, with a one-hour lifetime that ran out `ago` before now.
        var issued = Fake.Clock.UtcNow - TimeSpan.FromHours(1) - ago;
        return new Token(Fake.AccountSid, KeySid, KeySecret, identity: "alice", expiration: (issued + TimeSpan.FromHours(1)).UtcDateTime,
            nbf: issued.UtcDateTime, grants: [new VideoGrant { Room = "standup" }]).ToJwt();
    }

    private static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
}
