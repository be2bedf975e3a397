using System.Globalization;

namespace FakeRooms.Bench;

/// <summary>Sizes of every phase; <c>--quick</c> shrinks them to a CI-sized run.</summary>
internal sealed record BenchSettings
{
    public bool Quick { get; init; }
    public HashSet<string> Only { get; init; } = [];
    public LoadOp[] Ops { get; init; } = [LoadOp.Create, LoadOp.Fetch, LoadOp.List];

    public int LaterStarts { get; init; } = 30;
    public int ResetRepeats { get; init; } = 21;

    // Per operation and connection count: each server is loaded for RunSeconds in turns of SliceMs (or until
    // RunRequests), after WarmupSeconds each; Rounds repeats that with fresh state.
    public int Rounds { get; init; } = 1;
    public double WarmupSeconds { get; init; } = 1.0;
    public double RunSeconds { get; init; } = 6.0;
    public int SliceMs { get; init; } = 250;
    public long RunRequests { get; init; } = 1_000_000;
    public int SeededRooms { get; init; } = 1_000;

    public int MemoryRooms { get; init; } = 100_000;
    public int MemoryCalls { get; init; } = 100_000;

    public long RssRequests { get; init; } = 1_000_000;
    public int RssSamples { get; init; } = 20;
    public double RssSecondsCap { get; init; } = 400;

    public int PagingIterations { get; init; } = 2_000;

    public bool Runs(string phase) => Only.Count == 0 || Only.Contains(phase);

    public static BenchSettings Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var settings = quick
            ? new BenchSettings
            {
                Quick = true,
                LaterStarts = 20,
                ResetRepeats = 7,
                Rounds = 1,
                WarmupSeconds = 0.3,
                RunSeconds = 1.0,
                SliceMs = 100,
                RunRequests = 100_000,
                MemoryRooms = 100_000,
                MemoryCalls = 20_000,
                RssRequests = 50_000,
                RssSamples = 10,
                RssSecondsCap = 60,
                PagingIterations = 300,
            }
            : new BenchSettings();
        if (Array.IndexOf(args, "--only") is var i and >= 0 && i + 1 < args.Length)
            settings = settings with { Only = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet() };
        if (Array.IndexOf(args, "--ops") is var o and >= 0 && o + 1 < args.Length)
            settings = settings with { Ops = args[o + 1].Split(',').Select(op => Enum.Parse<LoadOp>(op, ignoreCase: true)).ToArray() };
        if (Array.IndexOf(args, "--rounds") is var r and >= 0 && r + 1 < args.Length)
            settings = settings with { Rounds = int.Parse(args[r + 1], CultureInfo.InvariantCulture) };
        return settings;
    }
}
