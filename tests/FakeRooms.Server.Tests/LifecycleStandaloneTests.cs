using System.Net;
using System.Text;
using FakeRooms.Server.Tests.Support;
using Newtonsoft.Json.Linq;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;

namespace FakeRooms.Server.Tests;

/// <summary>
/// The room lifecycle driven from outside the process, as a test in any language would: the standalone server on a
/// manual clock (<c>--clock manual</c>), participants through the control API, reads through the Twilio SDK.
/// </summary>
public sealed class LifecycleStandaloneTests : ManualClockServerTest
{
    private async Task<(HttpStatusCode Status, JObject Json)> Post(string path, string body = "")
    {
        using var response = await PostForm(path, body);
        return (response.StatusCode, JObject.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Test]
    public async Task Story_alice_and_bob_join_bob_leaves_the_room_empties_five_minutes_pass_the_room_is_completed()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "standup", client: Twilio);
        (await Post("/__fakerooms/rooms/standup/participants", "Identity=alice")).Status.Should().Be(HttpStatusCode.Created);
        (await Post("/__fakerooms/rooms/standup/participants", "Identity=bob")).Status.Should().Be(HttpStatusCode.Created);
        await Post("/__fakerooms/clock/advance", "Seconds=120");
        await Post("/__fakerooms/rooms/standup/participants/bob/disconnect");
        await Post("/__fakerooms/clock/advance", "Seconds=60");
        await Post("/__fakerooms/rooms/standup/participants/alice/disconnect");

        await Post("/__fakerooms/clock/advance", "Seconds=299");
        var oneSecondBefore = await RoomResource.FetchAsync("standup", client: Twilio);
        await Post("/__fakerooms/clock/advance", "Seconds=1");
        var ended = await RoomResource.FetchAsync(room.Sid, client: Twilio);
        var people = await ParticipantResource.ReadAsync(room.Sid, client: Twilio);

        oneSecondBefore.Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
        ended.Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
        ended.Duration.Should().Be(480);
        ended.EndTime.Should().Be(room.DateCreated!.Value.AddSeconds(480));
        people.Select(p => (p.Identity, p.Status.ToString(), p.Duration)).Should().Equal(
            ("bob", "disconnected", 120), ("alice", "disconnected", 180));
    }

    [Test]
    public async Task Tracks_published_through_theControl_api_read_back_through_the_sdk()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "studio", client: Twilio);
        var alice = (await Post("/__fakerooms/rooms/studio/participants", "Identity=alice")).Json;
        var bob = (await Post($"/__fakerooms/rooms/{room.Sid}/participants", "Identity=bob")).Json;

        var mic = await Post("/__fakerooms/rooms/studio/participants/alice/tracks", "Kind=audio&Name=mic");
        await Post("/__fakerooms/rooms/studio/participants/alice/tracks/mic/disable");
        var published = await global::Twilio.Rest.Video.V1.Room.Participant.PublishedTrackResource.FetchAsync(
            room.Sid, alice.Value<string>("sid"), "mic", client: Twilio);
        var subscribed = await global::Twilio.Rest.Video.V1.Room.Participant.SubscribedTrackResource.ReadAsync(
            room.Sid, bob.Value<string>("sid"), client: Twilio);

        mic.Status.Should().Be(HttpStatusCode.Created);
        alice.Value<string>("url").Should().Be($"{Server.Url}/v1/Rooms/{room.Sid}/Participants/{alice.Value<string>("sid")}");
        published.Sid.Should().Be(mic.Json.Value<string>("sid"));
        published.Enabled.Should().BeFalse();
        subscribed.Select(t => (t.Name, t.PublisherSid, t.Enabled)).Should().Equal(("mic", alice.Value<string>("sid")!, (bool?)false));
    }

    [Test]
    public async Task Control_api_errors_carry_theTwilio_code_and_status_over_the_wire()
    {
        await RoomResource.CreateAsync(uniqueName: "pair", maxParticipants: 2, client: Twilio);
        await Post("/__fakerooms/rooms/pair/participants", "Identity=alice");
        await Post("/__fakerooms/rooms/pair/participants", "Identity=bob");

        var full = await Post("/__fakerooms/rooms/pair/participants", "Identity=carol");
        var unknown = await Post("/__fakerooms/rooms/nowhere/participants", "Identity=carol");

        full.Status.Should().Be(HttpStatusCode.BadRequest);
        full.Json.Value<int>("code").Should().Be(53105);
        full.Json.Value<int>("status").Should().Be(400);
        unknown.Status.Should().Be(HttpStatusCode.NotFound);
        unknown.Json.Value<int>("code").Should().Be(53106);
    }

    [Test]
    public async Task Kick_through_the_sdk_against_the_standaloneServer_returns_the_disconnected_participant()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "kick", client: Twilio);
        await Post("/__fakerooms/rooms/kick/participants", "Identity=alice");

        var kicked = await ParticipantResource.UpdateAsync("kick", "alice", ParticipantResource.StatusEnum.Disconnected, client: Twilio);
        var again = () => ParticipantResource.FetchAsync(room.Sid, "alice", client: Twilio);

        kicked.Status.Should().Be(ParticipantResource.StatusEnum.Disconnected);
        var error = (await again.Should().ThrowAsync<ApiException>()).Which;
        error.Code.Should().Be(20404);
        error.Status.Should().Be(404);
    }
}

/// <summary>Without <c>--clock manual</c> the standalone server runs on the system clock, which nobody can move.</summary>
public sealed class RealClockStandaloneTests
{
    [Test]
    public async Task Advancing_a_real_clock_returns_400_20001_and_the_clock_says_it_is_not_manual()
    {
        await using var server = await StandaloneServer.StartAsync("--quiet");
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };

        using var clock = await http.GetAsync("/__fakerooms/clock");
        using var advance = await http.PostAsync("/__fakerooms/clock/advance",
            new StringContent("Seconds=60", Encoding.UTF8, "application/x-www-form-urlencoded"));

        clock.StatusCode.Should().Be(HttpStatusCode.OK);
        JObject.Parse(await clock.Content.ReadAsStringAsync()).Value<bool>("manual").Should().BeFalse();
        advance.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = JObject.Parse(await advance.Content.ReadAsStringAsync());
        error.Value<int>("code").Should().Be(20001);
        error.Value<int>("status").Should().Be(400);
        error.Value<string>("message").Should().Be("The clock is not manual: start the server with --clock manual");
        error.Value<string>("more_info").Should().Be("https://www.twilio.com/docs/errors/20001");
    }
}
