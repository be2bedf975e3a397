using System.Net;
using System.Net.Sockets;

namespace FakeRooms.Tests.Robustness;

/// <summary>Bytes to 127.0.0.1 over a plain socket, for requests HttpClient refuses to send.</summary>
internal static class RawHttp
{
    /// <summary>Sends the request and reads until the server closes (send <c>Connection: close</c>).</summary>
    public static async Task<byte[]> ExchangeAsync(int port, byte[] request, CancellationToken cancel)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port, cancel);
        var sending = SendAllAsync(socket, request, cancel);
        var response = await ReadToEndAsync(socket, cancel);
        await sending;
        return response;
    }

    private static async Task SendAllAsync(Socket socket, byte[] bytes, CancellationToken cancel)
    {
        try
        {
            // No half-close after sending: Kestrel takes a FIN as the client leaving, and drops the request.
            for (var i = 0; i < bytes.Length;)
                i += await socket.SendAsync(bytes.AsMemory(i), SocketFlags.None, cancel);
        }
        catch (SocketException)
        {
            // The server answered and closed before taking everything (early refusal): read what it said.
        }
    }

    private static async Task<byte[]> ReadToEndAsync(Socket socket, CancellationToken cancel)
    {
        var buffer = new byte[64 * 1024];
        using var output = new MemoryStream();
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel);
                if (n == 0)
                    break;
                output.Write(buffer, 0, n);
            }
        }
        catch (SocketException)
        {
            // Reset after the answer: keep what arrived.
        }
        return output.ToArray();
    }

    /// <summary>Sends a request written as text (lines joined with CRLF by the caller) and parses the answer.</summary>
    public static async Task<Observed> SendAsync(int port, string request, byte[]? body = null)
    {
        using var timeout = new CancellationTokenSource(FuzzHarness.RequestTimeout);
        var bytes = System.Text.Encoding.UTF8.GetBytes(request);
        if (body is not null)
            bytes = [.. bytes, .. body];
        var response = await ExchangeAsync(port, bytes, timeout.Token);
        return FuzzHarness.ParseResponse(response) ?? throw new AssertionException("No answer");
    }
}
