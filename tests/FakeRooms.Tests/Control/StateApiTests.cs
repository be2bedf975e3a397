using System.Net;
using System.Text;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Tests.Control;

public sealed class StateApiTests : FakeRoomsTest
{
    /// <summary>Rooms of every kind: named and unnamed, completed, a name reused after completion, participants, tracks.</summary>
    private async Task<(string Standup, string Retro)> Populate()
    {
        var standup = (await CreateRoom("UniqueName=standup&EmptyRoomTimeout=3")).Value<string>("sid")!;
        var old = (await CreateRoom("UniqueName=retro")).Value<string>("sid")!;
        (await PostForm($"/v1/Rooms/{old}", "Status=completed")).Status.Should().Be(HttpStatusCode.Accepted);
        Fake.Clock.Advance(TimeSpan.FromSeconds(30));
        var retro = (await CreateRoom("UniqueName=retro&Type=group-small")).Value<string>("sid")!;
        await CreateRoom();
        var alice = Fake.Rooms.Connect(standup, "alice");
        alice.Publish(VideoTrackKind.Video, "camera");
        alice.Publish(VideoTrackKind.Audio, "mic");
        alice.Disable("mic");
        Fake.Rooms.Connect(standup, "bob").Disconnect();
        Fake.Rooms.Connect(standup, "dave");
        Fake.Rooms.Connect(standup, "dave");   // the first dave is disconnected with 53205
        Fake.Rooms.Connect(retro, "carol");
        return (standup, retro);
    }

    private async Task<string[]> Observe(string standup)
    {
        var paths = new[]
        {
            "/v1/Rooms", "/v1/Rooms?Status=completed", "/v1/Rooms?PageSize=1", "/v1/Rooms/standup", "/v1/Rooms/retro",
            $"/v1/Rooms/{standup}/Participants", $"/v1/Rooms/{standup}/Participants?Status=disconnected",
            $"/v1/Rooms/{standup}/Participants/alice/PublishedTracks", "/v1/Rooms?Status=completed&UniqueName=retro",
        };
        var bodies = new List<string>();
        foreach (var path in paths)
            bodies.Add((await Get(path)).Text);
        return bodies.ToArray();
    }

    [Test]
    public async Task Restore_after_reset_serves_byte_identical_rooms_participants_tracks_and_pages()
    {
        var (standup, _) = await Populate();
        var before = await Observe(standup);
        var participantsBefore = Fake.Rooms.ParticipantsOf(standup);
        var snapshot = Fake.Snapshot();

        Fake.Reset();
        (await Get("/v1/Rooms/standup")).ShouldBeTwilioError(404, 20404);
        Fake.Restore(snapshot);

        (await Observe(standup)).Should().Equal(before);
        Fake.Rooms.ParticipantsOf(standup).Should().Equal(participantsBefore);
        participantsBefore.Select(p => p.DisconnectError?.Code).Should().Contain(53205);
    }

    [Test]
    public async Task Restored_in_progress_name_is_taken_and_completed_name_is_free_returns_53113()
    {
        await Populate();
        var snapshot = Fake.Snapshot();
        Fake.Reset();
        Fake.Restore(snapshot);

        (await PostForm("/v1/Rooms", "UniqueName=standup")).ShouldBeTwilioError(400, 53113, "Room exists");
        (await PostForm("/v1/Rooms", "UniqueName=retro")).ShouldBeTwilioError(400, 53113, "Room exists");
        Fake.Rooms.Complete("retro");
        (await PostForm("/v1/Rooms", "UniqueName=retro")).Status.Should().Be(HttpStatusCode.Created);
    }

