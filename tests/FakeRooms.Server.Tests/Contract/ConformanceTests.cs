using System.Net.Http.Headers;
using System.Text;
using FakeRooms.Domain.Participants;
using FakeRooms.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Server.Tests.Contract;

/// <summary>
/// Conformance with Twilio's published contract: every body the fake answers across a scripted scenario (each Rooms
/// and Participants operation, each error) is validated against Twilio's official OpenAPI spec for Video v1, fetched
/// at test time (see <see cref="TwilioSpec"/>); error bodies against Twilio's error envelope.
/// </summary>
public sealed class ConformanceTests
{
    private sealed record Exchange(string Step, string Method, string Path, string? Template, Operation? Operation, int Status, string Body);

    /// <summary>The operations this check must see answered with success (every Rooms and Participants operation).</summary>
    private static readonly Operation[] Covered =
    [
        Operation.CreateRoom, Operation.ReadRoom, Operation.FetchRoom, Operation.UpdateRoom,
        Operation.ReadParticipant, Operation.FetchParticipant, Operation.UpdateParticipant, Operation.AnonymizeParticipant,
        Operation.ReadPublishedTrack, Operation.FetchPublishedTrack, Operation.ReadSubscribedTrack, Operation.FetchSubscribedTrack,
    ];

    [Test]
    public async Task Every_response_of_the_scenario_validates_against_twilios_video_v1_spec()
    {
        var spec = await TwilioSpec.LoadAsync();
        var validator = new SpecValidator(spec);
        var exchanges = await RunScenario();

        var problems = new List<string>();
        foreach (var exchange in exchanges)
        {
            JToken body;
            try
            {
                using var reader = new JsonTextReader(new StringReader(exchange.Body)) { DateParseHandling = DateParseHandling.None };
                body = JToken.ReadFrom(reader);
            }
            catch (JsonException e)
            {
                problems.Add($"{exchange.Step}: the body is not JSON ({e.Message})");
                continue;
            }
            var errors = exchange.Status < 400
                ? validator.Validate(body, validator.ResponseSchema(exchange.Template!, exchange.Method, exchange.Status))
                : SpecValidator.ValidateError(body, exchange.Status);
            problems.AddRange(errors.Select(e => $"{exchange.Step} ({exchange.Method} {exchange.Path} -> {exchange.Status}): {e}"));
        }

        problems.Should().BeEmpty();
        exchanges.Should().HaveCountGreaterThan(40);
        var succeeded = exchanges.Where(e => e.Status < 400).Select(e => e.Operation).ToHashSet();
        succeeded.Should().Contain(Covered.Cast<Operation?>());
        exchanges.Where(e => e.Status >= 400).Select(e => e.Status).Distinct().Should().Contain([400, 401, 404, 405]);
    }

    [Test]
    public void The_validator_catches_missing_properties_wrong_types_bad_nulls_enums_and_sid_patterns()
    {
        var spec = TwilioSpec.LoadAsync().GetAwaiter().GetResult();
        var validator = new SpecValidator(spec);
        var schema = validator.ResponseSchema("/v1/Rooms/{Sid}", "GET", 200);
        var room = JObject.Parse("""
            {"sid":"RM0123","status":"open","date_created":"2026-01-05 09:00","date_updated":null,"account_sid":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
             "enable_turn":true,"unique_name":"x","status_callback":null,"status_callback_method":"POST","end_time":null,"duration":null,
             "type":"group","max_participants":null,"max_participant_duration":"14400","max_concurrent_published_tracks":170,
             "record_participants_on_connect":false,"video_codecs":["VP9"],"media_region":"us1","audio_only":false,"empty_room_timeout":5,
             "unused_room_timeout":5,"large_room":false,"url":"/v1/Rooms/RM0123","extra":1}
            """);

        var errors = validator.Validate(room, schema);

        errors.Should().BeEquivalentTo(
            "$.sid: 'RM0123' does not match ^RM[0-9a-fA-F]{32}$",
            "$.sid: shorter than 34",
            "$.status: 'open' is not one of in-progress, completed, failed",
            "$.date_created: '2026-01-05 09:00' is not a Twilio date-time (yyyy-MM-ddTHH:mm:ssZ)",
            "$.max_participants: null, but the spec does not mark it nullable",
            "$.max_participant_duration: expected an integer, got String",
            "$.video_codecs[0]: 'VP9' is not one of VP8, H264",
            "$.url: '/v1/Rooms/RM0123' is not an absolute URI",
            "$.links: missing (Twilio sends every property, null when empty)",
            "$.extra: not a property of the spec's schema");
        SpecValidator.ValidateError(JObject.Parse("""{"code":20404,"message":"x","more_info":"https://www.twilio.com/docs/errors/20404","status":400,"detail":"y"}"""), 404)
            .Should().BeEquivalentTo("$.detail: not part of Twilio's error envelope", "$.status: expected the HTTP status 404");
    }

