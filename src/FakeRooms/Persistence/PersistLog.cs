using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FakeRooms.Domain.Time;
using FakeRooms.Http;

namespace FakeRooms.Persistence;

/// <summary>
/// <c>--persist FILE</c>: every acknowledged change survives a crash. FILE holds a snapshot (the format of
/// <c>GET /__fakerooms/state</c>); <c>FILE.log</c> holds, one JSON line each, every change accepted since that snapshot,
/// written before its answer leaves. A change is a request that changed state (any accepted non-GET call of the Twilio
/// API or of the control API, fault rules and rate limits apart) with the time it ran at; at start the snapshot is
/// restored and the log replayed through the same handlers at the same times, then both are compacted into a new
/// snapshot. The log's first line names the snapshot it follows (SHA-256 of its bytes), so a crash between writing a
/// snapshot and starting its log never replays a change twice. Changes are serialized under one lock and appended
/// with one write each (the OS keeps it through a kill -9; a machine crash may lose the last ones: no fsync).
/// </summary>
internal sealed class PersistLog : IDisposable
{
    private const string Format = "fakerooms-log-1";

    // A log past this size is folded into a new snapshot (under the lock) so a restart replays little.
    private const long CompactAt = 64L * 1024 * 1024;

    private readonly FakeRoomsServer _server;
    private readonly PinnedTimeProvider _clock;
    private readonly string _snapshotPath;
    private readonly string _logPath;
    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private FileStream? _log;
    private bool _replaying;

    private PersistLog(FakeRoomsServer server, PinnedTimeProvider clock, string path)
    {
        _server = server;
        _clock = clock;
        _snapshotPath = Path.GetFullPath(path);
        _logPath = _snapshotPath + ".log";
    }

    /// <summary>What the start found: rooms restored, changes replayed, a torn last record dropped.</summary>
    public string? LoadReport { get; private set; }

    /// <summary>Whether the start found a snapshot or a log (then a fixture is not applied).</summary>
    public bool Restored { get; private set; }

    /// <summary>Loads FILE and FILE.log, replays the log, compacts both, and opens a fresh log.</summary>
    /// <exception cref="InvalidDataException">The snapshot or the log is unreadable (the message says where).</exception>
    public static PersistLog Open(FakeRoomsServer server, PinnedTimeProvider clock, string path)
    {
        var log = new PersistLog(server, clock, path);
        log.Load();
        log.Checkpoint();
        return log;
    }

    /// <summary>True for a request whose acceptance changes state (and is logged).</summary>
    public static bool Changes(HttpRequestData request) =>
        request.Method is not ("GET" or "HEAD" or "OPTIONS") &&
        // Fault rules and rate limits shape answers; they are not state (GET /__fakerooms/state leaves them out too).
        !(request.Segments is [Dispatcher.ControlPrefix, "faults" or "rate-limit", ..]);

    /// <summary>
    /// Runs a change under the log's lock at a pinned time and, when it is accepted (2xx), appends it to the log before
    /// returning, so its answer goes out only once the change is in the file.
    /// </summary>
    public HttpResult Run(RequestContext context, Func<HttpResult> handler)
    {
        lock (_gate)
        {
            if (_replaying)
                return handler();
            var manual = _server.Clock.IsManual;
            var time = _clock.GetUtcNow();
            HttpResult result;
            // A manual clock moves only through logged changes, all under this lock: the time read here is the change's.
            // A real clock moves on: the change runs pinned to the time it is logged with.
            if (manual)
                result = handler();
            else
                using (PinnedTimeProvider.Pin(time))
                    result = handler();
            if (result.Status is >= 200 and < 300)
                Append(context, time);
            return result;
        }
    }

