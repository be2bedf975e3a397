using System.Diagnostics;
using FakeRooms.Tests.Callbacks;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Video.V1;
using Twilio.Types;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FakeRooms.Tests.InMemory;

/// <summary>
/// The same SDK scenarios over loopback HTTP (<c>Listen = true</c>) and in memory (<c>Listen = false</c>): both modes go
/// through one pipeline, so each answer, fault, journal entry and callback must be the same.
/// </summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class TransportModeTests(bool listen)
{
    private FakeRoomsServer _fake = null!;
    private TwilioRestClient _twilio = null!;

    [OneTimeSetUp]
    public async Task StartFake()
    {
        _fake = await FakeRoomsServer.StartAsync(options =>
        {
            options.Seed = 42;
            options.StartTime = Support.FakeRoomsTest.Start;
            options.Listen = listen;
        });
        _twilio = _fake.CreateTwilioClient();
    }

    [OneTimeTearDown]
    public Task StopFake() => _fake.DisposeAsync().AsTask();

    [SetUp]
    public void ResetFake() => _fake.Reset();

    [TearDown]
    public void NoInternalErrors() => _fake.InternalErrors.Should().BeEmpty();

    /// <summary>The base of the URLs the fake writes: its loopback address, or Twilio's own when it does not listen.</summary>
    private string Base => listen ? _fake.Url : "https://video.twilio.com";

    [Test]
    public void Url_and_port_say_how_the_fake_is_reached()
    {
        if (listen)
        {
            _fake.Port.Should().BeGreaterThan(0);
            _fake.Url.Should().Be($"http://127.0.0.1:{_fake.Port}");
        }
        else
        {
            _fake.Port.Should().Be(0);
            _fake.Url.Should().Be("https://video.twilio.com");
        }
    }

    [Test]
    public async Task Create_fetch_update_through_the_sdk_with_the_journal()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "standup", client: _twilio);
        var fetched = await RoomResource.FetchAsync(room.Sid, client: _twilio);
        var completed = await RoomResource.UpdateAsync(room.Sid, RoomResource.RoomStatusEnum.Completed, client: _twilio);

        room.Url.Should().Be(new Uri($"{Base}/v1/Rooms/{room.Sid}"));
        fetched.UniqueName.Should().Be("standup");
        completed.Status.Should().Be(RoomResource.RoomStatusEnum.Completed);
        _fake.Calls.Select(c => (c.Operation, c.StatusCode, c.AccountSid)).Should().Equal(
            (Operation.CreateRoom, 201, _fake.AccountSid),
            (Operation.FetchRoom, 200, _fake.AccountSid),
            (Operation.UpdateRoom, 202, _fake.AccountSid));
        _fake.Calls.Snapshot()[0].FormValue("UniqueName").Should().Be("standup");
    }

    [Test]
    public async Task List_follows_the_absolute_next_page_url_back_to_the_fake()
    {
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
            await RoomResource.CreateAsync(uniqueName: name, client: _twilio);

        var firstPage = await RoomResource.ReadAsync(pageSize: 2, client: _twilio);
        var all = firstPage.ToList();

        all.Select(r => r.UniqueName).Should().BeEquivalentTo(["a", "b", "c", "d", "e"]);
        var lists = _fake.Calls.Of(Operation.ReadRoom);
        lists.Should().HaveCount(3);
        lists.Should().OnlyContain(c => c.StatusCode == 200);
        lists[1].QueryValue("PageToken").Should().NotBeNullOrEmpty("the SDK followed next_page_url");
        var page = await RoomResource.ReadAsync(pageSize: 2, limit: 2, client: _twilio);
        page.Should().HaveCount(2);
    }

    [Test]
    public async Task Next_page_url_is_absolute_on_the_fakes_base()
    {
        await RoomResource.CreateAsync(uniqueName: "one", client: _twilio);
        await RoomResource.CreateAsync(uniqueName: "two", client: _twilio);
        using var http = new HttpClient(_fake.CreateHttpMessageHandler());
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://video.twilio.com/v1/Rooms?PageSize=1");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{_fake.AccountSid}:{_fake.AuthToken}")));

        using var response = await http.SendAsync(request);
        var json = Newtonsoft.Json.Linq.JObject.Parse(await response.Content.ReadAsStringAsync());

        ((int)response.StatusCode).Should().Be(200);
        ((string)json["meta"]!["next_page_url"]!).Should().StartWith($"{Base}/v1/Rooms?PageSize=1&Page=1&PageToken=");
    }

    [Test]
    public async Task An_error_has_twilios_code_and_status()
    {
        var act = () => RoomResource.FetchAsync("RM00000000000000000000000000000000", client: _twilio);

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        (error.Code, error.Status).Should().Be((20404, 404));
        _fake.Calls.Should().ContainSingle().Which.ErrorCode.Should().Be(20404);
    }

    [Test]
    public async Task A_dropped_connection_throws_as_over_http_and_creates_no_room()
    {
        var rule = _fake.Faults.On(TwilioOperation.CreateRoom).Next().DropConnection();

        var act = () => RoomResource.CreateAsync(uniqueName: "dropped", client: _twilio);

        var error = (await act.Should().ThrowAsync<ApiConnectionException>()).Which;
        error.InnerException.Should().BeOfType<HttpRequestException>();
        rule.Fired.Should().Be(1);
        _fake.Rooms.Find("dropped").Should().BeNull();
        _fake.Calls.Of(Operation.CreateRoom)[^1].StatusCode.Should().Be(0);
    }

    [Test]
    public async Task A_plain_http_client_sees_a_drop_as_HttpRequestException()
    {
        _fake.Faults.On(TwilioOperation.ReadRoom).Next().DropConnection();
        using var http = new HttpClient(_fake.CreateHttpMessageHandler());
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://video.twilio.com/v1/Rooms");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{_fake.AccountSid}:{_fake.AuthToken}")));

        var act = () => http.SendAsync(request);

        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Test]
    public async Task A_delay_holds_the_answer_back()
    {
        _fake.Faults.On(TwilioOperation.CreateRoom).Once().Delay(TimeSpan.FromMilliseconds(150));
        var watch = Stopwatch.StartNew();

        var room = await RoomResource.CreateAsync(uniqueName: "slow", client: _twilio);

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(140));
        room.UniqueName.Should().Be("slow");
        _fake.Calls.Of(Operation.CreateRoom)[^1].InjectedFault.Should().NotBeNull();
    }

    [Test]
    public async Task A_delay_longer_than_the_clients_timeout_times_out_but_the_room_exists()
    {
        _fake.Faults.On(TwilioOperation.CreateRoom).Once().Delay(TimeSpan.FromMinutes(5));
        var handler = _fake.CreateHttpMessageHandler();
        var impatient = new TwilioRestClient(_fake.AccountSid, _fake.AuthToken,
            httpClient: new Twilio.Http.SystemNetHttpClient(new HttpClient(handler) { Timeout = TimeSpan.FromMilliseconds(300) }));
        var watch = Stopwatch.StartNew();

        var act = () => RoomResource.CreateAsync(uniqueName: "late", client: impatient);

        await act.Should().ThrowAsync<Exception>();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(1), "the client's timeout ends the wait, not the delay");
        _fake.Rooms.Find("late").Should().NotBeNull("a delay processes the request at once");
    }

    [Test]
    public async Task Status_callbacks_are_sent_and_signed()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var room = await RoomResource.CreateAsync(uniqueName: "called-back", statusCallback: new Uri(receiver.Url + "/status"), client: _twilio);

        var created = await _fake.Callbacks.WaitForAsync(c => c.RoomSid == room.Sid && c.Event == "room-created");

        created.Succeeded.Should().BeTrue();
        new Twilio.Security.RequestValidator(_fake.AuthToken)
            .Validate(created.Url, created.Parameters.ToDictionary(p => p.Key, p => p.Value), created.Signature).Should().BeTrue();
        receiver.Received.Should().ContainSingle(r => r.Url.EndsWith("/status", StringComparison.Ordinal));
    }

    [Test]
    public async Task An_account_client_reaches_the_fake_as_its_account()
    {
        await using var fake = await FakeRoomsServer.StartAsync(o => { o.Listen = listen; o.AuthMode = AuthMode.AnyAccount; });
        var account = fake.ForAccount("AC0123456789abcdef0123456789abcdef");

        var room = await RoomResource.CreateAsync(uniqueName: "theirs", client: account.CreateTwilioClient());

        account.Calls.Should().ContainSingle().Which.StatusCode.Should().Be(201);
        account.Rooms.Find("theirs")!.Sid.Should().Be(room.Sid);
        fake.Rooms.Find("theirs").Should().BeNull();
    }

    [Test]
    public async Task An_sms_the_test_did_not_stub_gets_twilios_404_naming_the_host()
    {
        var act = () => MessageResource.CreateAsync(to: new PhoneNumber("+15558675310"), from: new PhoneNumber("+15017122661"),
            body: "Your meeting starts now", client: _twilio);

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        (error.Code, error.Status).Should().Be((20404, 404));
        error.Message.Should().Contain($"api.twilio.com/2010-04-01/Accounts/{_fake.AccountSid}/Messages.json")
            .And.Contain("FakeRooms serves Twilio Video");
        _fake.Calls.Should().ContainSingle().Which.Should().Match<Journal.CallRecord>(c =>
            c.StatusCode == 404 && c.ErrorCode == 20404 && c.Operation == Operation.Unknown && c.Method == "POST");
    }

    [Test]
    public async Task A_stubbed_sms_is_answered_journaled_and_cleared_by_reset()
    {
        _fake.Stub(
            Request.Create().WithPath($"/2010-04-01/Accounts/{_fake.AccountSid}/Messages.json").UsingPost()
                .WithHeader("X-FakeRooms-Original-Host", "api.twilio.com"),
            Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody("""{"sid": "SM0123456789abcdef0123456789abcdef", "status": "queued", "body": "Your meeting starts now"}"""));

        var message = await MessageResource.CreateAsync(to: new PhoneNumber("+15558675310"), from: new PhoneNumber("+15017122661"),
            body: "Your meeting starts now", client: _twilio);

        message.Sid.Should().Be("SM0123456789abcdef0123456789abcdef");
        message.Status.Should().Be(MessageResource.StatusEnum.Queued);
        var call = _fake.Calls.Should().ContainSingle().Subject;
        (call.Method, call.Path, call.StatusCode, call.Operation, call.AccountSid)
            .Should().Be(("POST", $"/2010-04-01/Accounts/{_fake.AccountSid}/Messages.json", 201, Operation.Unknown, _fake.AccountSid));
        call.FormValue("Body").Should().Be("Your meeting starts now");

        _fake.Reset();
        var again = () => MessageResource.CreateAsync(to: new PhoneNumber("+15558675310"), from: new PhoneNumber("+15017122661"),
            body: "again", client: _twilio);
        (await again.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
    }

    [Test]
    public async Task A_stub_does_not_change_the_video_routes()
    {
        _fake.Stub(Request.Create().WithPath("/2010-04-01/*").UsingAnyMethod(), Response.Create().WithStatusCode(200).WithBody("{}"));

        var room = await RoomResource.CreateAsync(uniqueName: "still-video", client: _twilio);

        room.Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
        _fake.Calls.Should().ContainSingle().Which.Operation.Should().Be(Operation.CreateRoom);
    }

    [Test]
    public async Task A_unique_name_with_a_space_and_non_ascii_is_fetched_by_name_as_over_http()
    {
        var room = await RoomResource.CreateAsync(uniqueName: "café standup", client: _twilio);

        var fetched = await RoomResource.FetchAsync("café standup", client: _twilio);

        fetched.Sid.Should().Be(room.Sid);
        _fake.Calls.Snapshot()[^1].PathParameters["Sid"].Should().Be("café standup");
    }

    [Test]
    public async Task A_body_over_the_limit_is_refused_by_the_request_guard_with_20413()
    {
        using var http = new HttpClient(_fake.CreateHttpMessageHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://video.twilio.com/v1/Rooms")
        {
            Content = new StringContent("UniqueName=" + new string('x', _fake.Options.MaxRequestBodyBytes), System.Text.Encoding.UTF8,
                "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{_fake.AccountSid}:{_fake.AuthToken}")));

        using var response = await http.SendAsync(request);
        var json = Newtonsoft.Json.Linq.JObject.Parse(await response.Content.ReadAsStringAsync());

        ((int)response.StatusCode, (int)json["code"]!, (int)json["status"]!).Should().Be((413, 20413, 413));
        _fake.Calls.Should().ContainSingle().Which.ErrorCode.Should().Be(20413);
        _fake.Rooms.All.Should().BeEmpty();
    }
}
