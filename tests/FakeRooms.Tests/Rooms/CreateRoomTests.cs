using System.Net;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Rooms;

/// <summary>CreateRoom (<c>POST /v1/Rooms</c>): the success path and the defaults (FACTS §2.1, §2.2).</summary>
public sealed class CreateRoomTests : FakeRoomsTest
{
    /// <summary>The properties of the spec's <c>video.v1.room</c> schema, in the spec's order.</summary>
    internal static readonly string[] SpecRoomProperties =
    [
        "sid", "status", "date_created", "date_updated", "account_sid", "enable_turn", "unique_name", "status_callback",
        "status_callback_method", "end_time", "duration", "type", "max_participants", "max_participant_duration",
        "max_concurrent_published_tracks", "record_participants_on_connect", "video_codecs", "media_region", "audio_only",
        "empty_room_timeout", "unused_room_timeout", "large_room", "url", "links",
    ];

    [Test]
    public async Task Create_with_no_parameters_returns_201_with_twilio_defaults()
    {
        var now = TwilioTime.Format(Fake.Clock.UtcNow);

        var answer = await PostForm("/v1/Rooms", "");

        answer.Status.Should().Be(HttpStatusCode.Created);
        answer.MediaType.Should().Be("application/json");
        var room = answer.Json;
        var sid = room.Value<string>("sid");
        sid.Should().MatchRegex("^RM[0-9a-f]{32}$");
        room.Value<string>("unique_name").Should().Be(sid);
        room.Value<string>("status").Should().Be("in-progress");
        room.Value<string>("account_sid").Should().Be(Fake.AccountSid);
        room.Value<string>("type").Should().Be("group");
        room.Value<bool>("enable_turn").Should().BeTrue();
        room.Value<int>("max_participants").Should().Be(50);
        room.Value<int>("max_participant_duration").Should().Be(14400);
        room.Value<int>("max_concurrent_published_tracks").Should().Be(170);
        room.Value<bool>("record_participants_on_connect").Should().BeFalse();
        room["video_codecs"]!.Values<string>().Should().Equal("VP8");
        room.Value<string>("media_region").Should().Be("us1");
        room.Value<bool>("audio_only").Should().BeFalse();
        room.Value<int>("empty_room_timeout").Should().Be(5);
        room.Value<int>("unused_room_timeout").Should().Be(5);
        room.Value<bool>("large_room").Should().BeFalse();
        room["status_callback"]!.Type.Should().Be(JTokenType.Null);
        room.Value<string>("status_callback_method").Should().Be("POST");
        room.Value<string>("date_created").Should().Be(now);
        room.Value<string>("date_updated").Should().Be(now);
        room["end_time"]!.Type.Should().Be(JTokenType.Null);
        room["duration"]!.Type.Should().Be(JTokenType.Null);
        room.Value<string>("url").Should().Be($"{Fake.Url}/v1/Rooms/{sid}");
    }

    [Test]
    public async Task Create_returns_every_property_of_the_spec_room_schema_in_order_with_nulls_present()
    {
        var room = await CreateRoom();

        room.Properties().Select(p => p.Name).Should().Equal(SpecRoomProperties);
    }

    [Test]
    public async Task Create_returns_the_four_links_by_sid()
    {
        var room = await CreateRoom("UniqueName=by-name");

        var sid = room.Value<string>("sid");
        var links = (JObject)room["links"]!;
        links.Properties().Select(p => p.Name).Should().Equal("participants", "recordings", "transcriptions", "recording_rules");
        links.Value<string>("participants").Should().Be($"{Fake.Url}/v1/Rooms/{sid}/Participants");
        links.Value<string>("recordings").Should().Be($"{Fake.Url}/v1/Rooms/{sid}/Recordings");
        links.Value<string>("transcriptions").Should().Be($"{Fake.Url}/v1/Rooms/{sid}/Transcriptions");
        links.Value<string>("recording_rules").Should().Be($"{Fake.Url}/v1/Rooms/{sid}/RecordingRules");
    }

    [Test]
    public async Task Dates_are_utc_whole_seconds_even_when_the_clock_has_a_fraction()
    {
        var whole = TwilioTime.MoveToNextDayAtNine(Fake);
        Fake.Clock.Advance(TimeSpan.FromMilliseconds(1750));

        var room = await CreateRoom();

        room.Value<string>("date_created").Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
            .And.Be(TwilioTime.Format(whole.AddSeconds(1)));
        room.Value<string>("date_updated").Should().Be(TwilioTime.Format(whole.AddSeconds(1)));
    }

