using System.Net.Http.Headers;
using System.Text;
using FakeRooms.Http;
using FakeRooms.Http.Catalogue;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Server.Tests.Contract;

/// <summary>
/// Conformance with Twilio's published contract: every body the fake answers across a scripted scenario (each Rooms,
/// Participants, recording rules, recordings, compositions, composition hooks and media settings operation, and their
/// errors) is validated against Twilio's official OpenAPI spec for Video v1, fetched at test time (see
/// <see cref="TwilioSpec"/>); error bodies against Twilio's error envelope; a 204 must be declared by the spec and
/// empty.
/// </summary>
public sealed class ConformanceTests
{
    private delegate Task<JObject?> Caller(string step, string method, string path, string? form = null, HttpClient? client = null);

    private sealed record Exchange(string Step, string Method, string Path, string? Template, Operation? Operation, int Status, string Body);

    /// <summary>
    /// The operations this check must see answered with success: every operation of the catalogue that Twilio's spec
    /// has (the Media redirects are not in the spec). An operation added to the catalogue fails this test until the
    /// scenario below calls it.
    /// </summary>
    private static readonly Operation[] Covered = OperationCatalog.All.Where(o => o.InSpec).Select(o => o.Operation).ToArray();

    /// <summary>
    /// Where the pinned spec copy is older than the official SDKs: its Transcriptions schema has <c>identity</c> and
    /// lacks <c>source_sid</c> and <c>configuration</c>, and its list key is <c>extensions</c>; twilio-csharp 8.2.0 and
    /// twilio-node 6.2.0 read <c>source_sid</c>, <c>configuration</c> and <c>transcriptions</c> (as the current spec has
    /// them). The fake serves the SDKs' shape (docs/clientflows.md); only these differences are let through.
    /// </summary>
    private static bool IsKnownTranscriptionsDifference(Exchange exchange, string error) =>
        exchange.Template?.Contains("/Transcriptions", StringComparison.Ordinal) == true &&
        (error.EndsWith(".source_sid: not a property of the spec's schema", StringComparison.Ordinal) ||
         error.EndsWith(".configuration: not a property of the spec's schema", StringComparison.Ordinal) ||
         error.Contains(".identity: missing", StringComparison.Ordinal) ||
         error == "$.extensions: missing (Twilio sends every property, null when empty)" ||
         error == "$.transcriptions: not a property of the spec's schema" ||
         error.Contains(": properties in the order ", StringComparison.Ordinal));

