using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using FakeRooms.Domain.Errors;
using FakeRooms.Wire;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace FakeRooms.Hosting;

/// <summary>
/// Kestrel answers a request line naming an HTTP version other than 1.0 and 1.1 (<c>GET / HTTP/1.2</c>) with
/// <c>505 HTTP Version Not Supported</c> and an empty body, before any middleware runs: the one 5xx hostile input could
/// still get. This connection middleware reads the first request line of each connection before Kestrel parses it
/// (without consuming it) and answers such a line itself with 400 and Twilio's error JSON. Later requests on a
/// kept-alive connection are Kestrel's alone (they would still get 505); the HTTP/2 preface passes untouched.
/// </summary>
internal static class HttpVersionGuard
{
    /// <summary>How long to wait for a first line before leaving the connection to Kestrel's own timeouts.</summary>
    private static readonly TimeSpan FirstLineWait = TimeSpan.FromSeconds(10);

    /// <summary>Longest first line looked at (Kestrel's request line limit is 8 KB).</summary>
    private const int MaxLine = 8 * 1024 + 64;

    /// <summary>For <c>WireMockServerSettings.AdditionalServiceRegistration</c>, which passes the <c>IServiceCollection</c>.</summary>
    public static void Install(object services) =>
        ((IServiceCollection)services).Configure<KestrelServerOptions>(options =>
            options.ConfigureEndpointDefaults(listen => listen.Use(next => connection => OnConnectionAsync(connection, next))));

    private static async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var refuse = false;
        try
        {
            refuse = await HasUnsupportedVersionAsync(connection.Transport.Input, connection.ConnectionClosed);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ConnectionResetException)
        {
            // Closed, silent or reset: Kestrel sees the same and handles it its own way.
        }
        if (!refuse)
        {
            await next(connection);
            return;
        }

        var error = TwilioErrors.MalformedRequest("unsupported HTTP version");
        var body = Encoding.UTF8.GetBytes(TwilioJson.Error(error));
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {error.HttpStatus} Bad Request\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        try
        {
            await connection.Transport.Output.WriteAsync(head);
            await connection.Transport.Output.WriteAsync(body);
            await connection.Transport.Output.CompleteAsync();
        }
        catch (Exception e) when (e is IOException or ConnectionResetException or InvalidOperationException)
        {
            // The client left first.
        }
    }

    /// <summary>Peeks at the first line: true when it ends in an HTTP version Kestrel would answer 505.</summary>
    private static async Task<bool> HasUnsupportedVersionAsync(PipeReader input, CancellationToken closed)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(closed);
        wait.CancelAfter(FirstLineWait);
        while (true)
        {
            var result = await input.ReadAsync(wait.Token);
            var buffer = result.Buffer;
            var end = buffer.PositionOf((byte)'\n');
            if (end is not null || result.IsCompleted || buffer.Length > MaxLine)
            {
                var refuse = end is not null && IsUnsupported(buffer.Slice(0, end.Value));
                // Nothing consumed, nothing examined: Kestrel reads the same bytes again.
                input.AdvanceTo(buffer.Start);
                return refuse;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool IsUnsupported(ReadOnlySequence<byte> line)
    {
        var text = Encoding.ASCII.GetString(line.Length > MaxLine ? line.Slice(0, MaxLine) : line).TrimEnd('\r');
        if (text.StartsWith("PRI * HTTP/2.0", StringComparison.Ordinal))
            return false;
        var space = text.LastIndexOf(' ');
        if (space < 0)
            return false;
        var version = text[(space + 1)..];
        // Kestrel's 505 case: a well-formed HTTP/d.d it does not speak. Anything else malformed is Kestrel's 400.
        return version.Length == 8 && version.StartsWith("HTTP/", StringComparison.Ordinal) &&
               char.IsAsciiDigit(version[5]) && version[6] == '.' && char.IsAsciiDigit(version[7]) &&
               version is not ("HTTP/1.0" or "HTTP/1.1");
    }
}
