using System.Globalization;
using CsCheck;

namespace FakeRooms.Tests.Robustness;

/// <summary>
/// How long and from where the robustness suite runs. CI: a fixed seed and a bounded count, well under a minute.
/// A long run is one command away:
/// <code>FAKEROOMS_FUZZ_SEED=random FAKEROOMS_FUZZ_ITERATIONS=100000 dotnet test tests/FakeRooms.Tests --filter Category=Fuzz</code>
/// <c>FAKEROOMS_FUZZ_SEED</c> takes a whole number (a fixed seed), <c>random</c>, or a CsCheck seed string printed by a
/// failing run; <c>FAKEROOMS_FUZZ_ITERATIONS</c> scales every fuzz and model test (the default is the CI count).
/// </summary>
public static class FuzzSettings
{
    /// <summary>The seed CI runs with.</summary>
    public const ulong CiSeed = 20260105;

    private static readonly string? SeedVariable = Environment.GetEnvironmentVariable("FAKEROOMS_FUZZ_SEED");

    /// <summary>True when the run asked for a random seed.</summary>
    public static bool RandomSeed => string.Equals(SeedVariable, "random", StringComparison.OrdinalIgnoreCase);

    /// <summary>The iterations asked for, or null for each test's CI count.</summary>
    public static int? Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("FAKEROOMS_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : null;

    /// <summary>
    /// The whole-number seed of this run: the variable's number, CI's, or (for <c>random</c>) one drawn once per run.
    /// Giving it back as <c>FAKEROOMS_FUZZ_SEED</c> replays the model test's clients.
    /// </summary>
    public static ulong BaseSeed { get; } =
        RandomSeed ? (ulong)System.Diagnostics.Stopwatch.GetTimestamp() % 1_000_000_000_000
        : ulong.TryParse(SeedVariable, NumberStyles.None, CultureInfo.InvariantCulture, out var fixedSeed) ? fixedSeed
        : CiSeed;

    /// <summary>A whole-number seed for one test (the model test's per-client generators), from <see cref="BaseSeed"/>.</summary>
    public static ulong NumericSeed(string salt)
    {
        var mixed = BaseSeed;
        foreach (var c in salt)
            mixed = (mixed ^ c) * 1099511628211UL;
        return mixed;
    }

    /// <summary>
    /// The CsCheck seed string for a test: CI's fixed one, one from a number, a CsCheck seed string as given, or null
    /// (CsCheck picks a random one, and prints it when a case fails).
    /// </summary>
    public static string? CsCheckSeed(string salt)
    {
        if (RandomSeed)
            return null;
        if (SeedVariable is { Length: > 0 } && !ulong.TryParse(SeedVariable, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            return SeedVariable;
        var seed = NumericSeed(salt);
        return new PCG((uint)(seed >> 40) & 0xFFFF, seed).ToString();
    }

    /// <summary>The iterations for a test: the variable's, or the CI count.</summary>
    public static int Count(int ciCount) => Iterations ?? ciCount;

    /// <summary>Says in the test output what ran, so a failing seed can be replayed.</summary>
    public static void Announce(string test, string? seed, int iterations) =>
        TestContext.Progress.WriteLine(
            $"{test}: {iterations} iterations, seed {seed ?? "random (CsCheck prints it on failure)"}" +
            " (replay: FAKEROOMS_FUZZ_SEED=<seed> FAKEROOMS_FUZZ_ITERATIONS=<n>)");
}
