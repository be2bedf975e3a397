using System.Net;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;
using Twilio.Rest.Video.V1.Room.Participant;

namespace FakeRooms.Tests.Participants;

/// <summary>
/// The Participants resource (FACTS §3.1) and Anonymize (§3.2) through the official SDK and raw HTTP, with
/// participants that joined through the simulated-participant API.
/// </summary>
public sealed class ParticipantResourceTests : FakeRoomsTest
{
    private RoomResource _room = null!;

    [SetUp]
    public async Task CreateRoom() => _room = await RoomResource.CreateAsync(uniqueName: "meeting", client: Twilio);

    [Test]
    public async Task Participant_json_has_every_spec_property_in_order_with_null_end_time_and_duration_while_connected()
    {
        var alice = Fake.Rooms.Connect("meeting", identity: "alice");

        var answer = await Get($"/v1/Rooms/{_room.Sid}/Participants/{alice.Sid}");

        answer.Status.Should().Be(HttpStatusCode.OK);
        var json = answer.Json;
        json.Properties().Select(p => p.Name).Should().Equal("sid", "room_sid", "account_sid", "status", "identity",
            "date_created", "date_updated", "start_time", "end_time", "duration", "url", "links");
        json.Value<string>("sid").Should().MatchRegex("^PA[0-9a-f]{32}$").And.Be(alice.Sid);
        json.Value<string>("room_sid").Should().Be(_room.Sid);
        json.Value<string>("account_sid").Should().Be(Fake.AccountSid);
        json.Value<string>("status").Should().Be("connected");
        json.Value<string>("identity").Should().Be("alice");
        json.Value<string>("start_time").Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        json["end_time"]!.Type.Should().Be(JTokenType.Null);
        json["duration"]!.Type.Should().Be(JTokenType.Null);
        var url = $"{Fake.Url}/v1/Rooms/{_room.Sid}/Participants/{alice.Sid}";
        json.Value<string>("url").Should().Be(url);
        ((JObject)json["links"]!).Properties().Select(p => (p.Name, (string?)p.Value)).Should().Equal(
            ("published_tracks", url + "/PublishedTracks"),
            ("subscribed_tracks", url + "/SubscribedTracks"),
            ("subscribe_rules", url + "/SubscribeRules"),
            ("anonymize", url + "/Anonymize"));
    }

    [Test]
    public async Task List_defaults_to_connected_participants_of_an_in_progress_room()
    {
        Fake.Rooms.Connect("meeting", identity: "alice");
        Fake.Rooms.Connect("meeting", identity: "bob").Disconnect();

        var connected = await ParticipantResource.ReadAsync(_room.Sid, client: Twilio);
        var disconnected = await ParticipantResource.ReadAsync(_room.Sid, status: ParticipantResource.StatusEnum.Disconnected, client: Twilio);

        connected.Select(p => p.Identity).Should().Equal("alice");
        disconnected.Select(p => p.Identity).Should().Equal("bob");
    }

    [Test]
    public async Task List_of_a_completed_room_returns_only_disconnected_participants()
    {
        Fake.Rooms.Connect("meeting", identity: "alice");
        await RoomResource.UpdateAsync(_room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);

        var byDefault = await ParticipantResource.ReadAsync(_room.Sid, client: Twilio);
        var askedConnected = await ParticipantResource.ReadAsync(_room.Sid, status: ParticipantResource.StatusEnum.Connected, client: Twilio);

        byDefault.Select(p => (p.Identity, p.Status)).Should().Equal(("alice", ParticipantResource.StatusEnum.Disconnected));
        askedConnected.Should().BeEmpty();
    }

    [Test]
    public async Task List_filters_by_Identity_and_the_filter_is_kept_in_page_urls()
    {
        Fake.Rooms.Connect("meeting", identity: "alice").Disconnect();
        var second = Fake.Rooms.Connect("meeting", identity: "alice");
        Fake.Rooms.Connect("meeting", identity: "bob");

        var connectedAlice = await ParticipantResource.ReadAsync(_room.Sid, identity: "alice", client: Twilio);
        var answer = await Get($"/v1/Rooms/{_room.Sid}/Participants?Identity=alice&Status=disconnected");

        connectedAlice.Select(p => p.Sid).Should().Equal(second.Sid);
        answer.Json["participants"]!.Select(p => (string?)p["identity"]).Should().Equal("alice");
        answer.Json["participants"]![0]!.Value<string>("sid").Should().NotBe(second.Sid);
        answer.Json["meta"]!.Value<string>("url").Should().Be(
            $"{Fake.Url}/v1/Rooms/{_room.Sid}/Participants?Status=disconnected&Identity=alice&PageSize=50&Page=0");
    }

