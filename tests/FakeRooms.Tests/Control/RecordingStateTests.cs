using FakeRooms.Domain.Events;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FakeRooms.Tests.Recordings;
using FakeRooms.Tests.Support;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Tests.Control;

/// <summary>
/// Snapshots and restores with recordings, recording rules, compositions, composition hooks and media settings: a
/// restored fake answers every REST read with the same bytes, runs the pending processing steps on its clock, and goes
/// on recording the live tracks, exactly as the original does.
/// </summary>
public sealed class RecordingStateTests : RecordingTest
{
    private const string Credential = "CR0123456789abcdef0123456789abcdef";
    private const string Key = "CRfedcba9876543210fedcba9876543210";
    private static readonly string Grid = Uri.EscapeDataString("{\"grid\":{\"video_sources\":[\"*\"],\"max_rows\":2,\"cells_excluded\":[1]}}");

    private sealed record Scene(string Meeting, string Done, string Enqueued, string Processing, string Halfway);

    /// <summary>
    /// Every kind of state at once. Room "done" was recorded, completed and composed by a hook; "meeting" is in progress
    /// with rules changed mid-way. The account has settings and two hooks. Recordings are capturing, processing
    /// (capture ended), completed, deleted and failed. Compositions are enqueued, processing (before their progress
    /// report), completed, deleted and failed.
    /// </summary>
    private async Task<Scene> Populate()
    {
        (await PostForm("/v1/RecordingSettings/Default", $"FriendlyName=Recordings+to+S3&AwsCredentialsSid={Credential}" +
            "&AwsS3Url=https%3A%2F%2Fbucket.s3.invalid%2Frecordings&AwsStorageEnabled=true")).Status.Should().Be(HttpStatusCode.OK);
        (await PostForm("/v1/CompositionSettings/Default", $"FriendlyName=compositions&EncryptionKeySid={Key}&EncryptionEnabled=true"))
            .Status.Should().Be(HttpStatusCode.OK);
        (await PostForm("/v1/CompositionHooks", "FriendlyName=every-room&AudioSources=*&Format=mp4")).Status.Should().Be(HttpStatusCode.Created);
        var off = (await PostForm("/v1/CompositionHooks", $"FriendlyName=off&Enabled=false&VideoLayout={Grid}&Resolution=1280x720")).Json;

        var done = (await CreateRoom("UniqueName=done&RecordParticipantsOnConnect=true")).Value<string>("sid")!;
        var meeting = (await CreateRoom("UniqueName=meeting&RecordParticipantsOnConnect=true&VideoCodecs=H264")).Value<string>("sid")!;
        var carol = Fake.Rooms.Connect(done, "carol");
        carol.Publish(VideoTrackKind.Audio, "mic");
        carol.Publish(VideoTrackKind.Video, "camera");
        var alice = Fake.Rooms.Connect(meeting, "alice");
        alice.Publish(VideoTrackKind.Audio, "mic");
        alice.Publish(VideoTrackKind.Video, "camera");
        alice.Publish(VideoTrackKind.Data, "chat");
        var bob = Fake.Rooms.Connect(meeting, "bob");
        bob.Publish(VideoTrackKind.Audio, "mic");

        Fake.Clock.Advance(TimeSpan.FromSeconds(20));                                  // t+20: the hook enqueues a composition
        Fake.Rooms.Complete(done);
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));                                  // t+30
        (await PostForm($"/v1/Rooms/{meeting}/RecordingRules", "Rules=" +
            Uri.EscapeDataString("[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"kind\":\"video\"}]"))).Status.Should().Be(HttpStatusCode.OK);
        (await PostForm($"/v1/CompositionHooks/{off["sid"]}", "FriendlyName=off&Enabled=false&AudioSources=bob*")).Status.Should().Be(HttpStatusCode.OK);
        Fake.Clock.Advance(TimeSpan.FromSeconds(20));                                  // t+50
        var deletedComposition = await Compose(done, "AudioSources=*&Format=mp4");
        Fake.Clock.Advance(TimeSpan.FromSeconds(30));                                  // t+80
        (await Send(new HttpRequestMessage(HttpMethod.Delete, $"/v1/Compositions/{deletedComposition}"))).Status.Should().Be(HttpStatusCode.NoContent);
        var camera = Fake.Rooms.RecordingsOf(done).Single(r => r.TrackName == "camera").Sid;
        (await Send(new HttpRequestMessage(HttpMethod.Delete, $"/v1/Recordings/{camera}"))).Status.Should().Be(HttpStatusCode.NoContent);
        await Compose(done, "AudioSources=nobody");                                    // fails when it starts
        var halfway = await Compose(done, "AudioSources=*");                           // at t+100: processing, past 50%
        bob.Unpublish("mic");
        var dave = Fake.Rooms.Connect(meeting, "dave");
        dave.Publish(VideoTrackKind.Audio, "dave-mic");
        Fake.Rooms.FailRecording(Fake.Rooms.RecordingsOf(meeting).Single(r => r.TrackName == "dave-mic").Sid, VideoRecordingFailedOperation.RecordingStart);
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));                                  // t+90
        var processing = await Compose(done, $"VideoLayout={Grid}&AudioSources=mic&Trim=false");
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));                                  // t+100: processing, not yet at 50%
        var enqueued = await Compose(done, "AudioSources=mic&Format=webm");

        var statuses = Fake.Rooms.RecordingsOf(meeting).Concat(Fake.Rooms.RecordingsOf(done))
            .Select(r => (r.Status, Capturing: r.Status == VideoRecordingStatus.Processing && r.CaptureEnded is null)).ToHashSet();
        statuses.Should().Contain([
            (VideoRecordingStatus.Processing, true), (VideoRecordingStatus.Processing, false), (VideoRecordingStatus.Completed, false),
            (VideoRecordingStatus.Deleted, false), (VideoRecordingStatus.Failed, false),
        ]);
        Events.Of(VideoCallbackEvent.CompositionProgress).Select(e => e.Composition!.Sid).Should().NotContain(processing).And.Contain(halfway);
        return new Scene(meeting, done, enqueued, processing, halfway);
    }

    private async Task<string> Compose(string room, string form)
    {
        var answer = await PostForm("/v1/Compositions", $"RoomSid={room}&{form}");
        answer.Status.Should().Be(HttpStatusCode.Created, answer.Text);
        return answer.Json.Value<string>("sid")!;
    }

    /// <summary>Every list and fetch path of the state (every resource by SID, lists filtered and paged, media redirects).</summary>
    private static async Task<List<string>> PathsOf(FakeRoomsServer server, Scene scene)
    {
        var paths = new List<string>
        {
            "/v1/Rooms", "/v1/Rooms?Status=completed", "/v1/Rooms/meeting", $"/v1/Rooms/{scene.Done}",
            "/v1/Rooms/meeting/Participants", "/v1/Rooms/meeting/Participants?Status=disconnected", $"/v1/Rooms/{scene.Done}/Participants",
            "/v1/Rooms/meeting/Participants/alice/PublishedTracks", "/v1/Rooms/meeting/Participants/bob/SubscribedTracks",
            "/v1/Rooms/meeting/RecordingRules", $"/v1/Rooms/{scene.Done}/RecordingRules",
            "/v1/Rooms/meeting/Recordings", "/v1/Rooms/meeting/Recordings?PageSize=2", "/v1/Rooms/meeting/Recordings?Status=processing",
            $"/v1/Rooms/{scene.Done}/Recordings",
            "/v1/Recordings", "/v1/Recordings?PageSize=2", "/v1/Recordings?Status=completed", "/v1/Recordings?MediaType=video",
            $"/v1/Recordings?GroupingSid={scene.Meeting}",
            "/v1/Compositions", "/v1/Compositions?PageSize=2", "/v1/Compositions?Status=processing", $"/v1/Compositions?RoomSid={scene.Done}",
            "/v1/CompositionHooks", "/v1/CompositionHooks?Enabled=true", "/v1/CompositionHooks?FriendlyName=EVERY*",
            "/v1/RecordingSettings/Default", "/v1/CompositionSettings/Default",
        };
        var rooms = server.Rooms.All;
        foreach (var room in rooms)
            foreach (var r in server.Rooms.RecordingsOf(room.Sid))
                paths.AddRange([$"/v1/Recordings/{r.Sid}", $"/v1/Rooms/{r.RoomSid}/Recordings/{r.Sid}", $"/v1/Recordings/{r.Sid}/Media"]);
        using var client = Client(server);
        foreach (var list in new[] { "/v1/Compositions?PageSize=100", "/v1/CompositionHooks?PageSize=100" })
        {
            var json = JObject.Parse(await client.GetStringAsync(list));
            foreach (var item in json.Properties().First(p => p.Name != "meta").Value)
            {
                var sid = item.Value<string>("sid")!;
                paths.Add(list.StartsWith("/v1/Compositions", StringComparison.Ordinal) ? $"/v1/Compositions/{sid}" : $"/v1/CompositionHooks/{sid}");
                if (sid.StartsWith("CJ", StringComparison.Ordinal))
                    paths.Add($"/v1/Compositions/{sid}/Media");
            }
        }
        return paths;
    }

    /// <summary>Status and body of every path, the fake's own URL replaced so that two fakes compare.</summary>
    private static async Task<List<string>> Observe(FakeRoomsServer server, IEnumerable<string> paths)
    {
        using var client = Client(server);
        var answers = new List<string>();
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            answers.Add($"GET {path} -> {(int)response.StatusCode} {body.Replace(server.Url, "{fake}", StringComparison.Ordinal)}");
        }
        return answers;
    }

    /// <summary>An authenticated client that does not follow the Media redirects (as the SDKs).</summary>
    private static HttpClient Client(FakeRoomsServer server)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(server.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{server.AccountSid}:{server.AuthToken}")));
        return client;
    }

    private Task<FakeRoomsServer> FreshFake() => FakeRoomsServer.StartAsync(o => { o.Seed = 42; o.StartTime = Start; });

    [Test]
    public async Task Restore_into_a_fresh_fake_serves_byte_identical_recordings_compositions_hooks_and_settings()
    {
        var scene = await Populate();
        var paths = await PathsOf(Fake, scene);
        var before = await Observe(Fake, paths);
        var snapshot = Fake.Snapshot();

        await using var copy = await FreshFake();
        copy.Restore(snapshot);
        var inCopy = await Observe(copy, paths);
        Fake.Reset();
        var afterReset = await Observe(Fake, paths);
        Fake.Restore(snapshot);
        var inSameFake = await Observe(Fake, paths);

        paths.Should().HaveCountGreaterThan(50);
        foreach (var status in new[] { "enqueued", "processing", "completed", "deleted", "failed" })
            before.Should().Contain(a => a.Contains($"\"status\":\"{status}\"", StringComparison.Ordinal), $"the scene has a composition {status}");
        before.Where(a => a.Contains(" -> 302 ", StringComparison.Ordinal)).Should().HaveCount(3, "two recordings and a composition are completed");
        inCopy.Should().Equal(before);
        afterReset.Should().NotEqual(before);
        inSameFake.Should().Equal(before);
        copy.InternalErrors.Should().BeEmpty();
    }

    [Test]
    public async Task Restored_fake_completes_pending_recordings_and_compositions_and_keeps_recording_live_tracks_like_the_original()
    {
        var scene = await Populate();
        var snapshot = Fake.Snapshot();
        await using var copy = await FreshFake();
        copy.Restore(snapshot);
        var copyEvents = new EventLog();
        copy.Events.Subscribe(copyEvents);
        Events.Clear();

        // The same story in both: alice's live mic stops, she publishes a new mic and a screen (video is excluded), the
        // rules change to record everything, and the meeting ends, which fires the enabled hook.
        foreach (var server in new[] { Fake, copy })
        {
            using var client = Client(server);
            async Task Post(string path, string form)
            {
                using var answer = await client.PostAsync(path, new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
                ((int)answer.StatusCode).Should().BeLessThan(300, await answer.Content.ReadAsStringAsync());
            }
            await Post("/__fakerooms/clock/advance", "Seconds=5");
            await Post("/__fakerooms/rooms/meeting/participants/alice/tracks/mic/unpublish", "");
            await Post("/__fakerooms/rooms/meeting/participants/alice/tracks", "Kind=audio&Name=mic2");
            await Post("/__fakerooms/rooms/meeting/participants/alice/tracks", "Kind=video&Name=screen");
            await Post("/__fakerooms/clock/advance", "Seconds=5");
            await Post($"/v1/Rooms/{scene.Meeting}/RecordingRules", "Rules=" + Uri.EscapeDataString("[{\"type\":\"include\",\"all\":true}]"));
            await Post("/__fakerooms/clock/advance", "Seconds=50");
            await Post($"/v1/Rooms/{scene.Meeting}", "Status=completed");
            await Post("/__fakerooms/clock/advance", "Seconds=120");
        }
        var paths = await PathsOf(Fake, scene);
        var original = await Observe(Fake, paths);
        var restored = await Observe(copy, paths);

        restored.Should().Equal(original);
        copyEvents.All.Select(Describe).Should().Equal(Events.All.Select(Describe));
        var recordings = copy.Rooms.RecordingsOf(scene.Meeting);
        recordings.Should().NotContain(r => r.Status == VideoRecordingStatus.Processing);
        recordings.Single(r => r.TrackName == "mic" && r.ParticipantSid == copy.Rooms.ParticipantsOf(scene.Meeting)[0].Sid).Duration
            .Should().Be(105, "alice's mic was recorded from t+0 until she unpublished it at t+105, across the restore");
        recordings.Where(r => r.TrackName is "mic2" or "screen").Should().HaveCount(2).And.OnlyContain(r => r.Status == VideoRecordingStatus.Completed);
        var compositions = copyEvents.Of(VideoCallbackEvent.CompositionAvailable).Select(e => e.Composition!.Sid).ToList();
        compositions.Should().Contain([scene.Processing, scene.Enqueued]);
        var progress = copyEvents.Of(VideoCallbackEvent.CompositionProgress).Select(e => e.Composition!.Sid).ToList();
        progress.Should().ContainSingle(sid => sid == scene.Processing, "the progress report still due is sent once");
        progress.Should().NotContain(scene.Halfway, "its progress report was sent before the snapshot");
        compositions.Should().Contain(scene.Halfway);
        copyEvents.Of(VideoCallbackEvent.CompositionEnqueued).Should().ContainSingle(e => e.Composition!.HookSid != null && e.Room.Sid == scene.Meeting);
        copy.InternalErrors.Should().BeEmpty();
    }

    [Test]
    public async Task Recordings_ended_together_complete_after_a_restore_in_the_order_they_stopped_like_the_original()
    {
        var room = (await CreateRoom("UniqueName=together&RecordParticipantsOnConnect=true")).Value<string>("sid")!;
        foreach (var identity in new[] { "erin", "frank" })
        {
            var participant = Fake.Rooms.Connect(room, identity);
            participant.Publish(VideoTrackKind.Audio, "mic");
            participant.Publish(VideoTrackKind.Video, "camera");
        }
        await PostForm("/v1/CompositionHooks", "FriendlyName=all&AudioSources=*");
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));
        Fake.Rooms.Complete(room);                      // four captures end at once; the hook enqueues a composition
        var snapshot = Fake.Snapshot();
        await using var copy = await FreshFake();
        copy.Restore(snapshot);
        var copyEvents = new EventLog();
        copy.Events.Subscribe(copyEvents);
        Events.Clear();

        Fake.Clock.Advance(TimeSpan.FromSeconds(60));
        copy.Clock.Advance(TimeSpan.FromSeconds(60));
        Fake.Rooms.Get(room);
        copy.Rooms.Get(room);

        Events.Of(VideoCallbackEvent.RecordingCompleted).Select(e => e.Recording!.TrackName)
            .Should().Equal(["camera", "mic", "camera", "mic"], "each participant's tracks are removed last first");
        copyEvents.All.Select(Describe).Should().Equal(Events.All.Select(Describe));
    }

    private static string Describe(RoomEvent e) =>
        $"{e.Kind} {e.Room.Sid} {e.Timestamp:O} #{e.SequenceNumber} {e.Participant?.Sid} {e.Track?.Sid} {e.Recording?.Sid} " +
        $"{e.Recording?.Status} {e.Composition?.Sid} {e.Composition?.Status} {e.Hook?.Sid} {e.PercentageDone}";

    [Test]
    public async Task Get_state_then_put_state_on_another_fake_round_trips_recordings_compositions_hooks_and_settings()
    {
        await Populate();
        var state = (await Get("/__fakerooms/state")).Text;
        await using var other = await FreshFake();
        using var client = Client(other);

        using var put = await client.PutAsync("/__fakerooms/state", new StringContent(state, Encoding.UTF8, "application/json"));
        var answer = JObject.Parse(await put.Content.ReadAsStringAsync());
        var again = await client.GetStringAsync("/__fakerooms/state");

        put.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.Value<int>("recordings").Should().Be(6);
        answer.Value<int>("compositions").Should().Be(6);
        answer.Value<int>("composition_hooks").Should().Be(2);
        again.Should().Be(state);
        var account = JObject.Parse(state)["accounts"]![0]!;
        account["recording_settings"]!.Value<string>("aws_credentials_sid").Should().Be(Credential);
        account["compositions"]!.Should().Contain(c => c.Value<string>("status") == "enqueued" && c.Value<string>("processing_start") != null);
        account["recordings"]!.Should().Contain(r => r.Value<string>("status") == "processing" && r.Value<string>("capture_ended") == null);
    }

    [Test]
    public async Task Failed_fixture_rolls_back_without_losing_recordings_compositions_or_live_captures_returns_20001()
    {
        var scene = await Populate();
        var paths = await PathsOf(Fake, scene);
        var before = await Observe(Fake, paths);

        var fixture = await Send(new HttpRequestMessage(HttpMethod.Post, "/__fakerooms/fixture")
        {
            Content = new StringContent("""{ "rooms": [ { "UniqueName": "ok" }, { "UniqueName": "duo", "Type": "go", "MaxParticipants": 3 } ] }""",
                Encoding.UTF8, "application/json"),
        });
        var after = await Observe(Fake, paths);
        Fake.Clock.Advance(TimeSpan.FromSeconds(10));
        var unpublished = (await PostForm("/__fakerooms/rooms/meeting/participants/alice/tracks/mic/unpublish", "")).Status;

        fixture.ShouldBeTwilioError(400, 20001, "Invalid fixture: rooms[1] (duo): Twilio error 53107: MaxParticipants is out of range");
        after.Should().Equal(before);
        unpublished.Should().Be(HttpStatusCode.OK);
        var alice = Fake.Rooms.ParticipantsOf(scene.Meeting)[0].Sid;
        Fake.Rooms.RecordingsOf(scene.Meeting).Single(r => r.TrackName == "mic" && r.ParticipantSid == alice)
            .CaptureEnded.Should().Be(Start.AddSeconds(110), "alice's mic was still being recorded after the rollback");
    }

    [Test]
    public async Task Put_state_with_a_recording_capturing_an_unpublished_track_returns_20001_and_changes_nothing()
    {
        var scene = await Populate();
        var state = JObject.Parse((await Get("/__fakerooms/state")).Text);
        var capturing = state["accounts"]![0]!["recordings"]!.OfType<JObject>()
            .First(r => r.Value<string>("status") == "processing" && r["capture_ended"]!.Type == JTokenType.Null);
        capturing["source_sid"] = "MT00000000000000000000000000000000";
        var before = await Get("/v1/Recordings");

        var put = await Send(new HttpRequestMessage(HttpMethod.Put, "/__fakerooms/state")
        {
            Content = new StringContent(state.ToString(), Encoding.UTF8, "application/json"),
        });

        put.ShouldBeTwilioError(400, 20001);
        put.Json.Value<string>("message").Should().Be($"Invalid state: recording {capturing["sid"]}: a recording still capturing needs its track " +
                                                      $"MT00000000000000000000000000000000 published by {capturing["participant_sid"]}");
        (await Get("/v1/Recordings")).Text.Should().Be(before.Text);
        Fake.Rooms.Get(scene.Meeting).Status.Should().Be(VideoRoomStatus.InProgress);
    }

    [Test]
    public async Task Put_state_with_an_unknown_codec_or_composition_format_returns_20001_naming_the_value()
    {
        await Populate();
        var state = JObject.Parse((await Get("/__fakerooms/state")).Text);
        var badCodec = (JObject)state.DeepClone();
        badCodec["accounts"]![0]!["recordings"]![0]!["codec"] = "AV1";
        var badFormat = (JObject)state.DeepClone();
        badFormat["accounts"]![0]!["compositions"]![0]!["format"] = "avi";

        var codec = await Send(new HttpRequestMessage(HttpMethod.Put, "/__fakerooms/state") { Content = new StringContent(badCodec.ToString(), Encoding.UTF8, "application/json") });
        var format = await Send(new HttpRequestMessage(HttpMethod.Put, "/__fakerooms/state") { Content = new StringContent(badFormat.ToString(), Encoding.UTF8, "application/json") });

        codec.ShouldBeTwilioError(400, 20001, "Invalid state: accounts[0].recordings[0].codec: expected VP8, H264, OPUS, PCMU");
        format.ShouldBeTwilioError(400, 20001, "Invalid state: accounts[0].compositions[0].format: expected mp4, webm");
    }

    [Test]
    public async Task Put_state_written_before_recordings_were_snapshotted_restores_the_rooms_without_recordings()
    {
        await Populate();
        var state = JObject.Parse((await Get("/__fakerooms/state")).Text);
        var account = (JObject)state["accounts"]![0]!;
        foreach (var name in new[] { "settled_until", "recordings", "compositions", "composition_hooks", "recording_settings", "composition_settings" })
            account.Remove(name);
        foreach (var room in account["rooms"]!.OfType<JObject>())
            room.Remove("recording_rules_updated");

        var put = await Send(new HttpRequestMessage(HttpMethod.Put, "/__fakerooms/state") { Content = new StringContent(state.ToString(), Encoding.UTF8, "application/json") });
        var recordings = await Get("/v1/Recordings");
        var hooks = await Get("/v1/CompositionHooks");

        put.Status.Should().Be(HttpStatusCode.OK, put.Text);
        Fake.Rooms.Get("meeting").Status.Should().Be(VideoRoomStatus.InProgress);
        recordings.Json["recordings"]!.Should().BeEmpty();
        hooks.Json["composition_hooks"]!.Should().BeEmpty();
        (await Get("/v1/RecordingSettings/Default")).Json.Value<string?>("friendly_name").Should().BeNull();
    }
}
