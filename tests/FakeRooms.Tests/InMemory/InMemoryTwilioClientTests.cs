using System.Diagnostics;
using FakeRooms.Hosting;
using FakeRooms.Journal;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Video.V1;
using Twilio.Rest.Video.V1.Room;
using Twilio.Rest.Video.V1.Room.Participant;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FakeRooms.Tests.InMemory;

/// <summary>
/// A fake that does not listen gives the SDK its own HTTP client (<see cref="InMemoryTwilioClient"/>), which hands the
/// SDK's request to the dispatcher without System.Net.Http. It must be indistinguishable from the SDK's own
/// <c>SystemNetHttpClient</c> over the in-memory handler: the same journal, the same answers, the same exceptions.
/// </summary>
public sealed class InMemoryTwilioClientTests
{
    private static Task<FakeRoomsServer> Start() => FakeRoomsServer.StartAsync(o =>
    {
        o.Seed = 7;
        o.StartTime = Support.FakeRoomsTest.Start;
        o.Listen = false;
    });

    [Test]
    public async Task A_fake_that_does_not_listen_hands_the_sdk_its_in_memory_client()
    {
        await using var fake = await Start();
        await using var listening = await FakeRoomsServer.StartAsync();

        fake.CreateTwilioClient().HttpClient.Should().BeOfType<InMemoryTwilioClient>();
        fake.ForAccount(fake.AccountSid).CreateTwilioClient().HttpClient.Should().BeOfType<InMemoryTwilioClient>();
        listening.CreateTwilioClient().HttpClient.Should().BeOfType<Twilio.Http.SystemNetHttpClient>("a listening fake's clients go over loopback HTTP");
    }

    [Test]
    public async Task Every_call_is_journaled_and_answered_as_the_sdks_own_http_client_would_have_it()
    {
        await using var direct = await Start();
        await using var overHttp = await Start();
        var viaHttp = new TwilioRestClient(overHttp.AccountSid, overHttp.AuthToken,
            httpClient: new Twilio.Http.SystemNetHttpClient(new HttpClient(overHttp.CreateHttpMessageHandler())));

        var directAnswers = await ScenarioAsync(direct.CreateTwilioClient());
        var httpAnswers = await ScenarioAsync(viaHttp);

        directAnswers.Should().Equal(httpAnswers);
        var directCalls = direct.Calls.Snapshot();
        var httpCalls = overHttp.Calls.Snapshot();
        directCalls.Should().HaveCount(httpCalls.Count).And.HaveCountGreaterThan(10);
        for (var i = 0; i < httpCalls.Count; i++)
            Comparable(directCalls[i]).Should().BeEquivalentTo(Comparable(httpCalls[i]), $"call {i}: {httpCalls[i]}");
    }