    [Test]
    public async Task List_pages_newest_first_and_the_sdk_follows_next_page_url_to_the_end()
    {
        var joined = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            joined.Add(Fake.Rooms.Connect("meeting", identity: $"p{i}").Sid);
            Fake.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await Get($"/v1/Rooms/meeting/Participants?PageSize=2");
        var all = await ParticipantResource.ReadAsync(_room.Sid, pageSize: 2, client: Twilio);

        var meta = first.Json["meta"]!;
        meta.Value<string>("key").Should().Be("participants");
        meta.Value<int>("page_size").Should().Be(2);
        meta["previous_page_url"]!.Type.Should().Be(JTokenType.Null);
        meta.Value<string>("next_page_url").Should().StartWith(
            $"{Fake.Url}/v1/Rooms/{_room.Sid}/Participants?PageSize=2&Page=1&PageToken=PA");
        first.Json["participants"]!.Select(p => (string?)p["identity"]).Should().Equal("p4", "p3");
        all.Select(p => p.Sid).Should().Equal(Enumerable.Reverse(joined));
    }

    [Test]
    public async Task List_of_an_unknown_room_returns_20404()
    {
        var act = () => ParticipantResource.ReadAsync("RM00000000000000000000000000000000", client: Twilio);

        await act.ShouldFailWithApiError(404, 20404, "The requested resource /Rooms/RM00000000000000000000000000000000 was not found");
    }

    [Test]
    public async Task List_with_an_unknown_Status_returns_20001()
    {
        var answer = await Get($"/v1/Rooms/{_room.Sid}/Participants?Status=sleeping");

        answer.ShouldBeTwilioError(400, 20001);
    }

    [Test]
    public async Task Fetch_by_identity_finds_only_connected_participants_and_by_sid_any()
    {
        var alice = Fake.Rooms.Connect("meeting", identity: "alice");
        var byIdentity = await ParticipantResource.FetchAsync("meeting", "alice", client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(42));
        alice.Disconnect();

        var bySid = await ParticipantResource.FetchAsync(_room.Sid, alice.Sid, client: Twilio);
        var byIdentityAfter = () => ParticipantResource.FetchAsync(_room.Sid, "alice", client: Twilio);

        byIdentity.Sid.Should().Be(alice.Sid);
        bySid.Status.Should().Be(ParticipantResource.StatusEnum.Disconnected);
        bySid.Duration.Should().Be(42);
        bySid.EndTime.Should().Be(bySid.StartTime!.Value.AddSeconds(42));
        bySid.DateUpdated.Should().Be(bySid.EndTime);
        await byIdentityAfter.ShouldFailWithApiError(404, 20404,
            $"The requested resource /Rooms/{_room.Sid}/Participants/alice was not found");
    }

    [Test]
    public async Task Kick_by_identity_returns_202_and_disconnects_the_participant()
    {
        var alice = Fake.Rooms.Connect("meeting", identity: "alice");
        Fake.Clock.Advance(TimeSpan.FromSeconds(5));

        var kicked = await ParticipantResource.UpdateAsync("meeting", "alice", ParticipantResource.StatusEnum.Disconnected, client: Twilio);
        var call = Fake.Calls.Last();

        kicked.Sid.Should().Be(alice.Sid);
        kicked.Status.Should().Be(ParticipantResource.StatusEnum.Disconnected);
        kicked.Duration.Should().Be(5);
        call.StatusCode.Should().Be(202);
        alice.Current.DisconnectError.Should().BeNull("Twilio documents no client error code for a REST kick");
        (await ParticipantResource.ReadAsync(_room.Sid, client: Twilio)).Should().BeEmpty();
    }

