using System.Net;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Recordings;

/// <summary>/v1/Compositions (FACTS §4): create rules and errors, JSON, list filters, delete, media.</summary>
public sealed class CompositionResourceTests : RecordingTest
{
    private RoomResource _room = null!;

    [SetUp]
    public async Task CompletedRecordedRoom()
    {
        _room = await CreateRecordedRoom();
        var alice = Fake.Rooms.Connect("meeting", "alice");
        alice.Publish(VideoTrackKind.Audio, "alice-mic");
        alice.Publish(VideoTrackKind.Video, "alice-cam");
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));
        Fake.Rooms.Complete("meeting");
        Fake.Clock.Advance(TimeSpan.FromSeconds(30));
    }

    [Test]
    public async Task Composition_json_has_every_spec_property_in_order_and_echoes_the_layout_with_defaults()
    {
        var answer = await PostForm("/v1/Compositions", $"RoomSid={_room.Sid}&AudioSources=alice-*&AudioSourcesExcluded=bob*" +
            "&VideoLayout=" + Uri.EscapeDataString("{\"grid\":{\"video_sources\":[\"*\"],\"max_rows\":2}}") +
            "&Resolution=1280x720&Format=mp4&StatusCallback=" + Uri.EscapeDataString("https://callbacks.invalid/c") + "&StatusCallbackMethod=GET");

        answer.Status.Should().Be(HttpStatusCode.Created);
        var json = answer.Json;
        json.Properties().Select(p => p.Name).Should().Equal("account_sid", "status", "date_created", "date_completed", "date_deleted",
            "sid", "room_sid", "audio_sources", "audio_sources_excluded", "video_layout", "resolution", "trim", "format", "bitrate",
            "size", "duration", "media_external_location", "status_callback", "status_callback_method", "url", "links");
        json.Value<string>("sid").Should().MatchRegex("^CJ[0-9a-f]{32}$");
        json.Value<string>("status").Should().Be("enqueued");
        json["audio_sources"]!.ToObject<string[]>().Should().Equal("alice-*");
        json["audio_sources_excluded"]!.ToObject<string[]>().Should().Equal("bob*");
        json["video_layout"]!.ToString(Newtonsoft.Json.Formatting.None).Should().Be(
            "{\"grid\":{\"video_sources\":[\"*\"],\"video_sources_excluded\":[],\"reuse\":\"show_oldest\",\"x_pos\":0,\"y_pos\":0," +
            "\"z_pos\":0,\"width\":0,\"height\":0,\"max_columns\":0,\"max_rows\":2,\"cells_excluded\":[]}}");
        json.Value<string>("resolution").Should().Be("1280x720");
        json.Value<bool>("trim").Should().BeTrue();
        json.Value<string>("format").Should().Be("mp4");
        json.Value<string>("status_callback_method").Should().Be("GET");
        json["links"]!.Value<string>("media").Should().Be($"{Fake.Url}/v1/Compositions/{json.Value<string>("sid")}/Media");
    }

    [Test]
    public async Task Missing_room_sid_returns_20001()
    {
        var answer = await PostForm("/v1/Compositions", "AudioSources=*");

        answer.ShouldBeTwilioError(400, 20001, "Missing required parameter RoomSid in the post body");
    }

    [Test]
    public async Task Unknown_room_returns_53106()
    {
        var act = () => CompositionResource.CreateAsync(roomSid: "RM00000000000000000000000000000000", audioSources: ["*"], client: Twilio);

        await act.ShouldFailWithApiError(404, 53106, "Room not found");
    }

    [Test]
    public async Task Room_still_in_progress_returns_20001()
    {
        var live = await RoomResource.CreateAsync(uniqueName: "live", client: Twilio);

        var act = () => CompositionResource.CreateAsync(roomSid: live.Sid, audioSources: ["*"], client: Twilio);

        await act.ShouldFailWithApiError(400, 20001);
    }

    [Test]
    public async Task Peer_to_peer_room_returns_53122()
    {
        var p2p = await RoomResource.CreateAsync(type: RoomResource.RoomTypeEnum.PeerToPeer, client: Twilio);
        await RoomResource.UpdateAsync(p2p.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);

        var act = () => CompositionResource.CreateAsync(roomSid: p2p.Sid, audioSources: ["*"], client: Twilio);

        await act.ShouldFailWithApiError(400, 53122);
    }

    [Test]
    public async Task Neither_video_layout_nor_audio_sources_returns_20001()
    {
        var act = () => CompositionResource.CreateAsync(roomSid: _room.Sid, client: Twilio);

        await act.ShouldFailWithApiError(400, 20001, "Either VideoLayout or AudioSources must be provided");
    }

    [TestCase("15x480", TestName = "Resolution_width_under_16_returns_20001")]
    [TestCase("640x1281", TestName = "Resolution_height_over_1280_returns_20001")]
    [TestCase("1280x721", TestName = "Resolution_over_921600_pixels_returns_20001")]
    [TestCase("640*480", TestName = "Resolution_not_width_x_height_returns_20001")]
    [TestCase("x480", TestName = "Resolution_without_width_returns_20001")]
    public async Task Bad_resolution_returns_20001(string resolution)
    {
        var act = () => CompositionResource.CreateAsync(roomSid: _room.Sid, audioSources: ["*"], resolution: resolution, client: Twilio);

        await act.ShouldFailWithApiError(400, 20001, $"Invalid Resolution: '{resolution}'");
    }

    [TestCase("1280x720")]
    [TestCase("16x16")]
    [TestCase("720x1280")]
    public async Task Resolution_at_the_limits_is_accepted(string resolution)
    {
        var composition = await CompositionResource.CreateAsync(roomSid: _room.Sid, audioSources: ["*"], resolution: resolution, client: Twilio);

        composition.Resolution.Should().Be(resolution);
    }

    [TestCase("not json", TestName = "Video_layout_not_json_returns_20001")]
    [TestCase("[]", TestName = "Video_layout_not_an_object_returns_20001")]
    [TestCase("{\"transcode\":{\"video_sources\":\"RT00000000000000000000000000000000\"}}", TestName = "Video_sources_as_a_string_returns_20001")]
    [TestCase("{\"grid\":{\"max_rows\":2}}", TestName = "Region_without_video_sources_returns_20001")]
    [TestCase("{\"grid\":{\"video_sources\":[\"*\"],\"reuse\":\"sometimes\"}}", TestName = "Region_with_unknown_reuse_returns_20001")]
    [TestCase("{\"grid\":{\"video_sources\":[\"*\"],\"colour\":\"red\"}}", TestName = "Region_with_unknown_property_returns_20001")]
    [TestCase("{\"grid\":{\"video_sources\":[\"*\"],\"x_pos\":-1}}", TestName = "Region_with_negative_position_returns_20001")]
    public async Task Bad_video_layout_returns_20001(string layout)
    {
        var answer = await PostForm("/v1/Compositions", $"RoomSid={_room.Sid}&VideoLayout=" + Uri.EscapeDataString(layout));

        answer.ShouldBeTwilioError(400, 20001);
        answer.Json.Value<string>("message").Should().StartWith("Invalid VideoLayout");
    }

    [TestCase("Format=mkv", TestName = "Composition_format_other_than_mp4_or_webm_returns_20001")]
    [TestCase("Trim=maybe", TestName = "Composition_trim_not_boolean_returns_20001")]
    [TestCase("StatusCallbackMethod=PUT", TestName = "Composition_callback_method_other_than_get_or_post_returns_20001")]
    [TestCase("StatusCallback=not-a-url", TestName = "Composition_callback_not_a_url_returns_20001")]
    public async Task Bad_parameter_returns_20001(string parameter)
    {
        var answer = await PostForm("/v1/Compositions", $"RoomSid={_room.Sid}&AudioSources=*&{parameter}");

        answer.ShouldBeTwilioError(400, 20001);
    }

    [Test]
    public async Task Compositions_list_filters_by_status_and_room_newest_first_with_page_size_up_to_100()
    {
        var first = await CompositionResource.CreateAsync(roomSid: _room.Sid, audioSources: ["*"], client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(25));
        var second = await CompositionResource.CreateAsync(roomSid: _room.Sid, audioSources: ["*"], client: Twilio);

        var all = await CompositionResource.ReadAsync(roomSid: _room.Sid, client: Twilio);
        var completed = await CompositionResource.ReadAsync(status: CompositionResource.StatusEnum.Completed, client: Twilio);
        var enqueued = await Get($"/v1/Compositions?Status=enqueued&RoomSid={_room.Sid}&PageSize=100");
        var tooBig = await Get("/v1/Compositions?PageSize=101");
        var badStatus = await Get("/v1/Compositions?Status=ready");

        all.Select(c => c.Sid).Should().Equal(second.Sid, first.Sid);
        completed.Should().ContainSingle().Which.Sid.Should().Be(first.Sid);
        enqueued.Json["compositions"]!.Should().ContainSingle();
        enqueued.Json["meta"]!.Value<string>("url").Should().Be($"{Fake.Url}/v1/Compositions?Status=enqueued&RoomSid={_room.Sid}&PageSize=100&Page=0");
        tooBig.ShouldBeTwilioError(400, 20001);
        badStatus.ShouldBeTwilioError(400, 20001);
    }

    [Test]
    public async Task Delete_answers_204_and_keeps_the_metadata_with_status_deleted_and_date_deleted()
    {
        var composition = await CompositionResource.CreateAsync(roomSid: _room.Sid, audioSources: ["*"], client: Twilio);
        var whileEnqueued = () => CompositionResource.DeleteAsync(composition.Sid, client: Twilio);
        await whileEnqueued.ShouldFailWithApiError(400, 20001);
        Fake.Clock.Advance(TimeSpan.FromSeconds(25));

        var deleted = await CompositionResource.DeleteAsync(composition.Sid, client: Twilio);
        var after = await CompositionResource.FetchAsync(composition.Sid, client: Twilio);
        var media = await Get($"/v1/Compositions/{composition.Sid}/Media");

        deleted.Should().BeTrue();
        after.Status.Should().Be(CompositionResource.StatusEnum.Deleted);
        after.DateDeleted.Should().Be(_room.DateCreated!.Value.AddSeconds(65));
        media.ShouldBeTwilioError(404, 20404, $"The requested resource /Compositions/{composition.Sid}/Media was not found");
    }

    [Test]
    public async Task Unknown_composition_returns_20404()
    {
        var act = () => CompositionResource.FetchAsync("CJ00000000000000000000000000000000", client: Twilio);

        await act.ShouldFailWithApiError(404, 20404, "The requested resource /Compositions/CJ00000000000000000000000000000000 was not found");
    }

    [Test]
    public async Task Completed_composition_shows_duration_size_and_bitrate_and_its_events_carry_progress()
    {
        var composition = await CompositionResource.CreateAsync(roomSid: _room.Sid, audioSources: ["*"],
            videoLayout: new { grid = new { video_sources = new[] { "alice-cam" } } }, client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(15));
        var halfway = await CompositionResource.FetchAsync(composition.Sid, client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));
        var done = await CompositionResource.FetchAsync(composition.Sid, client: Twilio);

        halfway.Status.Should().Be(CompositionResource.StatusEnum.Processing);
        halfway.Size.Should().Be(0);
        done.Duration.Should().Be(10);
        done.Size.Should().BeGreaterThan(0);
        done.Bitrate.Should().Be((int)(done.Size!.Value * 8 / 1000 / 10));
        var progress = Events.Of(VideoCallbackEvent.CompositionProgress).Single();
        progress.PercentageDone.Should().Be(50);
        progress.SecondsRemaining.Should().Be(10);
        Events.All.Where(e => e.IsCompositionEvent).Select(e => e.SequenceNumber).Should().Equal(0, 1, 2, 3);
    }

    [Test]
    public async Task Failed_composition_reports_composition_failed_and_has_no_media()
    {
        var composition = await CompositionResource.CreateAsync(roomSid: _room.Sid, audioSources: ["*"], client: Twilio);

        Fake.Rooms.FailComposition(composition.Sid, "disk full");
        var failed = await CompositionResource.FetchAsync(composition.Sid, client: Twilio);
        var media = await Get($"/v1/Compositions/{composition.Sid}/Media");

        failed.Status.Should().Be(CompositionResource.StatusEnum.Failed);
        failed.DateCompleted.Should().NotBeNull();
        Events.Of(VideoCallbackEvent.CompositionFailed).Single().Composition!.ErrorMessage.Should().Be("disk full");
        media.ShouldBeTwilioError(404, 20404);
        var again = () => Fake.Rooms.FailComposition(composition.Sid);
        ((Action)(() => again())).ShouldFailWithTwilioError(400, 20001);
    }

    [Test]
    public async Task Composition_media_redirect_points_at_a_valid_webm_file()
    {
        var composition = await CompositionResource.CreateAsync(roomSid: _room.Sid, audioSources: ["*"], client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(25));

        var answer = await GetNoRedirect($"/v1/Compositions/{composition.Sid}/Media");
        var (status, bytes, contentType) = await Download(answer.Json.Value<string>("redirect_to")!);

        answer.Status.Should().Be(HttpStatusCode.Found);
        answer.Headers.Location!.ToString().Should().Be($"{Fake.Url}/__fakerooms/media/{Fake.AccountSid}/{composition.Sid}.webm");
        status.Should().Be(HttpStatusCode.OK);
        contentType.Should().Be("video/webm");
        bytes.Take(4).Should().Equal(Ebml);
    }
}