    private static async Task<List<Exchange>> RunScenario()
    {
        await using var fake = await FakeRoomsServer.StartAsync(o => { o.Seed = 11; o.StartTime = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero); });
        using var http = new HttpClient { BaseAddress = new Uri(fake.Url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}")));
        var routes = new RouteTable();
        var exchanges = new List<Exchange>();

        async Task<JObject?> Call(string step, string method, string path, string? form = null, HttpClient? client = null)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (form is not null)
                request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await (client ?? http).SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var absolute = new Uri(new Uri(fake.Url), path);
            var route = routes.Match(method, HttpRequestData.SplitPath(absolute.AbsolutePath), out _, out _);
            exchanges.Add(new Exchange(step, method, absolute.PathAndQuery, route?.Template, route?.Operation, (int)response.StatusCode, text));
            return text.StartsWith('{') ? JObject.Parse(text) : null;
        }

        // Rooms, every type and option.
        var room = (await Call("create-room-every-option", "POST", "/v1/Rooms",
            "UniqueName=standup&Type=group&StatusCallback=http%3A%2F%2F127.0.0.1%3A9%2Fcallbacks&StatusCallbackMethod=GET&MaxParticipants=10" +
            "&RecordParticipantsOnConnect=true&VideoCodecs=VP8&VideoCodecs=H264&MediaRegion=ie1&AudioOnly=false&MaxParticipantDuration=600" +
            "&EmptyRoomTimeout=10&UnusedRoomTimeout=10&LargeRoom=false&EnableTurn=true"))!;
        var sid = room.Value<string>("sid")!;
        await Call("create-room-defaults", "POST", "/v1/Rooms", "");
        await Call("create-go", "POST", "/v1/Rooms", "Type=go&UniqueName=duo");
        await Call("create-peer-to-peer", "POST", "/v1/Rooms", "Type=peer-to-peer&MaxParticipants=10");
        await Call("create-group-small", "POST", "/v1/Rooms", "Type=group-small");
        await Call("create-audio-only", "POST", "/v1/Rooms", "AudioOnly=true&RecordingRules=%7B%22rules%22%3A%5B%7B%22type%22%3A%22include%22%2C%22kind%22%3A%22audio%22%7D%5D%7D");
        await Call("create-large", "POST", "/v1/Rooms", "LargeRoom=true");
        await Call("fetch-room-by-sid", "GET", $"/v1/Rooms/{sid}");
        await Call("fetch-room-by-name", "GET", "/v1/Rooms/standup");
        await Call("read-rooms", "GET", "/v1/Rooms");
        await Call("read-rooms-filtered", "GET", "/v1/Rooms?UniqueName=standup&DateCreatedAfter=2026-01-05&DateCreatedBefore=2026-01-06T00%3A00%3A00Z");
        var page = (await Call("read-rooms-page-1", "GET", "/v1/Rooms?PageSize=2"))!;
        var next = page["meta"]!.Value<string>("next_page_url")!;
        var page2 = (await Call("read-rooms-page-2", "GET", next))!;
        await Call("read-rooms-previous-page", "GET", page2["meta"]!.Value<string>("previous_page_url")!);

