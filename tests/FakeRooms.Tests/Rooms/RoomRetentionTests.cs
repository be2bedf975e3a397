using System.Net;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;

namespace FakeRooms.Tests.Rooms;

/// <summary>
/// <see cref="FakeRoomsOptions.MaxCompletedRoomsPerAccount"/>: the fake's own memory bound (not Twilio behaviour).
/// Past it, the oldest ended rooms by creation are forgotten with their participants, recordings and compositions, and
/// answer 404/20404 like a SID never used.
/// </summary>
public sealed class RoomRetentionTests : FakeRoomsTest
{
    protected override void Configure(FakeRoomsOptions options) => options.MaxCompletedRoomsPerAccount = 3;

    /// <summary>Creates and completes rooms through the SDK, one second apart; SIDs oldest first.</summary>
    private async Task<List<string>> CreateAndComplete(int count, string? uniqueName = null)
    {
        var sids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var room = await RoomResource.CreateAsync(uniqueName: uniqueName ?? $"room-{i}", client: Twilio);
            await RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);
            sids.Add(room.Sid);
            Fake.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        return sids;
    }

    private static IEnumerable<string> Sids(JObject page, string key = "rooms") => page[key]!.Select(r => r.Value<string>("sid")!);

    [Test]
    public async Task Only_the_newest_completed_rooms_are_listed_and_older_ones_fetch_as_404_20404()
    {
        var sids = await CreateAndComplete(10);

        var completed = await RoomResource.ReadAsync(status: RoomResource.RoomStatusEnum.Completed, client: Twilio);

        completed.Select(r => r.Sid).Should().Equal(sids[9], sids[8], sids[7]);
        foreach (var old in sids.Take(7))
            (await Get($"/v1/Rooms/{old}")).ShouldBeTwilioError(404, 20404, $"The requested resource /Rooms/{old} was not found");
        var fetchOldest = () => RoomResource.FetchAsync(sids[0], client: Twilio);
        await fetchOldest.ShouldFailWithApiError(404, 20404);
        (await RoomResource.FetchAsync(sids[7], client: Twilio)).Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
    }

    [Test]
    public async Task Pages_of_completed_rooms_follow_next_page_url_over_the_kept_rooms_only()
    {
        var sids = await CreateAndComplete(10);

        var first = (await Get("/v1/Rooms?Status=completed&PageSize=2")).Json;
        var next = first["meta"]!.Value<string>("next_page_url")!;
        var second = (await Get(new Uri(next).PathAndQuery)).Json;

        Sids(first).Should().Equal(sids[9], sids[8]);
        Sids(second).Should().Equal(sids[7]);
        second["meta"]!["next_page_url"]!.Type.Should().Be(JTokenType.Null);
    }

    [Test]
    public async Task In_progress_rooms_are_never_forgotten_and_a_unique_name_is_reusable()
    {
        var live = await RoomResource.CreateAsync(uniqueName: "live", client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(1));
        var daily = await CreateAndComplete(10, uniqueName: "daily");

        var again = await RoomResource.CreateAsync(uniqueName: "daily", client: Twilio);

        (await RoomResource.FetchAsync("live", client: Twilio)).Sid.Should().Be(live.Sid);
        (await RoomResource.FetchAsync("daily", client: Twilio)).Sid.Should().Be(again.Sid);
        var named = (await Get("/v1/Rooms?Status=completed&UniqueName=daily")).Json;
        Sids(named).Should().Equal(daily[9], daily[8], daily[7]);
        (await RoomResource.ReadAsync(client: Twilio)).Select(r => r.Sid).Should().Equal(again.Sid, live.Sid);
    }

    [Test]
    public async Task Recordings_compositions_and_participants_of_a_forgotten_room_answer_404_20404()
    {
        // A recorded meeting, its recording completed and composed.
        var room = await RoomResource.CreateAsync(uniqueName: "recorded", type: RoomResource.RoomTypeEnum.Group,
            recordParticipantsOnConnect: true, client: Twilio);
        var alice = Fake.Rooms.Connect("recorded", "alice");
        alice.Publish(VideoTrackKind.Audio, "mic");
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));
        await RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        var recording = (await RecordingResource.ReadAsync(client: Twilio)).Single();
        var composition = await CompositionResource.CreateAsync(roomSid: room.Sid, audioSources: ["*"], client: Twilio);
        (await CompositionResource.ReadAsync(client: Twilio)).Should().ContainSingle();

        // Three newer rooms end: the recorded room is the oldest of four ended rooms.
        await CreateAndComplete(3);

        (await Get($"/v1/Rooms/{room.Sid}")).ShouldBeTwilioError(404, 20404);
        (await Get($"/v1/Recordings/{recording.Sid}")).ShouldBeTwilioError(404, 20404);
        (await Get($"/v1/Compositions/{composition.Sid}")).ShouldBeTwilioError(404, 20404);
        (await Get($"/v1/Rooms/{room.Sid}/Participants")).ShouldBeTwilioError(404, 20404);
        (await Get($"/v1/Rooms/{room.Sid}/Participants/{alice.Sid}")).ShouldBeTwilioError(404, 20404);
        (await Get($"/v1/Rooms/{room.Sid}/Recordings")).ShouldBeTwilioError(404, 20404);
        (await Get($"/v1/Rooms/{room.Sid}/RecordingRules")).ShouldBeTwilioError(404, 20404);
        (await RecordingResource.ReadAsync(client: Twilio)).Should().BeEmpty();
        (await CompositionResource.ReadAsync(client: Twilio)).Should().BeEmpty();
        var recompose = () => CompositionResource.CreateAsync(roomSid: room.Sid, audioSources: ["*"], client: Twilio);
        await recompose.ShouldFailWithApiError(404, 53106);
        var participant = () => ParticipantResource.FetchAsync(room.Sid, alice.Sid, client: Twilio);
        await participant.ShouldFailWithApiError(404, 20404);
    }

    [Test]
    public async Task A_snapshot_restored_into_a_fake_with_the_same_limit_holds_the_same_rooms()
    {
        await CreateAndComplete(10);
        await RoomResource.CreateAsync(uniqueName: "live", client: Twilio);
        var snapshot = Fake.Snapshot();

        await using var other = await FakeRoomsServer.StartAsync(o =>
        {
            o.Seed = 42;
            o.StartTime = Start;
            o.MaxCompletedRoomsPerAccount = 3;
        });
        other.Restore(snapshot);

        other.Rooms.All.Should().BeEquivalentTo(Fake.Rooms.All, o => o.WithStrictOrdering());
        other.Rooms.All.Should().HaveCount(4);
        other.Snapshot().ToJson().Should().Be(snapshot.ToJson());
    }
}