    /// <summary>Create (spaces, '+', '&amp;' and non-ASCII in values), fetch by name, list with paging, errors, participants, rules, update, delete.</summary>
    private static async Task<List<string>> ScenarioAsync(TwilioRestClient client)
    {
        var answers = new List<string>();
        void Keep(int status) => answers.Add(status + " " + client.HttpClient.LastResponse.Content);

        var room = await RoomResource.CreateAsync(uniqueName: "daily stand-up +1 & café", type: RoomResource.RoomTypeEnum.Group,
            statusCallback: new Uri("http://127.0.0.1:9/status?team=a b&x=1"), maxParticipants: 7, client: client);
        Keep(201);
        await RoomResource.FetchAsync(pathSid: "daily stand-up +1 & café", client: client);
        Keep(200);
        for (var i = 0; i < 3; i++)
        {
            await RoomResource.CreateAsync(uniqueName: "paged-" + i, client: client);
            Keep(201);
        }
        var listed = await RoomResource.ReadAsync(status: RoomResource.RoomStatusEnum.InProgress, pageSize: 2, limit: 4, client: client);
        answers.Add(string.Join(",", listed.Select(r => r.Sid)));
        var refused = () => RoomResource.CreateAsync(maxParticipants: 0, type: RoomResource.RoomTypeEnum.Group, client: client);
        var error = (await refused.Should().ThrowAsync<ApiException>()).Which;
        answers.Add($"{error.Status} {error.Code} {error.Message}");
        var missing = () => RoomResource.FetchAsync(pathSid: "RM00000000000000000000000000000000", client: client);
        answers.Add((await missing.Should().ThrowAsync<ApiException>()).Which.Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var tooLarge = () => RoomResource.CreateAsync(uniqueName: new string('x', 2 << 20), client: client);
        var refusedBody = (await tooLarge.Should().ThrowAsync<ApiException>()).Which;
        answers.Add($"{refusedBody.Status} {refusedBody.Code} {refusedBody.Message}");
        await ParticipantResource.ReadAsync(pathRoomSid: room.Sid, client: client);
        Keep(200);
        var rules = () => SubscribeRulesResource.UpdateAsync(pathRoomSid: room.Sid, pathParticipantSid: "PA00000000000000000000000000000000",
            rules: new { rules = new[] { new { type = "include", all = true } } }, client: client);
        answers.Add((await rules.Should().ThrowAsync<ApiException>()).Which.Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var recordingDelete = () => RoomRecordingResource.DeleteAsync(pathRoomSid: room.Sid, pathSid: "RT00000000000000000000000000000000", client: client);
        answers.Add((await recordingDelete.Should().ThrowAsync<ApiException>()).Which.Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Names a URL or a form must escape, and ones Uri reads as a query or a fragment when they land in the path.
        foreach (var name in new[] { "100% sure", "a/b", "why?not", "#hash", "emoji 🎉", "tab\tand\nline", "ünï cödé", "a+b=c&d" })
        {
            try
            {
                await RoomResource.CreateAsync(uniqueName: name, client: client);
                Keep(201);
            }
            catch (ApiException e)
            {
                answers.Add($"create {name}: {e.Status} {e.Code}");
            }
            try
            {
                await RoomResource.FetchAsync(pathSid: name, client: client);
                Keep(200);
            }
            catch (ApiException e)
            {
                answers.Add($"fetch {name}: {e.Status} {e.Code}");
            }
        }
        await RoomResource.UpdateAsync(pathSid: room.Sid, status: RoomResource.RoomStatusEnum.Completed, client: client);
        Keep(200);
        RoomResource.Fetch(pathSid: room.Sid, client: client);
        Keep(200);
        return answers;
    }

    private static object Comparable(CallRecord c) => new
    {
        c.AccountSid,
        c.Operation,
        c.Method,
        c.Path,
        c.PathParameters,
        c.Query,
        c.Form,
        c.ContentType,
        c.HadNonFormBody,
        c.IgnoredParameters,
        c.StatusCode,
        c.ErrorCode,
        c.ErrorMessage,
        RoomSid = c.Room?.Sid,
    };

    [Test]
    public async Task A_dropped_connection_is_the_exception_a_closed_connection_gives()
    {
        await using var fake = await Start();
        fake.Faults.On(TwilioOperation.CreateRoom).Next().DropConnectionAfterProcessing();

        var create = () => RoomResource.CreateAsync(uniqueName: "dropped", client: fake.CreateTwilioClient());

        (await create.Should().ThrowAsync<ApiConnectionException>()).WithInnerException<HttpRequestException>()
            .Which.HttpRequestError.Should().Be(HttpRequestError.ResponseEnded);
        fake.Rooms.Find("dropped").Should().NotBeNull("the fault closed the connection after the room was created");
        fake.CreateTwilioClient().HttpClient.LastResponse.Should().BeNull("no answer arrived");
    }

    [Test]
    public async Task A_delay_past_the_clients_timeout_is_httpclients_timeout_and_the_room_exists()
    {
        await using var fake = await Start();
        fake.Clients.Http().Timeout = TimeSpan.FromMilliseconds(300);
        fake.Faults.On(TwilioOperation.CreateRoom).Once().Delay(TimeSpan.FromMinutes(5));
        var watch = Stopwatch.StartNew();

        var create = () => RoomResource.CreateAsync(uniqueName: "late", client: fake.CreateTwilioClient());

        (await create.Should().ThrowAsync<ApiConnectionException>()).WithInnerException<TaskCanceledException>()
            .Which.InnerException.Should().BeOfType<TimeoutException>();
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)).And.BeLessThan(TimeSpan.FromMinutes(1));
        fake.Rooms.Find("late").Should().NotBeNull("a delay processes the request at once");
    }

    [Test]
    public async Task A_delay_within_the_timeout_holds_the_answer_back()
    {
        await using var fake = await Start();
        fake.Faults.On(TwilioOperation.CreateRoom).Once().Delay(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();

        var room = await RoomResource.CreateAsync(uniqueName: "slow", client: fake.CreateTwilioClient());

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190));
        room.UniqueName.Should().Be("slow");
    }

    [Test]
    public async Task While_a_stub_is_registered_calls_go_through_the_sdks_own_client_and_the_stub_can_answer()
    {
        await using var fake = await Start();
        var client = fake.CreateTwilioClient();
        fake.Stub(Request.Create().WithPath("/v1/Rooms/RM11111111111111111111111111111111").UsingGet(),
            Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json")
                .WithBody("""{"code": 20404, "message": "stubbed", "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404}"""));

        var stubbed = () => RoomResource.FetchAsync(pathSid: "RM11111111111111111111111111111111", client: client);
        (await stubbed.Should().ThrowAsync<ApiException>()).Which.Message.Should().Be("stubbed");
        var room = await RoomResource.CreateAsync(uniqueName: "beside-a-stub", client: client);

        room.UniqueName.Should().Be("beside-a-stub");
        client.HttpClient.LastRequest.Should().NotBeNull();
        client.HttpClient.LastResponse.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        fake.Calls.Snapshot().Select(c => c.StatusCode).Should().Equal(404, 201);

        fake.Reset();
        var afterReset = () => RoomResource.FetchAsync(pathSid: "RM11111111111111111111111111111111", client: client);
        (await afterReset.Should().ThrowAsync<ApiException>()).Which.Message.Should().NotBe("stubbed", "reset removes the stub");
    }

    [Test]
    public async Task Retry_after_of_an_injected_429_reaches_the_sdks_last_response()
    {
        await using var fake = await Start();
        var client = fake.CreateTwilioClient();
        fake.Faults.On(TwilioOperation.CreateRoom).Once().RespondWithTooManyRequests(TimeSpan.FromSeconds(3));

        var create = () => RoomResource.CreateAsync(uniqueName: "limited", client: client);

        (await create.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(429);
        client.HttpClient.LastResponse.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
    }
}
