using System.Net;
using System.Text;
using CsCheck;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace FakeRooms.Tests.Robustness;

/// <summary>One typed change to a JSON document: where (a token, by a number), what, and with which value.</summary>
public sealed record JsonMutation(int Where, JsonMutationKind Kind, int Value);

/// <summary>How a <see cref="JsonMutation"/> changes the token it lands on.</summary>
public enum JsonMutationKind
{
    /// <summary>The value becomes one of another JSON type (object, array, huge number, string with controls...).</summary>
    Replace,

    /// <summary>The property holding the token is removed.</summary>
    Remove,

    /// <summary>An object gets a property nobody reads, an array an item of another type.</summary>
    Add,
}

/// <summary>
/// Typed-JSON fuzzing of the control API's JSON bodies (issue 14, item 9): a valid state (<c>PUT /__fakerooms/state</c>,
/// as <c>GET</c> gives it), fixture (<c>POST /__fakerooms/fixture</c>), fault rule (<c>POST /__fakerooms/faults</c>)
/// and rate limit (<c>POST /__fakerooms/rate-limit</c>), each with values of the wrong JSON type, whole numbers past
/// 64 bits, removed and unknown keys. Invariants: never a 5xx, an internal error or a hang; a 4xx is the control API's
/// error JSON and changes nothing. Before the fixes, <c>"format":{}</c>, a rule's <c>all</c> as an object, an integer
/// past 64 bits in a state or fixture answered 500, and a state's <c>sid_draws</c> of 10^12 hung.
/// </summary>
[Category("Fuzz")]
[NonParallelizable]
public sealed class ControlJsonFuzzTests
{
    private FuzzHarness _harness = null!;
    private readonly Dictionary<string, int> _stats = new(StringComparer.Ordinal);

    /// <summary>Values of every JSON type, and numbers where parsers break.</summary>
    private static readonly string[] Replacements =
    [
        "{}", "[]", "\"\"", "\"x\"", "0", "-1", "1.5", "-0.0", "1e308", "99999999999999999999", "-99999999999999999999",
        "18446744073709551616", "9223372036854775807", "-9223372036854775808", "2147483648", "1000000000000", "true",
        "false", "null", "[[[[[[]]]]]]", "{\"a\":{\"b\":[1,{}]}}", "\"\\u0000\\r\\n\"", "\"text/html\\r\\nX: 1\"",
        "\"2026-13-45T99:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"0001-01-01T00:00:00Z\"", "\"AC00000000000000000000000000000000\"",
        "\"RM00000000000000000000000000000000\"", "\"completed\"", "\"in-progress\"", "\"☃\"", "[\"VP8\",{}]", "[1,2,3]",
        "\"" + new string('x', 5_000) + "\"",
    ];

    [OneTimeSetUp]
    public async Task Start() => _harness = await FuzzHarness.StartAsync();

