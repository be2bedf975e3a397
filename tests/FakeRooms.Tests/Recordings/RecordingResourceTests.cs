using System.Net;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;
using HttpMethod = Twilio.Http.HttpMethod;
using Request = Twilio.Http.Request;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;

namespace FakeRooms.Tests.Recordings;

/// <summary>Room recordings (FACTS §3.7) and account recordings (§4): list filters, fetch, delete, media, events.</summary>
public sealed class RecordingResourceTests : RecordingTest
{
    private RoomResource _room = null!;
    private SimulatedParticipant _alice = null!;
    private SimulatedParticipant _bob = null!;

    /// <summary>A completed meeting: alice (mic, cam) and bob (mic), all recordings completed.</summary>
    private async Task CompletedMeeting()
    {
        _room = await CreateRecordedRoom();
        _alice = Fake.Rooms.Connect("meeting", "alice");
        _bob = Fake.Rooms.Connect("meeting", "bob");
        _alice.Publish(VideoTrackKind.Audio, "alice-mic");
        Fake.Clock.Advance(TimeSpan.FromSeconds(1));
        _alice.Publish(VideoTrackKind.Video, "alice-cam");
        Fake.Clock.Advance(TimeSpan.FromSeconds(1));
        _bob.Publish(VideoTrackKind.Audio, "bob-mic");
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));
        Fake.Rooms.Complete("meeting");
        Fake.Clock.Advance(TimeSpan.FromSeconds(30));
    }

    [Test]
    public async Task Room_recording_json_has_every_spec_property_in_order()
    {
        await CompletedMeeting();
        var recording = Fake.Rooms.RecordingsOf(_room.Sid)[0];

        var answer = await Get($"/v1/Rooms/{_room.Sid}/Recordings/{recording.Sid}");

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.Json.Properties().Select(p => p.Name).Should().Equal("account_sid", "status", "date_created", "sid", "source_sid",
            "size", "url", "type", "duration", "container_format", "codec", "grouping_sids", "track_name", "offset",
            "media_external_location", "room_sid", "links");
        answer.Json.Value<string>("url").Should().Be($"{Fake.Url}/v1/Rooms/{_room.Sid}/Recordings/{recording.Sid}");
        answer.Json["links"]!.Value<string>("media").Should().Be($"{Fake.Url}/v1/Rooms/{_room.Sid}/Recordings/{recording.Sid}/Media");
        answer.Json.Value<string>("codec").Should().Be("OPUS");
        answer.Json.Value<long>("offset").Should().Be(recording.DateCreated.ToUnixTimeMilliseconds(),
            "offsets count milliseconds from the (Unix) epoch to the recording's start");
        answer.Json.Value<string>("date_created").Should().Be(_room.DateCreated!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
    }

    [Test]
    public async Task Account_recording_json_has_the_callback_properties_and_no_room_sid()
    {
        await CompletedMeeting();
        var recording = Fake.Rooms.RecordingsOf(_room.Sid)[0];

        var answer = await Get($"/v1/Recordings/{recording.Sid}");

        answer.Json.Properties().Select(p => p.Name).Should().Equal("account_sid", "status", "date_created", "sid", "source_sid",
            "size", "url", "type", "duration", "container_format", "codec", "grouping_sids", "track_name", "offset",
            "media_external_location", "status_callback", "status_callback_method", "links");
        answer.Json.Value<string>("url").Should().Be($"{Fake.Url}/v1/Recordings/{recording.Sid}");
        answer.Json.Value<string>("status_callback_method").Should().Be("POST");
    }

    [Test]
    public async Task Account_recordings_filter_by_grouping_sid_media_type_source_and_status()
    {
        await CompletedMeeting();
        var other = await CreateRecordedRoom("other");
        Fake.Rooms.Connect("other", "carol").Publish(VideoTrackKind.Audio, "carol-mic");
        var aliceCam = Fake.Rooms.RecordingsOf(_room.Sid).Single(r => r.TrackName == "alice-cam");

        var all = await RecordingResource.ReadAsync(client: Twilio);
        var byRoom = await RecordingResource.ReadAsync(groupingSid: [_room.Sid], client: Twilio);
        var byRoomAndParticipant = await RecordingResource.ReadAsync(groupingSid: [_room.Sid, _alice.Sid], client: Twilio);
        var audio = await RecordingResource.ReadAsync(mediaType: RecordingResource.TypeEnum.Audio, groupingSid: [_room.Sid], client: Twilio);
        var bySource = await RecordingResource.ReadAsync(sourceSid: aliceCam.SourceSid, client: Twilio);
        var processing = await RecordingResource.ReadAsync(status: RecordingResource.StatusEnum.Processing, client: Twilio);

        all.Select(r => r.TrackName).Should().Equal("carol-mic", "bob-mic", "alice-cam", "alice-mic");
        byRoom.Select(r => r.TrackName).Should().Equal("bob-mic", "alice-cam", "alice-mic");
        byRoomAndParticipant.Select(r => r.TrackName).Should().Equal("alice-cam", "alice-mic");
        audio.Select(r => r.TrackName).Should().Equal("bob-mic", "alice-mic");
        bySource.Should().ContainSingle().Which.Sid.Should().Be(aliceCam.Sid);
        processing.Should().ContainSingle().Which.TrackName.Should().Be("carol-mic");
        other.Sid.Should().NotBe(_room.Sid);
    }

    [Test]
    public async Task Room_recordings_filter_by_status_source_and_date_and_page_through_next_page_url()
    {
        await CompletedMeeting();
        var aliceMic = Fake.Rooms.RecordingsOf(_room.Sid).Single(r => r.TrackName == "alice-mic");

        var paged = await RoomRecordingResource.ReadAsync(_room.Sid, pageSize: 1, client: Twilio);
        var completed = await RoomRecordingResource.ReadAsync(_room.Sid, status: RoomRecordingResource.StatusEnum.Completed, client: Twilio);
        var bySource = await RoomRecordingResource.ReadAsync(_room.Sid, sourceSid: aliceMic.SourceSid, client: Twilio);
        var later = await RoomRecordingResource.ReadAsync(_room.Sid, dateCreatedAfter: _room.DateCreated!.Value.AddSeconds(1), client: Twilio);
        var firstPage = await Get($"/v1/Rooms/{_room.Sid}/Recordings?Status=completed&PageSize=2");

        paged.Select(r => r.TrackName).Should().Equal("bob-mic", "alice-cam", "alice-mic");
        completed.Should().HaveCount(3);
        bySource.Should().ContainSingle().Which.Sid.Should().Be(aliceMic.Sid);
        later.Select(r => r.TrackName).Should().Equal("bob-mic", "alice-cam");
        firstPage.Json["meta"]!.Value<string>("key").Should().Be("recordings");
        firstPage.Json["meta"]!.Value<string>("url").Should().Be($"{Fake.Url}/v1/Rooms/{_room.Sid}/Recordings?Status=completed&PageSize=2&Page=0");
        firstPage.Json["meta"]!.Value<string>("next_page_url").Should().StartWith($"{Fake.Url}/v1/Rooms/{_room.Sid}/Recordings?Status=completed&PageSize=2&Page=1&PageToken=");
    }

    [Test]
    public async Task Recording_of_another_room_is_not_found_under_this_room_with_20404()
    {
        await CompletedMeeting();
        var other = await CreateRecordedRoom("other");
        var recording = Fake.Rooms.RecordingsOf(_room.Sid)[0];

        var act = () => RoomRecordingResource.FetchAsync(other.Sid, recording.Sid, client: Twilio);

        await act.ShouldFailWithApiError(404, 20404, $"The requested resource /Rooms/{other.Sid}/Recordings/{recording.Sid} was not found");
    }

    [Test]
    public async Task Unknown_recording_returns_20404()
    {
        var act = () => RecordingResource.FetchAsync("RT00000000000000000000000000000000", client: Twilio);

        await act.ShouldFailWithApiError(404, 20404, "The requested resource /Recordings/RT00000000000000000000000000000000 was not found");
    }

    [TestCase("/v1/Recordings?PageSize=101", TestName = "Account_recordings_page_size_over_100_returns_20001")]
    [TestCase("/v1/Recordings?Status=done", TestName = "Account_recordings_unknown_status_returns_20001")]
    [TestCase("/v1/Recordings?MediaType=screen", TestName = "Account_recordings_unknown_media_type_returns_20001")]
    [TestCase("/v1/Recordings?DateCreatedAfter=yesterday", TestName = "Account_recordings_bad_date_returns_20001")]
    public async Task Bad_list_filter_returns_20001(string path)
    {
        var answer = await Get(path);

        answer.ShouldBeTwilioError(400, 20001);
    }

    [Test]
    public async Task Room_recordings_page_size_up_to_1000_is_accepted_and_1001_returns_20001()
    {
        await CompletedMeeting();

        var thousand = await Get($"/v1/Rooms/{_room.Sid}/Recordings?PageSize=1000");
        var tooMany = await Get($"/v1/Rooms/{_room.Sid}/Recordings?PageSize=1001");

        thousand.Status.Should().Be(HttpStatusCode.OK);
        tooMany.ShouldBeTwilioError(400, 20001);
    }

    [Test]
    public async Task Delete_answers_204_marks_the_recording_deleted_and_its_media_is_gone()
    {
        await CompletedMeeting();
        var recording = Fake.Rooms.RecordingsOf(_room.Sid)[0];
        var before = await Twilio.RequestAsync(new Request(HttpMethod.Get, $"{Fake.Url}/v1/Recordings/{recording.Sid}/Media"));
        var oldUrl = JObject.Parse(before.Content).Value<string>("redirect_to")!;

        var deleted = await RecordingResource.DeleteAsync(recording.Sid, client: Twilio);
        var raw = await Send(new HttpRequestMessage(System.Net.Http.HttpMethod.Delete, $"/v1/Rooms/{_room.Sid}/Recordings/{recording.Sid}"));
        var after = await RecordingResource.FetchAsync(recording.Sid, client: Twilio);
        var media = await Get($"/v1/Recordings/{recording.Sid}/Media");
        var (fileStatus, _, _) = await Download(oldUrl);

        deleted.Should().BeTrue();
        raw.Status.Should().Be(HttpStatusCode.NoContent, "deleting again changes nothing");
        after.Status.Should().Be(RecordingResource.StatusEnum.Deleted);
        (await RecordingResource.ReadAsync(status: RecordingResource.StatusEnum.Deleted, client: Twilio)).Should().ContainSingle();
        media.ShouldBeTwilioError(404, 20404, $"The requested resource /Recordings/{recording.Sid}/Media was not found");
        fileStatus.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Deleting_a_recording_still_processing_returns_20001()
    {
        var room = await CreateRecordedRoom();
        Fake.Rooms.Connect("meeting", "alice").Publish(VideoTrackKind.Audio, "mic");
        var recording = Fake.Rooms.RecordingsOf(room.Sid)[0];

        var act = () => RoomRecordingResource.DeleteAsync(room.Sid, recording.Sid, client: Twilio);

        await act.ShouldFailWithApiError(400, 20001);
    }

    [Test]
    public async Task Media_of_a_recording_still_processing_returns_20404()
    {
        var room = await CreateRecordedRoom();
        Fake.Rooms.Connect("meeting", "alice").Publish(VideoTrackKind.Audio, "mic");
        var recording = Fake.Rooms.RecordingsOf(room.Sid)[0];

        var answer = await Get($"/v1/Rooms/{room.Sid}/Recordings/{recording.Sid}/Media");

        answer.ShouldBeTwilioError(404, 20404, $"The requested resource /Rooms/{room.Sid}/Recordings/{recording.Sid}/Media was not found");
    }

    [Test]
    public async Task Media_answers_302_with_location_and_a_redirect_to_body_and_the_file_needs_no_credentials()
    {
        await CompletedMeeting();
        var cam = Fake.Rooms.RecordingsOf(_room.Sid).Single(r => r.TrackName == "alice-cam");

        var answer = await GetNoRedirect($"/v1/Recordings/{cam.Sid}/Media");
        var location = answer.Headers.Location!.ToString();
        var (status, bytes, contentType) = await Download(location);

        answer.Status.Should().Be(HttpStatusCode.Found);
        answer.Json.Properties().Select(p => p.Name).Should().Equal("redirect_to");
        answer.Json.Value<string>("redirect_to").Should().Be(location);
        location.Should().Be($"{Fake.Url}/__fakerooms/media/{Fake.AccountSid}/{cam.Sid}.mkv");
        status.Should().Be(HttpStatusCode.OK);
        contentType.Should().Be("video/x-matroska");
        bytes.Take(4).Should().Equal(Ebml);
        bytes.LongLength.Should().Be(cam.Size);
    }

    [Test]
    public async Task Media_file_with_a_wrong_extension_or_unknown_account_is_20404()
    {
        await CompletedMeeting();
        var mic = Fake.Rooms.RecordingsOf(_room.Sid).Single(r => r.TrackName == "alice-mic");

        var wrongExtension = await Get($"/__fakerooms/media/{Fake.AccountSid}/{mic.Sid}.mkv");
        var unknownAccount = await Get($"/__fakerooms/media/AC00000000000000000000000000000000/{mic.Sid}.mka");

        wrongExtension.ShouldBeTwilioError(404, 20404);
        unknownAccount.ShouldBeTwilioError(404, 20404);
    }

    [Test]
    public async Task Video_recordings_of_an_h264_room_have_codec_h264()
    {
        var room = await CreateRecordedRoom("h264", [RoomResource.VideoCodecEnum.H264]);
        Fake.Rooms.Connect("h264", "alice").Publish(VideoTrackKind.Video, "cam");

        var recording = (await RoomRecordingResource.ReadAsync(room.Sid, client: Twilio)).Single();

        recording.Codec.Should().Be(RoomRecordingResource.CodecEnum.H264);
        recording.ContainerFormat.Should().Be(RoomRecordingResource.FormatEnum.Mkv);
    }

    [Test]
    public async Task Processing_recording_shows_size_and_duration_0_until_completed()
    {
        var room = await CreateRecordedRoom();
        var alice = Fake.Rooms.Connect("meeting", "alice");
        alice.Publish(VideoTrackKind.Audio, "mic");
        Fake.Clock.Advance(TimeSpan.FromMilliseconds(400));
        alice.Unpublish("mic");

        var processing = (await RoomRecordingResource.ReadAsync(room.Sid, client: Twilio)).Single();
        Fake.Clock.Advance(TimeSpan.FromSeconds(30));
        var completed = (await RoomRecordingResource.ReadAsync(room.Sid, client: Twilio)).Single();

        processing.Size.Should().Be(0);
        processing.Duration.Should().Be(0);
        completed.Duration.Should().Be(1, "sub-second tracks have a duration of 1 second (spec)");
        completed.Size.Should().BeGreaterThan(0);
    }

    [Test]
    public async Task Recording_events_carry_the_recording_and_the_publisher_and_failures_are_reported()
    {
        var room = await CreateRecordedRoom();
        var alice = Fake.Rooms.Connect("meeting", "alice");
        alice.Publish(VideoTrackKind.Audio, "mic");
        var recording = Fake.Rooms.RecordingsOf(room.Sid).Single();

        var failed = Fake.Rooms.FailRecording(recording.Sid);
        var fetched = await RecordingResource.FetchAsync(recording.Sid, client: Twilio);
        Action failAgain = () => Fake.Rooms.FailRecording(recording.Sid);

        var started = Events.Of(VideoCallbackEvent.RecordingStarted).Single();
        started.Participant!.Sid.Should().Be(alice.Sid);
        started.Recording!.Sid.Should().Be(recording.Sid);
        started.SequenceNumber.Should().Be(3, "room-created 0, participant-connected 1, track-added 2");
        var failure = Events.Of(VideoCallbackEvent.RecordingFailed).Single();
        ((VideoRecordingFailedOperation?)failure.Recording!.FailedOperation).Should().Be(VideoRecordingFailedOperation.RecordingUpload);
        failed.Status.Should().Be(VideoRecordingStatus.Failed);
        fetched.Status.Should().Be(RecordingResource.StatusEnum.Failed);
        failAgain.ShouldFailWithTwilioError(400, 20001);
    }

    [Test]
    public async Task Data_tracks_and_peer_to_peer_rooms_are_not_recorded()
    {
        var room = await CreateRecordedRoom();
        Fake.Rooms.Connect("meeting", "alice").Publish(VideoTrackKind.Data, "chat");
        var p2p = await RoomResource.CreateAsync(uniqueName: "p2p", type: RoomResource.RoomTypeEnum.PeerToPeer, client: Twilio);
        Fake.Rooms.Connect("p2p", "bob").Publish(VideoTrackKind.Audio, "mic");

        (await RoomRecordingResource.ReadAsync(room.Sid, client: Twilio)).Should().BeEmpty();
        (await RoomRecordingResource.ReadAsync(p2p.Sid, client: Twilio)).Should().BeEmpty();
    }
}
