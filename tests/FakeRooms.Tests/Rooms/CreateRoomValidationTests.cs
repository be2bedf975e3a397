using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Rooms;

/// <summary>
/// CreateRoom under the Strict profile: every rule of FACTS §2.8, each with Twilio's HTTP status, code and message.
/// </summary>
public sealed class CreateRoomValidationTests : FakeRoomsTest
{
    private const string OutOfRange = "MaxParticipants is out of range";

    private async Task ShouldFail(string body, int code, string message, int status = 400)
    {
        var answer = await PostForm("/v1/Rooms", body);
        answer.ShouldBeTwilioError(status, code, message);
        Fake.Rooms.All.Should().BeEmpty("a refused create makes no room");
        var call = Fake.Calls.Last();
        call.Operation.Should().Be(Operation.CreateRoom);
        call.StatusCode.Should().Be(status);
        call.ErrorCode.Should().Be(code);
    }

    private async Task ShouldSucceed(string body) => await CreateRoom(body);

    // ---- 53108 Type

    [TestCase("Type=bogus")]
    [TestCase("Type=Group")]
    [TestCase("Type=GROUP")]
    [TestCase("Type=peer_to_peer")]
    public Task Create_with_invalid_type_returns_53108(string body) =>
        ShouldFail(body, 53108, "RoomType is not valid");

    // ---- 53107 MaxParticipants per type

    [TestCase("go", 2)]
    [TestCase("peer-to-peer", 10)]
    [TestCase("group-small", 4)]
    [TestCase("group", 50)]
    public async Task Create_with_max_participants_at_the_type_limit_succeeds(string type, int limit)
    {
        var room = await CreateRoom($"Type={type}&MaxParticipants={limit}");
        room.Value<int>("max_participants").Should().Be(limit);
    }

    [TestCase("go", 3)]
    [TestCase("peer-to-peer", 11)]
    [TestCase("group-small", 5)]
    [TestCase("group", 51)]
    public Task Create_with_max_participants_over_the_type_limit_returns_53107(string type, int value) =>
        ShouldFail($"Type={type}&MaxParticipants={value}", 53107, OutOfRange);

    [TestCase(0)]
    [TestCase(-1)]
    public Task Create_with_max_participants_below_1_returns_53107(int value) =>
        ShouldFail($"MaxParticipants={value}", 53107, OutOfRange);

    [Test]
    public Task Create_with_max_participants_1_succeeds() => ShouldSucceed("MaxParticipants=1");

    [Test]
    public Task Large_room_over_50_without_the_large_room_option_returns_53107() =>
        ShouldFail("LargeRoom=true&MaxParticipants=51", 53107, OutOfRange);

    // ---- 53109 timeouts

    [TestCase("EmptyRoomTimeout", 0)]
    [TestCase("EmptyRoomTimeout", 61)]
    [TestCase("UnusedRoomTimeout", 0)]
    [TestCase("UnusedRoomTimeout", 61)]
    [TestCase("UnusedRoomTimeout", -5)]
    public Task Create_with_timeout_outside_1_to_60_returns_53109(string name, int value) =>
        ShouldFail($"{name}={value}", 53109, "Timeout is out of range");

    [TestCase("EmptyRoomTimeout=1&UnusedRoomTimeout=60")]
    [TestCase("EmptyRoomTimeout=60&UnusedRoomTimeout=1")]
    public Task Create_with_timeouts_at_the_bounds_succeeds(string body) => ShouldSucceed(body);

    // ---- 53123 MaxParticipantDuration (Twilio error page 53123: 600 to 86400 seconds)

    [TestCase(0)]
    [TestCase(599)]
    [TestCase(86401)]
    [TestCase(-1)]
    public Task Create_with_max_participant_duration_out_of_range_returns_53123(int value) =>
        ShouldFail($"MaxParticipantDuration={value}", 53123, "MaxParticipantDuration is out of range");

    [TestCase(600)]
    [TestCase(86400)]
    public Task Create_with_max_participant_duration_at_the_bounds_succeeds(int value) =>
        ShouldSucceed($"MaxParticipantDuration={value}");

    // ---- 53110 StatusCallbackMethod

    [TestCase("PUT")]
    [TestCase("HEAD")]
    [TestCase("get")]
    [TestCase("FETCH")]
    public Task Create_with_status_callback_method_other_than_GET_or_POST_returns_53110(string method) =>
        ShouldFail($"StatusCallbackMethod={method}", 53110, "StatusCallbackMethod is invalid");

    // ---- 53111 StatusCallback