/// <summary><see cref="FakeRoomsOptions.MaxCompletedRoomsPerAccount"/> null: every room is kept.</summary>
public sealed class RoomRetentionOffTests : FakeRoomsTest
{
    protected override void Configure(FakeRoomsOptions options) => options.MaxCompletedRoomsPerAccount = null;

    [Test]
    public async Task Without_a_limit_every_completed_room_is_listed()
    {
        var sids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var room = await RoomResource.CreateAsync(client: Twilio);
            await RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);
            sids.Add(room.Sid);
            Fake.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var completed = await RoomResource.ReadAsync(status: RoomResource.RoomStatusEnum.Completed, client: Twilio);

        completed.Select(r => r.Sid).Should().Equal(Enumerable.Reverse(sids));
        (await RoomResource.FetchAsync(sids[0], client: Twilio)).Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
    }
}

/// <summary>The option's default and its checks, and what stays bounded over many rooms (counts, never time).</summary>
public sealed class RoomRetentionOptionTests
{
    [Test]
    public void Default_keeps_fifty_thousand_ended_rooms_per_account()
    {
        new FakeRoomsOptions().MaxCompletedRoomsPerAccount.Should().Be(50_000);
    }

    [Test]
    public void Negative_limit_fails_at_start()
    {
        var start = () => FakeRoomsServer.Start(o => o.MaxCompletedRoomsPerAccount = -1);

        start.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MaxCompletedRoomsPerAccount must be 0 or more*");
    }

    /// <summary>Answers every callback 204, in process.</summary>
    private sealed class NoContent : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task Twenty_thousand_rooms_with_status_callbacks_leave_rooms_and_callback_lanes_bounded()
    {
        using var handler = new NoContent();
        await using var fake = await FakeRoomsServer.StartAsync(o =>
        {
            o.StartTime = FakeRoomsTest.Start;
            o.MaxCompletedRoomsPerAccount = 100;
            o.CallbackHandler = handler;
            o.CallbackQueueCapacity = 500;
            o.CallbackJournalCapacity = 1_000;
        });
        var store = fake.Backend.Account(fake.AccountSid);
        var mostLanes = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var room = fake.Rooms.Create(new NewRoom
            {
                UniqueName = "soak-" + (i % 500),
                StatusCallback = "https://app.invalid/room-events",
            });
            fake.Rooms.Connect(room.Sid, "alice").Publish(VideoTrackKind.Audio, "mic");
            fake.Rooms.Complete(room.Sid);
            if (i % 100 == 0)
                mostLanes = Math.Max(mostLanes, fake.CallbackDispatcher.LaneCount);
        }
        await fake.Callbacks.WhenIdleAsync(TimeSpan.FromMinutes(2));

        var footprint = store.Footprint();
        footprint.Rooms.Should().Be(100);
        footprint.EndedRooms.Should().Be(100);
        footprint.Participants.Should().Be(100);
        footprint.Names.Should().Be(100);
        footprint.Recordings.Should().Be(0, "group rooms record only with RecordParticipantsOnConnect");
        footprint.Timers.Should().BeLessThan(1024, "ended rooms' timers are swept as they pile up");
        fake.Rooms.All.Should().HaveCount(100);
        // A lane exists only while its room has callbacks queued or in flight, and they are bounded by the queue.
        mostLanes.Should().BeLessThanOrEqualTo(500);
        fake.CallbackDispatcher.LaneCount.Should().Be(0, "idle lanes are removed");
        fake.CallbackDispatcher.PendingCount.Should().Be(0);
        fake.Callbacks.Count.Should().Be(1_000, "the callback journal is bounded");
        fake.InternalErrors.Should().BeEmpty();
    }
}
