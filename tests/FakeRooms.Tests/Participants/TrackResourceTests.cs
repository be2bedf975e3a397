using System.Net;
using FakeRooms.Tests.Support;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room.Participant;

namespace FakeRooms.Tests.Participants;

/// <summary>PublishedTracks (FACTS §3.3) and SubscribedTracks (§3.4) through the SDK, and the publish rules.</summary>
public sealed class TrackResourceTests : FakeRoomsTest
{
    private RoomResource _room = null!;

    [SetUp]
    public async Task CreateRoom() => _room = await RoomResource.CreateAsync(uniqueName: "studio", client: Twilio);

    [Test]
    public async Task Published_tracks_read_newest_first_and_fetch_by_sid_and_by_name()
    {
        var alice = Fake.Rooms.Connect("studio", identity: "alice");
        var mic = alice.Publish(VideoTrackKind.Audio, "mic");
        Fake.Clock.Advance(TimeSpan.FromSeconds(1));
        var cam = alice.Publish(VideoTrackKind.Video, "cam");
        alice.Publish(VideoTrackKind.Data, "chat");

        var all = await PublishedTrackResource.ReadAsync(_room.Sid, alice.Sid, client: Twilio);
        var bySid = await PublishedTrackResource.FetchAsync(_room.Sid, alice.Sid, mic.Sid, client: Twilio);
        var byName = await PublishedTrackResource.FetchAsync("studio", "alice", "cam", client: Twilio);

        all.Select(t => (t.Name, t.Kind.ToString())).Should().Equal(("chat", "data"), ("cam", "video"), ("mic", "audio"));
        bySid.Sid.Should().MatchRegex("^MT[0-9a-f]{32}$").And.Be(mic.Sid);
        bySid.ParticipantSid.Should().Be(alice.Sid);
        bySid.RoomSid.Should().Be(_room.Sid);
        bySid.Enabled.Should().BeTrue();
        bySid.Url.Should().Be(new Uri($"{Fake.Url}/v1/Rooms/{_room.Sid}/Participants/{alice.Sid}/PublishedTracks/{mic.Sid}"));
        byName.Sid.Should().Be(cam.Sid);
    }

    [Test]
    public async Task Published_track_json_has_every_spec_property_in_order()
    {
        var alice = Fake.Rooms.Connect("studio", identity: "alice");
        var mic = alice.Publish(VideoTrackKind.Audio, "mic");

        var answer = await Get($"/v1/Rooms/{_room.Sid}/Participants/{alice.Sid}/PublishedTracks/{mic.Sid}");

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.Json.Properties().Select(p => p.Name).Should().Equal(
            "sid", "participant_sid", "room_sid", "name", "date_created", "date_updated", "enabled", "kind", "url");
    }

    [Test]
    public async Task Disable_and_enable_show_in_enabled_and_date_updated()
    {
        var alice = Fake.Rooms.Connect("studio", identity: "alice");
        alice.Publish(VideoTrackKind.Video, "cam");
        Fake.Clock.Advance(TimeSpan.FromSeconds(3));

        alice.Disable("cam");
        var paused = await PublishedTrackResource.FetchAsync(_room.Sid, alice.Sid, "cam", client: Twilio);
        alice.Enable("cam");
        var resumed = await PublishedTrackResource.FetchAsync(_room.Sid, alice.Sid, "cam", client: Twilio);

        paused.Enabled.Should().BeFalse();
        paused.DateUpdated.Should().Be(paused.DateCreated!.Value.AddSeconds(3));
        resumed.Enabled.Should().BeTrue();
    }

    [Test]
    public async Task Unpublished_track_is_gone_with_20404()
    {
        var alice = Fake.Rooms.Connect("studio", identity: "alice");
        var mic = alice.Publish(VideoTrackKind.Audio, "mic");

        alice.Unpublish("mic");
        var act = () => PublishedTrackResource.FetchAsync(_room.Sid, alice.Sid, mic.Sid, client: Twilio);

        await act.ShouldFailWithApiError(404, 20404,
            $"The requested resource /Rooms/{_room.Sid}/Participants/{alice.Sid}/PublishedTracks/{mic.Sid} was not found");
        (await PublishedTrackResource.ReadAsync(_room.Sid, alice.Sid, client: Twilio)).Should().BeEmpty();
    }