    [TestCase("/relative/cb")]
    [TestCase("ftp%3A%2F%2F127.0.0.1%2Fcb")]
    [TestCase("not a url")]
    [TestCase("http%3A%2F%2F")]
    public Task Create_with_invalid_status_callback_returns_53111(string encodedUrl) =>
        ShouldFail($"StatusCallback={encodedUrl}", 53111, "StatusCallback is invalid");

    [Test]
    public Task Create_with_too_long_status_callback_returns_53111() =>
        ShouldFail("StatusCallback=" + Uri.EscapeDataString("http://127.0.0.1:9/" + new string('a', 2000)), 53111,
            "StatusCallback is invalid");

    [TestCase("http://127.0.0.1:9/cb")]
    [TestCase("https://hooks.invalid/room?x=1")]
    public async Task Create_with_absolute_http_status_callback_succeeds(string url)
    {
        var room = await CreateRoom("StatusCallback=" + Uri.EscapeDataString(url));
        room.Value<string>("status_callback").Should().Be(url);
    }

    // ---- 53115 MediaRegion

    [TestCase("string")]
    [TestCase("US1")]
    [TestCase("gll")]
    [TestCase("eu1")]
    public Task Create_with_unknown_media_region_returns_53115(string region) =>
        ShouldFail($"MediaRegion={region}", 53115, "MediaRegion is invalid");

    [TestCase("us1")]
    [TestCase("us2")]
    [TestCase("ie1")]
    [TestCase("de1")]
    [TestCase("au1")]
    [TestCase("br1")]
    [TestCase("jp1")]
    [TestCase("sg1")]
    [TestCase("in1")]
    public async Task Create_with_each_known_media_region_succeeds(string region)
    {
        var room = await CreateRoom($"MediaRegion={region}");
        room.Value<string>("media_region").Should().Be(region);
    }

    // ---- 53114 group-only parameters on peer-to-peer and go

    [TestCase("peer-to-peer", "VideoCodecs=VP8")]
    [TestCase("peer-to-peer", "MediaRegion=us1")]
    [TestCase("peer-to-peer", "RecordParticipantsOnConnect=true")]
    [TestCase("peer-to-peer", "AudioOnly=true")]
    [TestCase("peer-to-peer", "LargeRoom=true")]
    [TestCase("peer-to-peer", "RecordingRules=%5B%7B%22type%22%3A%22include%22%2C%22all%22%3Atrue%7D%5D")]
    [TestCase("go", "VideoCodecs=H264")]
    [TestCase("go", "MediaRegion=ie1")]
    [TestCase("go", "RecordParticipantsOnConnect=true")]
    [TestCase("go", "AudioOnly=true")]
    [TestCase("go", "LargeRoom=true")]
    [TestCase("go", "RecordingRules=%5B%7B%22type%22%3A%22include%22%2C%22all%22%3Atrue%7D%5D")]
    public Task Create_with_group_only_parameter_on_a_non_group_type_returns_53114(string type, string parameter) =>
        ShouldFail($"Type={type}&{parameter}", 53114, "Room creation parameter(s) incompatible with the Room type");

    [TestCase("peer-to-peer")]
    [TestCase("go")]
    public Task Create_with_group_only_flags_set_to_false_on_a_non_group_type_succeeds(string type) =>
        ShouldSucceed($"Type={type}&RecordParticipantsOnConnect=false&AudioOnly=false&LargeRoom=false");

    [TestCase("VideoCodecs=VP8&MediaRegion=de1&RecordParticipantsOnConnect=true&AudioOnly=true&LargeRoom=true")]
    public Task Create_with_group_only_parameters_on_group_small_succeeds(string parameters) =>
        ShouldSucceed($"Type=group-small&{parameters}");

    // ---- 53120 RecordingRules

    [TestCase("[]")]
    [TestCase("{\"rules\":[]}")]
    [TestCase("[{\"type\":\"include\",\"all\":false}]")]
    [TestCase("[{\"type\":\"include\",\"all\":true,\"kind\":\"audio\"}]")]
    [TestCase("[{\"all\":true}]")]
    [TestCase("[{\"type\":\"record\",\"all\":true}]")]
    [TestCase("[{\"type\":\"include\"}]")]
    [TestCase("[{\"type\":\"include\",\"kind\":\"data\"}]")]
    [TestCase("[{\"type\":\"include\",\"kind\":\"audio\",\"kind\":\"video\"}]")]
    [TestCase("[{\"type\":\"include\",\"colour\":\"red\"}]")]
    [TestCase("[{\"type\":\"include\",\"all\":\"true\"}]")]
    [TestCase("[\"include\"]")]
    [TestCase("{\"type\":\"include\",\"all\":true}")]
    [TestCase("{\"rules\":[{\"type\":\"include\",\"all\":true}],\"extra\":1}")]
    [TestCase("not json")]
    [TestCase("[{\"type\":\"include\",\"all\":true}")]
    public Task Create_with_invalid_recording_rules_returns_53120(string rules) =>
        ShouldFail("RecordingRules=" + Uri.EscapeDataString(rules), 53120, "Invalid Recording Rule(s)");