    [Test]
    public async Task Restored_fake_continues_the_sid_sequence_exactly_like_the_original()
    {
        var (standup, _) = await Populate();
        var snapshot = Fake.Snapshot();
        await using var copy = await FakeRoomsServer.StartAsync(o => { o.Seed = 42; o.StartTime = Start; });
        copy.Restore(snapshot);

        var next = Fake.Rooms.Create(new NewRoom { UniqueName = "next" });
        var nextInCopy = copy.Rooms.Create(new NewRoom { UniqueName = "next" });
        var participant = Fake.Rooms.Connect(standup, "erin");
        var participantInCopy = copy.Rooms.Connect(standup, "erin");

        nextInCopy.Should().Be(next);
        participantInCopy.Current.Should().Be(participant.Current);
        Fake.Rooms.All.Select(r => r.Sid).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public async Task Restored_timers_end_unused_and_empty_rooms_and_cut_participants_on_the_clock()
    {
        var t0 = Fake.Clock.UtcNow;
        var unused = (await CreateRoom("UniqueName=unused&UnusedRoomTimeout=2")).Value<string>("sid")!;
        var emptied = (await CreateRoom("UniqueName=emptied&EmptyRoomTimeout=4")).Value<string>("sid")!;
        Fake.Rooms.Connect(emptied, "erin").Disconnect();
        var capped = (await CreateRoom("UniqueName=capped&MaxParticipantDuration=600")).Value<string>("sid")!;
        Fake.Rooms.Connect(capped, "frank");
        var snapshot = Fake.Snapshot();
        Fake.Reset();
        Fake.Restore(snapshot);

        Fake.Clock.Advance(TimeSpan.FromMinutes(2));
        var unusedAfter2Min = Fake.Rooms.Get(unused);
        var emptiedAfter2Min = Fake.Rooms.Get(emptied);
        Fake.Clock.Advance(TimeSpan.FromMinutes(2));
        var frankAfter4Min = Fake.Rooms.ParticipantsOf(capped).Single();
        Fake.Clock.Advance(TimeSpan.FromMinutes(6));
        var frank = Fake.Rooms.ParticipantsOf(capped).Single();

        unusedAfter2Min.Status.Should().Be(VideoRoomStatus.Completed);
        unusedAfter2Min.EndTime.Should().Be(t0.AddMinutes(2));
        emptiedAfter2Min.Status.Should().Be(VideoRoomStatus.InProgress);
        Fake.Rooms.Get(emptied).Status.Should().Be(VideoRoomStatus.Completed);
        Fake.Rooms.Get(emptied).EndTime.Should().Be(t0.AddMinutes(4));
        frankAfter4Min.Status.Should().Be(VideoParticipantStatus.Connected);
        frank.Status.Should().Be(VideoParticipantStatus.Disconnected);
        frank.Duration.Should().Be(600);
        frank.DisconnectError!.Code.Should().Be(53216);
    }

    [Test]
    public async Task Get_state_then_put_state_on_another_fake_round_trips_the_json()
    {
        await Populate();
        var state = await Get("/__fakerooms/state");
        await using var other = await FakeRoomsServer.StartAsync(o => { o.Seed = 7; o.StartTime = Start; });
        using var otherHttp = new HttpClient { BaseAddress = new Uri(other.Url) };

        using var put = await otherHttp.PutAsync("/__fakerooms/state", new StringContent(state.Text, Encoding.UTF8, "application/json"));
        var answer = JObject.Parse(await put.Content.ReadAsStringAsync());
        var again = await otherHttp.GetStringAsync("/__fakerooms/state");

        state.Status.Should().Be(HttpStatusCode.OK);
        put.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.Value<int>("rooms").Should().Be(4);
        answer.Value<int>("participants").Should().Be(5);
        again.Should().Be(state.Text);
        other.RoomsOf(Fake.AccountSid).Get("standup").UniqueName.Should().Be("standup");
    }

    [Test]
    public async Task Put_state_sent_as_curl_form_data_is_read_as_json()
    {
        await Populate();
        var state = (await Get("/__fakerooms/state")).Text;
        Fake.Reset();

        var put = await Send(new HttpRequestMessage(HttpMethod.Put, "/__fakerooms/state")
        {
            Content = new StringContent(state, Encoding.UTF8, "application/x-www-form-urlencoded"),
        });

        put.Status.Should().Be(HttpStatusCode.OK, put.Text);
        Fake.Rooms.Get("standup").Status.Should().Be(VideoRoomStatus.InProgress);
    }

    [Test]
    public async Task Put_state_with_two_in_progress_rooms_of_one_name_returns_20001_and_changes_nothing()
    {
        await Populate();
        var state = JObject.Parse((await Get("/__fakerooms/state")).Text);
        var rooms = (JArray)state["accounts"]![0]!["rooms"]!;
        rooms.OfType<JObject>().First(r => r.Value<string>("unique_name") == "retro" && r.Value<string>("status") == "in-progress")["unique_name"] = "standup";

        var put = await Send(new HttpRequestMessage(HttpMethod.Put, "/__fakerooms/state")
        {
            Content = new StringContent(state.ToString(), Encoding.UTF8, "application/json"),
        });

        put.ShouldBeTwilioError(400, 20001);
        put.Json.Value<string>("message").Should().Contain("two in-progress rooms are named 'standup'");
        Fake.Rooms.Get("retro").Type.Should().Be(VideoRoomType.GroupSmall);
    }

    [Test]
    public async Task Put_state_with_bad_json_or_no_body_returns_20001()
    {
        var bad = await Send(new HttpRequestMessage(HttpMethod.Put, "/__fakerooms/state")
        {
            Content = new StringContent("{\"accounts\": [", Encoding.UTF8, "application/json"),
        });
        var badType = await Send(new HttpRequestMessage(HttpMethod.Put, "/__fakerooms/state")
        {
            Content = new StringContent("{\"time\":\"2026-01-05T09:00:00Z\",\"accounts\":[{\"account_sid\":\"" + Fake.AccountSid +
                                        "\",\"rooms\":[{\"sid\":\"RM00000000000000000000000000000001\",\"type\":\"huge\",\"date_created\":\"2026-01-05T09:00:00Z\",\"sequence\":1}]}]}",
                Encoding.UTF8, "application/json"),
        });
        var empty = await Send(new HttpRequestMessage(HttpMethod.Put, "/__fakerooms/state"));

        bad.ShouldBeTwilioError(400, 20001);
        badType.ShouldBeTwilioError(400, 20001, "Invalid state: accounts[0].rooms[0].type: expected group, group-small, peer-to-peer or go");
        empty.ShouldBeTwilioError(400, 20001, "Missing required parameter state in the request body");
    }
}
