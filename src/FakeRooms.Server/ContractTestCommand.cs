using System.Globalization;
using FakeRooms.Server.Drift;

namespace FakeRooms.Server;

/// <summary>
/// <c>fakerooms contract-test --target URL --account-sid AC... --auth-token ...</c>: runs the scripted scenario against
/// the target and against a fresh in-process FakeRooms, and reports every step where the target's status, Twilio
/// error code or JSON shape (property names, types, nullability) differs from the fake's. Exits 1 on any difference.
/// </summary>
internal static class ContractTestCommand
{
    public static async Task<int> RunAsync(Dictionary<string, string> values, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var target = Required(values, "--target");
        var accountSid = Required(values, "--account-sid");
        var authToken = Required(values, "--auth-token");
        if (!Uri.TryCreate(target, UriKind.Absolute, out var targetUri) || targetUri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--target must be an http(s) URL, not '{target}'");
        // Unique per run, so a long-lived target (real Twilio, a shared fake) has no room of that name in progress.
        var prefix = values.GetValueOrDefault("--prefix") ??
                     "ct-" + TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture);

        IReadOnlyList<DriftAnswer> expected, actual;
        await using (var reference = await FakeRoomsServer.StartAsync(cancellationToken: cancellationToken))
            expected = await DriftScenario.RunAsync(reference.Url, reference.AccountSid, reference.AuthToken, prefix, cancellationToken);
        try
        {
            actual = await DriftScenario.RunAsync(target, accountSid, authToken, prefix, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            stderr.WriteLine($"fakerooms contract-test: cannot reach {target}: {e.Message}");
            return 2;
        }

        var cases = new List<JUnitCase>();
        var drifted = 0;
        for (var i = 0; i < DriftScenario.Steps.Count; i++)
        {
            var step = DriftScenario.Steps[i];
            var differences = Differences(expected[i], actual[i]);
            var summary = $"{step.Method} {step.Path}";
            if (differences.Count == 0)
            {
                stdout.WriteLine($"ok    {step.Name,-38} {actual[i].Status}{Code(actual[i])}");
                cases.Add(new JUnitCase("fakerooms.drift", step.Name));
                continue;
            }
            drifted++;
            stdout.WriteLine($"DRIFT {step.Name,-38} {summary}");
            foreach (var difference in differences)
                stdout.WriteLine($"      {difference}");
            cases.Add(new JUnitCase("fakerooms.drift", step.Name, differences[0], string.Join(Environment.NewLine, differences)));
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{DriftScenario.Steps.Count} step(s), {drifted} with differences between FakeRooms and {target}"));
        if (values.GetValueOrDefault("--junit") is { Length: > 0 } junit)
            JUnitReport.Write(junit, "FakeRooms drift check", cases);
        return drifted == 0 ? 0 : 1;
    }

    internal static IReadOnlyList<string> Differences(DriftAnswer expected, DriftAnswer actual)
    {
        var differences = new List<string>();
        if (expected.Status != actual.Status)
            differences.Add($"status: fake {expected.Status}{Code(expected)}, target {actual.Status}{Code(actual)}");
        else if (expected.Code != actual.Code)
            differences.Add($"Twilio code: fake {expected.Code?.ToString(CultureInfo.InvariantCulture) ?? "none"}, target {actual.Code?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        differences.AddRange(ShapeDiff.Compare(expected.Json, actual.Json));
        return differences;
    }

    private static string Code(DriftAnswer answer) => answer.Code is { } code ? $" ({code})" : "";

    private static string Required(Dictionary<string, string> values, string name) =>
        values.GetValueOrDefault(name) is { Length: > 0 } value ? value : throw new ArgumentException($"contract-test needs {name}");
}
