using System.Net;
using FakeRooms.Callbacks;
using Twilio.Rest.Video.V1;
using Twilio.Security;
using TwilioHttpMethod = Twilio.Http.HttpMethod;

namespace FakeRooms.Tests.Callbacks;

public sealed class StatusCallbackTests : CallbackTest
{
    [Test]
    public async Task Room_lifecycle_sends_every_event_with_twilio_parameters_in_sequence_order()
    {
        // create, alice joins and publishes audio, alice leaves, the empty-room timeout (5 min) ends the room.
        // The fixture's clock keeps its time across tests: start this one on a whole second, timestamps relative to it.
        var t0 = Fake.Clock.UtcNow;
        t0 = t0.AddTicks((TimeSpan.TicksPerSecond - t0.UtcTicks % TimeSpan.TicksPerSecond) % TimeSpan.TicksPerSecond);
        Fake.Clock.SetUtcNow(t0);
        string At(TimeSpan offset) => (t0 + offset).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var room = await CreateRoomWithCallback("standup");
        Fake.Clock.Advance(TimeSpan.FromMilliseconds(1500));
        var alice = Fake.Rooms.Connect("standup", "alice");
        Fake.Clock.Advance(TimeSpan.FromSeconds(2));
        var mic = alice.Publish(VideoTrackKind.Audio, "mic");
        Fake.Clock.Advance(TimeSpan.FromSeconds(60));
        alice.Disconnect();
        Fake.Clock.Advance(TimeSpan.FromMinutes(5));
        await Fake.Callbacks.WhenIdleAsync();

        var common = new Dictionary<string, string>
        {
            ["AccountSid"] = Fake.AccountSid,
            ["RoomSid"] = room.Sid,
            ["RoomName"] = "standup",
            ["RoomStatus"] = "in-progress",
            ["RoomType"] = "group",
        };
        var participant = new Dictionary<string, string>(common)
        {
            ["ParticipantSid"] = alice.Sid,
            ["ParticipantIdentity"] = "alice",
            ["ParticipantStatus"] = "connected",
        };
        var track = new Dictionary<string, string>(participant)
        {
            ["TrackSid"] = mic.Sid,
            ["TrackKind"] = "audio",
            ["TrackName"] = "mic",
        };
        Dictionary<string, string> Expect(Dictionary<string, string> basis, string name, int sequence, string timestamp, params (string Key, string Value)[] more)
        {
            var expected = new Dictionary<string, string>(basis)
            {
                ["StatusCallbackEvent"] = name,
                ["SequenceNumber"] = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Timestamp"] = timestamp,
            };
            foreach (var (key, value) in more)
                expected[key] = value;
            return expected;
        }

        var expectedSequence = new[]
        {
            Expect(common, "room-created", 0, At(TimeSpan.Zero)),
            Expect(participant, "participant-connected", 1, At(TimeSpan.FromMilliseconds(1500))),
            Expect(track, "track-added", 2, At(TimeSpan.FromMilliseconds(3500))),
            // [INFERRED] in the domain: a leaving participant's tracks are removed first, while it is still connected.
            Expect(track, "track-removed", 3, At(TimeSpan.FromMilliseconds(63500))),
            Expect(participant, "participant-disconnected", 4, At(TimeSpan.FromMilliseconds(63500)),
                ("ParticipantStatus", "disconnected"), ("ParticipantDuration", "62")),
            Expect(common, "room-ended", 5, At(TimeSpan.FromMilliseconds(363500)),
                ("RoomStatus", "completed"), ("RoomDuration", "363")),
        };
        var received = Receiver.For(room.Sid);
        received.Select(r => r.Parameters).Should().BeEquivalentTo(expectedSequence, o => o.WithStrictOrdering());
        received.Should().AllSatisfy(r => r.Method.Should().Be("POST"));

        var records = Fake.Callbacks.ForRoom(room.Sid);
        records.Select(r => r.Event).Should().Equal(
            "room-created", "participant-connected", "track-added", "track-removed", "participant-disconnected", "room-ended");
        records.Select(r => r.SequenceNumber).Should().Equal(0, 1, 2, 3, 4, 5);
        records.Select(r => (IReadOnlyDictionary<string, string>)r.Parameters).Should().BeEquivalentTo(expectedSequence, o => o.WithStrictOrdering());
        records.Should().AllSatisfy(r =>
        {
            r.Outcome.Should().Be(CallbackOutcome.Succeeded);
            r.StatusCode.Should().Be(200);
            r.Error.Should().BeNull();
            r.Url.Should().Be(CallbackUrl);
            r.StatusCallback.Should().Be(CallbackUrl);
            r.Method.Should().Be("POST");
            r.AccountSid.Should().Be(Fake.AccountSid);
        });
        records[5].Timestamp.Should().Be(t0 + TimeSpan.FromMilliseconds(363500));
    }

