using FakeRooms.Domain.Errors;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Tests.Robustness;

/// <summary>
/// Model-based concurrency test: 16 clients run random sequences of REST calls (create, fetch, list, complete, kick,
/// fetch participant) and control calls (connect, disconnect, publish, unpublish, clock advance) in parallel. Then the
/// fake's state is compared with what the ACCEPTED operations imply, in ways that do not depend on the order the
/// fake happened to apply them in: sets of SIDs, one completion per room, rooms ended only by a completion or by a
/// timer that was due, participants and tracks exactly those the clients were told exist, names unique among rooms in
/// progress, the clock moved by the sum of the accepted advances, and one journal entry per REST request sent.
/// </summary>
[Category("Model")]
[NonParallelizable]
public sealed class ModelConcurrencyTests
{
    private const int Clients = 16;
    private const int RoomQuota = 40;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private enum Kind
    {
        Create, Fetch, List, Complete, Kick, FetchParticipant, Connect, Disconnect, Publish, Unpublish, Advance,
    }

    /// <summary>One call a client made and what it was told.</summary>
    private sealed record Call(Kind Kind, int Client, string Path, IReadOnlyDictionary<string, string> Form, int Status, JObject? Json)
    {
        public bool Accepted => Status is >= 200 and < 300;
        public int? Code => Status >= 400 ? Json?.Value<int>("code") : null;
        public string? Sid => Accepted ? Json?.Value<string>("sid") : null;
        public bool IsRest => Path.StartsWith("/v1/", StringComparison.Ordinal);
    }

    /// <summary>The error codes each operation may meet when other clients race it (anything else is a bug).</summary>
    private static readonly Dictionary<Kind, int[]> ExpectedErrors = new()
    {
        [Kind.Create] = [53113, 53119],
        [Kind.Fetch] = [20404],
        [Kind.List] = [],
        [Kind.Complete] = [53112, 20404],
        [Kind.Kick] = [20404],
        [Kind.FetchParticipant] = [20404],
        [Kind.Connect] = [53105, 53106, 53118],
        [Kind.Disconnect] = [20404],
        [Kind.Publish] = [53203, 53204, 53304, 53125, 20404],
        [Kind.Unpublish] = [53204, 20404],
        [Kind.Advance] = [],
    };