    [Test]
    public Task Create_with_more_than_20_recording_rules_returns_53120() =>
        ShouldFail("RecordingRules=" + Uri.EscapeDataString(Rules(21)), 53120, "Invalid Recording Rule(s)");

    [Test]
    public Task Create_with_20_recording_rules_succeeds() => ShouldSucceed("RecordingRules=" + Uri.EscapeDataString(Rules(20)));

    [TestCase("[{\"type\":\"include\",\"all\":true}]")]
    [TestCase("{\"rules\":[{\"type\":\"include\",\"all\":true}]}")]
    [TestCase("[{\"type\":\"include\",\"kind\":\"audio\"},{\"type\":\"exclude\",\"publisher\":\"bob\",\"track\":\"cam\"}]")]
    public async Task Create_accepts_recording_rules_as_a_bare_array_or_wrapped_in_rules(string rules)
    {
        var room = await CreateRoom("RecordingRules=" + Uri.EscapeDataString(rules));

        Fake.Rooms.Get(room.Value<string>("sid")!).RecordingRules.Should().NotBeEmpty();
    }

    private static string Rules(int count) =>
        "[" + string.Join(",", Enumerable.Range(1, count).Select(i => $"{{\"type\":\"include\",\"publisher\":\"p{i}\"}}")) + "]";

    // ---- 53101 UniqueName length

    [Test]
    public Task Create_with_unique_name_of_129_characters_returns_53101() =>
        ShouldFail("UniqueName=" + new string('n', 129), 53101, "Room name is too long");

    [Test]
    public async Task Create_with_unique_name_of_128_characters_succeeds()
    {
        var name = new string('n', 128);
        var room = await CreateRoom("UniqueName=" + name);
        room.Value<string>("unique_name").Should().Be(name);
    }

    [Test]
    public Task Unique_name_length_counts_characters_not_encoded_bytes() =>
        // 128 'é' are 256 UTF-8 bytes and 768 characters percent-encoded, but still 128 characters.
        ShouldSucceed("UniqueName=" + Uri.EscapeDataString(new string('é', 128)));

    // ---- 20001 wrong types

    [TestCase("MaxParticipants=lots", "Invalid MaxParticipants: 'lots'")]
    [TestCase("MaxParticipants=2.5", "Invalid MaxParticipants: '2.5'")]
    [TestCase("MaxParticipants=99999999999", "Invalid MaxParticipants: '99999999999'")]
    [TestCase("EmptyRoomTimeout=soon", "Invalid EmptyRoomTimeout: 'soon'")]
    [TestCase("MaxParticipantDuration=1h", "Invalid MaxParticipantDuration: '1h'")]
    [TestCase("AudioOnly=maybe", "Invalid AudioOnly: 'maybe'")]
    [TestCase("AudioOnly=1", "Invalid AudioOnly: '1'")]
    [TestCase("RecordParticipantsOnConnect=yes", "Invalid RecordParticipantsOnConnect: 'yes'")]
    [TestCase("LargeRoom=on", "Invalid LargeRoom: 'on'")]
    [TestCase("EnableTurn=sure", "Invalid EnableTurn: 'sure'")]
    [TestCase("TranscribeParticipantsOnConnect=2", "Invalid TranscribeParticipantsOnConnect: '2'")]
    [TestCase("VideoCodecs=VP9", "Invalid VideoCodecs: 'VP9'")]
    [TestCase("VideoCodecs=VP8&VideoCodecs=vp8", "Invalid VideoCodecs: 'vp8'")]
    public Task Create_with_value_of_the_wrong_type_returns_20001(string body, string message) =>
        ShouldFail(body, 20001, message);

    // ---- the first error that applies

    [Test]
    public Task Several_errors_report_the_type_first() =>
        ShouldFail("Type=bogus&MaxParticipants=lots&MediaRegion=nowhere", 53108, "RoomType is not valid");

    [Test]
    public async Task Duplicate_name_is_reported_only_for_an_otherwise_valid_request()
    {
        await CreateRoom("UniqueName=taken");

        var answer = await PostForm("/v1/Rooms", "UniqueName=taken&MaxParticipants=51");

        answer.ShouldBeTwilioError(400, 53107, OutOfRange);
    }
}
