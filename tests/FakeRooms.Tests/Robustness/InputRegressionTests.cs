using System.Net;
using System.Net.Sockets;
using System.Text;
using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Robustness;

/// <summary>
/// Issue 14, items 6 and 7: query strings WireMock could not parse (a 500 on every route) and the refusals Kestrel
/// makes before the fake runs (an empty body). Each failed before its fix: the query shapes answered 500 with
/// WireMock's exception, the raw requests got a status with no body.
/// </summary>
public sealed class InputRegressionTests : FakeRoomsTest
{
    private string Auth => "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Fake.AccountSid}:{Fake.AuthToken}"));

    [TestCase("/v1/Rooms?a=1&=&b=2")]
    [TestCase("/v1/Rooms?UniqueName=x;=")]
    [TestCase("/v1/Rooms?=")]
    [TestCase("/v1/Rooms?==&Status=completed")]
    public async Task A_query_part_made_only_of_equals_signs_is_ignored_not_a_500(string target)
    {
        var answer = await Get(target);

        answer.Status.Should().Be(HttpStatusCode.OK, answer.Text);
        Fake.Calls.Single().StatusCode.Should().Be(200);
    }

    [Test]
    public async Task Names_that_differ_only_in_case_after_a_semicolon_are_one_value_as_twilio_reads_it()
    {
        // Only '&' separates parameters: "STATUS" has the value "a;Status=b" (an unknown name, ignored). WireMock also
        // split on ';' and threw on STATUS vs Status.
        var answer = await Get("/v1/Rooms?STATUS=a;Status=b");

        answer.Status.Should().Be(HttpStatusCode.OK, answer.Text);
        var call = Fake.Calls.Single();
        call.QueryValue("STATUS").Should().Be("a;Status=b");
        call.IgnoredParameters.Should().Equal("STATUS");
    }

    [TestCase("/__fakerooms/calls?a=1&=&b=2")]
    [TestCase("/__fakerooms/health?STATUS=a;Status=b")]
    [TestCase("/__fakerooms/health?=")]
    public async Task Control_api_queries_with_bare_equals_or_semicolon_case_twins_answer_200(string target)
    {
        var answer = await Get(target);

        answer.Status.Should().Be(HttpStatusCode.OK, answer.Text);
        Fake.InternalErrors.Should().BeEmpty();
    }

    [Test]
    public async Task Control_api_write_with_a_bare_equals_in_its_query_still_acts()
    {
        var before = Fake.Clock.UtcNow;

        var answer = await PostForm("/__fakerooms/clock/advance?Seconds=3&=", "");

        answer.Status.Should().Be(HttpStatusCode.OK, answer.Text);
        Fake.Clock.UtcNow.Should().Be(before.AddSeconds(3));
    }

    // ---- item 7: Kestrel's refusals carry Twilio's JSON ----

    [Test]
    public async Task Nul_in_the_path_gets_400_20001_json_not_an_empty_body()
    {
        var answer = await Raw("GET /v1/Rooms/%00 HTTP/1.1");

        ShouldBeRefusal(answer, 400, "Malformed request: the request line or headers are not valid HTTP/1.1");
    }

    [Test]
    public async Task Backslash_target_gets_400_20001_json()
    {
        var answer = await Raw("GET \\v1\\Rooms HTTP/1.1");

        ShouldBeRefusal(answer, 400, "Malformed request: the request line or headers are not valid HTTP/1.1");
    }

    [Test]
    public async Task Asterisk_target_on_get_gets_405_20004_json()
    {
        // Kestrel takes the asterisk form for OPTIONS only, and answers any other method with a bare 405.
        var answer = await Raw("GET * HTTP/1.1");

        ShouldBeRefusal(answer, 405, "Method not allowed", code: 20004);
    }

    [Test]
    public async Task Request_line_over_8_KB_gets_414_20001_json()
    {
        var answer = await Raw($"GET /v1/Rooms/{new string('a', 9_000)} HTTP/1.1");

        ShouldBeRefusal(answer, 414, "Malformed request: the request line is longer than 8 KB");
    }

    [Test]
    public async Task Headers_over_32_KB_get_431_20001_json()
    {
        var answer = await Raw("GET /v1/Rooms HTTP/1.1", $"X-Big: {new string('h', 33 * 1024)}\r\n");

        ShouldBeRefusal(answer, 431, "Malformed request: the request headers are larger than 32 KB or more than 100");
    }

    [Test]
    public async Task More_than_100_headers_get_431_20001_json()
    {
        var answer = await Raw("GET /v1/Rooms HTTP/1.1", string.Concat(Enumerable.Range(0, 101).Select(i => $"X-H{i}: {i}\r\n")));

        ShouldBeRefusal(answer, 431, "Malformed request: the request headers are larger than 32 KB or more than 100");
    }

    [Test]
    public async Task Header_without_a_colon_gets_400_20001_json()
    {
        var answer = await Raw("GET /v1/Rooms HTTP/1.1", "X-No-Colon\r\n");

        ShouldBeRefusal(answer, 400, "Malformed request: the request line or headers are not valid HTTP/1.1");
    }

    [Test]
    public async Task A_refusal_after_a_served_request_on_the_same_connection_is_json_too()
    {
        // The first request is served (kept alive); Kestrel refuses the second (a %00 path, then an unknown HTTP
        // version, which the old first-line guard never saw on a kept-alive connection).
        foreach (var second in new[] { "GET /v1/Rooms/%00 HTTP/1.1", "GET /v1/Rooms HTTP/1.2" })
        {
            var bytes = Encoding.ASCII.GetBytes(
                $"GET /v1/Rooms HTTP/1.1\r\nHost: 127.0.0.1\r\n{Auth}\r\n\r\n{second}\r\nHost: 127.0.0.1\r\n{Auth}\r\n\r\n");
            using var timeout = new CancellationTokenSource(FuzzHarness.RequestTimeout);

            var response = await RawHttp.ExchangeAsync(Fake.Port, bytes, timeout.Token);

            var text = Encoding.UTF8.GetString(response);
            var split = text.IndexOf("HTTP/1.1 400", StringComparison.Ordinal);
            text.Should().StartWith("HTTP/1.1 200");
            split.Should().BePositive(text);
            ShouldBeRefusal(FuzzHarness.ParseResponse(response[Encoding.UTF8.GetByteCount(text[..split])..])!, 400);
        }
    }

    private async Task<Observed> Raw(string requestLine, string extraHeaders = "")
    {
        var answer = await RawHttp.SendAsync(Fake.Port, $"{requestLine}\r\nHost: 127.0.0.1\r\n{Auth}\r\n{extraHeaders}Connection: close\r\n\r\n");
        // The fake keeps serving, and nothing was journaled: the fake never saw the request.
        (await Get("/v1/Rooms")).Status.Should().Be(HttpStatusCode.OK);
        Fake.Calls.Should().ContainSingle();
        return answer;
    }

    private static void ShouldBeRefusal(Observed answer, int status, string? message = null, int code = 20001)
    {
        answer.Status.Should().Be(status, answer.Text);
        answer.ContentType.Should().StartWith("application/json");
        answer.Headers["Connection"].Should().Be("close");
        var json = Answer.Parse(answer.Text);
        json.Properties().Select(p => p.Name).Should().BeEquivalentTo(["code", "message", "more_info", "status"]);
        json.Value<int>("code").Should().Be(code);
        json.Value<int>("status").Should().Be(status);
        json.Value<string>("more_info").Should().Be($"https://www.twilio.com/docs/errors/{code}");
        if (message is not null)
            json.Value<string>("message").Should().Be(message);
    }
}