    [Test]
    public async Task Every_response_of_the_scenario_validates_against_twilios_video_v1_spec()
    {
        var spec = await TwilioSpec.LoadAsync();
        var validator = new SpecValidator(spec);
        var exchanges = await RunScenario();

        var problems = new List<string>();
        foreach (var exchange in exchanges)
        {
            // Steps named error-{code}-... must fail with that code; every other step must succeed.
            var expectsError = exchange.Step.StartsWith("error-", StringComparison.Ordinal);
            if (expectsError != exchange.Status >= 400)
                problems.Add($"{exchange.Step} ({exchange.Method} {exchange.Path}): answered {exchange.Status} {exchange.Body}");
            if (expectsError && exchange.Status >= 400 && !exchange.Body.Contains($"\"code\":{exchange.Step.Split('-')[1]},", StringComparison.Ordinal))
                problems.Add($"{exchange.Step} ({exchange.Method} {exchange.Path}): expected Twilio code {exchange.Step.Split('-')[1]}, got {exchange.Body}");
            if (exchange.Status == 204)
            {
                // Spec: DELETE answers 204 without content.
                if (!validator.Declares(exchange.Template!, exchange.Method, 204))
                    problems.Add($"{exchange.Step}: the spec declares no 204 for {exchange.Method} {exchange.Template}");
                if (exchange.Body.Length != 0)
                    problems.Add($"{exchange.Step} ({exchange.Method} {exchange.Path} -> 204): a 204 has no body, got '{exchange.Body}'");
                continue;
            }
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
            problems.AddRange(errors.Where(e => !IsKnownTranscriptionsDifference(exchange, e))
                .Select(e => $"{exchange.Step} ({exchange.Method} {exchange.Path} -> {exchange.Status}): {e}"));
        }

        problems.Should().BeEmpty();
        exchanges.Should().HaveCountGreaterThan(120);
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

    [Test]
    public void The_validator_lets_non_null_rule_filters_be_absent_and_catches_resource_properties_out_of_spec_order()
    {
        var spec = TwilioSpec.LoadAsync().GetAwaiter().GetResult();
        var validator = new SpecValidator(spec);
        var rules = Json("""
            {"room_sid":"RM0123456789abcdef0123456789abcdef","rules":[{"type":"include","all":true},{"type":"exclude","kind":7}],
             "date_created":"2026-01-05T09:00:00Z","date_updated":"2026-01-05T09:00:00Z"}
            """);
        var settings = Json("""
            {"friendly_name":null,"account_sid":"AC0123456789abcdef0123456789abcdef","aws_credentials_sid":null,"aws_s3_url":null,
             "aws_storage_enabled":false,"encryption_key_sid":null,"encryption_enabled":false,"url":"http://127.0.0.1:9/v1/RecordingSettings/Default"}
            """);

        var ruleErrors = validator.Validate(rules, validator.ResponseSchema("/v1/Rooms/{RoomSid}/RecordingRules", "GET", 200));
        var orderErrors = validator.Validate(settings, validator.ResponseSchema("/v1/RecordingSettings/Default", "GET", 200));

        ruleErrors.Should().Equal("$.rules[1].kind: expected a string, got Integer");
        orderErrors.Should().Equal("$: properties in the order friendly_name, account_sid, aws_credentials_sid, aws_s3_url, aws_storage_enabled, " +
                                   "encryption_key_sid, encryption_enabled, url; the spec's order is account_sid, friendly_name, aws_credentials_sid, " +
                                   "aws_s3_url, aws_storage_enabled, encryption_key_sid, encryption_enabled, url");
        validator.Declares("/v1/Compositions/{Sid}", "DELETE", 204).Should().BeTrue();
        validator.Declares("/v1/Compositions/{Sid}", "DELETE", 200).Should().BeFalse();
    }

    private static JObject Json(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
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
        var peerToPeer = (await Call("create-peer-to-peer", "POST", "/v1/Rooms", "Type=peer-to-peer&MaxParticipants=10"))!.Value<string>("sid")!;
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
        alice.Publish(VideoTrackKind.Video, "camera");
        alice.Publish(VideoTrackKind.Audio, "mic");
        alice.Publish(VideoTrackKind.Data, "chat");
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
        await Call("fetch-subscribe-rules", "GET", $"/v1/Rooms/{sid}/Participants/{bob.Sid}/SubscribeRules");
        await Call("update-subscribe-rules", "POST", $"/v1/Rooms/{sid}/Participants/bob/SubscribeRules",
            "Rules=" + Uri.EscapeDataString("[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"kind\":\"data\",\"priority\":\"low\"}]"));
        await Call("error-53215-subscribe-rules", "POST", $"/v1/Rooms/{sid}/Participants/bob/SubscribeRules", "Rules=%5B%5D");
        var pat = fake.Rooms.Connect(peerToPeer, "pat");
        await Call("error-53117-subscribe-rules-peer-to-peer", "GET", $"/v1/Rooms/{peerToPeer}/Participants/{pat.Sid}/SubscribeRules");
        var dave = fake.Rooms.Connect(sid, "dave");
        dave.LoseConnection();
        await Call("read-participants-reconnecting", "GET", $"/v1/Rooms/{sid}/Participants?Status=reconnecting");
        await Call("fetch-reconnecting-participant", "GET", $"/v1/Rooms/{sid}/Participants/{dave.Sid}");
        var transcription = (await Call("create-transcriptions", "POST", $"/v1/Rooms/{sid}/Transcriptions",
            "Configuration=" + Uri.EscapeDataString("{\"languageCode\":\"en-US\",\"partialResults\":true}")))!.Value<string>("ttid");
        await Call("read-transcriptions", "GET", $"/v1/Rooms/{sid}/Transcriptions");
        await Call("fetch-transcriptions", "GET", $"/v1/Rooms/{sid}/Transcriptions/{transcription}");
        await Call("update-transcriptions", "POST", $"/v1/Rooms/{sid}/Transcriptions/{transcription}", "Status=stopped");
        await Call("error-20001-second-transcriptions", "POST", $"/v1/Rooms/{sid}/Transcriptions", "");
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

        await RecordingsAndCompositions(fake, Call, peerToPeer);

        fake.InternalErrors.Should().BeEmpty();
        return exchanges;
    }
    /// <summary>
    /// Recording rules, track recordings (processing, completed, deleted), media settings, composition hooks and
    /// compositions (enqueued, processing, completed, failed, deleted), each operation and its errors.
    /// </summary>
    private static async Task RecordingsAndCompositions(FakeRoomsServer fake, Caller call, string peerToPeer)
    {
        static string Escape(string json) => Uri.EscapeDataString(json);
        const string credential = "CR0123456789abcdef0123456789abcdef";
        const string key = "CRfedcba9876543210fedcba9876543210";
        const string callback = "StatusCallback=http%3A%2F%2F127.0.0.1%3A9%2Fcompositions&StatusCallbackMethod=GET";
        var grid = Escape("{\"grid\":{\"video_sources\":[\"*\"],\"max_rows\":2,\"cells_excluded\":[1]},\"pip\":{\"video_sources\":[\"screen\"],\"x_pos\":10,\"z_pos\":1,\"width\":160,\"height\":90}}");

        // Recording rules and recordings.
        var room = (await call("create-recorded-room", "POST", "/v1/Rooms", "UniqueName=recorded&RecordParticipantsOnConnect=true&VideoCodecs=H264"))!
            .Value<string>("sid")!;
        await call("fetch-recording-rules-on-connect", "GET", $"/v1/Rooms/{room}/RecordingRules");
        var dana = fake.Rooms.Connect(room, "dana");
        var mic = dana.Publish(VideoTrackKind.Audio, "mic").Sid;
        dana.Publish(VideoTrackKind.Video, "camera");
        dana.Publish(VideoTrackKind.Video, "screen");
        fake.Clock.Advance(TimeSpan.FromSeconds(5));
        await call("update-recording-rules", "POST", $"/v1/Rooms/{room}/RecordingRules",
            "Rules=" + Escape("[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"publisher\":\"dana\",\"track\":\"screen\",\"kind\":\"video\"}]"));
        await call("update-recording-rules-sdk-shape", "POST", $"/v1/Rooms/{room}/RecordingRules",
            "Rules=" + Escape("{\"rules\":[{\"type\":\"include\",\"kind\":\"audio\",\"publisher\":null},{\"type\":\"include\",\"kind\":\"video\"}]}"));
        await call("fetch-recording-rules", "GET", $"/v1/Rooms/{room}/RecordingRules");
        var processing = (await call("read-room-recordings-processing", "GET", $"/v1/Rooms/{room}/Recordings"))!["recordings"]![0]!.Value<string>("sid")!;
        await call("fetch-recording-processing", "GET", $"/v1/Recordings/{processing}");
        await call("error-20001-delete-processing-recording", "DELETE", $"/v1/Recordings/{processing}");
        fake.Clock.Advance(TimeSpan.FromSeconds(20));
        await call("complete-recorded-room", "POST", $"/v1/Rooms/{room}", "Status=completed");
        fake.Clock.Advance(TimeSpan.FromSeconds(30));
        var recordings = (await call("read-room-recordings", "GET", $"/v1/Rooms/{room}/Recordings"))!["recordings"]!.Select(r => r.Value<string>("sid")!).ToList();
        await call("read-room-recordings-filtered", "GET",
            $"/v1/Rooms/{room}/Recordings?Status=completed&SourceSid={mic}&DateCreatedAfter=2026-01-05T00%3A00%3A00Z&DateCreatedBefore=2026-01-06&PageSize=1");
        var roomPage = (await call("read-room-recordings-page-1", "GET", $"/v1/Rooms/{room}/Recordings?PageSize=1"))!;
        await call("read-room-recordings-page-2", "GET", roomPage["meta"]!.Value<string>("next_page_url")!);
        await call("fetch-room-recording", "GET", $"/v1/Rooms/{room}/Recordings/{recordings[0]}");
        await call("read-recordings", "GET", "/v1/Recordings");
        await call("read-recordings-filtered", "GET",
            $"/v1/Recordings?Status=completed&GroupingSid={room}&GroupingSid={dana.Sid}&MediaType=audio&SourceSid={mic}&DateCreatedAfter=2026-01-05&PageSize=1");
        var accountPage = (await call("read-recordings-page-1", "GET", "/v1/Recordings?PageSize=1"))!;
        await call("read-recordings-page-2", "GET", accountPage["meta"]!.Value<string>("next_page_url")!);
        await call("fetch-recording", "GET", $"/v1/Recordings/{recordings[0]}");
        await call("delete-room-recording", "DELETE", $"/v1/Rooms/{room}/Recordings/{recordings[0]}");
        await call("fetch-deleted-room-recording", "GET", $"/v1/Rooms/{room}/Recordings/{recordings[0]}");
        await call("delete-recording", "DELETE", $"/v1/Recordings/{recordings[1]}");
        await call("fetch-deleted-recording", "GET", $"/v1/Recordings/{recordings[1]}");
        await call("error-53120-recording-rules-empty-filter", "POST", $"/v1/Rooms/{room}/RecordingRules", "Rules=" + Escape("[{\"type\":\"include\"}]"));
        await call("error-53120-recording-rules-missing", "POST", $"/v1/Rooms/{room}/RecordingRules", "");
        await call("error-53122-recording-rules-peer-to-peer", "POST", $"/v1/Rooms/{peerToPeer}/RecordingRules", "Rules=" + Escape("[{\"type\":\"include\",\"all\":true}]"));
        await call("error-20404-recording-rules-room", "GET", "/v1/Rooms/RM00000000000000000000000000000000/RecordingRules");
        await call("error-20404-recording", "GET", "/v1/Recordings/RT00000000000000000000000000000000");
        await call("error-20404-room-recording", "GET", $"/v1/Rooms/{room}/Recordings/RT00000000000000000000000000000000");
        await call("error-20404-delete-recording", "DELETE", "/v1/Recordings/RT00000000000000000000000000000000");
        await call("error-20001-recordings-page-size", "GET", "/v1/Recordings?PageSize=101");
        await call("error-20001-recordings-status-filter", "GET", "/v1/Recordings?Status=done");
        await call("error-20001-recordings-media-type", "GET", "/v1/Recordings?MediaType=data-track");

        // Recording and composition settings.
        await call("fetch-recording-settings-default", "GET", "/v1/RecordingSettings/Default");
        await call("create-recording-settings", "POST", "/v1/RecordingSettings/Default",
            $"FriendlyName=recordings&AwsCredentialsSid={credential}&AwsS3Url=https%3A%2F%2Fbucket.s3.invalid%2Frecordings&AwsStorageEnabled=true" +
            $"&EncryptionKeySid={key}&EncryptionEnabled=true");
        await call("fetch-recording-settings", "GET", "/v1/RecordingSettings/Default");
        await call("fetch-composition-settings-default", "GET", "/v1/CompositionSettings/Default");
        await call("create-composition-settings", "POST", "/v1/CompositionSettings/Default", "FriendlyName=compositions&AwsStorageEnabled=false");
        await call("fetch-composition-settings", "GET", "/v1/CompositionSettings/Default");
        await call("error-20001-recording-settings-friendly-name", "POST", "/v1/RecordingSettings/Default", "AwsStorageEnabled=true");
        await call("error-20001-composition-settings-credentials", "POST", "/v1/CompositionSettings/Default", "FriendlyName=x&AwsCredentialsSid=CR123");
        await call("error-20004-settings-delete", "DELETE", "/v1/RecordingSettings/Default");

        // Composition hooks.
        var hook = (await call("create-composition-hook", "POST", "/v1/CompositionHooks",
            $"FriendlyName=Every+room&Enabled=false&VideoLayout={grid}&AudioSources=mic&AudioSources=guest*&AudioSourcesExcluded=guest-2" +
            $"&Resolution=1280x720&Format=mp4&Trim=false&{callback}"))!.Value<string>("sid")!;
        await call("create-composition-hook-minimal", "POST", "/v1/CompositionHooks", "FriendlyName=audio&AudioSources=*");
        await call("read-composition-hooks", "GET", "/v1/CompositionHooks");
        await call("read-composition-hooks-filtered", "GET", "/v1/CompositionHooks?Enabled=false&FriendlyName=EVERY*&DateCreatedAfter=2026-01-05&PageSize=1");
        await call("fetch-composition-hook", "GET", $"/v1/CompositionHooks/{hook}");
        await call("update-composition-hook", "POST", $"/v1/CompositionHooks/{hook}", "FriendlyName=Every+room&AudioSources=*&Enabled=true");
        await call("error-20001-hook-friendly-name-missing", "POST", "/v1/CompositionHooks", "AudioSources=*");
        await call("error-20001-hook-friendly-name-taken", "POST", "/v1/CompositionHooks", "FriendlyName=audio&AudioSources=*");
        await call("error-20001-hook-no-sources", "POST", "/v1/CompositionHooks", "FriendlyName=empty");
        await call("error-20001-hook-resolution", "POST", $"/v1/CompositionHooks/{hook}", "FriendlyName=Every+room&AudioSources=*&Resolution=4000x4000");
        await call("error-20404-hook", "GET", "/v1/CompositionHooks/HK00000000000000000000000000000000");
        await call("delete-composition-hook", "DELETE", $"/v1/CompositionHooks/{hook}");
        await call("error-20404-deleted-hook", "DELETE", $"/v1/CompositionHooks/{hook}");

        // Compositions through their lifecycle.
        var composition = (await call("create-composition", "POST", "/v1/Compositions",
            $"RoomSid={room}&VideoLayout={grid}&AudioSources=*&Resolution=1280x720&Format=mp4&Trim=true&{callback}"))!.Value<string>("sid")!;
        await call("fetch-composition-enqueued", "GET", $"/v1/Compositions/{composition}");
        await call("error-20001-delete-enqueued-composition", "DELETE", $"/v1/Compositions/{composition}");
        var audioOnly = (await call("create-composition-audio-only", "POST", "/v1/Compositions", $"RoomSid={room}&AudioSources=mic&AudioSourcesExcluded=screen"))!
            .Value<string>("sid")!;
        var nothing = (await call("create-composition-matching-nothing", "POST", "/v1/Compositions", $"RoomSid={room}&AudioSources=nobody"))!.Value<string>("sid")!;
        fake.Clock.Advance(TimeSpan.FromSeconds(5));
        await call("fetch-composition-processing", "GET", $"/v1/Compositions/{composition}");
        await call("fetch-composition-failed", "GET", $"/v1/Compositions/{nothing}");
        fake.Clock.Advance(TimeSpan.FromSeconds(20));
        await call("fetch-composition-completed", "GET", $"/v1/Compositions/{composition}");
        await call("read-compositions", "GET", "/v1/Compositions");
        await call("read-compositions-filtered", "GET", $"/v1/Compositions?Status=completed&RoomSid={room}&DateCreatedAfter=2026-01-05&DateCreatedBefore=2026-01-06&PageSize=1");
        var compositionPage = (await call("read-compositions-page-1", "GET", "/v1/Compositions?PageSize=1"))!;
        await call("read-compositions-page-2", "GET", compositionPage["meta"]!.Value<string>("next_page_url")!);
        await call("delete-composition", "DELETE", $"/v1/Compositions/{audioOnly}");
        await call("fetch-deleted-composition", "GET", $"/v1/Compositions/{audioOnly}");
        await call("create-live-for-composition", "POST", "/v1/Rooms", "UniqueName=still-live");
        await call("error-20001-composition-room-missing", "POST", "/v1/Compositions", "AudioSources=*");
        await call("error-53106-composition-room-unknown", "POST", "/v1/Compositions", "RoomSid=RM00000000000000000000000000000000&AudioSources=*");
        await call("error-20001-composition-room-in-progress", "POST", "/v1/Compositions", "RoomSid=still-live&AudioSources=*");
        await call("error-53122-composition-peer-to-peer", "POST", "/v1/Compositions", $"RoomSid={peerToPeer}&AudioSources=*");
        await call("error-20001-composition-format", "POST", "/v1/Compositions", $"RoomSid={room}&AudioSources=*&Format=avi");
        await call("error-20001-composition-video-layout", "POST", "/v1/Compositions", $"RoomSid={room}&VideoLayout=%7Bgrid");
        await call("error-20404-composition", "GET", "/v1/Compositions/CJ00000000000000000000000000000000");
        await call("error-20001-compositions-status-filter", "GET", "/v1/Compositions?Status=done");
        await call("error-20004-composition-update", "POST", $"/v1/Compositions/{composition}", "Status=deleted");
    }
}
