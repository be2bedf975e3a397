using System.Text;
using CsCheck;
using FakeRooms.Http;
using FakeRooms.Http.Catalogue;

namespace FakeRooms.Tests.Robustness;

/// <summary>
/// CsCheck generators of hostile requests for every route of the route table (so routes added later are fuzzed
/// without touching this file) and for paths no route serves.
/// </summary>
internal static class RequestGenerators
{
    /// <summary>Placeholders the sender replaces with the SIDs and names of the seeded state.</summary>
    public static readonly string[] Placeholders =
    [
        "⟨room⟩", "⟨roomName⟩", "⟨completedRoom⟩", "⟨participant⟩", "⟨identity⟩", "⟨otherParticipant⟩", "⟨track⟩",
        "⟨trackName⟩", "⟨subscribedTrack⟩", "⟨account⟩", "⟨recordedRoom⟩", "⟨recording⟩",
    ];

    /// <summary>
    /// Every parameter name of the operation catalogue, those the control routes read, and near misses of them.
    /// </summary>
    private static readonly string[] KnownNames =
    [
        .. OperationCatalog.ParameterNames,
        "Seconds", "AccountSid", "Kind", "Name", "Event", "Sid", "Url", "Timeout", "Ttl", "FailedOperation", "ErrorMessage",
        "status", "unique_name", "uniqueName", "STATUS", "Status ", " Status", "Status[]", "PageSize%00",
    ];

    private static readonly string[] InterestingValues =
    [
        "", " ", "0", "-1", "1", "3", "50", "51", "600", "86400", "86401", "2147483647", "2147483648", "-2147483648",
        "-2147483649", "9223372036854775807", "9223372036854775808", "99999999999999999999999999", "1e308", "1e-308",
        "NaN", "Infinity", "-Infinity", "-0", "0x10", "1.5", "1,5", "+5", "  7  ", "٣", "true", "false", "True", "FALSE",
        "yes", "null", "undefined", "[]", "{}", "%", "%zz", "%2", "%00", "%ff", "%C0%AF", "%E2%82", "..", ".", "../..",
        "%2e%2e", "a/b", "a%2Fb", "\\", "'", "\"", "<script>", "${x}", "☃", "日本語", "🎥🎥", "\u202Eabc", "\u0000", "\r\n",
        "\t", "\uFFFF", "\uD800", "completed", "in-progress", "failed", "connected", "disconnected", "reconnecting",
        "group", "go", "peer-to-peer", "group-small", "Group", "GET", "POST", "get", "DELETE", "audio", "video", "data",
        "VIDEO", "VP8", "H264", "vp8", "gll", "us1", "de1", "nowhere", "2026-01-05", "2026-01-05T09:00:00Z",
        "2026-01-05T09:00:00+14:00", "0001-01-01", "0001-01-01T00:00:00+14:00", "9999-12-31", "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59-14:00", "2026-02-30", "2026-13-01", "20260105", "PA", "RM", "MT",
        "RM00000000000000000000000000000000", "PA00000000000000000000000000000000", "MT00000000000000000000000000000000",
        "ACffffffffffffffffffffffffffffffff", "AC00000000000000000000000000000000", "PAffffffffffffffffffffffffffffffff00",
        "PA7fffffffffffffff7fffffffffffffff", "PBffffffffffffffffffffffffffffffff", "PA0000000000000000",
        "http://127.0.0.1:1/cb", "https://cb.invalid/x", "ftp://cb.invalid/x", "/relative", "http://", "http://[::1",
        "[{\"type\":\"include\",\"all\":true}]", "{\"rules\":[{\"type\":\"exclude\",\"kind\":\"video\"}]}", "{\"rules\":[]}",
        "[{\"type\":\"include\",\"all\":true,\"all\":false}]", "[{\"type\":1}]", "[null]", "[[[]]]", "{", "[{\"type\":",
        new string('[', 5000), "{\"rules\":" + new string('[', 300) + new string(']', 300) + "}",
    ];

    private const string Hex = "0123456789abcdef";

