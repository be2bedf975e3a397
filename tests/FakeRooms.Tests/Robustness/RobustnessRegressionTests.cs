using System.Net;
using System.Text;
using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Robustness;

/// <summary>
/// Every failure the fuzzers found, kept as a regular test (notes/robustness-note.md tells the story of each).
/// Before the fix each of these answered 500 (WireMock's exception dump or the fake's 20500), hung, or broke the
/// client's connection.
/// </summary>
public sealed class RobustnessRegressionTests : FakeRoomsTest
{
    private string Auth => "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Fake.AccountSid}:{Fake.AuthToken}"));

    [Test]
    public async Task Host_header_with_a_port_out_of_range_returns_400_20001_not_500()
    {
        var answer = await RawHttp.SendAsync(Fake.Port, $"GET /v1/Rooms HTTP/1.1\r\nHost: 127.0.0.1:99999\r\n{Auth}\r\nConnection: close\r\n\r\n");

        ShouldBeTwilioError(answer, 400, 20001, "Malformed request: the Host header is not a valid host");
        Fake.Calls.Single().StatusCode.Should().Be(400);
    }

    [Test]
    public async Task Unsupported_http_version_returns_400_20001_not_kestrels_505()
    {
        var answer = await RawHttp.SendAsync(Fake.Port, $"GET /v1/Rooms HTTP/1.2\r\nHost: 127.0.0.1\r\n{Auth}\r\n\r\n");

        ShouldBeTwilioError(answer, 400, 20001, "Malformed request: unsupported HTTP version");
        (await Get("/v1/Rooms")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Http_1_0_request_without_host_is_served_with_links_on_the_listening_address()
    {
        var answer = await RawHttp.SendAsync(Fake.Port, $"GET /v1/Rooms HTTP/1.0\r\n{Auth}\r\n\r\n");

        answer.Status.Should().Be(200, answer.Text);
        Answer.Parse(answer.Text)["meta"]!.Value<string>("url").Should().StartWith($"http://127.0.0.1:{Fake.Port}/v1/Rooms?");
    }

    [Test]
    public async Task Malformed_chunked_body_returns_400_20001_not_500()
    {
        var answer = await RawHttp.SendAsync(Fake.Port,
            $"POST /v1/Rooms HTTP/1.1\r\nHost: 127.0.0.1\r\n{Auth}\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nUniqueName=a\r\n0\r\n\r\n");

        ShouldBeTwilioError(answer, 400, 20001, "Malformed request: Bad chunk size data.");
        Fake.Rooms.All.Should().BeEmpty();
    }

    [Test]
    public async Task Query_names_that_differ_only_in_case_are_distinct_parameters_not_a_500()
    {
        // WireMock's own query parser threw on STATUS vs Status; Twilio's names are case-sensitive.
        var answer = await Get("/v1/Rooms?STATUS=completed&Status=in-progress");

        answer.Status.Should().Be(HttpStatusCode.OK, answer.Text);
        var call = Fake.Calls.Single();
        call.QueryValue("Status").Should().Be("in-progress");
        call.IgnoredParameters.Should().Equal("STATUS");
    }

    [Test]
    public async Task Control_api_query_names_that_differ_only_in_case_do_not_fail()
    {
        var before = Fake.Clock.UtcNow;

        var answer = await PostForm("/__fakerooms/clock/advance?seconds=1&Seconds=2", "");

        answer.Status.Should().Be(HttpStatusCode.OK, answer.Text);
        Fake.Clock.UtcNow.Should().Be(before.AddSeconds(2));
    }

    [Test]
    public async Task Advancing_the_clock_past_the_year_9000_returns_400_20001_and_leaves_it_where_it_was()
    {
        var before = Fake.Clock.UtcNow;
        var seconds = (long)(new DateTimeOffset(9000, 1, 1, 0, 0, 0, TimeSpan.Zero) - before).TotalSeconds + 1;

        var answer = await PostForm("/__fakerooms/clock/advance", $"Seconds={seconds}");

        // Ten years at a time used to reach DateTimeOffset.MaxValue and answer 500.
        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Json.Value<int>("code").Should().Be(20001);
        Fake.Clock.UtcNow.Should().Be(before);
        var act = () => Fake.Clock.Advance(TimeSpan.FromSeconds(seconds));
        act.Should().Throw<ArgumentOutOfRangeException>();
        Fake.Clock.UtcNow.Should().Be(before);
    }

    [Test]
    public async Task A_refused_oversized_get_body_closes_the_connection_so_the_next_request_does_not_fail()
    {
        // HttpClient reuses connections: the 413 must say "Connection: close", or the next request on the same
        // connection found it closed ("The response ended prematurely").
        using var content = new ChunkedBody(new byte[(1 << 20) + 10]);
        using var first = new HttpRequestMessage(HttpMethod.Get, "/v1/Rooms") { Content = content };
        // The fake drains what is left of a refused body (bounded) before it closes, so the client always reads the
        // 413: no reset can overtake it (issue 14, item 8).
        using var refused = await Http.SendAsync(first);

        var next = await Get("/v1/Rooms");

        ((int)refused.StatusCode).Should().Be(413);
        refused.Headers.ConnectionClose.Should().BeTrue();
        next.Status.Should().Be(HttpStatusCode.OK);
        Fake.Calls.Select(c => c.StatusCode).Should().Equal(413, 200);
    }

    [Test]
    public async Task Create_with_a_megabyte_of_distinct_unknown_parameters_answers_and_lists_them_all()
    {
        // The list of ignored names was deduplicated with List.Contains: quadratic in the number of names.
        var body = new StringBuilder("UniqueName=many");
        for (var i = 0; body.Length < (1 << 20) - 20; i++)
            body.Append("&n").Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Append("=v");
        using var timeout = new CancellationTokenSource(FuzzHarness.RequestTimeout);
        using var content = new StringContent(body.ToString(), Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await Http.PostAsync("/v1/Rooms", content, timeout.Token);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        Fake.Calls.Single().IgnoredParameters.Should().HaveCountGreaterThan(100_000).And.OnlyHaveUniqueItems();
    }

    private static void ShouldBeTwilioError(Observed answer, int status, int code, string message)
    {
        answer.Status.Should().Be(status, answer.Text);
        var json = Answer.Parse(answer.Text);
        json.Properties().Select(p => p.Name).Should().BeEquivalentTo(["code", "message", "more_info", "status"]);
        json.Value<int>("code").Should().Be(code);
        json.Value<int>("status").Should().Be(status);
        json.Value<string>("message").Should().Be(message);
    }

    /// <summary>A body of unknown length: HttpClient sends it chunked, so the fake cannot refuse it by its Content-Length.</summary>
    private sealed class ChunkedBody(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