    [Test]
    public async Task Kick_by_sid_over_raw_http_returns_202_with_the_participant_json()
    {
        var bob = Fake.Rooms.Connect("meeting", identity: "bob");

        var answer = await PostForm($"/v1/Rooms/{_room.Sid}/Participants/{bob.Sid}", "Status=disconnected");

        answer.Status.Should().Be(HttpStatusCode.Accepted);
        answer.Json.Value<string>("status").Should().Be("disconnected");
        answer.Json.Value<int>("duration").Should().Be(0);
    }

    [Test]
    public async Task Kick_without_Status_returns_20001_missing_parameter()
    {
        Fake.Rooms.Connect("meeting", identity: "alice");

        var answer = await PostForm($"/v1/Rooms/{_room.Sid}/Participants/alice", "");

        answer.ShouldBeTwilioError(400, 20001, "Missing required parameter Status in the post body");
    }

    [Test]
    public async Task Kick_with_Status_connected_returns_20001_and_leaves_the_participant_connected()
    {
        var alice = Fake.Rooms.Connect("meeting", identity: "alice");

        var act = () => ParticipantResource.UpdateAsync(_room.Sid, "alice", ParticipantResource.StatusEnum.Connected, client: Twilio);

        await act.ShouldFailWithApiError(400, 20001);
        alice.Current.Status.Should().Be(VideoParticipantStatus.Connected);
    }

    [Test]
    public async Task Kick_of_an_unknown_identity_returns_20404()
    {
        var act = () => ParticipantResource.UpdateAsync(_room.Sid, "nobody", ParticipantResource.StatusEnum.Disconnected, client: Twilio);

        await act.ShouldFailWithApiError(404, 20404);
    }

    [Test]
    public async Task Kicking_the_last_participant_starts_EmptyRoomTimeout()
    {
        Fake.Rooms.Connect("meeting", identity: "alice");
        await ParticipantResource.UpdateAsync(_room.Sid, "alice", ParticipantResource.StatusEnum.Disconnected, client: Twilio);

        Fake.Clock.Advance(TimeSpan.FromMinutes(5));

        (await RoomResource.FetchAsync(_room.Sid, client: Twilio)).Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
    }

    [Test]
    public async Task Anonymize_replaces_the_identity_with_the_sid_and_answers_200_without_links()
    {
        var alice = Fake.Rooms.Connect("meeting", identity: "alice");

        var anonymized = await AnonymizeResource.UpdateAsync(_room.Sid, alice.Sid, client: Twilio);
        var raw = await PostForm($"/v1/Rooms/{_room.Sid}/Participants/{alice.Sid}/Anonymize", "");
        var byOldIdentity = () => ParticipantResource.FetchAsync(_room.Sid, "alice", client: Twilio);

        anonymized.Identity.Should().Be(alice.Sid);
        anonymized.Status.Should().Be(AnonymizeResource.StatusEnum.Connected);
        raw.Status.Should().Be(HttpStatusCode.OK);
        raw.Json.Properties().Select(p => p.Name).Should().Equal("sid", "room_sid", "account_sid", "status", "identity",
            "date_created", "date_updated", "start_time", "end_time", "duration", "url");
        raw.Json.Value<string>("url").Should().Be($"{Fake.Url}/v1/Rooms/{_room.Sid}/Participants/{alice.Sid}/Anonymize");
        (await ParticipantResource.FetchAsync(_room.Sid, alice.Sid, client: Twilio)).Identity.Should().Be(alice.Sid);
        await byOldIdentity.ShouldFailWithApiError(404, 20404);
    }

    [Test]
    public async Task Anonymize_works_on_a_disconnected_participant_of_a_completed_room()
    {
        var alice = Fake.Rooms.Connect("meeting", identity: "alice");
        await RoomResource.UpdateAsync(_room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);

        var anonymized = await AnonymizeResource.UpdateAsync(_room.Sid, alice.Sid, client: Twilio);

        anonymized.Identity.Should().Be(alice.Sid);
        anonymized.Status.Should().Be(AnonymizeResource.StatusEnum.Disconnected);
        anonymized.Duration.Should().Be(0);
    }

    [Test]
    public async Task Anonymize_of_an_unknown_participant_returns_20404()
    {
        var act = () => AnonymizeResource.UpdateAsync(_room.Sid, "PA00000000000000000000000000000000", client: Twilio);

        await act.ShouldFailWithApiError(404, 20404);
    }
}
