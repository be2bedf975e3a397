using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Server;

/// <summary>
/// <see cref="FakeRoomsServer.Calls"/>: the typed, bounded journal of every request (issue 2 §2). This fixture caps it
/// at 5 calls to show the bound.
/// </summary>
public sealed class CallJournalTests : FakeRoomsTest
{
    protected override void Configure(FakeRoomsOptions options) => options.JournalCapacity = 5;

    [Test]
    public async Task Journal_keeps_only_the_newest_calls_up_to_its_capacity()
    {
        for (var i = 0; i < 8; i++)
            await CreateRoom($"UniqueName=r{i}");

        Fake.Calls.Capacity.Should().Be(5);
        Fake.Calls.Count.Should().Be(5);
        Fake.Calls.TotalRecorded.Should().Be(8);
        Fake.Calls.Select(c => c.FormValue("UniqueName")).Should().Equal("r3", "r4", "r5", "r6", "r7");
        Fake.Calls.Select(c => c.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Test]
    public async Task Each_call_records_operation_method_path_query_status_and_error()
    {
        await Get("/v1/Rooms?Status=completed&PageSize=7");
        await PostForm("/v1/Rooms", "Type=bogus");

        var read = Fake.Calls.Snapshot()[0];
        read.Operation.Should().Be(Operation.ReadRoom);
        read.Method.Should().Be("GET");
        read.Path.Should().Be("/v1/Rooms");
        read.QueryValue("Status").Should().Be("completed");
        read.Query["PageSize"].Should().Equal("7");
        read.StatusCode.Should().Be(200);
        read.Succeeded.Should().BeTrue();
        read.ErrorCode.Should().BeNull();
        read.ToString().Should().Be("ReadRoom GET /v1/Rooms -> 200");

        var create = Fake.Calls.Snapshot()[1];
        create.Operation.Should().Be(Operation.CreateRoom);
        create.ContentType.Should().StartWith("application/x-www-form-urlencoded");
        create.StatusCode.Should().Be(400);
        create.Succeeded.Should().BeFalse();
        create.ErrorCode.Should().Be(53108);
        create.ErrorMessage.Should().Be("RoomType is not valid");
        create.Room.Should().BeNull();
        create.ToString().Should().Be("CreateRoom POST /v1/Rooms -> 400 (53108)");
    }

    [Test]
    public async Task A_kept_call_is_one_record_however_often_it_is_read_with_its_form_and_query_decoded()
    {
        // The journal keeps a call as plain data and builds its record on the first read (bench: mid-life objects).
        await PostForm("/v1/Rooms", "UniqueName=caf%C3%A9+bar&VideoCodecs=VP8&VideoCodecs=H264&Bogus=1");
        await Get("/v1/Rooms?UniqueName=a%26b&Status=completed&Status=failed");

        var first = Fake.Calls.Snapshot()[0];
        Fake.Calls.Snapshot()[0].Should().BeSameAs(first);
        Fake.Calls.Snapshot()[0].Should().BeSameAs(first);
        first.Form["UniqueName"].Should().Equal("café bar");
        first.Form["VideoCodecs"].Should().Equal("VP8", "H264");
        first.IgnoredParameters.Should().Equal("Bogus");
        first.Query.Should().BeEmpty();
        first.Room!.UniqueName.Should().Be("café bar");

        var second = Fake.Calls.Snapshot()[1];
        second.Query["UniqueName"].Should().Equal("a&b");
        second.Query["Status"].Should().Equal("completed", "failed");
        second.Form.Should().BeEmpty();
        second.Sequence.Should().Be(first.Sequence + 1);
    }

    [Test]
    public async Task Control_api_calls_are_not_journaled()
    {
        using var response = await Http.GetAsync("/__fakerooms/health");

        response.IsSuccessStatusCode.Should().BeTrue();
        Fake.Calls.Should().BeEmpty();
    }

    [Test]
    public async Task Reset_empties_rooms_and_journal_but_sequence_numbers_are_never_reused()
    {
        await CreateRoom("UniqueName=before");
        var last = Fake.Calls.Single().Sequence;

        Fake.Reset();
        await CreateRoom("UniqueName=before");

        Fake.Rooms.All.Should().ContainSingle();
        Fake.Calls.Single().Sequence.Should().BeGreaterThan(last);
        Fake.Calls.TotalRecorded.Should().Be(1);
    }

    [Test]
    public async Task Of_filters_by_operation()
    {
        var sid = (await CreateRoom()).Value<string>("sid");
        await Get($"/v1/Rooms/{sid}");
        await Get($"/v1/Rooms/{sid}");

        Fake.Calls.Of(Operation.FetchRoom).Should().HaveCount(2);
        Fake.Calls.Of(Operation.UpdateRoom).Should().BeEmpty();
    }
}

/// <summary>The journal's ring, unit by unit: it grows by doubling up to its capacity, then drops the oldest calls.</summary>
public sealed class CallJournalRingTests
{
    [TestCase(1000, 70, 70)]
    [TestCase(100, 250, 100)]
    [TestCase(64, 65, 64)]
    [TestCase(200, 200, 200)]
    public void Keeps_the_newest_calls_in_order_while_growing_up_to_its_capacity(int capacity, int calls, int kept)
    {
        var journal = new FakeRooms.Journal.CallJournal(capacity);
        for (var i = 1; i <= calls; i++)
            journal.Add(new FakeRooms.Journal.CallData { Method = "GET", Path = "/v1/Rooms/" + i, StatusCode = 200 });

        journal.Count.Should().Be(kept);
        journal.TotalRecorded.Should().Be(calls);
        journal.Select(c => c.Path).Should().Equal(Enumerable.Range(calls - kept + 1, kept).Select(i => "/v1/Rooms/" + i));
        journal.Select(c => c.Sequence).Should().Equal(Enumerable.Range(calls - kept + 1, kept).Select(i => (long)i));
    }

    [Test]
    public void A_journal_of_capacity_zero_keeps_nothing_but_counts()
    {
        var journal = new FakeRooms.Journal.CallJournal(0);
        journal.Add(new FakeRooms.Journal.CallData { Method = "GET", Path = "/v1/Rooms" }).Should().Be(1);
        journal.Add(new FakeRooms.Journal.CallData { Method = "GET", Path = "/v1/Rooms" }).Should().Be(2);

        journal.Should().BeEmpty();
        journal.TotalRecorded.Should().Be(2);
    }
}
