using System.Net;
using System.Text;
using FakeRooms.Tests.Support;
using Twilio.Rest.Video.V1;

namespace FakeRooms.Tests.Robustness;

/// <summary>
/// The fake's limits answer with clear errors, never a crash: request body size (<see cref="FakeRoomsOptions.MaxRequestBodyBytes"/>,
/// 413/20413, refused before it is read), in-progress rooms per account (<see cref="FakeRoomsOptions.MaxInProgressRoomsPerAccount"/>,
/// 53119), and Kestrel's own request line and header limits (414 and 431 before the fake sees the request, with Twilio's
/// JSON added by the connection guard). The limits table of docs/robustness.md lists the same numbers.
/// </summary>
public sealed class LimitsTests : FakeRoomsTest
{
    private const int BodyLimit = 1000;
    private const int Quota = 5;

    protected override void Configure(FakeRoomsOptions options)
    {
        options.MaxRequestBodyBytes = BodyLimit;
        options.MaxInProgressRoomsPerAccount = Quota;
    }

    private string Auth => "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Fake.AccountSid}:{Fake.AuthToken}"));

    [Test]
    public async Task Body_declared_over_the_limit_returns_413_20413_before_it_is_sent()
    {
        // 100 MB announced and none sent: the answer comes at once, so nothing waits for or buffers the body.
        var answer = await RawHttp.SendAsync(Fake.Port,
            $"POST /v1/Rooms HTTP/1.1\r\nHost: 127.0.0.1\r\n{Auth}\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            "Content-Length: 100000000\r\n\r\n");

        answer.Status.Should().Be(413);
        Answer.Parse(answer.Text).Value<int>("code").Should().Be(20413);
        answer.Headers["Connection"].Should().Be("close");
        var call = Fake.Calls.Single();
        call.Operation.Should().Be(Operation.CreateRoom);
        call.ErrorCode.Should().Be(20413);
        Fake.Rooms.All.Should().BeEmpty();
    }

    [Test]
    public async Task Chunked_body_over_the_limit_returns_413_20413()
    {
        var body = "UniqueName=" + new string('x', BodyLimit);
        var chunked = $"{body.Length:x}\r\n{body}\r\n0\r\n\r\n";

        var answer = await RawHttp.SendAsync(Fake.Port,
            $"POST /v1/Rooms HTTP/1.1\r\nHost: 127.0.0.1\r\n{Auth}\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            $"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunked}");

        answer.Status.Should().Be(413);
        Answer.Parse(answer.Text).Value<int>("code").Should().Be(20413);
        Fake.Rooms.All.Should().BeEmpty();
    }

    [Test]
    public async Task Body_of_exactly_the_limit_is_accepted()
    {
        var body = "UniqueName=limit&Pad=" + new string('x', BodyLimit - "UniqueName=limit&Pad=".Length);

        var answer = await PostForm("/v1/Rooms", body);

        answer.Status.Should().Be(HttpStatusCode.Created, answer.Text);
    }

    [Test]
    public async Task Control_api_body_over_the_limit_returns_413_20413_and_is_not_journaled()
    {
        var answer = await PostForm("/__fakerooms/reset", "AccountSid=" + new string('x', BodyLimit));

        answer.ShouldBeTwilioError(413, 20413, "Request Entity Too Large");
        Fake.Calls.Should().BeEmpty();
    }

    [Test]
    public async Task Create_past_the_rooms_quota_returns_53119_through_the_sdk_and_a_completed_room_frees_a_place()
    {
        var first = await RoomResource.CreateAsync(client: Twilio);
        for (var i = 1; i < Quota; i++)
            await RoomResource.CreateAsync(client: Twilio);

        var over = () => RoomResource.CreateAsync(client: Twilio);

        await over.ShouldFailWithApiError(429, 53119, "The concurrent Rooms quota was exceeded");
        await RoomResource.UpdateAsync(first.Sid, RoomResource.RoomStatusEnum.Completed, client: Twilio);
        (await RoomResource.CreateAsync(client: Twilio)).Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
    }

    [Test]
    public async Task Parallel_creates_past_the_quota_give_exactly_the_quota_and_53119_for_the_rest()
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await PostForm("/v1/Rooms", $"UniqueName=q{i}");
        })).ToList();
        go.SetResult();

        var answers = await Task.WhenAll(tasks);

        answers.Count(a => a.Status == HttpStatusCode.Created).Should().Be(Quota);
        foreach (var refused in answers.Where(a => a.Status != HttpStatusCode.Created))
            refused.ShouldBeTwilioError(429, 53119);
        Fake.Rooms.All.Should().HaveCount(Quota);
    }

    [Test]
    public async Task Each_account_has_its_own_rooms_quota_in_any_account_mode()
    {
        await using var shared = await FakeRoomsServer.StartAsync(o =>
        {
            o.AuthMode = AuthMode.AnyAccount;
            o.MaxInProgressRoomsPerAccount = 1;
        });
        var first = shared.CreateTwilioClient("AC" + new string('1', 32), "token-1");
        var second = shared.CreateTwilioClient("AC" + new string('2', 32), "token-2");
        await RoomResource.CreateAsync(client: first);

        var over = () => RoomResource.CreateAsync(client: first);

        await over.ShouldFailWithApiError(429, 53119);
        (await RoomResource.CreateAsync(client: second)).Status.Should().Be(RoomResource.RoomStatusEnum.InProgress);
    }

    [Test]
    public async Task Request_line_over_8_KB_gets_414_with_twilio_json_and_the_fake_keeps_serving()
    {
        var answer = await RawHttp.SendAsync(Fake.Port,
            $"GET /v1/Rooms/{new string('a', 9_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n{Auth}\r\nConnection: close\r\n\r\n");

        // Kestrel's MaxRequestLineSize (8 KB) answers before WireMock or the fake see the request (no journal); the
        // connection guard gives its 414 Twilio's JSON (Hosting/HttpVersionGuard.cs).
        answer.Status.Should().Be(414);
        Answer.Parse(answer.Text).Value<int>("code").Should().Be(20001);
        Fake.Calls.Should().BeEmpty();
        (await Get("/v1/Rooms")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Path_under_the_request_line_limit_returns_twilio_404_20404()
    {
        var answer = await Get("/v1/Rooms/" + new string('a', 7_000));

        answer.ShouldBeTwilioError(404, 20404);
    }

    [Test]
    public async Task Headers_over_32_KB_get_431_with_twilio_json()
    {
        var answer = await RawHttp.SendAsync(Fake.Port,
            $"GET /v1/Rooms HTTP/1.1\r\nHost: 127.0.0.1\r\n{Auth}\r\nX-Big: {new string('h', 33 * 1024)}\r\nConnection: close\r\n\r\n");

        answer.Status.Should().Be(431);
        Answer.Parse(answer.Text).Value<int>("code").Should().Be(20001);
        Fake.Calls.Should().BeEmpty();
    }

    [Test]
    public async Task More_than_100_headers_get_kestrels_431()
    {
        var headers = string.Concat(Enumerable.Range(0, 101).Select(i => $"X-H{i}: {i}\r\n"));

        var answer = await RawHttp.SendAsync(Fake.Port,
            $"GET /v1/Rooms HTTP/1.1\r\nHost: 127.0.0.1\r\n{Auth}\r\n{headers}Connection: close\r\n\r\n");

        answer.Status.Should().Be(431);
        Fake.Calls.Should().BeEmpty();
    }

    [Test]
    public async Task Authorization_header_of_20_KB_returns_401_20003()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + new string('A', 20_000));

        var answer = await Send(request);

        answer.ShouldBeTwilioError(401, 20003, "Authenticate");
    }
}