    [Test]
    public async Task Sixteen_parallel_clients_leave_the_state_their_accepted_operations_imply()
    {
        var total = FuzzSettings.Count(800);
        var perClient = Math.Max(1, total / Clients);
        var seed = FuzzSettings.NumericSeed(nameof(ModelConcurrencyTests));
        FuzzSettings.Announce("Model concurrency", FuzzSettings.BaseSeed.ToString(CultureInfo.InvariantCulture), perClient * Clients);

        await using var fake = await FakeRoomsServer.StartAsync(options =>
        {
            options.Seed = 42;
            options.StartTime = Start;
            options.MaxInProgressRoomsPerAccount = RoomQuota;
            options.JournalCapacity = perClient * Clients + 100;
            options.CallbackHandler = new NoNetwork();
        });
        using var http = new HttpClient { BaseAddress = new Uri(fake.Url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}")));

        // Rounds: every client fires its next operation at the same moment, so operations really overlap (with
        // free-running clients, fast calls rarely met and a Create without its lock went unnoticed).
        var world = new World();
        var randoms = Enumerable.Range(0, Clients).Select(c => new Random(unchecked((int)(seed >> 16) + c * 7919))).ToArray();
        var calls = new List<Call>(perClient * Clients);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
            for (var round = 0; round < perClient; round++)
                calls.AddRange(await Task.WhenAll(Enumerable.Range(0, Clients)
                    .Select(c => Task.Run(() => RunOne(http, randoms[c], c, world), timeout.Token))));

        TestContext.Progress.WriteLine("Model run: " + string.Join(", ", calls.GroupBy(c => (c.Kind, c.Accepted))
            .OrderBy(g => g.Key.Kind).Select(g => $"{g.Key.Kind} {(g.Key.Accepted ? "ok" : "refused")} {g.Count()}")));

        fake.InternalErrors.Should().BeEmpty();
        CheckAnswers(calls);
        CheckAgainstModel(fake, calls);
        CheckJournal(fake, calls);
    }

    // ------------------------------------------------------------------ clients

    /// <summary>What the clients know of each other's successes, to aim at shared rooms and participants.</summary>
    private sealed class World
    {
        public readonly ConcurrentQueue<(string Sid, string Name)> Rooms = new();
        public readonly ConcurrentQueue<(string Room, string Sid)> Participants = new();
        public readonly ConcurrentQueue<(string Room, string Participant, string Sid, string Name)> Tracks = new();

        public static T? Pick<T>(ConcurrentQueue<T> queue, Random random)
        {
            var items = queue.ToArray();
            return items.Length == 0 ? default : items[items.Length - 1 - Math.Min(items.Length - 1, (int)(random.NextDouble() * random.NextDouble() * items.Length))];
        }
    }

    private static readonly (Kind Kind, int Weight)[] Mix =
    [
        (Kind.Create, 18), (Kind.Fetch, 8), (Kind.List, 6), (Kind.Complete, 7), (Kind.Kick, 5), (Kind.FetchParticipant, 4),
        (Kind.Connect, 20), (Kind.Disconnect, 6), (Kind.Publish, 14), (Kind.Unpublish, 5), (Kind.Advance, 4),
    ];

    private static async Task<Call> RunOne(HttpClient http, Random random, int client, World world)
    {
        var roll = random.Next(Mix.Sum(m => m.Weight));
        var kind = Mix.First(m => (roll -= m.Weight) < 0).Kind;
        var room = World.Pick(world.Rooms, random);
        var participant = World.Pick(world.Participants, random);
        var track = World.Pick(world.Tracks, random);
        if (room == default && kind is not (Kind.Create or Kind.List or Kind.Advance))
            kind = Kind.Create;
        if (participant == default && kind is Kind.Kick or Kind.FetchParticipant or Kind.Disconnect or Kind.Publish)
            kind = Kind.Connect;
        if (track == default && kind is Kind.Unpublish)
            kind = Kind.Publish;
        if (participant == default && kind is Kind.Publish)
            kind = Kind.Connect;
        if (room == default && kind is Kind.Connect)
            kind = Kind.Create;
        var roomId = room == default ? "" : random.Next(4) == 0 ? room.Name : room.Sid;

        var form = new Dictionary<string, string>();
        string path;
        var method = HttpMethod.Post;
        switch (kind)
        {
            case Kind.Create:
                path = "/v1/Rooms";
                if (random.Next(2) == 0)
                    form["UniqueName"] = "n" + random.Next(4);
                form["Type"] = new[] { "group", "group-small", "go", "peer-to-peer" }[random.Next(4)];
                if (random.Next(2) == 0)
                {
                    form["EmptyRoomTimeout"] = "1";
                    form["UnusedRoomTimeout"] = "1";
                }
                // Valid for the type (group-small takes at most 4), so refusals come only from races.
                if (random.Next(3) == 0 && form["Type"] is "group" or "group-small")
                    form["MaxParticipants"] = (2 + random.Next(3)).ToString(CultureInfo.InvariantCulture);
                if (random.Next(6) == 0 && form["Type"] == "group")
                    form["AudioOnly"] = "true";
                break;
            case Kind.Fetch:
                method = HttpMethod.Get;
                path = $"/v1/Rooms/{roomId}";
                break;
            case Kind.List:
                method = HttpMethod.Get;
                var status = new[] { "", "in-progress", "completed" }[random.Next(3)];
                path = $"/v1/Rooms?PageSize={1 + random.Next(60)}" + (status.Length > 0 ? "&Status=" + status : "");
                break;
            case Kind.Complete:
                path = $"/v1/Rooms/{roomId}";
                form["Status"] = "completed";
                break;
            case Kind.Kick:
                path = $"/v1/Rooms/{participant.Room}/Participants/{participant.Sid}";
                form["Status"] = "disconnected";
                break;
            case Kind.FetchParticipant:
                method = HttpMethod.Get;
                path = $"/v1/Rooms/{participant.Room}/Participants/{participant.Sid}";
                break;
            case Kind.Connect:
                path = $"/__fakerooms/rooms/{roomId}/participants";
                form["Identity"] = "u" + random.Next(6);
                break;
            case Kind.Disconnect:
                path = $"/__fakerooms/rooms/{participant.Room}/participants/{participant.Sid}/disconnect";
                break;
            case Kind.Publish:
                path = $"/__fakerooms/rooms/{participant.Room}/participants/{participant.Sid}/tracks";
                form["Kind"] = new[] { "audio", "video", "data" }[random.Next(3)];
                form["Name"] = "t" + random.Next(4);
                break;
            case Kind.Unpublish:
                path = $"/__fakerooms/rooms/{track.Room}/participants/{track.Participant}/tracks/{(random.Next(2) == 0 ? track.Sid : track.Name)}/unpublish";
                break;
            default:
                path = "/__fakerooms/clock/advance";
                form["Seconds"] = random.Next(0, 45).ToString(CultureInfo.InvariantCulture);
                break;
        }

        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
            request.Content = new FormUrlEncodedContent(form);
        using var timeout = new CancellationTokenSource(FuzzHarness.RequestTimeout);
        using var response = await http.SendAsync(request, timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        var json = text.Length > 0 ? FakeRooms.Tests.Support.Answer.Parse(text) : null;
        var call = new Call(kind, client, path, form, (int)response.StatusCode, json);

        if (call.Accepted && json is not null)
        {
            switch (kind)
            {
                case Kind.Create:
                    world.Rooms.Enqueue((call.Sid!, json.Value<string>("unique_name")!));
                    break;
                case Kind.Connect:
                    world.Participants.Enqueue((json.Value<string>("room_sid")!, call.Sid!));
                    break;
                case Kind.Publish:
                    world.Tracks.Enqueue((json.Value<string>("room_sid")!, json.Value<string>("participant_sid")!, call.Sid!, json.Value<string>("name")!));
                    break;
            }
        }
        return call;
    }

    // ------------------------------------------------------------------ checks

    private static void CheckAnswers(IReadOnlyList<Call> calls)
    {
        foreach (var call in calls)
        {
            call.Status.Should().BeLessThan(500, $"{call.Kind} {call.Path}: {call.Json}");
            if (call.Accepted)
                continue;
            call.Json!.Properties().Select(p => p.Name).Should().BeEquivalentTo(["code", "message", "more_info", "status"]);
            ExpectedErrors[call.Kind].Should().Contain(call.Code!.Value, $"{call.Kind} {call.Path} {string.Join("&", call.Form)} answered {call.Json}");
        }
    }

    private static void CheckAgainstModel(FakeRoomsServer fake, IReadOnlyList<Call> calls)
    {
        var rooms = fake.Rooms.All;
        var now = fake.Clock.UtcNow;

        // The clock moved by exactly the accepted advances (a sum: the order does not matter).
        var advanced = calls.Where(c => c.Kind == Kind.Advance && c.Accepted).Sum(c => int.Parse(c.Form["Seconds"], CultureInfo.InvariantCulture));
        now.Should().Be(Start.AddSeconds(advanced), "the clock moves only by the accepted advances");

        // Rooms: exactly those created (no lost, no duplicated room), with the parameters they were created with.
        var creates = calls.Where(c => c.Kind == Kind.Create && c.Accepted).ToList();
        rooms.Select(r => r.Sid).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(creates.Select(c => c.Sid));
        var bySid = rooms.ToDictionary(r => r.Sid);
        foreach (var create in creates)
        {
            var room = bySid[create.Sid!];
            room.UniqueName.Should().Be(create.Form.GetValueOrDefault("UniqueName") ?? room.Sid);
            create.Json!.Value<string>("type").Should().Be(create.Form["Type"]);
            if (create.Form.TryGetValue("EmptyRoomTimeout", out var empty))
                room.EmptyRoomTimeout.Should().Be(int.Parse(empty, CultureInfo.InvariantCulture));
            if (create.Form.TryGetValue("MaxParticipants", out var max))
                room.MaxParticipants.Should().Be(int.Parse(max, CultureInfo.InvariantCulture));
        }
        rooms.Count(r => r.Status == VideoRoomStatus.InProgress).Should().BeLessThanOrEqualTo(RoomQuota);

        // UniqueName unique among rooms in progress, and over time: a name is free again only once its room ended.
        foreach (var sameName in rooms.GroupBy(r => r.UniqueName))
        {
            var ordered = sameName.OrderBy(r => r.Sequence).ToList();
            ordered.Count(r => r.Status == VideoRoomStatus.InProgress).Should().BeLessThanOrEqualTo(1, $"name {sameName.Key}");
            for (var i = 0; i + 1 < ordered.Count; i++)
            {
                ordered[i].Status.Should().NotBe(VideoRoomStatus.InProgress, $"{ordered[i].Sid} shares its name with a later room");
                ordered[i].EndTime.Should().BeOnOrBefore(ordered[i + 1].DateCreated);
            }
        }

        // Participants: exactly those the connects returned, each in its room with its identity.
        var connects = calls.Where(c => c.Kind == Kind.Connect && c.Accepted).ToList();
        var participants = rooms.SelectMany(r => fake.Rooms.ParticipantsOf(r.Sid)).ToList();
        participants.Select(p => p.Sid).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(connects.Select(c => c.Sid));
        var participantBySid = participants.ToDictionary(p => p.Sid);
        foreach (var connect in connects)
        {
            var p = participantBySid[connect.Sid!];
            p.Identity.Should().Be(connect.Form["Identity"]);
            p.RoomSid.Should().Be(connect.Json!.Value<string>("room_sid"));
        }

        var leaves = calls.Where(c => c.Kind is Kind.Disconnect or Kind.Kick && c.Accepted).Select(c => c.Sid!).ToHashSet();
        foreach (var room in rooms)
        {
            var members = participants.Where(p => p.RoomSid == room.Sid).ToList();
            var completions = calls.Where(c => c.Kind == Kind.Complete && c.Accepted && c.Sid == room.Sid).ToList();
            completions.Count.Should().BeLessThanOrEqualTo(1, $"{room.Sid} was completed once");
            var unusedDue = room.DateCreated.AddMinutes(room.UnusedRoomTimeout);
            var lastLeft = members.Count == 0 ? (DateTimeOffset?)null : members.Max(p => p.EndTime ?? DateTimeOffset.MaxValue);
            if (completions.Count == 1)
            {
                room.Status.Should().Be(VideoRoomStatus.Completed);
                completions[0].Json!.Value<string>("end_time").Should().Be(room.EndTime!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            }
            else if (room.Status == VideoRoomStatus.Completed)
            {
                // Ended by a timer that was due: unused (nobody ever joined), empty (everyone left), or 24 hours.
                var explained =
                    (members.Count == 0 && room.EndTime == unusedDue) ||
                    (members.Count > 0 && lastLeft is { } left && left != DateTimeOffset.MaxValue && room.EndTime == left.AddMinutes(room.EmptyRoomTimeout)) ||
                    room.EndTime == room.DateCreated.AddHours(24);
                explained.Should().BeTrue($"{room.Sid} ended at {room.EndTime:O} with no completion and no timer due then");
            }
            else
            {
                room.Status.Should().Be(VideoRoomStatus.InProgress);
                if (members.Count == 0)
                    now.Should().BeBefore(unusedDue, $"{room.Sid} was never joined and its unused timeout passed");
                else if (members.All(p => p.Status == VideoParticipantStatus.Disconnected))
                    now.Should().BeBefore(lastLeft!.Value.AddMinutes(room.EmptyRoomTimeout), $"{room.Sid} stayed empty past its empty timeout");
            }

            // At most one connected participant per identity; a participant told it left is gone.
            members.Where(p => p.Status == VideoParticipantStatus.Connected).GroupBy(p => p.Identity).Where(g => g.Count() > 1)
                .Should().BeEmpty($"identities are unique among connected participants of {room.Sid}");
            foreach (var p in members)
            {
                if (leaves.Contains(p.Sid))
                    p.Status.Should().Be(VideoParticipantStatus.Disconnected, $"{p.Sid} was disconnected by a client");
                if (p.Status == VideoParticipantStatus.Connected)
                    room.Status.Should().Be(VideoRoomStatus.InProgress);
                else if (!leaves.Contains(p.Sid))
                {
                    // Disconnected without a client asking: the room ended, the identity joined again, or the time ran out.
                    var why = p.DisconnectError?.Code;
                    var explained =
                        (why == TwilioErrors.RoomCompleted.Code && p.EndTime == room.EndTime) ||
                        (why == TwilioErrors.DuplicateIdentity.Code && members.Any(o => o.Identity == p.Identity && o.StartTime == p.EndTime && o.Sequence > p.Sequence)) ||
                        (why == TwilioErrors.SessionLengthExceeded.Code && p.EndTime == p.StartTime.AddSeconds(room.MaxParticipantDuration));
                    explained.Should().BeTrue($"{p.Sid} ({p.Identity}) disconnected at {p.EndTime:O} with {why}, and no client asked");
                }
            }
        }

        // Tracks: a connected participant publishes exactly what it published and did not unpublish; others publish nothing.
        var publishes = calls.Where(c => c.Kind == Kind.Publish && c.Accepted).ToList();
        var unpublished = calls.Where(c => c.Kind == Kind.Unpublish && c.Accepted).Select(c => c.Sid!).ToHashSet();
        var allTracks = new List<string>();
        foreach (var p in participants)
        {
            var tracks = fake.Backend.Account(fake.AccountSid).PublishedTracks(p.RoomSid, p.Sid);
            allTracks.AddRange(tracks.Select(t => t.Sid));
            if (p.Status != VideoParticipantStatus.Connected)
            {
                tracks.Should().BeEmpty($"{p.Sid} left");
                continue;
            }
            var expected = publishes.Where(c => c.Json!.Value<string>("participant_sid") == p.Sid).Select(c => c.Sid!).Where(s => !unpublished.Contains(s));
            tracks.Select(t => t.Sid).Should().BeEquivalentTo(expected, $"the tracks {p.Sid} published");
        }
        publishes.Select(c => c.Sid).Should().OnlyHaveUniqueItems();
        allTracks.Should().OnlyHaveUniqueItems();

        // Every list page was consistent: no SID twice, only the status asked for.
        foreach (var list in calls.Where(c => c.Kind == Kind.List && c.Accepted))
        {
            var page = list.Json!["rooms"]!.Select(r => (Sid: r.Value<string>("sid"), Status: r.Value<string>("status"))).ToList();
            page.Select(r => r.Sid).Should().OnlyHaveUniqueItems();
            var wanted = list.Path.Contains("Status=completed", StringComparison.Ordinal) ? "completed" : "in-progress";
            page.Where(r => r.Status != wanted).Should().BeEmpty();
        }
    }

    private static void CheckJournal(FakeRoomsServer fake, IReadOnlyList<Call> calls)
    {
        var rest = calls.Where(c => c.IsRest).ToList();
        fake.Calls.TotalRecorded.Should().Be(rest.Count, "every REST request is journaled once, control calls never");
        var journaled = fake.Calls.Snapshot().GroupBy(c => (Op: OperationOf(c.Operation), c.StatusCode)).ToDictionary(g => g.Key, g => g.Count());
        var sent = rest.GroupBy(c => (Op: c.Kind, c.Status)).ToDictionary(g => g.Key, g => g.Count());
        journaled.Should().BeEquivalentTo(sent, "the journal holds each REST call with the status its client saw");
    }

    private static Kind OperationOf(Operation operation) => operation switch
    {
        Operation.CreateRoom => Kind.Create,
        Operation.FetchRoom => Kind.Fetch,
        Operation.ReadRoom => Kind.List,
        Operation.UpdateRoom => Kind.Complete,
        Operation.UpdateParticipant => Kind.Kick,
        Operation.FetchParticipant => Kind.FetchParticipant,
        _ => throw new AssertionException($"Unexpected operation {operation} in the journal"),
    };

    private sealed class NoNetwork : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
    }
}
