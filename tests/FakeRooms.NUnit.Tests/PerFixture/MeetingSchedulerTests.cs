using FakeRooms.NUnit.Tests.App;

namespace FakeRooms.NUnit.Tests.PerFixture;

/// <summary>
/// The app's own tests, one fake for this fixture (reset before each test), through the official SDK. This is the
/// quick start of the README.
/// </summary>
public sealed class MeetingSchedulerTests : FakeRoomsFixture
{
    private static readonly Uri Callback = new("https://app.invalid/video/events");

    private readonly AppCallbackEndpoint _endpoint = new();

    private MeetingScheduler Scheduler => new(Twilio, Callback);

    // Status callbacks go to the app's endpoint in process, never to the network.
    protected override void Configure(FakeRoomsOptions options) => options.CallbackHandler = _endpoint;

    [OneTimeTearDown]
    public void DisposeEndpoint() => _endpoint.Dispose();

    [Test]
    public async Task Booking_a_meeting_creates_one_group_room_with_a_status_callback_and_nothing_else()
    {
        await Scheduler.BookAsync("standup", seats: 8);

        Fake.Should().HaveCreatedRoom("meeting-standup")
            .WithType("group")
            .WithMaxParticipants(8)
            .WithStatusCallback(Callback.ToString())
            .And.HaveCreatedRooms(1)
            .And.HaveReceivedInOrder(Operation.FetchRoom, Operation.CreateRoom)
            .And.HaveNoUnexpectedCalls(allow => allow.Rejection(Operation.FetchRoom, 20404));
        Fake.Room("meeting-standup").Should().BeInProgress();
    }

    [Test]
    public async Task Booking_a_booked_meeting_reuses_its_room()
    {
        var first = await Scheduler.BookAsync("standup", seats: 8);

        var second = await Scheduler.BookAsync("standup", seats: 8);

        second.Should().Be(first with { Created = false });
        Fake.Should().HaveCreatedRooms(1)
            .And.HaveReceived(Operation.FetchRoom).Twice();
    }

    [Test]
    public async Task Booking_after_another_instance_created_the_room_handles_53113()
    {
        RoomInfo? theirs = null;
        // Another instance books the meeting right after our fetch answered 404.
        var racing = new InterleavingClient(Twilio,
            after: request => request.Method == global::Twilio.Http.HttpMethod.Get && request.Uri.AbsolutePath.EndsWith("/meeting-standup", StringComparison.Ordinal),
            interleave: () => theirs = Fake.Rooms.Create(new NewRoom { UniqueName = "meeting-standup" }));

        var booking = await new MeetingScheduler(racing, Callback).BookAsync("standup", seats: 8);

        booking.Should().Be(new Booking(theirs!.Sid, "meeting-standup", Created: false));
        Fake.Should().HaveRejected(Operation.CreateRoom).WithErrorCode(53113)
            .And.HaveCreatedRooms(0)
            .And.HaveReceivedInOrder(Operation.FetchRoom, Operation.CreateRoom, Operation.FetchRoom);
    }

    [Test]
    public async Task Ending_a_meeting_completes_its_room()
    {
        var booking = await Scheduler.BookAsync("standup", seats: 8);

        await Scheduler.EndAsync("standup");

        Fake.Should().HaveCompletedRoom("meeting-standup").Which.Room!.Sid.Should().Be(booking.RoomSid);
        Fake.Room("meeting-standup").Should().BeCompleted();
        Fake.Should().HaveReceived(Operation.UpdateRoom).Once().After(Operation.CreateRoom);
    }

    [Test]
    public async Task Ending_a_meeting_tells_the_app_through_its_status_callback()
    {
        var booking = await Scheduler.BookAsync("standup", seats: 8);
        Fake.Rooms.Connect("meeting-standup", "alice").Disconnect();

        await Scheduler.EndAsync("standup");
        await Fake.Callbacks.WhenIdleAsync();

        Fake.Should().HaveSentCallback("room-ended").For(booking.RoomSid).WithParameter("RoomStatus", "completed")
            .And.HaveSentCallbacksInOrder("meeting-standup", "room-created", "participant-connected", "participant-disconnected", "room-ended")
            .And.HaveSentCallbacksInSequence("meeting-standup");
    }

    [Test]
    public async Task Ending_a_meeting_that_is_over_sends_no_update()
    {
        await Scheduler.BookAsync("standup", seats: 8);
        // Nobody joined: Twilio closes the room after UnusedRoomTimeout (5 minutes by default).
        Fake.Clock.Advance(TimeSpan.FromMinutes(6));

        await Scheduler.EndAsync("standup");

        Fake.Room("meeting-standup").Should().BeCompleted();
        Fake.Should().HaveReceivedNoCallsTo(Operation.UpdateRoom);
    }

    [Test]
    public async Task Attendees_are_the_connected_participants()
    {
        await Scheduler.BookAsync("standup", seats: 8);
        Fake.Rooms.Connect("meeting-standup", "alice");
        Fake.Rooms.Connect("meeting-standup", "bob");
        Fake.Rooms.Connect("meeting-standup", "carol").Disconnect();

        var attendees = await Scheduler.AttendeesAsync("standup");

        attendees.Should().BeEquivalentTo("alice", "bob");
        Fake.Room("meeting-standup").Should().HaveParticipants("alice", "bob");
    }

    [Test]
    public async Task A_scheduler_without_a_callback_fails_with_what_it_sent_instead()
    {
        await new MeetingScheduler(Twilio, statusCallback: null).BookAsync("standup", seats: 8);

        var act = () => Fake.Should().HaveCreatedRoom("meeting-standup").WithType("group").WithStatusCallback(Callback.ToString());

        act.Should().Throw<AssertionException>().Which.Message.Should().Be(
            "Expected Fake to have created room \"meeting-standup\" with status callback \"https://app.invalid/video/events\", "
            + "but it was created with no status callback (StatusCallback not sent).");
    }
}