    [OneTimeTearDown]
    public async Task Stop()
    {
        TestContext.Progress.WriteLine("Control JSON fuzz outcomes:" + Environment.NewLine +
                                       string.Join(Environment.NewLine, _stats.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"  {s.Key}: {s.Value}")));
        await _harness.DisposeAsync();
    }

    [Test]
    public async Task Typed_json_mutations_of_control_api_bodies_never_get_a_5xx_and_refusals_change_nothing()
    {
        var iterations = FuzzSettings.Count(300);
        var seed = FuzzSettings.CsCheckSeed(nameof(Typed_json_mutations_of_control_api_bodies_never_get_a_5xx_and_refusals_change_nothing));
        FuzzSettings.Announce("Control JSON fuzz", seed, iterations);
        var gen = Gen.Select(
            Gen.Int[0, Targets.Length - 1],
            Gen.Select(Gen.Int[0, int.MaxValue], Gen.Enum<JsonMutationKind>(), Gen.Int[0, Replacements.Length - 1],
                (where, kind, value) => new JsonMutation(where, kind, value)).Array[1, 3],
            (target, mutations) => (Target: target, Mutations: mutations));

        await gen.SampleAsync(c => CheckAsync(c.Target, c.Mutations), seed: seed, iter: iterations, threads: 1,
            print: c => $"{Targets[c.Target].Method} {Targets[c.Target].Path} {string.Join(", ", c.Mutations.Select(m => $"{m.Kind}@{m.Where}={Replacements[m.Value]}"))}");

        if (iterations >= 200)
            foreach (var (method, path, _) in Targets)
                _stats.Keys.Should().Contain(k => k.StartsWith($"{method} {path} 2xx", StringComparison.Ordinal) || k.StartsWith($"{method} {path} 4xx", StringComparison.Ordinal));
    }

    /// <summary>The routes with JSON bodies, and how to get a valid body for each from the seeded fake.</summary>
    private static readonly (string Method, string Path, Func<FakeRoomsServer, string> Valid)[] Targets =
    [
        ("PUT", "/__fakerooms/state", fake => fake.Snapshot().ToJson()),
        ("POST", "/__fakerooms/fixture", fake => $$"""
            {"description":"fuzz","rooms":[
              {"UniqueName":"fx-1","MaxParticipants":5,"RecordParticipantsOnConnect":true,"VideoCodecs":["VP8","H264"],
               "RecordingRules":{"rules":[{"type":"include","all":true}]},
               "Participants":["ann",{"Identity":"ben","Status":"connected","PublishedTracks":[{"Name":"mic","Kind":"audio"},{"Name":"cam","Kind":"video","Enabled":false}]}]},
              {"UniqueName":"fx-2","AccountSid":"{{fake.AccountSid}}","Status":"completed","Type":"group","EmptyRoomTimeout":5}]}
            """),
        ("POST", "/__fakerooms/faults", _ => """{"Fault":"raw-body","Status":502,"Body":"<h1>bad</h1>","ContentType":"text/html","Times":2,"Operation":["CreateRoom","ReadRoom"],"Room":"alpha"}"""),
        ("POST", "/__fakerooms/faults", _ => """{"Fault":"error","Status":429,"Code":20429,"Message":"slow down","RetryAfter":1.5,"Probability":0.5,"Seed":7}"""),
        ("POST", "/__fakerooms/faults", _ => """{"Fault":"delay-callback","DelayMs":10,"Event":["room-created"],"Always":true}"""),
        ("POST", "/__fakerooms/rate-limit", _ => """{"WritesPerSecond":5,"ReadsPerSecond":10}"""),
    ];

    private async Task CheckAsync(int targetIndex, JsonMutation[] mutations)
    {
        var fake = _harness.Fake;
        _harness.Seed();
        fake.Faults.Clear();
        fake.Faults.LimitRate(null, null);
        var (method, path, valid) = Targets[targetIndex];
        var document = JToken.Parse(valid(fake));
        foreach (var mutation in mutations)
            document = Apply(document, mutation);
        var body = document.ToString(Formatting.None);

        var before = StateSnapshot.Of(fake);
        var rulesBefore = fake.Faults.Rules.Count;
        var lastBug = fake.InternalErrors.LastOrDefault();
        using var request = new HttpRequestMessage(new HttpMethod(method), fake.Url + path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var timeout = new CancellationTokenSource(FuzzHarness.RequestTimeout);
        Observed observed;
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            observed = new Observed((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(),
                await response.Content.ReadAsByteArrayAsync(timeout.Token), new Dictionary<string, string>());
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException($"No answer within {FuzzHarness.RequestTimeout.TotalSeconds} s (a hang): {method} {path} {Truncate(body)}");
        }
        finally
        {
            fake.Faults.Clear();
            fake.Faults.LimitRate(null, null);
        }

        string Context() => $"{method} {path} {Truncate(body)}{Environment.NewLine}  answered {observed.Status} {Truncate(observed.Text)}";
        if (fake.InternalErrors.LastOrDefault() is { } bug && !ReferenceEquals(bug, lastBug))
            throw new AssertionException($"Internal error in the fake: {bug}{Environment.NewLine}{Context()}");
        if (observed.Status >= 500)
            throw new AssertionException($"5xx answer: {Context()}");
        if (observed.Status >= 400)
        {
            FuzzHarness.CheckEnvelope(observed, Context);
            var after = StateSnapshot.Of(fake);
            if (!after.SameAs(before))
                throw new AssertionException($"State changed by a refused request: {before.DifferenceFrom(after)}{Environment.NewLine}{Context()}");
            if (fake.Faults.Rules.Count != rulesBefore)
                throw new AssertionException($"A refused rule was kept: {Context()}");
        }
        var key = $"{method} {path} {observed.Status / 100}xx";
        _stats[key] = _stats.GetValueOrDefault(key) + 1;
    }

    /// <summary>Applies one mutation to the token its number picks among all of the document's tokens.</summary>
    private static JToken Apply(JToken document, JsonMutation mutation)
    {
        var tokens = document is JContainer container ? container.DescendantsAndSelf().Where(t => t is not JProperty).ToList() : [document];
        var token = tokens[mutation.Where % tokens.Count];
        var value = JToken.Parse(Replacements[mutation.Value]);
        switch (mutation.Kind)
        {
            case JsonMutationKind.Replace when token.Parent is not null:
                token.Replace(value);
                break;
            case JsonMutationKind.Remove when token.Parent is JProperty property:
                property.Remove();
                break;
            case JsonMutationKind.Remove when token.Parent is JArray:
                token.Remove();
                break;
            case JsonMutationKind.Add when token is JObject obj:
                obj["fuzz_" + mutation.Value] = value;
                break;
            case JsonMutationKind.Add when token is JArray array:
                array.Add(value);
                break;
            default:
                // The root itself, or a change that does not fit the token: replace the whole body's type sometimes.
                if (token.Parent is null && mutation.Kind == JsonMutationKind.Replace)
                    return value;
                break;
        }
        return document;
    }

    private static string Truncate(string s) => s.Length > 600 ? s[..600] + $"...({s.Length} chars)" : s;
}
