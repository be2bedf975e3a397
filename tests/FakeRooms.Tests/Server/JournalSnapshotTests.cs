using FakeRooms.Callbacks;
using FakeRooms.Journal;
using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Server;

/// <summary>
/// The journals are not live lists: <c>Snapshot()</c> copies the kept entries once into a list that later calls do not
/// change and nobody can change, and <c>Count</c> copies nothing (it used to copy the whole journal on every read, and
/// so did the indexer, which is gone).
/// </summary>
public sealed class JournalSnapshotTests
{
    private static CallJournal Calls(int count)
    {
        var journal = new CallJournal(count + 10);
        for (var i = 0; i < count; i++)
            journal.Add(new CallData { Method = "GET", Path = "/v1/Rooms/" + i, StatusCode = 200, AccountSid = i % 2 == 0 ? "AC0" : "AC1" });
        return journal;
    }

    private static CallbackRecord Callback(int i) => new()
    {
        AccountSid = "AC0", RoomSid = "RM" + i, Event = "room-created", IdempotencyToken = "t" + i, Method = "POST",
        Parameters = new Dictionary<string, string>(), Signature = "s", StatusCallback = "http://cb.invalid/", Url = "http://cb.invalid/",
    };

    /// <summary>Bytes this thread allocates while <paramref name="action"/> runs.</summary>
    private static long Allocated(Action action)
    {
        action(); // JIT and first-use work out of the way
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Test]
    public void A_call_snapshot_does_not_change_when_later_calls_arrive_and_cannot_be_changed()
    {
        var journal = Calls(3);

        var snapshot = journal.Snapshot();
        journal.Add(new CallData { Method = "GET", Path = "/v1/Rooms/later", StatusCode = 200, AccountSid = "AC0" });

        snapshot.Select(c => c.Path).Should().Equal("/v1/Rooms/0", "/v1/Rooms/1", "/v1/Rooms/2");
        journal.Count.Should().Be(4);
        journal.ForAccount("AC0").Count.Should().Be(3);
        ((ICollection<CallRecord>)snapshot).IsReadOnly.Should().BeTrue();
        ((ICollection<CallRecord>)journal.ForAccount("AC0").Snapshot()).IsReadOnly.Should().BeTrue();
        ((ICollection<CallRecord>)journal.Of(Operation.Unknown)).IsReadOnly.Should().BeTrue();
    }

    [Test]
    public void Counting_a_journal_copies_nothing_however_many_calls_it_keeps()
    {
        var journal = Calls(10_000);
        var view = journal.ForAccount("AC1");

        Allocated(() => { for (var i = 0; i < 1_000; i++) _ = journal.Count; }).Should().Be(0);
        Allocated(() => { for (var i = 0; i < 100; i++) _ = view.Count; }).Should().Be(0);
        view.Count.Should().Be(5_000);
    }

    [Test]
    public void Reading_every_call_of_a_snapshot_copies_the_journal_once()
    {
        var journal = Calls(10_000);
        IReadOnlyList<CallRecord>? snapshot = null;

        var taking = Allocated(() => snapshot = journal.Snapshot());
        var reading = Allocated(() =>
        {
            for (var i = 0; i < snapshot!.Count; i++)
                _ = snapshot[i];
        });

        taking.Should().BeGreaterThan(10_000 * 8, "one list of 10,000 references");
        reading.Should().Be(0, "indexing a snapshot is a plain list read");
    }

    [Test]
    public void A_callback_snapshot_does_not_change_when_later_callbacks_are_recorded_and_counting_copies_nothing()
    {
        var journal = new CallbackJournal(100);
        journal.Add(Callback(0), out _);
        journal.Add(Callback(1), out _);

        var snapshot = journal.Snapshot();
        journal.Add(Callback(2), out _);

        snapshot.Select(c => c.RoomSid).Should().Equal("RM0", "RM1");
        ((ICollection<CallbackRecord>)snapshot).IsReadOnly.Should().BeTrue();
        journal.Count.Should().Be(3);
        Allocated(() => { for (var i = 0; i < 1_000; i++) _ = journal.Count; }).Should().Be(0);
    }
}

/// <summary><see cref="FakeRoomsServer.TokenConnects"/> hands out a snapshot too.</summary>
public sealed class TokenConnectSnapshotTests : FakeRoomsTest
{
    [Test]
    public void A_token_connect_snapshot_does_not_change_when_later_connects_arrive()
    {
        Action refused = () => Fake.Rooms.ConnectWithToken("not-a-jwt", "standup");
        refused.ShouldFailWithTwilioError(401, 20101);

        var snapshot = Fake.TokenConnects;
        refused.ShouldFailWithTwilioError(401, 20101);

        snapshot.Should().ContainSingle().Which.ErrorCode.Should().Be(20101);
        Fake.TokenConnects.Should().HaveCount(2);
        ((ICollection<FakeRooms.Tokens.TokenConnect>)snapshot).IsReadOnly.Should().BeTrue();
    }
}
