using Bogus;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Tests.Control;

/// <summary>
/// Generates <c>fixtures/seeds/classroom.json</c> with Bogus (seeded, so the file is reproducible): a school's
/// virtual classrooms with a teacher and students each. Run the explicit test below to rewrite the file.
/// </summary>
public static class ClassroomSeed
{
    public const int Seed = 2026;

    public static string Generate()
    {
        var faker = new Faker("en") { Random = new Randomizer(Seed) };
        var subjects = new[] { "algebra", "biology", "chemistry", "history", "literature", "physics", "spanish", "statistics" };
        var rooms = new JArray();
        for (var i = 0; i < subjects.Length; i++)
        {
            var section = faker.Random.Int(1, 4);
            var used = new HashSet<string>(StringComparer.Ordinal);
            string Identity()
            {
                var person = faker.Person;
                faker = new Faker("en") { Random = faker.Random };   // a new person each time
                var name = faker.Internet.UserName(person.FirstName, person.LastName).ToLowerInvariant();
                while (!used.Add(name))
                    name += faker.Random.Int(0, 9);
                return name;
            }

            var participants = new JArray
            {
                new JObject
                {
                    ["Identity"] = "teacher-" + Identity(),
                    ["PublishedTracks"] = new JArray(
                        new JObject { ["Name"] = "camera", ["Kind"] = "video" },
                        new JObject { ["Name"] = "microphone", ["Kind"] = "audio" },
                        new JObject { ["Name"] = "whiteboard", ["Kind"] = "data" }),
                },
            };
            var students = faker.Random.Int(3, 12);
            for (var s = 0; s < students; s++)
            {
                var student = new JObject { ["Identity"] = Identity() };
                if (faker.Random.Bool(0.15f))
                    student["Status"] = "disconnected";
                else if (faker.Random.Bool(0.6f))
                    student["PublishedTracks"] = new JArray(new JObject { ["Name"] = "microphone", ["Kind"] = "audio", ["Enabled"] = faker.Random.Bool(0.3f) });
                participants.Add(student);
            }
            var room = new JObject
            {
                ["UniqueName"] = $"{subjects[i]}-{faker.Random.Int(100, 499)}-section-{section}",
                ["Type"] = "group",
                ["MaxParticipants"] = faker.Random.Int(students + 2, 50),
                ["EmptyRoomTimeout"] = faker.PickRandom(5, 10, 15),
                ["UnusedRoomTimeout"] = faker.PickRandom(10, 30, 60),
                ["MediaRegion"] = faker.PickRandom("us1", "us2", "ie1", "de1"),
                ["RecordParticipantsOnConnect"] = faker.Random.Bool(0.25f),
                ["Participants"] = participants,
            };
            if (faker.Random.Bool(0.25f))
                room["Status"] = "completed";
            rooms.Add(room);
        }
        return new JObject
        {
            ["description"] = $"Virtual classrooms: a teacher and students each. Generated with Bogus (seed {Seed}) by tests/FakeRooms.Tests/Control/ClassroomSeed.cs.",
            ["rooms"] = rooms,
        }.ToString(Formatting.Indented).Replace("\r\n", "\n") + "\n";
    }
}

public sealed class ClassroomSeedTests
{
    private static string SeedPath => Path.Combine(FixtureTests.RepositoryRoot(), "fixtures", "seeds", "classroom.json");

    [Test]
    public void Classroom_seed_file_is_what_the_seeded_bogus_generator_makes()
    {
        File.ReadAllText(SeedPath).Should().Be(ClassroomSeed.Generate(), "rewrite it with the explicit test Rewrite_classroom_seed_file");
    }

    [Test, Explicit("Rewrites fixtures/seeds/classroom.json")]
    public void Rewrite_classroom_seed_file() => File.WriteAllText(SeedPath, ClassroomSeed.Generate());
}
