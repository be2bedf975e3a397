using System.Net;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;

namespace FakeRooms.Tests.Transcriptions;

/// <summary>
/// A room's Transcriptions resource through the C# SDK (docs video/api/transcriptions): create, list, fetch, stop and
/// restart, configuration updates, the room-create parameters that start it, and every refusal's code and status.
/// </summary>
public sealed class TranscriptionsTests : FakeRoomsTest
{
    private RoomResource _room = null!;

    [SetUp]
    public async Task CreateRoom() => _room = await RoomResource.CreateAsync(uniqueName: "standup", client: Twilio);

    [Test]
    public async Task Create_starts_one_transcription_that_list_and_fetch_show()
    {
        var created = await TranscriptionsResource.CreateAsync("standup",
            configuration: new Dictionary<string, object> { ["languageCode"] = "en-US", ["partialResults"] = true }, client: Twilio);
        var list = await TranscriptionsResource.ReadAsync(_room.Sid, client: Twilio);
        var fetched = await TranscriptionsResource.FetchAsync(_room.Sid, created.Ttid, client: Twilio);

        created.Ttid.Should().MatchRegex("^video_extension_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
        created.Status.ToString().Should().Be("started");
        created.RoomSid.Should().Be(_room.Sid);
        created.AccountSid.Should().Be(Fake.AccountSid);
        created.DateCreated.Should().Be(Fake.Clock.UtcNow.UtcDateTime);
        created.DateUpdated.Should().BeNull("docs: null if the resource hasn't been updated since creation");
        created.StartTime.Should().BeNull("nobody is in the room yet");
        created.Url.Should().Be(new Uri($"{Fake.Url}/v1/Rooms/{_room.Sid}/Transcriptions/{created.Ttid}"));
        JObject.FromObject(created.Configuration).ToString(Newtonsoft.Json.Formatting.None)
            .Should().Be("{\"languageCode\":\"en-US\",\"partialResults\":\"true\"}", "docs: the configuration is a string map");
        list.Select(t => t.Ttid).Should().Equal(created.Ttid);
        fetched.Ttid.Should().Be(created.Ttid);
    }

    [Test]
    public async Task Create_and_update_answer_202_with_the_shape_the_sdks_read()
    {
        var created = await PostForm($"/v1/Rooms/{_room.Sid}/Transcriptions", "");
        var ttid = created.Json.Value<string>("ttid");
        var updated = await PostForm($"/v1/Rooms/{_room.Sid}/Transcriptions/{ttid}", "Status=stopped");

        created.Status.Should().Be(HttpStatusCode.Accepted, created.Text);
        updated.Status.Should().Be(HttpStatusCode.Accepted, updated.Text);
        created.Json.Properties().Select(p => p.Name).Should().Equal("ttid", "account_sid", "room_sid", "source_sid", "status",
            "date_created", "date_updated", "start_time", "end_time", "duration", "url", "configuration");
        created.Json["configuration"]!.ToString(Newtonsoft.Json.Formatting.None).Should().Be("{}");
    }

    [Test]
    public async Task The_transcription_runs_while_someone_is_in_the_room_and_stop_and_restart_count_its_duration()
    {
        var created = await TranscriptionsResource.CreateAsync(_room.Sid, client: Twilio);
        var t0 = created.DateCreated!.Value;
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));
        var alice = Fake.Rooms.Connect("standup", "alice");
        Fake.Clock.Advance(TimeSpan.FromSeconds(30));

        var stopped = await TranscriptionsResource.UpdateAsync(_room.Sid, created.Ttid, status: TranscriptionsResource.StatusEnum.Stopped, client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(60));
        var restarted = await TranscriptionsResource.UpdateAsync(_room.Sid, created.Ttid, status: TranscriptionsResource.StatusEnum.Started, client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromSeconds(5));
        alice.Disconnect();
        var paused = await TranscriptionsResource.FetchAsync(_room.Sid, created.Ttid, client: Twilio);

