using FakeRooms.FluentAssertions.Tests.Support;
using Twilio.Rest.Video.V1;

namespace FakeRooms.FluentAssertions.Tests;

/// <summary>One server, several accounts (AnyAccount mode): each account's assertions see only its own calls and rooms.</summary>
public sealed class AccountViewAssertionTests : AssertionTest
{
    private const string Alpha = "AC00000000000000000000000000000001";
    private const string Beta = "AC00000000000000000000000000000002";

    protected override void Configure(FakeRoomsOptions options)
    {
        base.Configure(options);
        options.AuthMode = AuthMode.AnyAccount;
    }

    [Test]
    public async Task Account_assertions_see_only_that_accounts_calls_and_rooms()
    {
        var alpha = fake.ForAccount(Alpha);
        var beta = fake.ForAccount(Beta);
        await RoomResource.CreateAsync(uniqueName: "standup", maxParticipants: 2, client: alpha.CreateTwilioClient());
        await RoomResource.CreateAsync(uniqueName: "standup", maxParticipants: 4, client: beta.CreateTwilioClient());
        await RoomResource.CreateAsync(uniqueName: "retro", client: beta.CreateTwilioClient());

        alpha.Should().HaveCreatedRoom("standup").WithMaxParticipants(2).And.HaveCreatedRooms(1).And.NotHaveCreatedRoom("retro");
        beta.Should().HaveCreatedRoom("standup").WithMaxParticipants(4).And.HaveCreatedRooms(2);
        alpha.Room("standup").Should().BeInProgress().Which.AccountSid.Should().Be(Alpha);
        alpha.Room("retro").Should().NotBeNull();
        fake.Should().HaveReceived(Operation.CreateRoom).Times(3);
    }

    [Test]
    public async Task Account_failure_messages_number_the_accounts_own_calls()
    {
        var alpha = fake.ForAccount(Alpha);
        var beta = fake.ForAccount(Beta);
        await RoomResource.CreateAsync(uniqueName: "daily", client: beta.CreateTwilioClient());
        await RoomResource.CreateAsync(uniqueName: "Standup", client: alpha.CreateTwilioClient());

        FailureOf(() => alpha.Should().HaveCreatedRoom("standup")).Should().Be(
            "Expected alpha to have created room \"standup\", but there was no CreateRoom with UniqueName \"standup\"; recorded: \"Standup\" (case differs).");
        FailureOf(() => alpha.Should().HaveReceived(Operation.CreateRoom).Twice()).Should().Be(
            "Expected alpha to have received CreateRoom twice, but it received it once: #1 CreateRoom POST /v1/Rooms -> 201.");
        FailureOf(() => alpha.Room("daily").Should().Exist()).Should().Be(
            "Expected alpha.Room(\"daily\") to exist, but there is no room \"daily\"; rooms: \"Standup\" (in-progress).");
    }

    [Test]
    public async Task Account_callback_assertions_see_only_that_accounts_callbacks()
    {
        var alpha = fake.ForAccount(Alpha);
        var beta = fake.ForAccount(Beta);
        await RoomResource.CreateAsync(uniqueName: "standup", statusCallback: new Uri(Callback), client: beta.CreateTwilioClient());
        await RoomResource.CreateAsync(uniqueName: "standup", statusCallback: new Uri(Callback), client: alpha.CreateTwilioClient());
        beta.Rooms.Connect("standup", "bob");
        await alpha.WaitForCallbackAsync(c => c.Event == "room-created");
        await fake.Callbacks.WhenIdleAsync();

        alpha.Should().HaveSentCallback("room-created").For("standup").Which.AccountSid.Should().Be(Alpha);
        alpha.Should().NotHaveSentCallback("participant-connected").And.HaveSentCallbacksInSequence("standup");
        beta.Should().HaveSentCallbacksInOrder("standup", "room-created", "participant-connected");
        alpha.Callbacks.Should().ContainSingle();
        FailureOf(() => alpha.Should().HaveSentCallback("participant-connected")).Should().Be(
            "Expected alpha to have sent a participant-connected callback, but it sent: #1 room-created \"standup\" seq=0 -> 200.");
    }

    [Test]
    public void ForAccount_refuses_what_is_not_an_account_sid()
    {
        var act = () => fake.ForAccount("standup");

        act.Should().Throw<ArgumentException>().WithMessage("\"standup\" is not an account SID (AC + 32 hex digits).*");
    }
}
