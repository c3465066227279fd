namespace Lighten.Runtime;

/// <summary>
/// Summary statistics of a sample. Percentiles interpolate linearly between closest ranks
/// (Hyndman and Fan's definition 7, the default of NumPy, R and Excel's PERCENTILE.INC): for the
/// sorted sample x[0..n-1] and a fraction p, h = (n-1)·p and the value is
/// x[⌊h⌋] + (h - ⌊h⌋)·(x[⌊h⌋+1] - x[⌊h⌋]). The median is the 0.5 percentile (the mean of the
/// two middle values for an even n).
/// </summary>
public static class Statistics
{
    /// <summary>The <paramref name="p"/> percentile (0..1) of a sample sorted ascending.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) throw new ArgumentException("the sample is empty", nameof(sorted));
        if (p is < 0 or > 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "a percentile is between 0 and 1");
        double h = (sorted.Count - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>The median of a sample sorted ascending.</summary>
    public static double Median(IReadOnlyList<double> sorted) => Percentile(sorted, 0.5);

    /// <summary>The arithmetic mean.</summary>
    public static double Mean(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("the sample is empty", nameof(values));
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Count;
    }

    /// <summary>The sample standard deviation (divisor n - 1); 0 for a single value.</summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return values.Count == 1 ? 0 : throw new ArgumentException("the sample is empty", nameof(values));
        double mean = Mean(values), squares = 0;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        return Math.Sqrt(squares / (values.Count - 1));
    }
}