    /// <summary>Characters of every class: ASCII, reserved, controls, Latin-1, CJK, astral, surrogate halves.</summary>
    private static readonly Gen<char> AnyChar = Gen.Frequency(
        (6, Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~"]),
        (3, Gen.Char[" !\"#$%&'()*+,/:;<=>?@[\\]^`{|}"]),
        (1, Gen.Char['\0', '\u001f']),
        (1, Gen.Char['\u0080', '\u00ff']),
        (1, Gen.Char['\u0100', '\uD7FF']),
        (1, Gen.Char['\uE000', '\uFFFF']));

    private static readonly Gen<string> ShortText = AnyChar.Array[0, 40].Select(a => new string(a));

    private static readonly Gen<string> HugeText =
        Gen.Select(Gen.Int[2_000, 20_000], AnyChar, (n, c) => new string(c, n));

    private static readonly Gen<string> HexSid =
        Gen.Select(Gen.OneOf("RM", "PA", "MT", "AC", "SK", "CJ", "rm", "XX"), Gen.Char[Hex].Array[30, 34],
            (prefix, digits) => prefix + new string(digits));

    /// <summary>A parameter value: interesting constants, placeholders, random and huge text, SID-shaped strings.</summary>
    public static readonly Gen<string> Value = Gen.Frequency(
        (6, Gen.OneOf(InterestingValues)),
        (3, Gen.OneOf(Placeholders)),
        (3, ShortText),
        (1, Gen.Frequency((4, Gen.Const("")), (1, HugeText)).Select(h => h.Length == 0 ? new string('x', 300) : h)),
        (1, HexSid));

    private static readonly Gen<string> Name = Gen.Frequency(
        (8, Gen.OneOf(KnownNames)),
        (2, ShortText),
        (1, Gen.Const("")),
        (1, Gen.Select(Gen.Int[1_000, 6_000], n => new string('N', n))));

    private enum Encoding_
    {
        Proper,
        Sloppy,
    }

    private static readonly Gen<Encoding_> EncodingGen = Gen.Frequency((3, Gen.Const(Encoding_.Proper)), (1, Gen.Const(Encoding_.Sloppy)));

    /// <summary>
    /// Percent-encodes for the wire. Sloppy leaves <c>%</c>, <c>/</c>, <c>=</c>, <c>&amp;</c> and <c>+</c> raw, so
    /// values arrive with invalid escapes (<c>%zz</c>), encoded slashes undone and pairs split in odd places.
    /// </summary>
    private static string Encode(string value, Encoding_ encoding)
    {
        string escaped;
        try
        {
            escaped = Uri.EscapeDataString(value);
        }
        catch (UriFormatException)
        {
            // A lone surrogate half: send its UTF-8 replacement bytes escaped by hand.
            escaped = string.Concat(Encoding.UTF8.GetBytes(value).Select(b => $"%{b:X2}"));
        }
        return encoding == Encoding_.Proper
            ? escaped
            : escaped.Replace("%25", "%").Replace("%2F", "/").Replace("%3D", "=").Replace("%26", "&").Replace("%2B", "+");
    }

    /// <summary>Valid-looking parameters, so that some requests pass validation and reach the domain.</summary>
    private static readonly Gen<KeyValuePair<string, string>> PlausiblePair = Gen.OneOf(
        new KeyValuePair<string, string>[]
        {
            new("Identity", "carol"), new("Identity", "alice"), new("Kind", "audio"), new("Kind", "video"), new("Kind", "data"),
            new("Name", "screen"), new("Name", "mic"), new("Seconds", "5"), new("Seconds", "301"), new("Seconds", "0.5"),
            new("Status", "completed"), new("Status", "disconnected"), new("Status", "in-progress"), new("UniqueName", "gamma"),
            new("UniqueName", "alpha"), new("Type", "group"), new("Type", "go"), new("MaxParticipants", "10"),
            new("PageSize", "1"), new("Page", "1"), new("EmptyRoomTimeout", "1"), new("UnusedRoomTimeout", "1"),
            new("VideoCodecs", "VP8"), new("VideoCodecs", "H264"), new("AudioOnly", "true"), new("RecordParticipantsOnConnect", "true"),
            new("StatusCallback", "http://127.0.0.1:9/cb"), new("StatusCallbackMethod", "GET"), new("MediaRegion", "us1"),
            new("RecordingRules", "[{\"type\":\"include\",\"all\":true}]"), new("DateCreatedAfter", "2026-01-01"),
            new("MaxParticipantDuration", "600"), new("LargeRoom", "false"), new("AccountSid", "⟨account⟩"),
        });

    private static readonly Gen<IReadOnlyList<KeyValuePair<string, string>>> Pairs =
        Gen.Frequency(
                (1, Gen.Select(Name, Value, (n, v) => new KeyValuePair<string, string>(n, v))),
                (2, PlausiblePair))
            .Array[0, 8]
            .SelectMany(pairs => Gen.Int[0, 3].Select(repeat =>
            {
                // Repeated keys: the same name again with another value (Twilio reads arrays as repeated keys).
                var list = pairs.ToList();
                for (var i = 0; i < repeat && pairs.Length > 0; i++)
                    list.Add(new(pairs[i % pairs.Length].Key, InterestingValues[(i * 7 + pairs.Length) % InterestingValues.Length]));
                return (IReadOnlyList<KeyValuePair<string, string>>)list;
            }));

    /// <summary>
    /// Query parts WireMock's parser choked on (a 500 on every route before the guard kept the query from it): a part
    /// made only of <c>=</c>, and <c>;</c>, which WireMock takes as a separator and Twilio does not, joining names
    /// that differ only in case.
    /// </summary>
    private static readonly Gen<string> OddQueryPart = Gen.OneOf(
        "=", "==", "=x", "=&=", ";=", "x;=", "a=1;=", "=;=", ";", ";;", "a;b;c", "STATUS=a;Status=b", "Status=completed;status=x",
        "UniqueName=x;=", "PageSize=1;pagesize=2", "AccountSid=⟨account⟩;accountsid=x", "%3D", "%3D=%3D", "=%00", "&", "Seconds=1;SECONDS=2");

    /// <summary>
    /// Pairs joined with <c>&amp;</c>; an empty value is sent as <c>name=</c> or as a bare <c>name</c> (a coin toss per
    /// pair; an empty name with an empty value is a bare <c>=</c>), and odd parts go in anywhere.
    /// </summary>
    private static Gen<string> Query =>
        Gen.Select(Pairs, EncodingGen, Gen.UInt, Gen.Frequency((3, Gen.Const(Array.Empty<(string, int)>())), (1, Gen.Select(OddQueryPart, Gen.Int[0, 12], (part, at) => (part, at)).Array[1, 3])),
            (pairs, enc, bare, odd) =>
            {
                var parts = pairs.Select((p, i) => Encode(p.Key, enc) + (p.Value.Length == 0 && (bare & (1u << (i % 32))) != 0 ? "" : "=" + Encode(p.Value, enc))).ToList();
                foreach (var (part, at) in odd)
                    parts.Insert(Math.Min(at, parts.Count), part);
                return string.Join("&", parts);
            });

    private static readonly Gen<string> ContentTypeGen = Gen.Frequency(
        (12, Gen.Const("application/x-www-form-urlencoded")),
        (4, Gen.Const((string)null!)),
        (6, Gen.OneOf(
            "application/json", "text/plain", "multipart/form-data; boundary=x", "multipart/form-data",
            "application/x-www-form-urlencoded; charset=utf-16", "APPLICATION/X-WWW-FORM-URLENCODED",
            "application/x-www-form-urlencoded;;;", " application/x-www-form-urlencoded ", ";;;", "a/b/c", "*/*",
            "application/octet-stream", "application/x-www-form-urlencoded, application/json", "text/html; charset=☃")));

    private static readonly Gen<byte[]> BodyGen = Gen.Frequency(
        (10, Gen.Select(Pairs, EncodingGen, (pairs, enc) =>
            Encoding.UTF8.GetBytes(string.Join("&", pairs.Select(p => Encode(p.Key, enc) + "=" + Encode(p.Value, enc)))))),
        (3, Gen.Const(Array.Empty<byte>())),
        (2, Gen.OneOf(InterestingValues).Select(v => Encoding.UTF8.GetBytes("{\"UniqueName\":" + v + "}"))),
        (2, Gen.Byte.Array[1, 512]),
        (1, ShortText.Select(s => Encoding.UTF8.GetBytes(s))));

    /// <summary>Filler sizes: none mostly; some small, some just under and some over a 1 MiB limit (up to 3 MB).</summary>
    public static Gen<int> Filler(int limit) => Gen.Frequency(
        (85, Gen.Const(0)),
        (8, Gen.Int[1, 64 * 1024]),
        (3, Gen.Int[limit - 2_000, limit - 600]),
        (4, Gen.Int[limit + 1, 3 * 1024 * 1024]));

    private static readonly Gen<string> MethodGen = Gen.OneOf(
        "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO", "get", "Post", "M-SEARCH");

    private static readonly Gen<string> AsciiHeaderValue =
        Gen.Frequency(
            (5, Gen.Char[' ', '~'].Array[0, 60].Select(a => new string(a).Trim())),
            (1, Gen.Select(Gen.Int[2_000, 12_000], n => new string('h', n))));

    private static readonly Gen<KeyValuePair<string, string>> HeaderGen = Gen.Select(
        Gen.OneOf("X-Test", "Accept", "Accept-Charset", "User-Agent", "X-Twilio-Signature", "I-Twilio-Idempotency-Token",
            "Cookie", "Origin", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Content-Encoding", "Range",
            "If-None-Match", "Accept-Encoding", "Forwarded"),
        Gen.Frequency(
            (4, AsciiHeaderValue),
            (2, Gen.OneOf("gzip", "deflate", "br", "identity, gzip", "a=1; a=2; =; ;;", "bytes=0-1,5-", "*", "for=\"[::1]\"",
                "evil.invalid", "127.0.0.1:99999", "http", "https", "xyz"))),
        (n, v) => new KeyValuePair<string, string>(n, v));

    private static Gen<(AuthKind, string?)> AuthGen(string sid, string token) => Gen.Frequency(
        (14, Gen.Const((AuthKind.Valid, (string?)null))),
        (2, Gen.Const((AuthKind.None, (string?)null))),
        (4, Gen.OneOf(
            "Basic", "Basic ", "Basic !!!", "Basic " + B64("nocolon"), "Basic " + B64(":"), "Basic " + B64(sid + ":"),
            "Basic " + B64(sid + ":wrong"), "Basic " + B64(":" + token), "Basic " + B64("AC00000000000000000000000000000000:x"),
            "Bearer " + token, "basic " + B64(sid + ":" + token), "Basic  " + B64(sid + ":" + token), "Digest x",
            "Basic " + B64(sid + ":" + token + ":extra"), "Basic " + B64("☃:☃"), "Basic " + new string('A', 20_000))
            .Select(h => (AuthKind.Garbage, (string?)h))));

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    /// <summary>A path for a route: literal segments (rarely mangled) and parameters (mostly placeholders).</summary>
    private static Gen<string> PathFor(Route route)
    {
        var segments = route.Template.Trim('/').Split('/');
        var parts = segments.Select((s, i) => s.StartsWith('{')
            ? Gen.Frequency(
                (6, Gen.OneOf(Fitting(i == 0 ? "" : segments[i - 1]))),
                (1, Gen.OneOf(Placeholders)),
                (3, Gen.Select(Value, EncodingGen, Encode)),
                (1, Gen.OneOf("%2F", "..", "%2E%2E", ".", "%00", "%zz", "%", "a%2Fb", "%C0%AF", "+", "%20", "~")))
            : Gen.Frequency(
                (30, Gen.Const(s)),
                (1, Gen.OneOf(s.ToLowerInvariant(), s.ToUpperInvariant(), Encode(s, Encoding_.Proper).Replace("o", "%6F"), s + "%20", s + ".json", "")))).ToArray();
        return Gen.Select(parts.Cast<Gen<string>>().Aggregate(Gen.Const(new List<string>()), (acc, g) =>
                Gen.Select(acc, g, (list, x) => new List<string>(list) { x })),
            Gen.Frequency((20, Gen.Const("")), (1, Gen.Const("/")), (1, Gen.Const("//"))),
            (list, trailing) => "/" + string.Join("/", list) + trailing);
    }

    /// <summary>The placeholders that fit a path parameter, by the collection named before it.</summary>
    private static string[] Fitting(string collection) => collection.ToLowerInvariant() switch
    {
        "rooms" => ["⟨room⟩", "⟨roomName⟩", "⟨completedRoom⟩", "⟨recordedRoom⟩"],
        "recordings" => ["⟨recording⟩"],
        "media" => ["⟨account⟩"],
        "participants" => ["⟨participant⟩", "⟨identity⟩", "⟨otherParticipant⟩"],
        "publishedtracks" or "tracks" => ["⟨track⟩", "⟨trackName⟩"],
        "subscribedtracks" => ["⟨subscribedTrack⟩"],
        _ => Placeholders,
    };

    private static readonly Gen<string> UnknownPath = Gen.Frequency(
        (3, Gen.OneOf("/", "//", "/v1", "/v1/", "/v1/rooms", "/v2/Rooms", "/v1//Rooms", "/v1/Rooms/x/y/z/w/v/u",
            "/__fakerooms", "/__fakerooms/", "/__fakerooms/nothing", "/__fakerooms/rooms", "/__admin/mappings",
            "/v1/Rooms/%2F/Participants", "/favicon.ico", "/v1/Compositions", "/v1/Rooms/..%2F..%2Fetc")),
        (3, Gen.Select(Gen.Select(Value, EncodingGen, Encode).Array[1, 8], segs => "/" + string.Join("/", segs))),
        (1, Gen.Select(Gen.Int[1_000, 7_000], n => "/v1/Rooms/" + new string('a', n))));

    /// <summary>A request for a route of the table (weighted equally) or for an unknown path.</summary>
    public static Gen<FuzzRequest> Http(IReadOnlyList<Route> routes, string sid, string token, int bodyLimit)
    {
        var target = Gen.Frequency(
            (routes.Count * 4, Gen.OneOf(routes.ToArray()).SelectMany(route =>
                Gen.Select(PathFor(route), Gen.Frequency((1, Gen.Const(route.Method)), (3, Gen.Const((string)null!)))
                    .SelectMany(m => m is null ? Gen.Const(route.Method) : MethodGen), (path, method) => (Route: (string?)route.Template, Path: path, Method: method)))),
            (routes.Count / 2 + 1, Gen.Select(UnknownPath, MethodGen, (path, method) => (Route: (string?)null, Path: path, Method: method))));
        return Gen.Select(
            target,
            Gen.Frequency((2, Gen.Const("")), (3, Query)),
            AuthGen(sid, token),
            HeaderGen.Array[0, 3],
            Gen.Select(ContentTypeGen, BodyGen, Filler(bodyLimit), Gen.Int[0, 4], (ct, body, filler, chunk) => (ct, body, filler, chunked: chunk == 0)),
            (t, query, auth, headers, body) => new FuzzRequest
            {
                Method = t.Method,
                Target = t.Path + (query.Length == 0 ? "" : "?" + query),
                Route = t.Route,
                Auth = auth.Item1,
                AuthHeader = auth.Item2,
                Headers = headers,
                ContentType = body.ct,
                Body = body.body,
                FillerBytes = body.filler,
                Chunked = body.chunked && (body.body.Length > 0 || body.filler > 0),
            });
    }

    /// <summary>The same requests, sent over a raw socket with one change to the wire format that HttpClient would not make.</summary>
    public static Gen<FuzzRequest> Raw(IReadOnlyList<Route> routes, string sid, string token, int bodyLimit) =>
        Gen.Select(
            Http(routes, sid, token, bodyLimit),
            Gen.Frequency(
                (6, Gen.Const(WireMutation.None)),
                (14, Gen.Enum<WireMutation>())),
            (request, wire) => request with
            {
                Raw = true,
                Wire = wire,
                // Big bodies are the HttpClient fuzzer's business; on a raw socket they only slow the run down.
                FillerBytes = Math.Min(request.FillerBytes, 70_000),
                // HTTP/1.0 has no chunked encoding: the body would run to the end of the connection, and the server
                // would wait for it (5 s, then 408) while the client waits for the answer.
                Chunked = request.Chunked && wire is not (WireMutation.Http10 or WireMutation.Http10WithoutHost),
            });
}