    [Test]
    public async Task Published_tracks_of_an_unknown_participant_return_20404()
    {
        var act = () => PublishedTrackResource.ReadAsync(_room.Sid, "PA00000000000000000000000000000000", client: Twilio);

        await act.ShouldFailWithApiError(404, 20404);
    }

    [Test]
    public async Task Every_other_connected_participant_subscribes_to_each_published_track()
    {
        var alice = Fake.Rooms.Connect("studio", identity: "alice");
        var bob = Fake.Rooms.Connect("studio", identity: "bob");
        var carol = Fake.Rooms.Connect("studio", identity: "carol");
        var mic = alice.Publish(VideoTrackKind.Audio, "mic");
        var cam = alice.Publish(VideoTrackKind.Video, "cam");
        var bobMic = bob.Publish(VideoTrackKind.Audio, "mic");

        var bobs = await SubscribedTrackResource.ReadAsync(_room.Sid, bob.Sid, client: Twilio);
        var carols = await SubscribedTrackResource.ReadAsync(_room.Sid, carol.Sid, client: Twilio);
        var alices = await SubscribedTrackResource.ReadAsync(_room.Sid, alice.Sid, client: Twilio);
        var one = await SubscribedTrackResource.FetchAsync(_room.Sid, carol.Sid, cam.Sid, client: Twilio);

        bobs.Select(t => (t.Sid, t.PublisherSid, t.ParticipantSid)).Should().BeEquivalentTo(new[]
        {
            (mic.Sid, alice.Sid, bob.Sid), (cam.Sid, alice.Sid, bob.Sid),
        });
        carols.Select(t => t.Sid).Should().BeEquivalentTo([mic.Sid, cam.Sid, bobMic.Sid]);
        alices.Select(t => t.Sid).Should().Equal(bobMic.Sid);
        one.Name.Should().Be("cam");
        one.Kind.Should().Be(SubscribedTrackResource.KindEnum.Video);
        one.PublisherSid.Should().Be(alice.Sid);
        one.Url.Should().Be(new Uri($"{Fake.Url}/v1/Rooms/{_room.Sid}/Participants/{carol.Sid}/SubscribedTracks/{cam.Sid}"));
    }

    [Test]
    public async Task Subscribed_track_json_has_every_spec_property_in_order()
    {
        var alice = Fake.Rooms.Connect("studio", identity: "alice");
        var bob = Fake.Rooms.Connect("studio", identity: "bob");
        var mic = alice.Publish(VideoTrackKind.Audio, "mic");

        var answer = await Get($"/v1/Rooms/{_room.Sid}/Participants/{bob.Sid}/SubscribedTracks");

        answer.Json["meta"]!.Value<string>("key").Should().Be("subscribed_tracks");
        var track = (Newtonsoft.Json.Linq.JObject)answer.Json["subscribed_tracks"]![0]!;
        track.Properties().Select(p => p.Name).Should().Equal("sid", "participant_sid", "publisher_sid", "room_sid", "name",
            "date_created", "date_updated", "enabled", "kind", "url");
        track.Value<string>("sid").Should().Be(mic.Sid);
    }

    [Test]
    public async Task Subscriptions_follow_enable_unpublish_and_leave()
    {
        var alice = Fake.Rooms.Connect("studio", identity: "alice");
        var bob = Fake.Rooms.Connect("studio", identity: "bob");
        var mic = alice.Publish(VideoTrackKind.Audio, "mic");
        alice.Publish(VideoTrackKind.Video, "cam");

        alice.Disable("mic");
        var paused = await SubscribedTrackResource.FetchAsync(_room.Sid, bob.Sid, mic.Sid, client: Twilio);
        alice.Unpublish("cam");
        var afterUnpublish = await SubscribedTrackResource.ReadAsync(_room.Sid, bob.Sid, client: Twilio);
        alice.Disconnect();
        var afterLeave = await SubscribedTrackResource.ReadAsync(_room.Sid, bob.Sid, client: Twilio);
        var gone = () => SubscribedTrackResource.FetchAsync(_room.Sid, bob.Sid, mic.Sid, client: Twilio);

        paused.Enabled.Should().BeFalse();
        afterUnpublish.Select(t => t.Sid).Should().Equal(mic.Sid);
        afterLeave.Should().BeEmpty();
        await gone.ShouldFailWithApiError(404, 20404);
    }