/// <summary>
/// The connection guard's writer, fed as Kestrel feeds it (GetSpan, write, Advance; Kestrel's BufferWriter also keeps
/// writing into the same span after an Advance). It looks at what a flush sends, so a refusal head committed in pieces
/// (seen once in 100,000 HttpClient fuzz cases, when the head crossed Kestrel's segments) is rewritten too.
/// </summary>
public sealed class RefusalWriterTests
{
    private const string Refusal = "HTTP/1.1 414 URI Too Long\r\nContent-Length: 0\r\nConnection: close\r\nDate: Mon, 07 Dec 2026 01:00:00 GMT\r\nServer: Kestrel\r\n\r\n";

    [Test]
    public async Task A_refusal_head_committed_whole_after_an_answer_is_rewritten()
    {
        var text = await WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", Refusal);

        text.Should().StartWith("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1 414 URI Too Long\r\nContent-Type: application/json");
        text.Should().EndWith("\"code\":20001,\"message\":\"Malformed request: the request line is longer than 8 KB\",\"more_info\":\"https://www.twilio.com/docs/errors/20001\",\"status\":414}");
    }

    [Test]
    public async Task A_refusal_head_committed_in_pieces_after_an_answer_is_rewritten()
    {
        var text = await WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", Refusal[..40], Refusal[40..]);

        text.Should().StartWith("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1 414 URI Too Long\r\nContent-Type: application/json");
        text.Should().EndWith("\"status\":414}");
    }