    [Test]
    public async Task Post_callback_is_a_signed_form_body_with_twilio_headers()
    {
        var room = await CreateRoomWithCallback("headers");
        Fake.Rooms.Connect("headers", "bob joe");
        await Fake.Callbacks.WhenIdleAsync();

        var received = Receiver.For(room.Sid);
        received.Should().HaveCount(2);
        var records = Fake.Callbacks.ForRoom(room.Sid);
        for (var i = 0; i < received.Count; i++)
        {
            var r = received[i];
            r.Method.Should().Be("POST");
            r.Url.Should().Be(CallbackUrl, "POST parameters go in the body, not the URL");
            r.Header("Content-Type").Should().Be("application/x-www-form-urlencoded");
            r.Header("User-Agent").Should().Be("TwilioProxy/1.1");
            r.Header("X-Twilio-Signature").Should().Be(records[i].Signature).And.NotBeEmpty();
            r.Header("I-Twilio-Idempotency-Token").Should().Be(records[i].IdempotencyToken).And.NotBeEmpty();
            r.Body.Should().Be(records[i].Body);
        }
        received.Select(r => r.Header("I-Twilio-Idempotency-Token")).Should().OnlyHaveUniqueItems();
        // Encoded like the real payload in FACTS §6.2: %20 for a space, %3A for a colon.
        var timestamp = Uri.EscapeDataString(received[1].Parameters["Timestamp"]);
        timestamp.Should().MatchRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}%3A[0-9]{2}%3A[0-9]{2}\\.[0-9]{3}Z$");
        received[1].Body.Should().Contain("ParticipantIdentity=bob%20joe").And.Contain("Timestamp=" + timestamp);
    }

    [Test]
    public async Task Get_callback_appends_parameters_to_the_configured_query_string()
    {
        var configured = CallbackUrl + "?tenant=acme&note=a%20b";
        var room = await CreateRoomWithCallback("by-get", configured, TwilioHttpMethod.Get);
        Fake.Rooms.Connect("by-get", "alice");
        await Fake.Callbacks.WhenIdleAsync();

        var received = Receiver.For(room.Sid);
        received.Select(r => r.Event).Should().Equal("room-created", "participant-connected");
        foreach (var r in received)
        {
            r.Method.Should().Be("GET");
            r.Body.Should().BeEmpty();
            r.Url.Should().StartWith(configured + "&AccountSid=");
            r.Parameters["tenant"].Should().Be("acme");
            r.Parameters["note"].Should().Be("a b");
            r.Parameters["RoomSid"].Should().Be(room.Sid);
        }
        received[1].Parameters["ParticipantIdentity"].Should().Be("alice");

        var records = Fake.Callbacks.ForRoom(room.Sid);
        records.Should().AllSatisfy(c =>
        {
            c.Method.Should().Be("GET");
            c.Body.Should().BeNull();
            c.StatusCallback.Should().Be(configured);
            c.Url.Should().StartWith(configured + "&");
        });
        records.Select(c => c.Url).Should().Equal(received.Select(r => r.Url));
    }

    [TestCase("POST")]
    [TestCase("GET")]
    public async Task Official_sdk_request_validator_accepts_every_callback(string method)
    {
        var room = await CreateRoomWithCallback("validated", CallbackUrl + "?source=fake", method == "GET" ? TwilioHttpMethod.Get : TwilioHttpMethod.Post);
        var alice = Fake.Rooms.Connect("validated", "alice");
        alice.Publish(VideoTrackKind.Video, "camera");
        alice.Disable("camera");
        alice.Enable("camera");
        alice.Unpublish("camera");
        await RoomResource.UpdateAsync(room.Sid, status: RoomResource.RoomStatusEnum.Completed, client: Twilio);
        await Fake.Callbacks.WhenIdleAsync();

        var received = Receiver.For(room.Sid);
        received.Select(r => r.Event).Should().Equal(
            "room-created", "participant-connected", "track-added", "track-disabled", "track-enabled", "track-removed",
            "participant-disconnected", "room-ended");
        var validator = new RequestValidator(Fake.AuthToken);
        foreach (var r in received)
        {
            // What an app does: the URL it was called on, the POST form (none for GET), the header.
            var valid = validator.Validate(r.Url, r.Form.ToDictionary(p => p.Key, p => p.Value), r.Header("X-Twilio-Signature"));
            valid.Should().BeTrue($"{r.Event} must pass Twilio.Security.RequestValidator ({r.Method} {r.Url})");
        }
        new RequestValidator("not-the-token").Validate(received[0].Url, received[0].Form.ToDictionary(p => p.Key, p => p.Value),
            received[0].Header("X-Twilio-Signature")).Should().BeFalse("the signature is keyed by the account's auth token");
    }

    [Test]
    public async Task Room_completed_over_rest_sends_room_ended_with_completed_status_and_duration()
    {
        var room = await CreateRoomWithCallback("ended");
        Fake.Clock.Advance(TimeSpan.FromSeconds(42));

        await RoomResource.UpdateAsync(room.Sid, status: RoomResource.RoomStatusEnum.Completed, client: Twilio);
        var ended = await Fake.Callbacks.WaitForAsync(c => c.RoomSid == room.Sid && c.Event == "room-ended");

        ended.Parameter("RoomStatus").Should().Be("completed");
        ended.Parameter("RoomDuration").Should().Be("42");
        ended.SequenceNumber.Should().Be(1);
        ended.Succeeded.Should().BeTrue();
    }

    [Test]
    public async Task Room_without_status_callback_sends_nothing()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "quiet", client: Twilio);
        Fake.Rooms.Connect("quiet", "alice").Disconnect();
        Fake.Clock.Advance(TimeSpan.FromMinutes(5));

        await Fake.Callbacks.WhenIdleAsync();

        Fake.Callbacks.Should().BeEmpty();
        Fake.Callbacks.Pending.Should().Be(0);
        Receiver.For(room.Sid).Should().BeEmpty();
    }

    [Test]
    public async Task WaitForAsync_returns_the_matching_delivery_and_fails_with_what_was_delivered()
    {
        var room = await CreateRoomWithCallback("waits");

        var created = await Fake.Callbacks.WaitForAsync(c => c.RoomSid == room.Sid && c.Event == "room-created");
        var never = () => Fake.Callbacks.WaitForAsync(c => c.Event == "room-ended", TimeSpan.FromMilliseconds(200));

        created.SequenceNumber.Should().Be(0);
        var error = (await never.Should().ThrowAsync<TimeoutException>()).Which;
        error.Message.Should().Contain("No status callback matched within 0.2 s")
            .And.Contain("Delivered (1)")
            .And.Contain($"room-created {room.Sid} seq=0 POST {CallbackUrl} -> 200")
            .And.Contain("Pending (0)");
    }

    [Test]
    public async Task Reset_clears_the_callback_journal()
    {
        await CreateRoomWithCallback("before-reset");
        await Fake.Callbacks.WhenIdleAsync();
        Fake.Callbacks.Should().HaveCount(1);

        Fake.Reset();

        Fake.Callbacks.Should().BeEmpty();
        Fake.Callbacks.TotalRecorded.Should().Be(0);
    }

    [Test]
    public async Task Control_endpoint_lists_callbacks_filtered_by_room_and_event()
    {
        var first = await CreateRoomWithCallback("first");
        var second = await CreateRoomWithCallback("second");
        Fake.Rooms.Connect("second", "alice");
        await Fake.Callbacks.WhenIdleAsync();

        var all = await Get("/__fakerooms/callbacks");
        var secondOnly = await Get($"/__fakerooms/callbacks?RoomSid={second.Sid}");
        var joins = await Get("/__fakerooms/callbacks?Event=participant-connected");

        all.Status.Should().Be(HttpStatusCode.OK);
        all.Json["callbacks"]!.Should().HaveCount(3);
        all.Json.Value<int>("pending").Should().Be(0);
        secondOnly.Json["callbacks"]!.Select(c => c.Value<string>("event")).Should().Equal("room-created", "participant-connected");
        var join = joins.Json["callbacks"]!.Single();
        join.Value<string>("room_sid").Should().Be(second.Sid);
        join.Value<int>("sequence_number").Should().Be(1);
        join.Value<string>("url").Should().Be(CallbackUrl);
        join.Value<string>("method").Should().Be("POST");
        join.Value<string>("outcome").Should().Be("succeeded");
        join.Value<int>("status_code").Should().Be(200);
        join["parameters"]!.Value<string>("ParticipantIdentity").Should().Be("alice");
        join.Value<string>("signature").Should().Be(Fake.Callbacks.ForRoom(second.Sid)[1].Signature);
        Fake.Calls.Should().OnlyContain(c => c.Path.StartsWith("/v1/"), "the control API is not journaled");
        _ = first;
    }
}