    [Test]
    public void Audio_only_room_refuses_video_with_53125_and_takes_audio_and_data()
    {
        var room = Fake.Rooms.Create(new NewRoom { AudioOnly = true });
        var alice = Fake.Rooms.Connect(room.Sid, identity: "alice");

        var video = () => { alice.Publish(VideoTrackKind.Video, "cam"); };

        video.ShouldFailWithTwilioError(400, 53125, "The track kind is not supported by the Room");
        alice.Publish(VideoTrackKind.Audio, "mic").Kind.Should().Be(VideoTrackKind.Audio);
        alice.Publish(VideoTrackKind.Data, "chat").Kind.Should().Be(VideoTrackKind.Data);
    }

    [Test]
    public async Task Max_concurrent_published_tracks_counts_the_whole_room_and_frees_a_slot_on_unpublish_53203()
    {
        var large = await RoomResource.CreateAsync(largeRoom: true, client: Twilio);
        var alice = Fake.Rooms.Connect(large.Sid, identity: "alice");
        var bob = Fake.Rooms.Connect(large.Sid, identity: "bob");
        for (var i = 0; i < 8; i++)
        {
            alice.Publish(VideoTrackKind.Data, $"a{i}");
            bob.Publish(VideoTrackKind.Data, $"b{i}");
        }

        var seventeenth = () => { alice.Publish(VideoTrackKind.Audio, "one-too-many"); };

        large.MaxConcurrentPublishedTracks.Should().Be(16);
        seventeenth.ShouldFailWithTwilioError(400, 53203,
            "The maximum number of published tracks allowed in the Room at the same time has been reached");
        bob.Unpublish("b0");
        alice.Publish(VideoTrackKind.Audio, "one-too-many").Name.Should().Be("one-too-many");
    }

    [Test]
    public void A_leaving_participant_frees_its_tracks_for_the_room_limit()
    {
        var room = Fake.Rooms.Create(new NewRoom { LargeRoom = true });
        var alice = Fake.Rooms.Connect(room.Sid, identity: "alice");
        for (var i = 0; i < 16; i++)
            alice.Publish(VideoTrackKind.Data, $"t{i}");

        alice.Disconnect();
        var bob = Fake.Rooms.Connect(room.Sid, identity: "bob");

        bob.Publish(VideoTrackKind.Audio, "mic").Should().NotBeNull();
        alice.PublishedTracks.Should().BeEmpty();
    }

    [Test]
    public void Track_names_are_unique_per_participant_53304_non_empty_53301_and_at_most_128_characters_53302()
    {
        var alice = Fake.Rooms.Connect("studio", identity: "alice");
        var bob = Fake.Rooms.Connect("studio", identity: "bob");
        alice.Publish(VideoTrackKind.Audio, "mic");

        ((Action)(() => alice.Publish(VideoTrackKind.Video, "mic"))).ShouldFailWithTwilioError(409, 53304, "Track name is duplicated");
        ((Action)(() => alice.Publish(VideoTrackKind.Audio, ""))).ShouldFailWithTwilioError(400, 53301, "Track name is invalid");
        ((Action)(() => alice.Publish(VideoTrackKind.Audio, new string('n', 129)))).ShouldFailWithTwilioError(400, 53302, "Track name is too long");
        alice.Publish(VideoTrackKind.Audio, new string('n', 128)).Name.Should().HaveLength(128);
        bob.Publish(VideoTrackKind.Audio, "mic").Name.Should().Be("mic", "another participant may use the same name");
    }

    [Test]
    public void A_disconnected_participant_cannot_publish_53204()
    {
        var alice = Fake.Rooms.Connect("studio", identity: "alice");
        alice.Disconnect();

        ((Action)(() => alice.Publish(VideoTrackKind.Audio, "mic"))).ShouldFailWithTwilioError(404, 53204, "Participant not found");
        ((Action)(() => alice.Disable("mic"))).ShouldFailWithTwilioError(404, 53204);
    }

    [Test]
    public void Unpublishing_an_unknown_track_returns_20404()
    {
        var alice = Fake.Rooms.Connect("studio", identity: "alice");

        ((Action)(() => alice.Unpublish("nothing"))).ShouldFailWithTwilioError(404, 20404);
    }
}