    [Test]
    public async Task Create_with_every_parameter_echoes_each_value()
    {
        var room = await CreateRoom(
            "Type=group-small&UniqueName=all+options&StatusCallback=http%3A%2F%2F127.0.0.1%3A9%2Fcb&StatusCallbackMethod=GET" +
            "&MaxParticipants=3&RecordParticipantsOnConnect=true&VideoCodecs=H264&VideoCodecs=VP8&MediaRegion=ie1" +
            "&AudioOnly=false&MaxParticipantDuration=600&EmptyRoomTimeout=1&UnusedRoomTimeout=60&LargeRoom=false" +
            "&EnableTurn=false&TranscribeParticipantsOnConnect=true&TranscriptionsConfiguration=%7B%22languageCode%22%3A%22en-US%22%7D");

        room.Value<string>("type").Should().Be("group-small");
        room.Value<string>("unique_name").Should().Be("all options");
        room.Value<string>("status_callback").Should().Be("http://127.0.0.1:9/cb");
        room.Value<string>("status_callback_method").Should().Be("GET");
        room.Value<int>("max_participants").Should().Be(3);
        room.Value<bool>("record_participants_on_connect").Should().BeTrue();
        room["video_codecs"]!.Values<string>().Should().Equal("H264", "VP8");
        room.Value<string>("media_region").Should().Be("ie1");
        room.Value<bool>("audio_only").Should().BeFalse();
        room.Value<int>("max_participant_duration").Should().Be(600);
        room.Value<int>("empty_room_timeout").Should().Be(1);
        room.Value<int>("unused_room_timeout").Should().Be(60);
        room.Value<bool>("large_room").Should().BeFalse();
        // EnableTurn is deprecated: "now always considered to be true" (spec).
        room.Value<bool>("enable_turn").Should().BeTrue();
        // TranscribeParticipantsOnConnect was removed from the room resource (spec CHANGES 2025-05-05).
        room.Properties().Select(p => p.Name).Should().Equal(SpecRoomProperties);
    }

    [TestCase("group", 50, 170)]
    [TestCase("group-small", 4, 170)]
    [TestCase("peer-to-peer", 10, 0)]
    [TestCase("go", 2, 0)]
    public async Task Create_of_each_type_gets_its_default_max_participants(string type, int maxParticipants, int maxTracks)
    {
        var room = await CreateRoom($"Type={type}");

        room.Value<string>("type").Should().Be(type);
        room.Value<int>("max_participants").Should().Be(maxParticipants);
        room.Value<int>("max_concurrent_published_tracks").Should().Be(maxTracks);
    }

    [Test]
    public async Task Audio_only_room_has_no_video_codecs()
    {
        var room = await CreateRoom("AudioOnly=true");

        room.Value<bool>("audio_only").Should().BeTrue();
        room["video_codecs"]!.Should().BeOfType<JArray>().Which.Should().BeEmpty();
    }

    [Test]
    public async Task Large_room_allows_16_concurrent_published_tracks()
    {
        var room = await CreateRoom("LargeRoom=true");

        room.Value<bool>("large_room").Should().BeTrue();
        room.Value<int>("max_concurrent_published_tracks").Should().Be(16);
    }

    [Test]
    public async Task Sids_come_from_the_seed_and_differ_between_rooms()
    {
        var first = await CreateRoom();
        var second = await CreateRoom();

        first.Value<string>("sid").Should().NotBe(second.Value<string>("sid"));
        second.Value<string>("sid").Should().MatchRegex("^RM[0-9a-f]{32}$");
    }

    [Test]
    public async Task Create_is_recorded_in_the_journal_as_CreateRoom()
    {
        var room = await CreateRoom("UniqueName=journaled");

        var call = Fake.Calls.Should().ContainSingle().Which;
        call.Operation.Should().Be(Operation.CreateRoom);
        call.Method.Should().Be("POST");
        call.Path.Should().Be("/v1/Rooms");
        call.StatusCode.Should().Be(201);
        call.ErrorCode.Should().BeNull();
        call.AccountSid.Should().Be(Fake.AccountSid);
        call.FormValue("UniqueName").Should().Be("journaled");
        call.Room!.Sid.Should().Be(room.Value<string>("sid"));
        call.Time.Should().Be(Fake.Clock.UtcNow);
    }

    [Test]
    public async Task Create_with_duplicate_unique_name_returns_53113()
    {
        await CreateRoom("UniqueName=standup");

        var again = await PostForm("/v1/Rooms", "UniqueName=standup");

        again.ShouldBeTwilioError(400, 53113, "Room exists");
        Fake.Calls.Last().ErrorCode.Should().Be(53113);
    }

    [Test]
    public async Task Unique_name_is_free_again_once_the_room_is_completed()
    {
        var first = await CreateRoom("UniqueName=standup");
        (await PostForm($"/v1/Rooms/{first.Value<string>("sid")}", "Status=completed")).Status.Should().Be(HttpStatusCode.Accepted);

        var second = await CreateRoom("UniqueName=standup");

        second.Value<string>("sid").Should().NotBe(first.Value<string>("sid"));
        second.Value<string>("unique_name").Should().Be("standup");
    }

    [Test]
    public async Task Unique_names_are_case_sensitive()
    {
        await CreateRoom("UniqueName=Standup");

        var other = await CreateRoom("UniqueName=standup");

        other.Value<string>("unique_name").Should().Be("standup");
    }

    [Test]
    public async Task Sdk_create_duplicate_surfaces_as_ApiException_53113()
    {
        await RoomResource.CreateAsync(uniqueName: "daily", client: Twilio);

        var act = () => RoomResource.CreateAsync(uniqueName: "daily", client: Twilio);

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Code.Should().Be(53113);
        error.Status.Should().Be(400);
        error.Message.Should().Be("Room exists");
    }
}
