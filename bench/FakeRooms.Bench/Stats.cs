using System.Diagnostics;
using System.Globalization;

namespace FakeRooms.Bench;

/// <summary>Medians, percentiles and formatting.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>Nearest-rank percentile of a sample (p in 0..100).</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Percentile of raw stopwatch-tick durations, in microseconds.</summary>
    public static double PercentileMicros(long[] sortedTicks, double p)
    {
        if (sortedTicks.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * sortedTicks.Length);
        return TicksToMicros(sortedTicks[Math.Clamp(rank - 1, 0, sortedTicks.Length - 1)]);
    }

    public static double TicksToMicros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    public static double TicksToMillis(long ticks) => ticks * 1_000.0 / Stopwatch.Frequency;

    public static string F(double value, string format = "0.0") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Requests per second in thousands, e.g. 14.2k.</summary>
    public static string K(double value) => double.IsNaN(value) ? "n/a" : F(value / 1000.0, "0.0") + "k";

    public static string X(double ratio) => double.IsNaN(ratio) ? "n/a" : F(ratio, "0.00") + "x";

    public static string Mb(long bytes) => F(bytes / (1024.0 * 1024.0), "0");
}
