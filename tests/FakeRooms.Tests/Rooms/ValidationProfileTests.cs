using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Rooms;

/// <summary>
/// The two validation profiles (issue 2 §4) on the seed's own example request. <see cref="ValidationProfile.Schema"/>
/// checks only the spec's types and enums and echoes the values; <see cref="ValidationProfile.Strict"/> refuses the
/// same body with the first Twilio rule that applies.
/// </summary>
public sealed class ValidationProfileTests : FakeRoomsTest
{
    /// <summary>
    /// The seed's example CreateRoom body, with StatusCallback moved from example.com to a loopback address that
    /// nothing listens on (nothing here may send traffic to a public host).
    /// </summary>
    internal const string SeedExample =
        "AudioOnly=true&EmptyRoomTimeout=42&EnableTurn=true&LargeRoom=true&MaxParticipantDuration=42&MaxParticipants=42" +
        "&MediaRegion=string&RecordParticipantsOnConnect=true&StatusCallback=http%3A%2F%2F127.0.0.1%3A9%2Fcb" +
        "&StatusCallbackMethod=HEAD&Type=go&UniqueName=string&UnusedRoomTimeout=42&VideoCodecs=VP8";

    protected override void Configure(FakeRoomsOptions options) => options.Validation = ValidationProfile.Schema;

    [Test]
    public async Task Schema_profile_accepts_the_seed_example_and_echoes_it_field_by_field()
    {
        var room = await CreateRoom(SeedExample);

        room.Value<bool>("audio_only").Should().BeTrue();
        room.Value<int>("empty_room_timeout").Should().Be(42);
        room.Value<bool>("enable_turn").Should().BeTrue();
        room.Value<bool>("large_room").Should().BeTrue();
        room.Value<int>("max_participant_duration").Should().Be(42);
        room.Value<int>("max_participants").Should().Be(42);
        room.Value<string>("media_region").Should().Be("string");
        room.Value<bool>("record_participants_on_connect").Should().BeTrue();
        room.Value<string>("status_callback").Should().Be("http://127.0.0.1:9/cb");
        room.Value<string>("status_callback_method").Should().Be("HEAD");
        room.Value<string>("type").Should().Be("go");
        room.Value<string>("unique_name").Should().Be("string");
        room.Value<int>("unused_room_timeout").Should().Be(42);
        room["video_codecs"]!.Values<string>().Should().Equal("VP8");
        room.Properties().Select(p => p.Name).Should().Equal(CreateRoomTests.SpecRoomProperties);
    }

    [Test]
    public async Task Strict_profile_refuses_the_seed_example_with_53110_first()
    {
        // Strict checks in this order: 53101 name length, 53111 callback URL, 53110 callback method, 53107
        // participants, 53109 timeouts, 20001 participant duration, 53115 region, 53114 group-only parameters, 53120
        // rules. The example breaks 53110 (HEAD), 53107 (42 > 2 on a go room), 53115 (region "string") and 53114
        // (codecs, region, audio-only, recording and large room on a go room); 53110 is checked first.
        await using var strict = await FakeRoomsServer.StartAsync(o => { o.Seed = 42; o.StartTime = Start; });
        using var http = new HttpClient { BaseAddress = new Uri(strict.Url) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{strict.AccountSid}:{strict.AuthToken}")));

        var answer = await Send(new HttpRequestMessage(HttpMethod.Post, "/v1/Rooms")
        {
            Content = new StringContent(SeedExample, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        }, http);

        answer.ShouldBeTwilioError(400, 53110, "StatusCallbackMethod is invalid");
        strict.Rooms.All.Should().BeEmpty();
    }

    [Test]
    public async Task Schema_profile_skips_twilio_rules_such_as_the_type_limit_and_regions()
    {
        var room = await CreateRoom("Type=peer-to-peer&MaxParticipants=500&MediaRegion=mars&EmptyRoomTimeout=0&AudioOnly=true");

        room.Value<int>("max_participants").Should().Be(500);
        room.Value<string>("media_region").Should().Be("mars");
        room.Value<int>("empty_room_timeout").Should().Be(0);
    }

    [Test]
    public async Task Schema_profile_still_keeps_unique_names_unique_with_53113()
    {
        await CreateRoom("UniqueName=string");

        var answer = await PostForm("/v1/Rooms", "UniqueName=string");

        answer.ShouldBeTwilioError(400, 53113, "Room exists");
    }

    [TestCase("Type=huge", 53108, "RoomType is not valid")]
    [TestCase("MaxParticipants=lots", 20001, "Invalid MaxParticipants: 'lots'")]
    [TestCase("AudioOnly=maybe", 20001, "Invalid AudioOnly: 'maybe'")]
    [TestCase("VideoCodecs=VP9", 20001, "Invalid VideoCodecs: 'VP9'")]
    [TestCase("StatusCallbackMethod=FETCH", 53110, "StatusCallbackMethod is invalid")]
    [TestCase("StatusCallback=%2Frelative", 53111, "StatusCallback is invalid")]
    public async Task Schema_profile_still_refuses_wrong_types_and_enums(string body, int code, string message)
    {
        var answer = await PostForm("/v1/Rooms", body);

        answer.ShouldBeTwilioError(400, code, message);
    }
}
