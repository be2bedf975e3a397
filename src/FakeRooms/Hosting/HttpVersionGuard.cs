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
/// Kestrel refuses some requests itself, before any middleware runs, with an empty body: 400 for a request line or
/// header it cannot parse (a <c>%00</c> in the path, a backslash target, a header without a colon...), 405 for
/// <c>GET *</c>, 414 for a request line over 8 KB, 431 for headers over 32 KB or more than 100 of them, 505 for an
/// HTTP version it does not speak (<c>HTTP/1.2</c>). A client then gets a status and nothing its Twilio error
/// handling can read.
/// <para>
/// This connection middleware sits between Kestrel and the socket and rewrites such an answer as it is written: it
/// keeps the status (505 becomes 400, the client's error) and adds Twilio's error JSON (code 20001, as for every
/// other malformed request). Kestrel's refusals are recognised by their shape: a 4xx or 5xx head with
/// <c>Content-Length: 0</c> and <c>Connection: close</c>, written on its own. The fake's own answers always carry a
/// body (Twilio's JSON), so they never match. Everything else passes through untouched, without a copy.
/// </para>
/// </summary>
internal static class HttpVersionGuard
{
    /// <summary>For <c>WireMockServerSettings.AdditionalServiceRegistration</c>, which passes the <c>IServiceCollection</c>.</summary>
    public static void Install(object services) =>
        ((IServiceCollection)services).Configure<KestrelServerOptions>(options =>
            options.ConfigureEndpointDefaults(listen => listen.Use(next => connection =>
            {
                var transport = connection.Transport;
                connection.Transport = new Duplex(transport.Input, new RefusalWriter(transport.Output));
                return next(connection);
            })));

    /// <summary>The answer Kestrel's bare refusal <paramref name="status"/> becomes: its status and Twilio's JSON.</summary>
    internal static TwilioError ErrorFor(int status) => status switch
    {
        414 => TwilioErrors.MalformedRequest("the request line is longer than 8 KB", 414),
        431 => TwilioErrors.MalformedRequest("the request headers are larger than 32 KB or more than 100", 431),
        408 => TwilioErrors.MalformedRequest("the request headers did not arrive in time", 408),
        // The asterisk form (GET * HTTP/1.1) is for OPTIONS only: the fake's own 405 for a method a path does not take.
        405 => TwilioErrors.MethodNotAllowed(),
        505 => TwilioErrors.MalformedRequest("unsupported HTTP version"),
        > 400 and < 500 => TwilioErrors.MalformedRequest("the request line or headers are not valid HTTP/1.1", status),
        _ => TwilioErrors.MalformedRequest("the request line or headers are not valid HTTP/1.1"),
    };

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>
    /// Stands between Kestrel and the socket's writer. Kestrel writes into memory this writer owns (GetMemory/GetSpan),
    /// may go on writing into the same span after an Advance (its BufferWriter does), and commits with Advance; each
    /// committed piece is copied out at once, so Kestrel may reuse the memory freely. At a flush (and at completion) the
    /// bytes since the last flush go to the socket's writer, after one check: when they end with a bare refusal head,
    /// that head is replaced by the same status with Twilio's JSON. Looking at what a flush sends, not at single
    /// Advance calls, also catches a head Kestrel committed in pieces (it crosses its own segments now and then).
    /// </summary>
    internal sealed class RefusalWriter(PipeWriter inner) : PipeWriter
    {
        private byte[] _scratch = [];
        private int _offset;
        private byte[] _pending = new byte[256];
        private int _pendingLength;

        public override Memory<byte> GetMemory(int sizeHint = 0)
        {
            var size = Math.Max(sizeHint, 4096);
            if (_scratch.Length < size)
                _scratch = new byte[Math.Max(size, _scratch.Length * 2)];
            _offset = 0;
            return _scratch;
        }

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override void Advance(int bytes)
        {
            if (bytes < 0 || _offset + bytes > _scratch.Length)
                throw new ArgumentOutOfRangeException(nameof(bytes));
            if (_pendingLength + bytes > _pending.Length)
                Array.Resize(ref _pending, Math.Max(_pendingLength + bytes, _pending.Length * 2));
            _scratch.AsSpan(_offset, bytes).CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += bytes;
            _offset += bytes;
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Commit();
            return inner.FlushAsync(cancellationToken);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null)
        {
            Commit();
            inner.Complete(exception);
        }

