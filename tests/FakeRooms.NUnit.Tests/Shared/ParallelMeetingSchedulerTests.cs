using System.Collections.Concurrent;
using FakeRooms.NUnit.Tests.App;
using Twilio.Rest.Video.V1;

namespace FakeRooms.NUnit.Tests.Shared;

/// <summary>
/// The same app tests against the assembly's shared fake, all running at once: every test books the same meeting
/// name in its own leased account, and sees only its own room and its own calls.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class ParallelMeetingSchedulerTests : SharedFakeRoomsTest
{
    private static readonly Uri Callback = new("https://app.invalid/video/events");
    private static readonly ConcurrentDictionary<string, string> AccountsByTest = new();

    private MeetingScheduler Scheduler => new(Twilio, Callback);

    [TestCase("alpha")]
    [TestCase("beta")]
    [TestCase("gamma")]
    [TestCase("delta")]
    [TestCase("epsilon")]
    [TestCase("zeta")]
    public async Task Every_test_books_standup_in_its_own_account(string team)
    {
        var booking = await Scheduler.BookAsync("standup", seats: team.Length);

        booking.Created.Should().BeTrue("no other test's room of the same name is visible here");
        Account.Should().HaveCreatedRoom("meeting-standup")
            .WithType("group")
            .WithMaxParticipants(team.Length)
            .WithStatusCallback(Callback.ToString())
            .And.HaveCreatedRooms(1)
            .And.HaveNoUnexpectedCalls(allow => allow.Rejection(Operation.FetchRoom, 20404));
        Account.Calls.Should().HaveCount(2).And.OnlyContain(call => call.AccountSid == Account.AccountSid);
        Account.Room("meeting-standup").Should().BeInProgress().Which.Sid.Should().Be(booking.RoomSid);
    }

    [Test]
    public async Task Listing_rooms_shows_only_this_tests_rooms()
    {
        await Scheduler.BookAsync("retro", seats: 4);
        await Scheduler.BookAsync("planning", seats: 4);

        var rooms = await RoomResource.ReadAsync(client: Twilio);

        rooms.Select(r => r.UniqueName).Should().BeEquivalentTo("meeting-retro", "meeting-planning");
        Account.Should().HaveCreatedRooms(2);
    }

    [Test]
    public async Task Ending_a_meeting_touches_only_this_tests_room()
    {
        await Scheduler.BookAsync("standup", seats: 3);
        Account.Rooms.Connect("meeting-standup", "alice");

        await Scheduler.EndAsync("standup");

        Account.Should().HaveCompletedRoom("meeting-standup")
            .And.HaveReceivedInOrder(Operation.FetchRoom, Operation.CreateRoom, Operation.FetchRoom, Operation.UpdateRoom);
        Account.Room("meeting-standup").Should().BeCompleted().And.HaveNoParticipants();
    }

    [TestCase("north")]
    [TestCase("south")]
    [TestCase("east")]
    public async Task Every_test_sees_only_its_own_status_callbacks(string office)
    {
        var booking = await Scheduler.BookAsync(office, seats: 4);
        Account.Rooms.Connect(MeetingScheduler.RoomName(office), $"{office}-lead");

        await Scheduler.EndAsync(office);
        await Account.WaitForCallbackAsync(c => c.RoomSid == booking.RoomSid && c.Event == "room-ended");

        Account.Should().HaveSentCallback("room-ended").For(booking.RoomSid)
            .And.HaveSentCallback("participant-connected").WithParameter("ParticipantIdentity", $"{office}-lead")
            .And.HaveSentCallbacksInSequence(booking.RoomSid);
        Account.Callbacks.Should().OnlyContain(c => c.AccountSid == Account.AccountSid).And.HaveCount(4);
    }

    [Test]
    public async Task Another_account_on_the_same_server_is_invisible()
    {
        var neighbour = SharedFakeRooms.Lease("a neighbour of " + TestContext.CurrentContext.Test.FullName);
        await new MeetingScheduler(neighbour.CreateTwilioClient(), Callback).BookAsync("standup", seats: 2);

        var mine = await Scheduler.BookAsync("standup", seats: 5);

        mine.Created.Should().BeTrue();
        Account.Should().HaveCreatedRoom("meeting-standup").WithMaxParticipants(5).And.HaveCreatedRooms(1);
        neighbour.Should().HaveCreatedRoom("meeting-standup").WithMaxParticipants(2).And.HaveCreatedRooms(1);
        neighbour.Reset();
    }

    // Checked per test, not in a OneTimeTearDown: an assertion there would fail any filtered run of this fixture.
    [SetUp]
    public void RecordAccount() => AccountsByTest[TestContext.CurrentContext.Test.FullName] = Account.AccountSid;

    [TearDown]
    public void No_other_test_had_this_account() =>
        AccountsByTest.Where(e => e.Key != TestContext.CurrentContext.Test.FullName).Select(e => e.Value)
            .Should().NotContain(Account.AccountSid, "every test leases an account of its own");
}