        stopped.Status.ToString().Should().Be("stopped");
        stopped.StartTime.Should().Be(t0.AddSeconds(10));
        stopped.EndTime.Should().Be(t0.AddSeconds(40));
        stopped.Duration.Should().Be(30);
        restarted.Status.ToString().Should().Be("started");
        restarted.DateUpdated.Should().Be(t0.AddSeconds(100));
        paused.EndTime.Should().Be(t0.AddSeconds(105), "docs: end_time is set when the last participant leaves");
        paused.Duration.Should().Be(35);
    }

    [Test]
    public async Task A_configuration_update_is_applied_over_the_existing_one_without_a_state_change()
    {
        var created = await TranscriptionsResource.CreateAsync(_room.Sid,
            configuration: new Dictionary<string, object> { ["languageCode"] = "EN-us", ["partialResults"] = true }, client: Twilio);

        var updated = await TranscriptionsResource.UpdateAsync(_room.Sid, created.Ttid,
            configuration: new Dictionary<string, object> { ["languageCode"] = "nl-BE" }, client: Twilio);

        JObject.FromObject(updated.Configuration).ToString(Newtonsoft.Json.Formatting.None)
            .Should().Be("{\"languageCode\":\"nl-BE\",\"partialResults\":\"true\"}");
        updated.Status.ToString().Should().Be("started");
    }

    [Test]
    public async Task TranscribeParticipantsOnConnect_creates_a_started_transcription_that_starts_with_the_first_participant()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "captioned", transcribeParticipantsOnConnect: true,
            transcriptionsConfiguration: new Dictionary<string, object> { ["languageCode"] = "EN-us", ["partialResults"] = true }, client: Twilio);
        var before = (await TranscriptionsResource.ReadAsync(room.Sid, client: Twilio)).Single();
        Fake.Clock.Advance(TimeSpan.FromSeconds(7));
        Fake.Rooms.Connect("captioned", "alice");

        var after = await TranscriptionsResource.FetchAsync(room.Sid, before.Ttid, client: Twilio);

        before.Status.ToString().Should().Be("started");
        before.StartTime.Should().BeNull();
        JObject.FromObject(before.Configuration)["partialResults"]!.Value<string>().Should().Be("true");
        after.StartTime.Should().Be(room.DateCreated!.Value.AddSeconds(7));
        (await TranscriptionsResource.ReadAsync(_room.Sid, client: Twilio)).Should().BeEmpty("a room created without it has none");
    }

    [Test]
    public async Task Ending_the_room_stops_its_transcription()
    {
        var created = await TranscriptionsResource.CreateAsync(_room.Sid, client: Twilio);
        Fake.Rooms.Connect("standup", "alice");
        Fake.Clock.Advance(TimeSpan.FromSeconds(20));

        await RoomResource.UpdateAsync(_room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);
        var ended = await TranscriptionsResource.FetchAsync(_room.Sid, created.Ttid, client: Twilio);

        ended.Status.ToString().Should().Be("stopped");
        ended.Duration.Should().Be(20);
    }

    [Test]
    public async Task A_second_create_is_refused_with_20001_because_a_room_has_one_transcription()
    {
        var first = await TranscriptionsResource.CreateAsync(_room.Sid, client: Twilio);

        var second = () => TranscriptionsResource.CreateAsync(_room.Sid, client: Twilio);

        await second.ShouldFailWithApiError(400, 20001,
            $"Room {_room.Sid} already has a Transcriptions resource ({first.Ttid}): update its Status to restart it");
    }

    [Test]
    public async Task A_failed_transcription_cannot_be_restarted_and_status_failed_cannot_be_set()
    {
        var created = await TranscriptionsResource.CreateAsync(_room.Sid, client: Twilio);
        var setFailed = () => TranscriptionsResource.UpdateAsync(_room.Sid, created.Ttid, status: TranscriptionsResource.StatusEnum.Failed, client: Twilio);
        await setFailed.ShouldFailWithApiError(400, 20001, "Invalid Status: 'failed'");

        Fake.Rooms.FailTranscription("standup");
        var restart = () => TranscriptionsResource.UpdateAsync(_room.Sid, created.Ttid, status: TranscriptionsResource.StatusEnum.Started, client: Twilio);

        await restart.ShouldFailWithApiError(400, 20001, $"Transcriptions {created.Ttid} has failed and cannot be restarted");
        (await TranscriptionsResource.FetchAsync(_room.Sid, created.Ttid, client: Twilio)).Status.ToString().Should().Be("failed");
    }

    [Test]
    public async Task Unknown_rooms_and_ttids_are_20404_and_an_ended_room_takes_no_new_transcription()
    {
        var unknownRoom = () => TranscriptionsResource.ReadAsync("nowhere", client: Twilio);
        var unknownTtid = () => TranscriptionsResource.FetchAsync(_room.Sid, "video_extension_nope", client: Twilio);
        await unknownRoom.ShouldFailWithApiError(404, 20404, "The requested resource /Rooms/nowhere was not found");
        await unknownTtid.ShouldFailWithApiError(404, 20404, $"The requested resource /Rooms/{_room.Sid}/Transcriptions/video_extension_nope was not found");

        await RoomResource.UpdateAsync(_room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);
        var create = () => TranscriptionsResource.CreateAsync(_room.Sid, client: Twilio);

        await create.ShouldFailWithApiError(400, 20001, $"Room {_room.Sid} is not in progress: transcriptions run in rooms in progress only");
    }

    [Test]
    public async Task A_configuration_that_is_not_a_json_object_is_20001()
    {
        var answer = await PostForm($"/v1/Rooms/{_room.Sid}/Transcriptions", "Configuration=" + Uri.EscapeDataString("[1,2]"));
        var onCreate = await PostForm("/v1/Rooms", "TranscribeParticipantsOnConnect=true&TranscriptionsConfiguration=nope");

        answer.ShouldBeTwilioError(400, 20001, "Invalid Configuration: '[1,2]'");
        onCreate.ShouldBeTwilioError(400, 20001, "Invalid TranscriptionsConfiguration: 'nope'");
        (await TranscriptionsResource.ReadAsync(_room.Sid, client: Twilio)).Should().BeEmpty();
    }
}
