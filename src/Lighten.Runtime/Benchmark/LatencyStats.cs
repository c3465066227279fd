namespace Lighten.Runtime;

/// <summary>Latency figures of a set of timed runs, in milliseconds (see <see cref="Statistics"/> for the definitions).</summary>
public sealed record LatencyStats(double Min, double Median, double P90, double Mean, double StdDev, int Count)
{
    /// <summary>Summarizes <paramref name="samples"/>.</summary>
    public static LatencyStats From(IEnumerable<double> samples)
    {
        double[] sorted = [.. samples];
        if (sorted.Length == 0) throw new ArgumentException("no samples to summarize", nameof(samples));
        Array.Sort(sorted);
        return new LatencyStats(sorted[0], Statistics.Median(sorted), Statistics.Percentile(sorted, 0.9),
            Statistics.Mean(sorted), Statistics.StandardDeviation(sorted), sorted.Length);
    }
}
