using System.Net;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Control;

/// <summary>
/// The control API for participants, tracks and the clock (<c>/__fakerooms/...</c>): raw HTTP, no credentials, the
/// REST resources' own JSON, the domain's Twilio errors.
/// </summary>
public sealed class ParticipantsControlTests : FakeRoomsTest
{
    private HttpClient _control = null!;
    private string _roomSid = null!;

    [SetUp]
    public async Task CreateRoom()
    {
        _control = NewHttpClient(null, null);
        _roomSid = (await RoomResource.CreateAsync(uniqueName: "ctl", client: Twilio)).Sid;
    }

    [TearDown]
    public void DisposeControlClient() => _control.Dispose();

    private Task<Answer> Control(string path, string body = "") =>
        Send(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        }, _control);

    [Test]
    public async Task Connect_answers_201_with_the_same_json_as_the_rest_participant()
    {
        var created = await Control("/__fakerooms/rooms/ctl/participants", "Identity=alice");

        var sid = created.Json.Value<string>("sid");
        var rest = await Get($"/v1/Rooms/{_roomSid}/Participants/{sid}");
        created.Status.Should().Be(HttpStatusCode.Created);
        created.Json.Value<string>("identity").Should().Be("alice");
        created.Json.Value<string>("status").Should().Be("connected");
        JToken.DeepEquals(created.Json, rest.Json).Should().BeTrue($"control: {created.Text}\nrest: {rest.Text}");
    }

    [Test]
    public async Task Control_calls_need_no_credentials_and_are_not_journaled()
    {
        await Control($"/__fakerooms/rooms/{_roomSid}/participants", "Identity=alice");

        Fake.Calls.Should().ContainSingle("only the SDK's create-room call is the app's traffic");
    }

    [Test]
    public async Task Connect_without_Identity_returns_20001()
    {
        var answer = await Control("/__fakerooms/rooms/ctl/participants");

        answer.ShouldBeTwilioError(400, 20001, "Missing required parameter Identity in the post body");
    }

    [Test]
    public async Task Connect_with_empty_Identity_returns_53200_and_too_long_53201()
    {
        var empty = await Control("/__fakerooms/rooms/ctl/participants", "Identity=");
        var tooLong = await Control("/__fakerooms/rooms/ctl/participants", "Identity=" + new string('x', 129));

        empty.ShouldBeTwilioError(400, 53200, "Participant identity is invalid");
        tooLong.ShouldBeTwilioError(400, 53201, "Participant identity is too long");
    }

    [Test]
    public async Task Connect_to_an_unknown_room_returns_53106_and_to_a_completed_room_53118()
    {
        var unknown = await Control("/__fakerooms/rooms/nowhere/participants", "Identity=alice");
        await RoomResource.UpdateAsync(_roomSid, RoomResource.RoomStatusEnum.Completed, client: Twilio);
        var completed = await Control($"/__fakerooms/rooms/{_roomSid}/participants", "Identity=alice");

        unknown.ShouldBeTwilioError(404, 53106, "Room not found");
        completed.ShouldBeTwilioError(400, 53118, "Room completed");
    }

    [Test]
    public async Task Connect_to_a_full_room_returns_53105()
    {
        var pair = await RoomResource.CreateAsync(uniqueName: "pair", maxParticipants: 2, client: Twilio);
        await Control("/__fakerooms/rooms/pair/participants", "Identity=alice");
        await Control("/__fakerooms/rooms/pair/participants", "Identity=bob");

        var carol = await Control($"/__fakerooms/rooms/{pair.Sid}/participants", "Identity=carol");

        carol.ShouldBeTwilioError(400, 53105, "Room contains too many Participants");
    }

    [Test]
    public async Task Connect_with_a_connected_identity_replaces_the_earlier_participant()
    {
        var first = await Control("/__fakerooms/rooms/ctl/participants", "Identity=alice");
        var second = await Control("/__fakerooms/rooms/ctl/participants", "Identity=alice");

        var earlier = await Get($"/v1/Rooms/{_roomSid}/Participants/{first.Json.Value<string>("sid")}");

        second.Status.Should().Be(HttpStatusCode.Created);
        earlier.Json.Value<string>("status").Should().Be("disconnected");
        Fake.Rooms.ParticipantsOf(_roomSid)[0].DisconnectError!.Code.Should().Be(53205);
    }

    [Test]
    public async Task Disconnect_by_identity_answers_200_with_the_disconnected_participant()
    {
        await Control("/__fakerooms/rooms/ctl/participants", "Identity=alice");
        Fake.Clock.Advance(TimeSpan.FromSeconds(12));

        var left = await Control("/__fakerooms/rooms/ctl/participants/alice/disconnect");

        left.Status.Should().Be(HttpStatusCode.OK);
        left.Json.Value<string>("status").Should().Be("disconnected");
        left.Json.Value<int>("duration").Should().Be(12);
    }

    [Test]
    public async Task Disconnect_of_an_unknown_participant_returns_20404()
    {
        var answer = await Control("/__fakerooms/rooms/ctl/participants/nobody/disconnect");

        answer.ShouldBeTwilioError(404, 20404, "The requested resource /Rooms/ctl/Participants/nobody was not found");
    }

    [Test]
    public async Task Publish_answers_201_with_the_same_json_as_the_rest_published_track()
    {
        var alice = Fake.Rooms.Connect("ctl", identity: "alice");

        var published = await Control("/__fakerooms/rooms/ctl/participants/alice/tracks", "Kind=video&Name=cam");

        var rest = await Get($"/v1/Rooms/{_roomSid}/Participants/{alice.Sid}/PublishedTracks/cam");
        published.Status.Should().Be(HttpStatusCode.Created);
        published.Json.Value<string>("kind").Should().Be("video");
        published.Json.Value<bool>("enabled").Should().BeTrue();
        JToken.DeepEquals(published.Json, rest.Json).Should().BeTrue($"control: {published.Text}\nrest: {rest.Text}");
    }

    [Test]
    public async Task Disable_enable_and_unpublish_by_name_or_sid_answer_200_with_the_track()
    {
        var alice = Fake.Rooms.Connect("ctl", identity: "alice");
        var sid = (await Control($"/__fakerooms/rooms/ctl/participants/{alice.Sid}/tracks", "Kind=audio&Name=mic")).Json.Value<string>("sid");

        var disabled = await Control("/__fakerooms/rooms/ctl/participants/alice/tracks/mic/disable");
        var enabled = await Control($"/__fakerooms/rooms/ctl/participants/alice/tracks/{sid}/enable");
        var removed = await Control("/__fakerooms/rooms/ctl/participants/alice/tracks/mic/unpublish");

        disabled.Status.Should().Be(HttpStatusCode.OK);
        disabled.Json.Value<bool>("enabled").Should().BeFalse();
        enabled.Json.Value<bool>("enabled").Should().BeTrue();
        removed.Status.Should().Be(HttpStatusCode.OK);
        removed.Json.Value<string>("sid").Should().Be(sid);
        alice.PublishedTracks.Should().BeEmpty();
    }

    [Test]
    public async Task Publish_without_Kind_or_Name_returns_20001_and_with_an_unknown_Kind_20001()
    {
        Fake.Rooms.Connect("ctl", identity: "alice");

        var noKind = await Control("/__fakerooms/rooms/ctl/participants/alice/tracks", "Name=mic");
        var noName = await Control("/__fakerooms/rooms/ctl/participants/alice/tracks", "Kind=audio");
        var badKind = await Control("/__fakerooms/rooms/ctl/participants/alice/tracks", "Kind=hologram&Name=x");

        noKind.ShouldBeTwilioError(400, 20001, "Missing required parameter Kind in the post body");
        noName.ShouldBeTwilioError(400, 20001, "Missing required parameter Name in the post body");
        badKind.ShouldBeTwilioError(400, 20001, "Invalid Kind: 'hologram'");
    }

    [Test]
    public async Task Publish_rules_answer_the_domain_codes()
    {
        var audioOnly = await RoomResource.CreateAsync(uniqueName: "radio", audioOnly: true, client: Twilio);
        Fake.Rooms.Connect("radio", identity: "host");
        Fake.Rooms.Connect("ctl", identity: "alice");
        await Control("/__fakerooms/rooms/ctl/participants/alice/tracks", "Kind=audio&Name=mic");

        var video = await Control($"/__fakerooms/rooms/{audioOnly.Sid}/participants/host/tracks", "Kind=video&Name=cam");
        var duplicate = await Control("/__fakerooms/rooms/ctl/participants/alice/tracks", "Kind=audio&Name=mic");
        var emptyName = await Control("/__fakerooms/rooms/ctl/participants/alice/tracks", "Kind=audio&Name=");
        var unknownParticipant = await Control("/__fakerooms/rooms/ctl/participants/nobody/tracks", "Kind=audio&Name=mic");
        var unknownTrack = await Control("/__fakerooms/rooms/ctl/participants/alice/tracks/nothing/disable");

        video.ShouldBeTwilioError(400, 53125, "The track kind is not supported by the Room");
        duplicate.ShouldBeTwilioError(409, 53304, "Track name is duplicated");
        emptyName.ShouldBeTwilioError(400, 53301, "Track name is invalid");
        unknownParticipant.ShouldBeTwilioError(404, 20404);
        unknownTrack.ShouldBeTwilioError(404, 20404);
    }

    [Test]
    public async Task Publish_for_a_disconnected_participant_returns_53204()
    {
        var alice = Fake.Rooms.Connect("ctl", identity: "alice");
        alice.Disconnect();

        var answer = await Control($"/__fakerooms/rooms/ctl/participants/{alice.Sid}/tracks", "Kind=audio&Name=mic");

        answer.ShouldBeTwilioError(404, 53204, "Participant not found");
    }

    [Test]
    public async Task Control_routes_answer_405_20004_to_other_methods()
    {
        var answer = await Send(new HttpRequestMessage(HttpMethod.Get, "/__fakerooms/rooms/ctl/participants"), _control);

        answer.ShouldBeTwilioError(405, 20004, "Method not allowed");
    }

    [Test]
    public async Task A_malformed_AccountSid_returns_20001_and_another_account_has_its_own_rooms()
    {
        var malformed = await Control("/__fakerooms/rooms/ctl/participants", "Identity=alice&AccountSid=nope");
        var otherAccount = await Control("/__fakerooms/rooms/ctl/participants",
            "Identity=alice&AccountSid=AC" + new string('0', 32));

        malformed.ShouldBeTwilioError(400, 20001, "Invalid AccountSid: 'nope'");
        otherAccount.ShouldBeTwilioError(404, 53106);
    }

    [Test]
    public async Task Clock_reads_now_and_advance_moves_it_and_runs_timeouts()
    {
        var before = await Send(new HttpRequestMessage(HttpMethod.Get, "/__fakerooms/clock"), _control);

        var advanced = await Control("/__fakerooms/clock/advance", "Seconds=300");

        before.Status.Should().Be(HttpStatusCode.OK);
        before.Json.Value<bool>("manual").Should().BeTrue();
        var then = DateTimeOffset.Parse(before.Json.Value<string>("now")!, System.Globalization.CultureInfo.InvariantCulture);
        advanced.Status.Should().Be(HttpStatusCode.OK);
        DateTimeOffset.Parse(advanced.Json.Value<string>("now")!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(then.AddSeconds(300));
        Fake.Rooms.Get(_roomSid).Status.Should().Be(VideoRoomStatus.Completed, "UnusedRoomTimeout (5 min) ran out");
    }

    [TestCase("", "Missing required parameter Seconds in the post body")]
    [TestCase("Seconds=-1", "Invalid Seconds: '-1'")]
    [TestCase("Seconds=soon", "Invalid Seconds: 'soon'")]
    [TestCase("Seconds=NaN", "Invalid Seconds: 'NaN'")]
    public async Task Clock_advance_with_a_bad_Seconds_returns_20001(string body, string message)
    {
        var now = Fake.Clock.UtcNow;

        var answer = await Control("/__fakerooms/clock/advance", body);

        answer.ShouldBeTwilioError(400, 20001, message);
        Fake.Clock.UtcNow.Should().Be(now);
    }

    [Test]
    public async Task Story_through_the_control_api_alice_and_bob_join_bob_leaves_the_room_empties_five_minutes_pass()
    {
        await Control("/__fakerooms/rooms/ctl/participants", "Identity=alice");
        await Control("/__fakerooms/rooms/ctl/participants", "Identity=bob");
        await Control("/__fakerooms/clock/advance", "Seconds=60");
        await Control("/__fakerooms/rooms/ctl/participants/bob/disconnect");
        await Control("/__fakerooms/rooms/ctl/participants/alice/disconnect");

        await Control("/__fakerooms/clock/advance", "Seconds=300");

        var room = await RoomResource.FetchAsync(_roomSid, client: Twilio);
        room.Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
        room.Duration.Should().Be(360);
        Fake.Rooms.ParticipantsOf(_roomSid).Should().OnlyContain(p => p.Status == VideoParticipantStatus.Disconnected && p.Duration == 60);
    }
}