        public override ValueTask CompleteAsync(Exception? exception = null)
        {
            Commit();
            return inner.CompleteAsync(exception);
        }

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes + _pendingLength;

        /// <summary>Moves what Kestrel committed since the last flush to the socket's writer, a bare refusal head rewritten.</summary>
        private void Commit()
        {
            if (_pendingLength == 0)
                return;
            var pending = _pending.AsSpan(0, _pendingLength);
            var head = RefusalHeadStart(pending);
            var keep = head < 0 ? pending : pending[..head];
            Write(keep);
            if (head >= 0)
                Write(Replacement(RefusedStatus(pending[head..])!.Value));
            _pendingLength = 0;
            if (_pending.Length > 64 * 1024)
                _pending = new byte[256];
        }

        private void Write(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty)
                return;
            bytes.CopyTo(inner.GetSpan(bytes.Length));
            inner.Advance(bytes.Length);
        }
    }

    /// <summary>Where a bare refusal head that ends <paramref name="pending"/> starts, or -1.</summary>
    internal static int RefusalHeadStart(ReadOnlySpan<byte> pending)
    {
        if (!pending.EndsWith("\r\n\r\n"u8))
            return -1;
        var from = Math.Max(0, pending.Length - MaxHead);
        for (var at = pending[from..].IndexOf("HTTP/1.1 "u8); at >= 0;)
        {
            var start = from + at;
            if (RefusedStatus(pending[start..]) is not null)
                return start;
            var next = pending[(start + 1)..].IndexOf("HTTP/1.1 "u8);
            if (next < 0)
                break;
            at = start + 1 + next - from;
        }
        return -1;
    }

    /// <summary>"HTTP/1.1 400 X\r\n\r\n": nothing shorter is a response head.</summary>
    private const int MinHead = 19;

    /// <summary>Longest head looked at: Kestrel's refusals are a status line and four short headers.</summary>
    private const int MaxHead = 512;

    /// <summary>
    /// The status of a bare refusal (a whole 4xx or 505 head, empty body, connection closing), else null. Other 5xx are
    /// left alone: Kestrel's only other bare 5xx is a 500 for an exception, a bug that must stay visible.
    /// </summary>
    internal static int? RefusedStatus(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length > MaxHead || !chunk.StartsWith("HTTP/1.1 "u8) || !chunk.EndsWith("\r\n\r\n"u8) ||
            !(chunk[9] == (byte)'4' || chunk[9..12].SequenceEqual("505"u8)) || !char.IsAsciiDigit((char)chunk[10]) ||
            !char.IsAsciiDigit((char)chunk[11]) || chunk[12] != (byte)' ')
            return null;
        // The head ends where the chunk ends: nothing follows it, so the body is empty.
        if (chunk.IndexOf("\r\n\r\n"u8) != chunk.Length - 4 ||
            chunk.IndexOf("\r\nContent-Length: 0\r\n"u8) < 0 || chunk.IndexOf("\r\nConnection: close\r\n"u8) < 0 ||
            chunk.IndexOf("\r\nContent-Type:"u8) >= 0)
            return null;
        return (chunk[9] - '0') * 100 + (chunk[10] - '0') * 10 + (chunk[11] - '0');
    }

    private static byte[] Replacement(int status)
    {
        var error = ErrorFor(status);
        var body = Encoding.UTF8.GetBytes(TwilioJson.Error(error));
        var reason = error.HttpStatus switch
        {
            400 => "Bad Request",
            405 => "Method Not Allowed",
            408 => "Request Timeout",
            414 => "URI Too Long",
            431 => "Request Header Fields Too Large",
            _ => "Error",
        };
        return Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {error.HttpStatus} {reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {body.Length}\r\n" +
            $"Connection: close\r\n\r\n").Concat(body).ToArray();
    }
}
