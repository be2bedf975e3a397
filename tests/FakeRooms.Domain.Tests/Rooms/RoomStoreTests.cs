using FakeRooms.Domain.Errors;
using FakeRooms.Domain.Events;
using FakeRooms.Domain.Rooms;
using FakeRooms.Domain.Sids;
using FakeRooms.Domain.Time;

using FakeRooms.Domain.Tests.Support;

namespace FakeRooms.Domain.Tests.Rooms;

/// <summary><see cref="RoomStore"/>'s room lifecycle without HTTP.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class RoomStoreTests
{
    private static readonly DateTimeOffset T0 = StoreTestKit.T0;

    private readonly ManualTimeProvider _clock = new(T0);
    private readonly EventLog _events = new();
    private RoomStore NewStore(int seed = 1) => StoreTestKit.NewStore(_clock, _events, seed: seed);

    private static int CodeOf(Action act) => StoreTestKit.CodeOf(act);

    [Test]
    public void Name_is_unique_among_in_progress_rooms_only()
    {
        var store = NewStore();
        var first = store.Create(new CreateRoom { UniqueName = "n" });

        CodeOf(() => store.Create(new CreateRoom { UniqueName = "n" })).Should().Be(53113);
        store.Complete("n");
        var second = store.Create(new CreateRoom { UniqueName = "n" });

        store.Get("n").Sid.Should().Be(second.Sid);
        store.Get(first.Sid).Status.Should().Be(RoomStatus.Completed);
    }

    [Test]
    public void Completing_sets_end_duration_and_update_time_and_a_second_complete_returns_53112()
    {
        var store = NewStore();
        var room = store.Create(new CreateRoom());
        _clock.Advance(TimeSpan.FromMilliseconds(42_900));

        var ended = store.Complete(room.Sid);

        ended.EndTime.Should().Be(T0.AddMilliseconds(42_900));
        ended.DateUpdated.Should().Be(T0.AddMilliseconds(42_900));
        ended.Duration.Should().Be(42);
        CodeOf(() => store.Complete(room.Sid)).Should().Be(53112);
        _events.All.Select(e => e.Kind).Should().Equal(RoomEventKind.RoomCreated, RoomEventKind.RoomEnded);
    }

    [Test]
    public void Duration_equals_end_minus_start_as_printed_in_whole_seconds()
    {
        var store = NewStore();
        _clock.Advance(TimeSpan.FromMilliseconds(750));
        var room = store.Create(new CreateRoom());
        _clock.Advance(TimeSpan.FromMilliseconds(89_850));

        var ended = store.Complete(room.Sid);

        // Printed: created 09:00:00, ended 09:01:30 -> 90, although only 89.85 s passed.
        ended.Duration.Should().Be(90);
    }

    [Test]
    public void Unknown_room_returns_20404_naming_the_path_without_the_version()
    {
        var store = NewStore();

        var error = FluentActions.Invoking(() => store.Get("nope")).Should().Throw<TwilioErrorException>().Which.Error;

        error.Should().Be(new TwilioError(20404, 404, "The requested resource /Rooms/nope was not found"));
    }

    [Test]
    public void Unused_room_completes_after_its_timeout_on_the_clock()
    {
        var store = NewStore();
        var room = store.Create(new CreateRoom { UnusedRoomTimeout = 2 });

        _clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromTicks(1));
        store.Get(room.Sid).Status.Should().Be(RoomStatus.InProgress);
        _clock.Advance(TimeSpan.FromTicks(1));

        var ended = store.Get(room.Sid);
        ended.Status.Should().Be(RoomStatus.Completed);
        ended.EndTime.Should().Be(T0.AddMinutes(2));
        ended.Duration.Should().Be(120);
    }

    [Test]
    public void Same_seed_gives_the_same_sids()
    {
        var a = NewStore(seed: 9);
        var b = NewStore(seed: 9);

        Enumerable.Range(0, 5).Select(_ => a.Create(new CreateRoom()).Sid).Should()
            .Equal(Enumerable.Range(0, 5).Select(_ => b.Create(new CreateRoom()).Sid));
    }

    [Test]
    public void List_by_name_returns_rooms_of_that_status_newest_first()
    {
        var store = NewStore();
        var sids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sids.Add(store.Create(new CreateRoom { UniqueName = "n" }).Sid);
            store.Complete(sids[^1]);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        store.Create(new CreateRoom { UniqueName = "n" });

        var page = store.List(new RoomQuery { Status = RoomStatus.Completed, UniqueName = "n", PageSize = 2 });
        var rest = store.List(new RoomQuery { Status = RoomStatus.Completed, UniqueName = "n", PageSize = 2, Cursor = page.Next });

        page.Items.Select(r => r.Sid).Concat(rest.Items.Select(r => r.Sid)).Should().Equal(sids[2], sids[1], sids[0]);
        rest.Next.Should().BeNull();
    }
}