    [Test]
    public async Task A_refusal_head_written_in_one_span_across_advances_is_rewritten()
    {
        var pipe = new System.IO.Pipelines.Pipe();
        var writer = new Hosting.HttpVersionGuard.RefusalWriter(pipe.Writer);
        var span = writer.GetMemory(Refusal.Length);
        var bytes = Encoding.ASCII.GetBytes(Refusal);
        bytes.AsSpan(0, 30).CopyTo(span.Span);
        writer.Advance(30);
        bytes.AsSpan(30).CopyTo(span.Span[30..]);
        writer.Advance(bytes.Length - 30);

        var text = await ReadAsync(pipe, writer);

        text.Should().StartWith("HTTP/1.1 414 URI Too Long\r\nContent-Type: application/json").And.EndWith("\"status\":414}");
    }

    [Test]
    public async Task Writes_that_continue_in_the_same_span_after_an_advance_pass_through_unchanged()
    {
        const string answer = "HTTP/1.1 401 Unauthorized\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
        var pipe = new System.IO.Pipelines.Pipe();
        var writer = new Hosting.HttpVersionGuard.RefusalWriter(pipe.Writer);
        var span = writer.GetMemory(answer.Length);
        var bytes = Encoding.ASCII.GetBytes(answer);
        bytes.AsSpan(0, 20).CopyTo(span.Span);
        writer.Advance(20);
        bytes.AsSpan(20).CopyTo(span.Span[20..]);
        writer.Advance(bytes.Length - 20);

        (await ReadAsync(pipe, writer)).Should().Be(answer);
    }

    [Test]
    public async Task An_answer_with_a_body_written_in_pieces_passes_unchanged()
    {
        const string answer = "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";

        var text = await WriteAsync(answer[..7], answer[7..30], answer[30..]);

        text.Should().Be(answer);
    }

    [Test]
    public async Task An_empty_4xx_without_connection_close_is_not_a_refusal()
    {
        // A raw-body fault may answer an empty 4xx: the fake's own answer, kept as set.
        const string answer = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";

        (await WriteAsync(answer)).Should().Be(answer);
    }

    /// <summary>Each piece written as Kestrel does (GetSpan, copy, Advance), then one flush.</summary>
    private static async Task<string> WriteAsync(params string[] pieces)
    {
        var pipe = new System.IO.Pipelines.Pipe();
        var writer = new Hosting.HttpVersionGuard.RefusalWriter(pipe.Writer);
        foreach (var piece in pieces)
        {
            var bytes = Encoding.ASCII.GetBytes(piece);
            bytes.CopyTo(writer.GetSpan(bytes.Length));
            writer.Advance(bytes.Length);
        }
        return await ReadAsync(pipe, writer);
    }

    private static async Task<string> ReadAsync(System.IO.Pipelines.Pipe pipe, System.IO.Pipelines.PipeWriter writer)
    {
        await writer.FlushAsync();
        await writer.CompleteAsync();
        var result = await pipe.Reader.ReadAsync();
        while (!result.IsCompleted)
        {
            pipe.Reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            result = await pipe.Reader.ReadAsync();
        }
        return Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(result.Buffer));
    }
}
