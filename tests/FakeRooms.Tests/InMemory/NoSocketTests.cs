using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.InMemory;

/// <summary>A fake with <c>Listen = false</c> opens no listening socket, yet its clients reach it.</summary>
public sealed class NoSocketTests
{
    [Test]
    public async Task A_fake_that_does_not_listen_opens_no_listening_socket()
    {
        Assume.That(OperatingSystem.IsLinux(), "reads this process's sockets from /proc");
        var before = ListeningSockets();

        await using var fake = await FakeRoomsServer.StartAsync(o => o.Listen = false);
        var room = await RoomResource.CreateAsync(uniqueName: "no-port", client: fake.CreateTwilioClient());

        room.Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
        fake.Port.Should().Be(0);
        fake.InspectorUrl.Should().BeNull("a browser cannot reach a fake that does not listen");
        ListeningSockets().Except(before).Should().BeEmpty("no port is opened");
    }

    [Test]
    public async Task A_listening_fake_shows_up_as_a_listening_socket()
    {
        Assume.That(OperatingSystem.IsLinux(), "reads this process's sockets from /proc");
        var before = ListeningSockets();

        await using var fake = await FakeRoomsServer.StartAsync();

        ListeningSockets().Except(before).Should().ContainSingle("the check above would see a port if one were opened");
    }

    [Test]
    public async Task Clients_made_from_a_url_cannot_reach_a_fake_that_does_not_listen()
    {
        await using var fake = await FakeRoomsServer.StartAsync(o => o.Listen = false);

        fake.Url.Should().Be("https://video.twilio.com", "answers carry Twilio's own URLs");
        using var http = new HttpClient(fake.CreateHttpMessageHandler());
        using var response = await http.GetAsync("https://video.twilio.com/v1/Rooms");
        ((int)response.StatusCode).Should().Be(401, "the in-memory handler answered, as the fake does without credentials");
        fake.Calls.Should().ContainSingle().Which.StatusCode.Should().Be(401);
    }

    /// <summary>The inodes of this process's TCP sockets in the LISTEN state (/proc/net/tcp state 0A).</summary>
    private static HashSet<string> ListeningSockets()
    {
        var listening = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
                continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == "0A")
                    listening.Add(fields[9]);
            }
        }
        var mine = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.GetFiles("/proc/self/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue;
            }
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && listening.Contains(target[8..^1]))
                mine.Add(target[8..^1]);
        }
        return mine;
    }
}
