using System.Net;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Tests.Control;

/// <summary>The JSON routes behind the inspector page, and the page's own files.</summary>
public sealed class InspectorApiTests : FakeRoomsTest
{
    private DateTimeOffset _start;

    [SetUp]
    public void NoteTheClock() => _start = Fake.Clock.UtcNow;

    /// <summary>Twilio's date format for a moment this many seconds after the test started (the fixture's clock runs on).</summary>
    private string At(double seconds) =>
        _start.AddSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task Rooms_lists_every_room_newest_first_with_connected_participants()
    {
        var first = (await CreateRoom("UniqueName=first")).Value<string>("sid")!;
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));
        var second = (await CreateRoom("UniqueName=second&Type=group-small")).Value<string>("sid")!;
        Fake.Rooms.Connect(second, "alice");
        Fake.Rooms.Connect(second, "bob");
        Fake.Rooms.Connect(second, "bob-2").Current.Should().NotBeNull();
        await PostForm($"/__fakerooms/rooms/{second}/participants/bob-2/disconnect", "");
        await PostForm($"/v1/Rooms/{first}", "Status=completed");

        var body = (await Get("/__fakerooms/rooms")).Json;
        var inProgress = (await Get("/__fakerooms/rooms?Status=in-progress")).Json;
        var limited = (await Get("/__fakerooms/rooms?Limit=1")).Json;

        body["rooms"]!.Select(r => r.Value<string>("sid")).Should().Equal(second, first);
        var newest = (JObject)body["rooms"]![0]!;
        newest.Value<string>("unique_name").Should().Be("second");
        newest.Value<string>("type").Should().Be("group-small");
        newest.Value<string>("status").Should().Be("in-progress");
        newest.Value<string>("account_sid").Should().Be(Fake.AccountSid);
        newest.Value<string>("date_created").Should().Be(At(10));
        newest.Value<int>("participants_connected").Should().Be(2);
        newest.Value<int>("participants_total").Should().Be(3);
        newest["identities"]!.Values<string>().Should().Equal("alice", "bob");
        body["rooms"]![1]!.Value<string>("status").Should().Be("completed");
        body.Value<int>("total").Should().Be(2);
        body.Value<int>("in_progress").Should().Be(1);
        body.Value<string>("now").Should().Be(At(10));
        body.Value<bool>("manual_clock").Should().BeTrue();
        inProgress["rooms"]!.Select(r => r.Value<string>("sid")).Should().Equal(second);
        limited["rooms"]!.Select(r => r.Value<string>("sid")).Should().Equal(second);
        limited.Value<int>("total").Should().Be(2);
    }

    [Test]
    public async Task Room_by_name_finds_only_the_in_progress_room_of_that_name()
    {
        var sid = (await CreateRoom("UniqueName=standup")).Value<string>("sid")!;

        (await Get("/__fakerooms/rooms/standup")).Json["room"]!.Value<string>("sid").Should().Be(sid);
        await PostForm($"/v1/Rooms/{sid}", "Status=completed");
        // As on Twilio, a name finds only an in-progress room (FetchRoom by UniqueName).
        (await Get("/__fakerooms/rooms/standup")).ShouldBeTwilioError(404, 20404);
        (await Get($"/__fakerooms/rooms/{sid}")).Json["room"]!.Value<string>("status").Should().Be("completed");
    }

    [Test]
    public async Task Room_timeline_lists_events_in_order_with_their_times()
    {
        var sid = (await CreateRoom("UniqueName=standup")).Value<string>("sid")!;
        Fake.Clock.Advance(TimeSpan.FromSeconds(5));
        var alice = Fake.Rooms.Connect(sid, "alice");
        Fake.Clock.Advance(TimeSpan.FromSeconds(5));
        alice.Publish(VideoTrackKind.Video, "camera");
        Fake.Clock.Advance(TimeSpan.FromSeconds(50));
        await PostForm($"/__fakerooms/rooms/{sid}/participants/alice/disconnect", "");
        Fake.Clock.Advance(TimeSpan.FromMinutes(6));

        var body = (await Get($"/__fakerooms/rooms/{sid}")).Json;

        body["room"]!.Value<string>("status").Should().Be("completed");
        body["resource"]!.Value<string>("sid").Should().Be(sid);
        var participant = (JObject)body["participants"]!.Single();
        participant.Value<string>("identity").Should().Be("alice");
        participant.Value<string>("status").Should().Be("disconnected");
        participant.Value<string>("start_time").Should().Be(At(5));
        participant.Value<int>("duration").Should().Be(55);
        body["timeline"]!.Select(t => $"{t.Value<string>("time")} {t.Value<string>("event")}: {t.Value<string>("text")}").Should().Equal(
            $"{At(0)} room-created: Room created (group), status in-progress",
            $"{At(5)} participant-connected: alice joined",
            $"{At(10)} track-added: alice published video track 'camera'",
            $"{At(60)} track-removed: alice unpublished video track 'camera'",
            $"{At(60)} participant-disconnected: alice left",
            $"{At(360)} room-ended: Room ended, status completed");
        body["timeline"]!.Select(t => t.Value<string>("source")).Should().OnlyContain(s => s == "event");
    }

    [Test]
    public async Task A_restored_room_takes_its_timeline_from_its_state()
    {
        var sid = (await CreateRoom("UniqueName=standup")).Value<string>("sid")!;
        Fake.Clock.Advance(TimeSpan.FromSeconds(5));
        Fake.Rooms.Connect(sid, "alice");
        var snapshot = Fake.Snapshot();
        Fake.Reset();
        Fake.Restore(snapshot);

        var body = (await Get($"/__fakerooms/rooms/{sid}")).Json;

        body["timeline"]!.Select(t => $"{t.Value<string>("time")} {t.Value<string>("event")} {t.Value<string>("source")}").Should().Equal(
            $"{At(0)} room-created state",
            $"{At(5)} participant-connected state");
    }

    [Test]
    public async Task Reset_forgets_the_timeline_of_the_rooms_it_removes()
    {
        var sid = (await CreateRoom("UniqueName=standup")).Value<string>("sid")!;
        Fake.Reset();

        (await Get($"/__fakerooms/rooms/{sid}")).ShouldBeTwilioError(404, 20404);
        (await Get("/__fakerooms/rooms")).Json["rooms"]!.Should().BeEmpty();
    }

    [Test]
    public async Task Calls_after_a_sequence_and_limited_to_the_newest_for_polling()
    {
        for (var i = 0; i < 5; i++)
            await CreateRoom($"UniqueName=r{i}");
        var all = (await Get("/__fakerooms/calls")).Json["calls"]!.Select(c => c.Value<long>("sequence")).ToList();

        var after = (await Get($"/__fakerooms/calls?After={all[2]}")).Json;
        var newest = (await Get("/__fakerooms/calls?Limit=2")).Json;

        after["calls"]!.Select(c => c.Value<long>("sequence")).Should().Equal(all[3], all[4]);
        newest["calls"]!.Select(c => c.Value<long>("sequence")).Should().Equal(all[3], all[4]);
        newest.Value<int>("matching").Should().Be(5);
    }

    [Test]
    public async Task Each_call_lists_its_contract_findings()
    {
        (await PostForm("/v1/Rooms", "UniqueNmae=typo&Type=Group")).ShouldBeTwilioError(400, 53108);
        await CreateRoom("UniqueName=fine");

        var calls = (await Get("/__fakerooms/calls")).Json["calls"]!;

        calls[0]!["findings"]!.Select(f => $"{f.Value<string>("rule")} {f.Value<string>("parameter")}").Should()
            .Contain(["unknown-parameter UniqueNmae", "enum-case Type"]);
        calls[1]!["findings"]!.Should().BeEmpty();
    }

    [Test]
    public async Task Call_detail_has_the_request_and_the_rebuilt_response()
    {
        var sid = (await CreateRoom("UniqueName=standup")).Value<string>("sid")!;
        (await PostForm("/v1/Rooms", "UniqueName=standup")).ShouldBeTwilioError(400, 53113);
        var sequences = (await Get("/__fakerooms/calls")).Json["calls"]!.Select(c => c.Value<long>("sequence")).ToList();

        var created = (await Get($"/__fakerooms/calls/{sequences[0]}")).Json;
        var refused = (await Get($"/__fakerooms/calls/{sequences[1]}")).Json;

        created["form"]!["UniqueName"]!.Values<string>().Should().Equal("standup");
        created["response"]!.Value<int>("status").Should().Be(201);
        created["response"]!["body"]!.Value<string>("sid").Should().Be(sid);
        created["response"]!["body"]!.Value<string>("date_created").Should().Be(At(0));
        refused["response"]!["body"]!.Value<int>("code").Should().Be(53113);
        refused["response"]!["body"]!.Value<string>("message").Should().Be("Room exists");
        refused["response"]!["body"]!.Value<int>("status").Should().Be(400);
    }

    [Test]
    public async Task The_page_and_its_files_are_served_from_the_assembly_with_a_strict_policy()
    {
        var page = await Get("/__fakerooms/ui");
        var script = await Get("/__fakerooms/ui/app.js");
        var style = await Get("/__fakerooms/ui/app.css");

        page.Status.Should().Be(HttpStatusCode.OK);
        page.MediaType.Should().Be("text/html");
        page.Text.Should().Contain("<title>FakeRooms inspector</title>").And.Contain("ui/app.js").And.NotContain("http");
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'").And.Contain("script-src 'self'");
        script.MediaType.Should().Be("text/javascript");
        script.Text.Should().NotContain("innerHTML =").And.NotContain("insertAdjacentHTML").And.NotContain("eval(");
        style.MediaType.Should().Be("text/css");
        Fake.InspectorUrl.Should().Be(Fake.Url + "/__fakerooms/ui");
        (await Get("/__fakerooms/calls")).Json.Value<int>("count").Should().Be(0, "the page is not the app's traffic");
    }

    [TestCase("/__fakerooms/ui/secrets.txt", 404, 20404)]
    [TestCase("/__fakerooms/ui/..%2Fstate", 404, 20404)]
    [TestCase("/__fakerooms/rooms/RM00000000000000000000000000000000", 404, 20404)]
    [TestCase("/__fakerooms/rooms?Status=Completed", 400, 20001)]
    [TestCase("/__fakerooms/rooms?Limit=0", 400, 20001)]
    [TestCase("/__fakerooms/rooms?Limit=1001", 400, 20001)]
    [TestCase("/__fakerooms/calls?After=-1", 400, 20001)]
    [TestCase("/__fakerooms/calls?After=soon", 400, 20001)]
    [TestCase("/__fakerooms/calls?Limit=0", 400, 20001)]
    [TestCase("/__fakerooms/calls?Limit=10001", 400, 20001)]
    [TestCase("/__fakerooms/calls/abc", 400, 20001)]
    [TestCase("/__fakerooms/calls/999999", 404, 20404)]
    [TestCase("/__fakerooms/callbacks?After=x", 400, 20001)]
    [TestCase("/__fakerooms/callbacks?Limit=0", 400, 20001)]
    public async Task Bad_inspector_requests_get_Twilio_errors(string path, int status, int code) =>
        (await Get(path)).ShouldBeTwilioError(status, code);
}