    /// <summary>Writes a new snapshot and starts an empty log after it (at start, at a clean stop, past 64 MB).</summary>
    public void Checkpoint()
    {
        lock (_gate)
        {
            _log?.Dispose();
            _log = null;
            var snapshot = Encoding.UTF8.GetBytes(_server.Snapshot().ToJson());
            WriteAtomically(_snapshotPath, snapshot);
            var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["format"] = Format,
                ["snapshot_sha256"] = Convert.ToHexString(SHA256.HashData(snapshot)),
                ["seed"] = _server.Options.Seed,
            });
            WriteAtomically(_logPath, [.. header, (byte)'\n']);
            _log = new FileStream(_logPath, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _log?.Dispose();
            _log = null;
        }
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private void Append(RequestContext context, DateTimeOffset time)
    {
        var request = context.Request;
        _buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("t", time.UtcTicks);
            json.WriteString("m", request.Method);
            json.WriteString("p", request.RawPath);
            if (request.Query.Encoded is { Length: > 0 } query)
                json.WriteString("q", query);
            if (request.Form.Encoded is { Length: > 0 } form)
                json.WriteString("f", form);
            if (request.ContentType is { } contentType)
                json.WriteString("c", contentType);
            if (request.BodyText is { } body && request.Form.Count == 0)
                json.WriteString("b", body);
            if (context.AccountSid is { } account)
                json.WriteString("a", account);
            if (context.OtherAccountToken is { } token)
                json.WriteString("k", token);
            json.WriteEndObject();
        }
        _buffer.Write("\n"u8);
        var log = _log ?? throw new ObjectDisposedException(nameof(PersistLog));
        // One write call per record: a crash leaves whole records and at most one torn last line.
        log.Write(_buffer.WrittenSpan);
        if (log.Length > CompactAt)
            Checkpoint();
    }

    private void Load()
    {
        var hasSnapshot = File.Exists(_snapshotPath);
        byte[]? snapshotBytes = null;
        var rooms = 0;
        if (hasSnapshot)
        {
            snapshotBytes = File.ReadAllBytes(_snapshotPath);
            FakeRoomsSnapshot snapshot;
            try
            {
                snapshot = FakeRoomsSnapshot.FromJson(Encoding.UTF8.GetString(snapshotBytes));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new InvalidDataException($"{_snapshotPath}: {e.Message}", e);
            }
            // Settled only to the snapshot's time: the log's changes replay at their own (earlier than now) times.
            _server.Backend.Restore(snapshot.Accounts, snapshot.Time);
            // A manual clock resumes where the state left it (earlier or later than this start's --start-time), so the
            // log's clock advances replay to the same times.
            _server.Clock.ResumeAt(snapshot.Time);
            rooms = snapshot.Accounts.Sum(a => a.Rooms.Count);
        }
        Restored = hasSnapshot;
        var report = hasSnapshot ? $"Restored {rooms} room(s) from {_snapshotPath}" : null;
        if (!File.Exists(_logPath))
        {
            LoadReport = report;
            return;
        }

        var bytes = File.ReadAllBytes(_logPath);
        var lines = Lines(bytes, out var tornBytes);
        string? torn = tornBytes > 0 ? $"Dropped a torn last record ({tornBytes} bytes) from {_logPath}" : null;
        if (lines.Count == 0)
        {
            LoadReport = Join(report, torn);
            return;
        }
        var (headerOk, follows) = ReadHeader(bytes, lines[0], snapshotBytes);
        if (!headerOk)
            throw new InvalidDataException($"{_logPath}: the first line is not a FakeRooms log header");
        if (!follows)
        {
            // The snapshot was written after this log was folded into it (a crash before the new log replaced it).
            LoadReport = report;
            return;
        }

        Restored = true;
        int replayed = 0, refused = 0;
        DateTimeOffset? last = null;
        _replaying = true;
        try
        {
            for (var i = 1; i < lines.Count; i++)
            {
                Record record;
                try
                {
                    record = Record.Parse(bytes.AsSpan(lines[i].Start, lines[i].Length));
                }
                catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
                {
                    if (i == lines.Count - 1)
                    {
                        torn = $"Dropped an unreadable last record ({lines[i].Length} bytes) from {_logPath}";
                        break;
                    }
                    throw new InvalidDataException($"{_logPath}: record {i} is unreadable ({e.Message}); later records follow it, so it is not a torn write", e);
                }
                var status = Replay(record);
                if (status is >= 200 and < 300)
                    replayed++;
                else
                    refused++;
                last = record.Time;
            }
        }
        finally
        {
            _replaying = false;
        }
        if (last is { } lastTime)
            AdvanceManualClockTo(lastTime);
        Restored = true;
        LoadReport = Join(report, $"Replayed {replayed} change(s) from {_logPath}" +
                                  (refused > 0 ? $" ({refused} answered differently on replay: were the flags changed?)" : ""), torn);
    }

    private int Replay(Record record)
    {
        var request = new HttpRequestData
        {
            Method = record.Method,
            RawPath = record.Path,
            Segments = HttpRequestData.SplitPath(record.Path),
            Query = FormValues.Parse(record.Query),
            Form = FormValues.Parse(record.Form),
            ContentType = record.ContentType,
            Origin = "http://127.0.0.1",
            // The control API reads its raw body whatever the content type (Hosting/RequestReader.cs).
            BodyText = record.Body ?? (record.Path.StartsWith("/__fakerooms/", StringComparison.Ordinal) ? record.Form : null),
            HasNonFormBody = record.Body is not null,
            BodyLength = Encoding.UTF8.GetByteCount(record.Body ?? record.Form ?? ""),
        };
        using (PinnedTimeProvider.Pin(record.Time))
            return _server.Dispatcher.Replay(request, record.Account, record.Token);
    }

    private void AdvanceManualClockTo(DateTimeOffset time)
    {
        if (_server.Clock.IsManual && time > _server.Clock.UtcNow && time <= ManualTimeProvider.Latest)
            _server.Clock.SetUtcNow(time);
    }

    private (bool Ok, bool Follows) ReadHeader(byte[] bytes, (int Start, int Length) line, byte[]? snapshot)
    {
        try
        {
            using var header = JsonDocument.Parse(bytes.AsMemory(line.Start, line.Length));
            if (header.RootElement.GetProperty("format").GetString() != Format)
                return (false, false);
            var seed = header.RootElement.GetProperty("seed").GetInt32();
            if (seed != _server.Options.Seed)
                throw new InvalidDataException(
                    $"{_logPath} was written with --seed {seed.ToString(CultureInfo.InvariantCulture)}: restart with the same seed (and flags) to replay it");
            var hash = header.RootElement.GetProperty("snapshot_sha256").GetString();
            return (true, snapshot is not null && hash == Convert.ToHexString(SHA256.HashData(snapshot)));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return (false, false);
        }
    }

    /// <summary>Complete lines (ending in a newline); the bytes after the last newline are a torn write.</summary>
    private static List<(int Start, int Length)> Lines(byte[] bytes, out int tornBytes)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != (byte)'\n')
                continue;
            if (i > start)
                lines.Add((start, i - start));
            start = i + 1;
        }
        tornBytes = bytes.Length - start;
        return lines;
    }

    private static string? Join(params string?[] parts) =>
        parts.Any(p => p is not null) ? string.Join(Environment.NewLine, parts.Where(p => p is not null)) : null;

    private sealed record Record(DateTimeOffset Time, string Method, string Path, string? Query, string? Form, string? ContentType,
        string? Body, string? Account, string? Token)
    {
        public static Record Parse(ReadOnlySpan<byte> line)
        {
            var reader = new Utf8JsonReader(line);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
            return new Record(
                new DateTimeOffset(root.GetProperty("t").GetInt64(), TimeSpan.Zero),
                root.GetProperty("m").GetString() ?? throw new FormatException("no method"),
                root.GetProperty("p").GetString() ?? throw new FormatException("no path"),
                Text("q"), Text("f"), Text("c"), Text("b"), Text("a"), Text("k"));
        }
    }
}
