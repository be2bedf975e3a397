using FakeRooms.Tests.Support;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;
using TwilioHttpMethod = Twilio.Http.HttpMethod;

namespace FakeRooms.Tests.Rooms;

/// <summary>
/// The Rooms resource end to end through the official Twilio C# SDK 8.2.0, as a user's app drives it: create with
/// every option, fetch, read with filters and auto-paging, complete, and Twilio's errors as <see cref="ApiException"/>.
/// </summary>
public sealed class RoomsSdkTests : FakeRoomsTest
{
    [Test]
    public async Task Sdk_create_with_every_CreateRoomOptions_property_round_trips()
    {
        var options = new CreateRoomOptions
        {
            EnableTurn = true,
            Type = RoomResource.RoomTypeEnum.Group,
            UniqueName = "daily standup/é&x",
            StatusCallback = new Uri("http://127.0.0.1:9/cb?x=1"),
            StatusCallbackMethod = TwilioHttpMethod.Get,
            MaxParticipants = 10,
            RecordParticipantsOnConnect = true,
            TranscribeParticipantsOnConnect = true,
            VideoCodecs = [RoomResource.VideoCodecEnum.Vp8, RoomResource.VideoCodecEnum.H264],
            MediaRegion = "ie1",
            RecordingRules = new { rules = new[] { new { type = "include", all = true } } },
            TranscriptionsConfiguration = new { languageCode = "en-US" },
            AudioOnly = false,
            MaxParticipantDuration = 600,
            EmptyRoomTimeout = 1,
            UnusedRoomTimeout = 60,
            LargeRoom = false,
        };

        var now = Fake.Clock.UtcNow;

        var room = await RoomResource.CreateAsync(options, Twilio);

        room.Sid.Should().MatchRegex("^RM[0-9a-f]{32}$");
        room.AccountSid.Should().Be(Fake.AccountSid);
        room.Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
        room.Type.Should().Be(RoomResource.RoomTypeEnum.Group);
        room.UniqueName.Should().Be("daily standup/é&x");
        room.StatusCallback.Should().Be(new Uri("http://127.0.0.1:9/cb?x=1"));
        room.StatusCallbackMethod.Should().Be(TwilioHttpMethod.Get);
        room.MaxParticipants.Should().Be(10);
        room.RecordParticipantsOnConnect.Should().BeTrue();
        room.VideoCodecs.Should().Equal(RoomResource.VideoCodecEnum.Vp8, RoomResource.VideoCodecEnum.H264);
        room.MediaRegion.Should().Be("ie1");
        room.AudioOnly.Should().BeFalse();
        room.MaxParticipantDuration.Should().Be(600);
        room.EmptyRoomTimeout.Should().Be(1);
        room.UnusedRoomTimeout.Should().Be(60);
        room.LargeRoom.Should().BeFalse();
        room.EnableTurn.Should().BeTrue();
        room.DateCreated.Should().Be(DateTime.Parse(TwilioTime.Format(now), null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        room.DateCreated!.Value.Kind.Should().Be(DateTimeKind.Utc);
        room.EndTime.Should().BeNull();
        room.Duration.Should().BeNull();
        room.Url.Should().Be(new Uri($"{Fake.Url}/v1/Rooms/{room.Sid}"));
        room.Links.Should().HaveCount(4).And.ContainKey("recording_rules");
        Fake.Rooms.Get(room.Sid).RecordingRules.Should().ContainSingle().Which.All.Should().BeTrue();
        Fake.Calls.Single().IgnoredParameters.Should().BeEmpty("the SDK sends only parameters Twilio knows");
    }

    [Test]
    public async Task Sdk_create_with_no_arguments_sends_an_empty_body_and_gets_a_default_room()
    {
        var room = await RoomResource.CreateAsync(client: Twilio);

        room.UniqueName.Should().Be(room.Sid);
        room.Type.Should().Be(RoomResource.RoomTypeEnum.Group);
        room.MaxParticipants.Should().Be(50);
    }

    [Test]
    public async Task Sdk_fetches_by_sid_and_by_unique_name()
    {
        var created = await RoomResource.CreateAsync(uniqueName: "fetch by name", client: Twilio);

        var bySid = await RoomResource.FetchAsync(created.Sid, client: Twilio);
        // The SDK does not escape the path: "fetch by name" goes out as "fetch%20by%20name" via System.Uri (FACTS §2.3).
        var byName = await RoomResource.FetchAsync("fetch by name", client: Twilio);

        bySid.Sid.Should().Be(created.Sid);
        byName.Sid.Should().Be(created.Sid);
        byName.UniqueName.Should().Be("fetch by name");
    }

    [Test]
    public async Task Sdk_completes_a_room_with_update_status_completed()
    {
        var t0 = TwilioTime.MoveToNextDayAtNine(Fake).UtcDateTime;
        var created = await RoomResource.CreateAsync(uniqueName: "to-end", client: Twilio);
        Fake.Clock.Advance(TimeSpan.FromMinutes(2));

        var ended = await RoomResource.UpdateAsync(created.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);

        ended.Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
        ended.EndTime.Should().Be(t0.AddMinutes(2));
        ended.Duration.Should().Be(120);
        ended.DateUpdated.Should().Be(t0.AddMinutes(2));
        Fake.Calls.Last().FormValue("Status").Should().Be("completed");
    }

    [Test]
    public async Task Sdk_auto_pages_over_120_rooms_with_page_size_50_newest_first()
    {
        var created = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            created.Add(Fake.Rooms.Create(new NewRoom { UniqueName = $"room-{i:000}" }).Sid);
            if (i % 7 == 0)
                Fake.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var seen = (await RoomResource.ReadAsync(pageSize: 50, client: Twilio)).Select(r => r.Sid).ToList();

        seen.Should().Equal(Enumerable.Reverse(created), "every room once, newest first");
        var reads = Fake.Calls.Of(Operation.ReadRoom);
        reads.Should().HaveCount(3);
        reads.Select(c => c.QueryValue("PageSize")).Should().AllBe("50");
        reads.Select(c => c.QueryValue("Page")).Should().Equal(null, "1", "2");
    }

    [Test]
    public async Task Sdk_reads_with_status_name_and_date_filters_and_a_limit()
    {
        var t0 = TwilioTime.MoveToNextDayAtNine(Fake).UtcDateTime;
        var sids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var room = await RoomResource.CreateAsync(uniqueName: "weekly sync", client: Twilio);
            Fake.Clock.Advance(TimeSpan.FromMinutes(1));
            await RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);
            sids.Add(room.Sid);
        }
        await RoomResource.CreateAsync(uniqueName: "weekly sync", client: Twilio);

        var completed = (await RoomResource.ReadAsync(
            status: RoomResource.RoomStatusEnum.Completed,
            uniqueName: "weekly sync",
            dateCreatedAfter: t0.AddMinutes(1),
            dateCreatedBefore: t0.AddMinutes(5),
            pageSize: 2,
            client: Twilio)).Select(r => r.Sid).ToList();
        var limited = (await RoomResource.ReadAsync(status: RoomResource.RoomStatusEnum.Completed, limit: 3, client: Twilio))
            .Select(r => r.Sid).ToList();

        completed.Should().Equal(sids[4], sids[3], sids[2], sids[1]);
        limited.Should().Equal(sids[5], sids[4], sids[3]);
        var first = Fake.Calls.Of(Operation.ReadRoom)[0];
        first.QueryValue("DateCreatedAfter").Should().Be(TwilioTime.Format(t0.AddMinutes(1)), "the SDK sends yyyy-MM-ddTHH:mm:ssZ (FACTS §8.2)");
    }

