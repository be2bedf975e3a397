using FakeRooms.FluentAssertions.Tests.Support;
using Twilio.Jwt.AccessToken;

namespace FakeRooms.FluentAssertions.Tests;

public sealed class TokenAssertionTests : AssertionTest
{
    private const string KeySid = "SK0123456789abcdef0123456789abcdef";
    private const string KeySecret = "0123456789abcdef0123456789abcdef";

    protected override void Configure(FakeRoomsOptions options)
    {
        base.Configure(options);
        options.ApiKeys[KeySid] = KeySecret;
    }

    private string Mint(string identity, string room, TimeSpan lifetime) =>
        new Token(fake.AccountSid, KeySid, KeySecret, identity: identity,
            expiration: (fake.Clock.UtcNow + lifetime).UtcDateTime, grants: [new VideoGrant { Room = room }]).ToJwt();

    private void TryConnect(string token, string? room = null)
    {
        try
        {
            fake.Rooms.ConnectWithToken(token, room);
        }
        catch (TwilioVideoException)
        {
        }
    }

    [Test]
    public void HaveAcceptedToken_passes_for_a_client_that_joined_the_room()
    {
        fake.Rooms.ConnectWithToken(Mint("alice", "standup", TimeSpan.FromHours(1)));

        fake.Should().HaveAcceptedToken("alice").ForRoom("standup").Which!.CreatedRoom.Should().BeTrue();
    }

    [Test]
    public void HaveAcceptedToken_failure_says_why_the_token_was_refused()
    {
        var token = Mint("alice", "standup", TimeSpan.FromMinutes(10));
        fake.Clock.Advance(TimeSpan.FromMinutes(12));
        TryConnect(token);

        FailureOf(() => fake.Should().HaveAcceptedToken("alice")).Should().Be(
            "Expected fake to have accepted a token for \"alice\", but its token was refused with 20104: the token expired 2 minutes " +
            "before the connect (exp 2026-01-05T09:10:00Z, now 2026-01-05T09:12:00Z).");
    }

    [Test]
    public void HaveAcceptedToken_failure_lists_the_connects_when_the_identity_never_connected()
    {
        fake.Rooms.ConnectWithToken(Mint("bob", "standup", TimeSpan.FromHours(1)));

        FailureOf(() => fake.Should().HaveAcceptedToken("alice")).Should().Be(
            "Expected fake to have accepted a token for \"alice\", but no client connected as \"alice\"; the connects were: \"bob\" joined \"standup\" (created it).");
    }

    [Test]
    public void ForRoom_failure_names_the_room_the_client_joined()
    {
        fake.Rooms.ConnectWithToken(Mint("alice", "retro", TimeSpan.FromHours(1)));

        FailureOf(() => fake.Should().HaveAcceptedToken("alice").ForRoom("standup")).Should().Be(
            "Expected fake to have an accepted token for \"alice\" for room \"standup\", but it was for \"retro\".");
    }

    [Test]
    public void HaveRefusedToken_passes_for_the_code_and_fails_listing_the_connects()
    {
        TryConnect(Mint("alice", "standup", TimeSpan.FromHours(25)));

        fake.Should().HaveRefusedToken(20157).Which!.Identity.Should().Be("alice");
        FailureOf(() => fake.Should().HaveRefusedToken(20104)).Should().Be(
            "Expected fake to have refused a token with error 20104, but the connects were: \"alice\" refused with 20157 " +
            "(the token lives 25 hours, over Twilio's maximum of 24 hours).");
    }

    [Test]
    public void HaveRefusedToken_fails_when_no_client_connected()
    {
        FailureOf(() => fake.Should().HaveRefusedToken(20101)).Should().Be(
            "Expected fake to have refused a token with error 20101, but no client connected with a token.");
    }
}
