using System.Net;
using System.Text;
using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Control;

public sealed class FixtureTests : FakeRoomsTest
{
    private Task<Answer> PostFixture(string json) =>
        Send(new HttpRequestMessage(HttpMethod.Post, "/__fakerooms/fixture") { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    [Test]
    public async Task Fixture_seeds_rooms_with_create_parameters_participants_tracks_and_status()
    {
        var answer = await PostFixture("""
            { "rooms": [
                { "UniqueName": "standup", "Type": "group", "MaxParticipants": 8, "VideoCodecs": ["VP8", "H264"],
                  "RecordingRules": { "rules": [ { "type": "include", "kind": "audio" } ] },
                  "Participants": [ "alice",
                                    { "Identity": "bob", "PublishedTracks": [ { "Name": "camera", "Kind": "video", "Enabled": false } ] },
                                    { "Identity": "carol", "Status": "disconnected" } ] },
                { "UniqueName": "retro", "Status": "completed" }
            ] }
            """);

        answer.Status.Should().Be(HttpStatusCode.OK, answer.Text);
        answer.Json.Value<int>("rooms").Should().Be(2);
        answer.Json.Value<int>("participants").Should().Be(3);
        var standup = Fake.Rooms.Get("standup");
        standup.MaxParticipants.Should().Be(8);
        standup.VideoCodecs.Should().Equal("VP8", "H264");
        standup.RecordingRules.Should().ContainSingle().Which.Kind.Should().Be("audio");
        Fake.Rooms.ParticipantsOf("standup").Select(p => (p.Identity, p.Status)).Should().Equal(
            ("alice", VideoParticipantStatus.Connected), ("bob", VideoParticipantStatus.Connected), ("carol", VideoParticipantStatus.Disconnected));
        (await Get($"/v1/Rooms/{standup.Sid}/Participants/bob/PublishedTracks/camera")).Json.Value<bool>("enabled").Should().BeFalse();
        (await Get("/v1/Rooms?Status=completed&UniqueName=retro")).Json["rooms"]!.Should().ContainSingle();
    }

    [Test]
    public async Task Fixture_room_breaking_a_twilio_rule_returns_20001_naming_it_and_seeds_nothing()
    {
        var answer = await PostFixture("""{ "rooms": [ { "UniqueName": "ok" }, { "UniqueName": "duo", "Type": "go", "MaxParticipants": 3 } ] }""");

        answer.ShouldBeTwilioError(400, 20001, "Invalid fixture: rooms[1] (duo): Twilio error 53107: MaxParticipants is out of range");
        Fake.Rooms.All.Should().BeEmpty();
    }

    [Test]
    public async Task Fixture_with_an_unknown_room_parameter_returns_20001()
    {
        var answer = await PostFixture("""{ "rooms": [ { "UniqueNmae": "typo" } ] }""");

        answer.ShouldBeTwilioError(400, 20001,
            "Invalid fixture: rooms[0]: 'UniqueNmae' is not a parameter of POST /v1/Rooms (nor AccountSid, Status, Participants)");
    }

    [TestCaseSource(nameof(SeedFiles))]
    public async Task Committed_seed_file_loads(string path)
    {
        var answer = await PostFixture(await File.ReadAllTextAsync(path));

        answer.Status.Should().Be(HttpStatusCode.OK, answer.Text);
        answer.Json.Value<int>("rooms").Should().BeGreaterThan(0);
        Fake.Rooms.All.Should().HaveCount(answer.Json.Value<int>("rooms"));
    }

    public static IEnumerable<string> SeedFiles() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot(), "fixtures", "seeds"), "*.json").Order(StringComparer.Ordinal);

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FakeRooms.sln")))
                return dir.FullName;
        throw new InvalidOperationException("FakeRooms.sln not found above " + AppContext.BaseDirectory);
    }
}
