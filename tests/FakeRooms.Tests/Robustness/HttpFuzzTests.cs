using CsCheck;

namespace FakeRooms.Tests.Robustness;

/// <summary>
/// Property-based fuzzing of every route in the route table (and of paths no route serves) over real HTTP, one request
/// at a time against freshly seeded state. CI runs a fixed seed and a bounded count; see <see cref="FuzzSettings"/>
/// for the long run. Every failure found is fixed in src and kept in <see cref="RobustnessRegressionTests"/>.
/// </summary>
[Category("Fuzz")]
[NonParallelizable]
public sealed class HttpFuzzTests
{
    private FuzzHarness _harness = null!;

    [OneTimeSetUp]
    public async Task Start() => _harness = await FuzzHarness.StartAsync();

    [OneTimeTearDown]
    public async Task Stop()
    {
        TestContext.Progress.WriteLine("Fuzz outcomes:" + Environment.NewLine + _harness.Summary());
        await _harness.DisposeAsync();
    }

    [Test]
    public async Task Generated_requests_to_every_route_never_get_a_5xx_and_refusals_are_twilio_errors_that_change_nothing()
    {
        var iterations = FuzzSettings.Count(800);
        var seed = FuzzSettings.CsCheckSeed(nameof(Generated_requests_to_every_route_never_get_a_5xx_and_refusals_are_twilio_errors_that_change_nothing));
        FuzzSettings.Announce("HttpClient fuzz", seed, iterations);
        var gen = RequestGenerators.Http(_harness.Routes, _harness.Fake.AccountSid, _harness.Fake.AuthToken, _harness.Fake.Options.MaxRequestBodyBytes);

        await gen.SampleAsync(_harness.CheckAsync, seed: seed, iter: iterations, threads: 1, print: r => r.ToString());

        // Every route of the table was reached (routes added later are fuzzed without changes here).
        if (iterations < 500)
            return;
        var reached = _harness.Stats.Keys.Where(k => k.StartsWith("route ", StringComparison.Ordinal)).ToList();
        foreach (var route in _harness.Routes)
            reached.Should().Contain(k => k.StartsWith($"route {route.Template} ", StringComparison.Ordinal), $"the fuzzer should reach {route.Method} {route.Template}");
    }

    [Test]
    public async Task Raw_requests_with_malformed_wire_format_get_4xx_never_5xx()
    {
        var iterations = FuzzSettings.Count(300);
        var seed = FuzzSettings.CsCheckSeed(nameof(Raw_requests_with_malformed_wire_format_get_4xx_never_5xx));
        FuzzSettings.Announce("Raw socket fuzz", seed, iterations);
        var gen = RequestGenerators.Raw(_harness.Routes, _harness.Fake.AccountSid, _harness.Fake.AuthToken, _harness.Fake.Options.MaxRequestBodyBytes);

        await gen.SampleAsync(_harness.CheckAsync, seed: seed, iter: iterations, threads: 1, print: r => r.ToString());
    }
}