    [Test]
    public async Task Sdk_page_by_page_reading_follows_next_page_urls()
    {
        for (var i = 0; i < 5; i++)
            await RoomResource.CreateAsync(client: Twilio);

        var first = await RoomResource.ReadAsync(new ReadRoomOptions { PageSize = 2 }, Twilio);

        first.Count().Should().Be(5);
    }

    // ---- errors surface as ApiException with Twilio's code and status

    private static async Task<ApiException> Throws(Func<Task> act) => (await act.Should().ThrowAsync<ApiException>()).Which;

    [Test]
    public async Task Sdk_fetch_of_an_unknown_room_throws_20404()
    {
        var error = await Throws(() => RoomResource.FetchAsync("RM00000000000000000000000000000000", client: Twilio));

        error.Code.Should().Be(20404);
        error.Status.Should().Be(404);
        error.Message.Should().Be("The requested resource /Rooms/RM00000000000000000000000000000000 was not found");
        error.MoreInfo.Should().Be("https://www.twilio.com/docs/errors/20404");
    }

    [Test]
    public async Task Sdk_fetch_by_name_of_a_completed_room_throws_20404()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "done", client: Twilio);
        await RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);

        var error = await Throws(() => RoomResource.FetchAsync("done", client: Twilio));

        error.Code.Should().Be(20404);
        error.Status.Should().Be(404);
    }

    [Test]
    public async Task Sdk_completing_twice_throws_53112()
    {
        var room = await RoomResource.CreateAsync(client: Twilio);
        await RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);

        var error = await Throws(() => RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio));

        error.Code.Should().Be(53112);
        error.Status.Should().Be(400);
        error.Message.Should().Be("Status is invalid");
    }

    [Test]
    public async Task Sdk_update_to_in_progress_throws_53112()
    {
        var room = await RoomResource.CreateAsync(client: Twilio);

        var error = await Throws(() => RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.InProgress, client: Twilio));

        error.Code.Should().Be(53112);
        error.Status.Should().Be(400);
    }

    private static IEnumerable<TestCaseData> SdkCreateErrors()
    {
        yield return new TestCaseData(new CreateRoomOptions { MaxParticipants = 51 }, 53107).SetName("Sdk_create_with_51_participants_throws_53107");
        yield return new TestCaseData(new CreateRoomOptions { Type = RoomResource.RoomTypeEnum.Go, MaxParticipants = 3 }, 53107)
            .SetName("Sdk_create_go_room_for_3_throws_53107");
        yield return new TestCaseData(new CreateRoomOptions { EmptyRoomTimeout = 61 }, 53109).SetName("Sdk_create_with_timeout_61_throws_53109");
        yield return new TestCaseData(new CreateRoomOptions { StatusCallbackMethod = TwilioHttpMethod.Put }, 53110)
            .SetName("Sdk_create_with_callback_method_PUT_throws_53110");
        yield return new TestCaseData(new CreateRoomOptions { StatusCallback = new Uri("/cb", UriKind.Relative) }, 53111)
            .SetName("Sdk_create_with_relative_callback_throws_53111");
        yield return new TestCaseData(new CreateRoomOptions { MediaRegion = "mars1" }, 53115).SetName("Sdk_create_with_unknown_region_throws_53115");
        yield return new TestCaseData(new CreateRoomOptions { Type = RoomResource.RoomTypeEnum.PeerToPeer, AudioOnly = true }, 53114)
            .SetName("Sdk_create_peer_to_peer_audio_only_throws_53114");
        yield return new TestCaseData(new CreateRoomOptions { RecordingRules = new { rules = Array.Empty<object>() } }, 53120)
            .SetName("Sdk_create_with_empty_recording_rules_throws_53120");
        yield return new TestCaseData(new CreateRoomOptions { UniqueName = new string('x', 129) }, 53101)
            .SetName("Sdk_create_with_129_character_name_throws_53101");
        yield return new TestCaseData(new CreateRoomOptions { MaxParticipantDuration = 86401 }, 53123)
            .SetName("Sdk_create_with_max_participant_duration_86401_throws_53123");
    }

    [TestCaseSource(nameof(SdkCreateErrors))]
    public async Task Sdk_create_errors_surface_as_ApiException(CreateRoomOptions options, int code)
    {
        var error = await Throws(() => RoomResource.CreateAsync(options, Twilio));

        error.Code.Should().Be(code);
        error.Status.Should().Be(400);
        error.MoreInfo.Should().Be($"https://www.twilio.com/docs/errors/{code}");
    }

    [Test]
    public async Task Sdk_with_a_wrong_token_throws_20003()
    {
        var wrong = Fake.CreateTwilioClient(Fake.AccountSid, "not-the-token");

        var error = await Throws(() => RoomResource.CreateAsync(client: wrong));

        error.Code.Should().Be(20003);
        error.Status.Should().Be(401);
        error.Message.Should().Be("Authenticate");
    }
}
