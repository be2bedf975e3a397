using FakeRooms.Domain.Compositions;
using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Participants;
using FakeRooms.Domain.Recordings;
using FakeRooms.Domain.Rooms;
using FakeRooms.Domain.Sids;
using FakeRooms.Domain.Time;

using FakeRooms.Domain.Tests.Support;

namespace FakeRooms.Domain.Tests.Rooms;

/// <summary>
/// <see cref="DomainOptions.MaxEndedRooms"/>: past the limit, the oldest ended rooms (by creation) are forgotten with
/// everything that belongs to them, and nothing else in the store grows per room.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class RetentionTests
{
    private static readonly DateTimeOffset T0 = StoreTestKit.T0;

    private readonly ManualTimeProvider _clock = new(T0);
    private readonly EventLog _events = new();

    private sealed class Discard : IRoomEventSink
    {
        public void Publish(RoomEvent roomEvent) { }
    }

    private RoomStore NewStore(int? maxEnded, int seed = 1, IRoomEventSink? sink = null) =>
        StoreTestKit.NewStore(_clock, sink ?? _events, new DomainOptions { MaxEndedRooms = maxEnded }, seed);

    private static int CodeOf(Action act) => StoreTestKit.CodeOf(act);

    /// <summary>Creates and completes rooms one second apart; returns their SIDs, oldest first.</summary>
    private List<string> CreateAndComplete(RoomStore store, int count, string? name = null)
    {
        var sids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var sid = store.Create(new CreateRoom { UniqueName = name }).Sid;
            store.Complete(sid);
            sids.Add(sid);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        return sids;
    }

    private static List<string> Completed(RoomStore store, int pageSize = 50) =>
        store.List(new RoomQuery { Status = RoomStatus.Completed, PageSize = pageSize }).Items.Select(r => r.Sid).ToList();

    [Test]
    public void Past_the_limit_only_the_newest_ended_rooms_remain_and_older_ones_answer_20404()
    {
        var store = NewStore(maxEnded: 3);

        var sids = CreateAndComplete(store, 10);

        Completed(store).Should().Equal(sids[9], sids[8], sids[7]);
        store.AllRooms().Select(r => r.Sid).Should().Equal(sids[7], sids[8], sids[9]);
        foreach (var old in sids.Take(7))
        {
            var error = FluentActions.Invoking(() => store.Get(old)).Should().Throw<TwilioErrorException>().Which.Error;
            error.Should().Be(new TwilioError(20404, 404, $"The requested resource /Rooms/{old} was not found"));
            store.TryGet(old).Should().BeNull();
        }
        store.Footprint().Should().BeEquivalentTo(new { Rooms = 3, EndedRooms = 3, Names = 3, RoomsByName = 3 },
            o => o.ExcludingMissingMembers());
    }

    [Test]
    public void Pages_of_the_retained_rooms_walk_newest_first_without_gaps()
    {
        var store = NewStore(maxEnded: 3);
        var sids = CreateAndComplete(store, 10);

        var first = store.List(new RoomQuery { Status = RoomStatus.Completed, PageSize = 2 });
        var second = store.List(new RoomQuery { Status = RoomStatus.Completed, PageSize = 2, Cursor = first.Next });
        var back = store.List(new RoomQuery { Status = RoomStatus.Completed, PageSize = 2, Cursor = second.Previous });

        first.Items.Select(r => r.Sid).Should().Equal(sids[9], sids[8]);
        second.Items.Select(r => r.Sid).Should().Equal(sids[7]);
        second.Next.Should().BeNull();
        back.Items.Select(r => r.Sid).Should().Equal(sids[9], sids[8]);
    }

    [Test]
    public void Failed_and_completed_rooms_share_the_limit_and_the_oldest_of_either_goes_first()
    {
        var store = NewStore(maxEnded: 3);
        var a = store.Create(new CreateRoom()).Sid;
        var b = store.Create(new CreateRoom()).Sid;
        var c = store.Create(new CreateRoom()).Sid;
        var d = store.Create(new CreateRoom()).Sid;
        store.Fail(a);
        store.Complete(b);
        store.Fail(c);
        store.Get(a).Status.Should().Be(RoomStatus.Failed);

        store.Complete(d);

        store.TryGet(a).Should().BeNull("the failed room was the oldest ended room");
        store.AllRooms().Select(r => r.Sid).Should().Equal(b, c, d);
        store.List(new RoomQuery { Status = RoomStatus.Failed }).Items.Select(r => r.Sid).Should().Equal(c);
    }

    [Test]
    public void In_progress_rooms_are_never_forgotten_whatever_their_age()
    {
        var store = NewStore(maxEnded: 2);
        var live = Enumerable.Range(0, 4).Select(i => store.Create(new CreateRoom { UniqueName = "live-" + i }).Sid).ToList();

        CreateAndComplete(store, 10);

        store.List(new RoomQuery()).Items.Select(r => r.Sid).Should().Equal(Enumerable.Reverse(live));
        store.Get("live-0").Sid.Should().Be(live[0]);
        store.Count.Should().Be(6);
    }

    [Test]
    public void A_room_older_than_every_kept_ended_room_is_forgotten_as_soon_as_it_ends()
    {
        var store = NewStore(maxEnded: 2);
        var old = store.Create(new CreateRoom { UniqueName = "old" }).Sid;
        var kept = CreateAndComplete(store, 2);

        var ended = store.Complete(old);

        ended.Status.Should().Be(RoomStatus.Completed, "the caller still gets the room it ended");
        CodeOf(() => store.Get(old)).Should().Be(20404);
        Completed(store).Should().Equal(kept[1], kept[0]);
        _events.All.Last().Kind.Should().Be(RoomEventKind.RoomEnded, "room-ended is still published");
    }

    [Test]
    public void Unique_names_stay_reusable_and_the_name_list_keeps_only_retained_rooms()
    {
        var store = NewStore(maxEnded: 3);
        var sids = CreateAndComplete(store, 10, name: "daily");

        var again = store.Create(new CreateRoom { UniqueName = "daily" });

        store.Get("daily").Sid.Should().Be(again.Sid);
        store.List(new RoomQuery { Status = RoomStatus.Completed, UniqueName = "daily" }).Items.Select(r => r.Sid)
            .Should().Equal(sids[9], sids[8], sids[7]);
        store.List(new RoomQuery { UniqueName = "daily" }).Items.Select(r => r.Sid).Should().Equal(again.Sid);
        store.Footprint().Should().BeEquivalentTo(new { Names = 1, RoomsByName = 4 }, o => o.ExcludingMissingMembers());
    }

    [Test]
    public void Without_a_limit_every_room_is_kept()
    {
        var store = NewStore(maxEnded: null);

        var sids = CreateAndComplete(store, 10);

        Completed(store).Should().Equal(Enumerable.Reverse(sids));
        store.Count.Should().Be(10);
    }

    [Test]
    public void Limit_zero_forgets_each_room_when_it_ends()
    {
        var store = NewStore(maxEnded: 0);
        var sid = store.Create(new CreateRoom { UniqueName = "gone" }).Sid;

        store.Complete(sid).Status.Should().Be(RoomStatus.Completed);

        store.Count.Should().Be(0);
        CodeOf(() => store.Get(sid)).Should().Be(20404);
        store.Create(new CreateRoom { UniqueName = "gone" }).Status.Should().Be(RoomStatus.InProgress);
    }

    [Test]
    public void A_room_ended_by_its_timeout_counts_like_one_completed_over_rest()
    {
        var store = NewStore(maxEnded: 1);
        var first = store.Create(new CreateRoom { UnusedRoomTimeout = 1 }).Sid;
        var second = store.Create(new CreateRoom { UnusedRoomTimeout = 2 }).Sid;

        _clock.Advance(TimeSpan.FromMinutes(2));

        store.TryGet(first).Should().BeNull();
        store.Get(second).Status.Should().Be(RoomStatus.Completed);
    }

    // ------------------------------------------------------------------ recordings and compositions

    /// <summary>A recorded group room: alice publishes a microphone for 10 s, then the room completes.</summary>
    private Room RecordedMeeting(RoomStore store, string name)
    {
        var room = store.Create(new CreateRoom { UniqueName = name, Type = RoomType.Group, RecordParticipantsOnConnect = true });
        store.Connect(name, "alice");
        store.Publish(name, "alice", TrackKind.Audio, "mic");
        _clock.Advance(TimeSpan.FromSeconds(10));
        return store.Complete(room.Sid);
    }

    private static readonly CompositionSpec AllAudio = new() { AudioSources = ["*"] };

    [Test]
    public void Recordings_compositions_and_participants_of_a_forgotten_room_go_with_it()
    {
        var store = NewStore(maxEnded: 1);
        var first = RecordedMeeting(store, "first");
        _clock.Advance(TimeSpan.FromMinutes(1));
        var recording = store.ListRecordings(new RecordingQuery()).Items.Single();
        var composition = store.CreateComposition(first.Sid, AllAudio);
        _clock.Advance(TimeSpan.FromMinutes(1));
        store.GetComposition(composition.Sid).Status.Should().Be(CompositionStatus.Completed);

        var second = RecordedMeeting(store, "second");

        CodeOf(() => store.Get(first.Sid)).Should().Be(20404);
        CodeOf(() => store.GetRecording(recording.Sid)).Should().Be(20404);
        CodeOf(() => store.GetComposition(composition.Sid)).Should().Be(20404);
        CodeOf(() => store.GetParticipant(first.Sid, "alice")).Should().Be(20404);
        CodeOf(() => store.ListRecordings(new RecordingQuery { RoomSid = first.Sid })).Should().Be(20404);
        CodeOf(() => store.CreateComposition(first.Sid, AllAudio)).Should().Be(53106);
        store.TryGetRecording(recording.Sid).Should().BeNull();
        store.TryGetComposition(composition.Sid).Should().BeNull();
        store.ListRecordings(new RecordingQuery()).Items.Should().OnlyContain(r => r.RoomSid == second.Sid).And.HaveCount(1);
        store.ListCompositions(new CompositionQuery()).Items.Should().BeEmpty();
        store.Footprint().Should().BeEquivalentTo(new
        {
            Rooms = 1, Participants = 1, Recordings = 1, RecordingIndex = 1, RoomsWithRecordings = 1, CapturedTracks = 0,
            Compositions = 0, CompositionIndex = 0,
        }, o => o.ExcludingMissingMembers());
    }

    [Test]
    public void Pending_steps_of_a_forgotten_room_do_nothing_when_they_fall_due()
    {
        var store = NewStore(maxEnded: 1);
        store.CreateHook(new CompositionHookCommand("every room", true, AllAudio));
        var first = RecordedMeeting(store, "first");
        // The recording is processing and the hook's composition enqueued, both waiting for the clock.
        store.ListRecordings(new RecordingQuery()).Items.Single().Status.Should().Be(RecordingStatus.Processing);
        var pending = store.ListCompositions(new CompositionQuery()).Items.Single();
        pending.RoomSid.Should().Be(first.Sid);

        var second = RecordedMeeting(store, "second");
        _events.All.Clear();
        _clock.Advance(TimeSpan.FromMinutes(5));
        store.AdvanceToNow();

        _events.All.Should().NotBeEmpty().And.OnlyContain(e => e.Room.Sid == second.Sid, "the first room's steps are gone");
        _events.All.Select(e => e.Kind).Should().Contain(RoomEventKind.RecordingCompleted).And.Contain(RoomEventKind.CompositionAvailable);
        store.TryGetComposition(pending.Sid).Should().BeNull();
    }

    // ------------------------------------------------------------------ snapshots

    [Test]
    public void A_snapshot_holds_the_retained_rooms_and_a_restored_store_with_the_same_limit_goes_on_alike()
    {
        var store = NewStore(maxEnded: 3);
        store.CreateHook(new CompositionHookCommand("every room", true, AllAudio));
        for (var i = 0; i < 5; i++)
            RecordedMeeting(store, "meeting-" + i);
        var live = store.Create(new CreateRoom { UniqueName = "live" });
        var snapshot = store.Export();

        var restored = NewStore(maxEnded: 3, seed: 1);
        restored.Import(snapshot, _clock.GetUtcNow());

        snapshot.Rooms.Should().HaveCount(4);
        restored.Export().Should().BeEquivalentTo(snapshot);
        // The same next steps give the same state in both stores: the next room to end forgets the same oldest one.
        var both = new[] { store, restored };
        foreach (var s in both)
        {
            s.Create(new CreateRoom { UniqueName = "after", Type = RoomType.Group, RecordParticipantsOnConnect = true });
            s.Connect("after", "alice");
            s.Publish("after", "alice", TrackKind.Audio, "mic");
        }
        _clock.Advance(TimeSpan.FromSeconds(10));
        foreach (var s in both)
            s.Complete("after");
        _clock.Advance(TimeSpan.FromMinutes(2));
        restored.Export().Should().BeEquivalentTo(store.Export());
        restored.AllRooms().Select(r => r.UniqueName).Should().Equal("meeting-3", "meeting-4", "live", "after");
        restored.Get(live.Sid).Status.Should().Be(RoomStatus.InProgress);
    }

    [Test]
    public void Restoring_into_a_store_with_a_lower_limit_keeps_only_the_newest_ended_rooms()
    {
        var everything = NewStore(maxEnded: null);
        for (var i = 0; i < 6; i++)
            RecordedMeeting(everything, "meeting-" + i);
        everything.Create(new CreateRoom { UniqueName = "live" });

        var small = NewStore(maxEnded: 2);
        small.Import(everything.Export(), _clock.GetUtcNow());

        small.AllRooms().Select(r => r.UniqueName).Should().Equal("meeting-4", "meeting-5", "live");
        small.ListRecordings(new RecordingQuery()).Items.Should().HaveCount(2);
    }

    // ------------------------------------------------------------------ boundedness (counts, not time or bytes)

    [Test]
    public void Twenty_thousand_recorded_rooms_leave_every_structure_bounded_by_the_limit()
    {
        // Nothing here is timed: it counts what the store holds. The clock never moves, as in a test that never
        // advances it, so every room's unused-room and 24-hour timers stay pending until swept.
        var store = NewStore(maxEnded: 100, sink: new Discard());
        store.CreateHook(new CompositionHookCommand("every room", true, AllAudio));
        var largest = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var name = i % 3 == 0 ? "same-name" : "room-" + i;
            var room = store.Create(new CreateRoom { UniqueName = name, Type = RoomType.Group, RecordParticipantsOnConnect = true });
            store.Connect(room.Sid, "alice");
            store.Publish(room.Sid, "alice", TrackKind.Audio, "mic");
            store.Complete(room.Sid);
            if (i % 1000 == 999)
                largest = Math.Max(largest, store.Footprint().Timers);
        }

        var footprint = store.Footprint();
        footprint.Should().BeEquivalentTo(new StoreFootprint
        {
            Rooms = 100, InProgressRooms = 0, InProgressNames = 0, EndedRooms = 100, Participants = 100,
            Recordings = 100, RecordingIndex = 100, RoomsWithRecordings = 100, CapturedTracks = 0,
            Compositions = 100, CompositionIndex = 100,
            Names = footprint.Names, RoomsByName = 100, Timers = footprint.Timers,
        });
        footprint.Names.Should().BeInRange(67, 100);
        // Live timers: each kept room's recording completion and composition start (200); the rest are swept once
        // the queue reaches 1,024 or twice what the last sweep kept.
        largest.Should().BeLessThan(1024);
        store.Count.Should().Be(100);
    }

    [Test]
    public void Timers_of_ended_rooms_are_swept_without_changing_when_live_ones_fire()
    {
        var store = NewStore(maxEnded: null);
        var live = store.Create(new CreateRoom { UniqueName = "live", UnusedRoomTimeout = 30 });
        for (var i = 0; i < 3_000; i++)
            store.Complete(store.Create(new CreateRoom()).Sid);

        store.Footprint().Timers.Should().BeLessThan(1024, "3,000 rooms left 6,000 dead timers, swept as they piled up");
        store.Count.Should().Be(3_001, "without a limit every room is kept");

        _clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromTicks(1));
        store.Get(live.Sid).Status.Should().Be(RoomStatus.InProgress);
        _clock.Advance(TimeSpan.FromTicks(1));
        store.Get(live.Sid).EndTime.Should().Be(T0.AddMinutes(30));
    }
}
