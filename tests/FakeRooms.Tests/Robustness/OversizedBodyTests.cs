using System.Net;
using System.Net.Sockets;
using System.Text;
using FakeRooms.Tests.Support;

namespace FakeRooms.Tests.Robustness;

/// <summary>
/// Issue 14, item 8: a body over the limit is refused with 413 before it is read, and the client must still receive
/// the 413 when it writes the whole body before reading (python's http.client, node's fetch). Before the fix the fake
/// closed while the client was writing: the client's send failed (EPIPE, connection reset) and the 413 was lost.
/// </summary>
public sealed class OversizedBodyTests : FakeRoomsTest
{
    private const int Body = 8 * 1024 * 1024;

    private string Auth => "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Fake.AccountSid}:{Fake.AuthToken}"));

    [Test]
    public async Task A_client_that_sends_8_MB_before_reading_receives_the_413_twenty_times_out_of_twenty()
    {
        var body = new byte[Body];
        body.AsSpan().Fill((byte)'x');
        var head = Encoding.ASCII.GetBytes(
            $"POST /v1/Rooms HTTP/1.1\r\nHost: 127.0.0.1\r\n{Auth}\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            $"Content-Length: {Body}\r\n\r\n");

        for (var i = 0; i < 20; i++)
        {
            var answer = await SendAllThenReadAsync([.. head, .. body]);

            ShouldBe413(answer, $"run {i + 1}");
        }
        Fake.Calls.Should().HaveCount(20).And.OnlyContain(c => c.StatusCode == 413);
        Fake.Rooms.All.Should().BeEmpty();
    }

    [Test]
    public async Task A_chunked_8_MB_body_sent_before_reading_receives_the_413()
    {
        using var chunked = new MemoryStream();
        chunked.Write(Encoding.ASCII.GetBytes(
            $"POST /v1/Rooms HTTP/1.1\r\nHost: 127.0.0.1\r\n{Auth}\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            "Transfer-Encoding: chunked\r\n\r\n"));
        var chunk = new byte[64 * 1024];
        chunk.AsSpan().Fill((byte)'x');
        for (var sent = 0; sent < Body; sent += chunk.Length)
        {
            chunked.Write(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
            chunked.Write(chunk);
            chunked.Write("\r\n"u8);
        }
        chunked.Write("0\r\n\r\n"u8);

        for (var i = 0; i < 5; i++)
            ShouldBe413(await SendAllThenReadAsync(chunked.ToArray()), $"run {i + 1}");
    }

    [Test]
    public async Task HttpClient_uploading_8_MB_receives_the_413_with_twilio_json()
    {
        for (var i = 0; i < 5; i++)
        {
            using var content = new ByteArrayContent(new byte[Body]);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");

            var answer = await Send(new HttpRequestMessage(HttpMethod.Post, "/v1/Rooms") { Content = content });

            answer.ShouldBeTwilioError(413, 20413, "Request Entity Too Large");
        }
    }

    /// <summary>Writes every byte, then reads the answer to the end: any failure (reset, EPIPE) fails the test.</summary>
    private async Task<Observed> SendAllThenReadAsync(byte[] request)
    {
        using var timeout = new CancellationTokenSource(FuzzHarness.RequestTimeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, Fake.Port, timeout.Token);
        for (var i = 0; i < request.Length;)
            i += await socket.SendAsync(request.AsMemory(i), SocketFlags.None, timeout.Token);
        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            received.Write(buffer, 0, n);
        return FuzzHarness.ParseResponse(received.ToArray()) ?? throw new AssertionException("No answer");
    }

    private static void ShouldBe413(Observed answer, string run)
    {
        answer.Status.Should().Be(413, run);
        answer.Headers["Connection"].Should().Be("close", run);
        var json = Answer.Parse(answer.Text);
        json.Value<int>("code").Should().Be(20413, run);
        json.Value<int>("status").Should().Be(413, run);
        json.Value<string>("message").Should().Be("Request Entity Too Large", run);
    }
}