        // Participants and tracks (they join through the fake, as WebRTC clients would).
        var alice = fake.Rooms.Connect(sid, "alice");
        alice.Publish(TrackKind.Video, "camera");
        alice.Publish(TrackKind.Audio, "mic");
        alice.Publish(TrackKind.Data, "chat");
        alice.Disable("mic");
        var bob = fake.Rooms.Connect(sid, "bob");
        fake.Rooms.Connect(sid, "carol").Disconnect();
        var camera = alice.PublishedTracks.First(t => t.Name == "camera").Sid;
        await Call("read-participants", "GET", $"/v1/Rooms/{sid}/Participants");
        await Call("read-participants-filtered", "GET", $"/v1/Rooms/standup/Participants?Status=connected&Identity=alice&PageSize=1");
        await Call("read-participants-disconnected", "GET", $"/v1/Rooms/{sid}/Participants?Status=disconnected");
        await Call("fetch-participant-by-sid", "GET", $"/v1/Rooms/{sid}/Participants/{alice.Sid}");
        await Call("fetch-participant-by-identity", "GET", $"/v1/Rooms/{sid}/Participants/alice");
        await Call("read-published-tracks", "GET", $"/v1/Rooms/{sid}/Participants/{alice.Sid}/PublishedTracks");
        await Call("fetch-published-track-by-sid", "GET", $"/v1/Rooms/{sid}/Participants/{alice.Sid}/PublishedTracks/{camera}");
        await Call("fetch-published-track-by-name", "GET", $"/v1/Rooms/{sid}/Participants/alice/PublishedTracks/mic");
        await Call("read-subscribed-tracks", "GET", $"/v1/Rooms/{sid}/Participants/{bob.Sid}/SubscribedTracks");
        await Call("fetch-subscribed-track", "GET", $"/v1/Rooms/{sid}/Participants/{bob.Sid}/SubscribedTracks/{camera}");
        await Call("anonymize-participant", "POST", $"/v1/Rooms/{sid}/Participants/{bob.Sid}/Anonymize", "");
        await Call("kick-participant", "POST", $"/v1/Rooms/{sid}/Participants/alice", "Status=disconnected");
        await Call("fetch-kicked-participant", "GET", $"/v1/Rooms/{sid}/Participants/{alice.Sid}");

        // Ending the room.
        await Call("complete-room", "POST", $"/v1/Rooms/{sid}", "Status=completed");
        await Call("fetch-completed-room", "GET", $"/v1/Rooms/{sid}");
        await Call("read-completed-rooms", "GET", "/v1/Rooms?Status=completed");
        await Call("read-participants-of-completed-room", "GET", $"/v1/Rooms/{sid}/Participants");

        // Every error (FACTS §2.8, §2.5, §7, 404, 405).
        await Call("create-live", "POST", "/v1/Rooms", "UniqueName=live");
        await Call("error-53113-room-exists", "POST", "/v1/Rooms", "UniqueName=live");
        await Call("error-53108-type", "POST", "/v1/Rooms", "Type=huge");
        await Call("error-53107-max-participants", "POST", "/v1/Rooms", "Type=go&MaxParticipants=3");
        await Call("error-53109-timeout", "POST", "/v1/Rooms", "UnusedRoomTimeout=61");
        await Call("error-53110-callback-method", "POST", "/v1/Rooms", "StatusCallbackMethod=PUT");
        await Call("error-53111-callback", "POST", "/v1/Rooms", "StatusCallback=not-a-url");
        await Call("error-53115-media-region", "POST", "/v1/Rooms", "MediaRegion=mars1");
        await Call("error-53114-incompatible", "POST", "/v1/Rooms", "Type=peer-to-peer&VideoCodecs=H264");
        await Call("error-53120-recording-rules", "POST", "/v1/Rooms", "RecordingRules=%5B%5D");
        await Call("error-53101-name-too-long", "POST", "/v1/Rooms", "UniqueName=" + new string('n', 129));
        await Call("error-20001-wrong-type", "POST", "/v1/Rooms", "MaxParticipants=lots");
        await Call("error-53123-max-participant-duration", "POST", "/v1/Rooms", "MaxParticipantDuration=86401");
        await Call("error-20001-missing-status", "POST", "/v1/Rooms/live", "");
        await Call("error-53112-status", "POST", "/v1/Rooms/live", "Status=in-progress");
        await Call("error-53112-not-in-progress", "POST", $"/v1/Rooms/{sid}", "Status=completed");
        await Call("error-20001-page-size", "GET", "/v1/Rooms?PageSize=0");
        await Call("error-20001-bad-status-filter", "GET", "/v1/Rooms?Status=open");
        await Call("error-20404-room", "GET", "/v1/Rooms/RM00000000000000000000000000000000");
        await Call("error-20404-completed-by-name", "GET", "/v1/Rooms/standup");
        await Call("error-20404-participant", "GET", "/v1/Rooms/live/Participants/PA00000000000000000000000000000000");
        await Call("error-20404-path", "GET", "/v1/Nowhere");
        await Call("error-20004-method", "DELETE", "/v1/Rooms/live");
        using var anonymous = new HttpClient { BaseAddress = new Uri(fake.Url) };
        await Call("error-20003-no-credentials", "GET", "/v1/Rooms", client: anonymous);
        using var wrong = new HttpClient { BaseAddress = new Uri(fake.Url) };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:wrong")));
        await Call("error-20003-wrong-token", "GET", "/v1/Rooms", client: wrong);

        fake.InternalErrors.Should().BeEmpty();
        return exchanges;
    }
}
