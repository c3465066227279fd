namespace Lighten.Runtime.Calibration;

/// <summary>
/// A histogram of a tensor's values in bounded memory: a fixed number of equal bins on a grid anchored at 0 (bin k holds
/// [k·w, (k+1)·w)). When new values fall outside the window, the window slides, and when the values span more than
/// <see cref="Bins"/> bins the width doubles, merging each pair of neighboring bins exactly. So any number of batches
/// fits in the same <see cref="Bins"/> counters, and the resolution is always at least half of what the final range allows.
/// </summary>
public sealed class Histogram
{
    /// <summary>The default number of bins (TensorRT's entropy calibration uses 2048).</summary>
    public const int DefaultBins = 2048;

    private long[] counts;
    private long first;
    private long lowest = long.MaxValue;
    private long highest = long.MinValue;

    /// <summary>Creates an empty histogram of <paramref name="bins"/> bins (at least 16).</summary>
    public Histogram(int bins = DefaultBins)
    {
        if (bins < 16) throw new ArgumentOutOfRangeException(nameof(bins), bins, "a histogram needs at least 16 bins");
        counts = new long[bins];
    }

    /// <summary>The number of bins, fixed for the histogram's life.</summary>
    public int Bins => counts.Length;

    /// <summary>The width of a bin; 0 before the first value.</summary>
    public double Width { get; private set; }

    /// <summary>Values counted (finite values only).</summary>
    public long Total { get; private set; }

    /// <summary>The counts; bin <c>i</c> covers [<see cref="LowerEdge"/>(i), <see cref="LowerEdge"/>(i + 1)).</summary>
    public ReadOnlySpan<long> Counts => counts;

    /// <summary>The lower edge of bin <paramref name="i"/>.</summary>
    public double LowerEdge(int i) => (first + i) * Width;

    /// <summary>Counts the finite values of <paramref name="values"/>, whose finite minimum and maximum are given.</summary>
    public void Add(ReadOnlySpan<float> values, float min, float max)
    {
        if (!(min <= max) || !float.IsFinite(min) || !float.IsFinite(max)) return;
        Cover(min, max);
        double inverse = 1 / Width;
        long last = counts.Length - 1, added = 0;
        foreach (var v in values)
        {
            if (!float.IsFinite(v)) continue;
            long k = (long)Math.Floor(v * inverse) - first;
            counts[k < 0 ? 0 : k > last ? last : k]++;
            added++;
        }
        Total += added;
    }

    /// <summary>Counts the finite values of <paramref name="values"/>.</summary>
    public void Add(ReadOnlySpan<float> values)
    {
        var (min, max) = RangeScan.MinMax(values);
        Add(values, min, max);
    }

    /// <summary>
    /// The value below which a fraction <paramref name="q"/> (0..1) of the counted values lie, interpolating linearly
    /// inside the bin where the cumulative count crosses it.
    /// </summary>
    public double Quantile(double q)
    {
        if (Total == 0) throw new InvalidOperationException("the histogram is empty");
        double target = Math.Clamp(q, 0, 1) * Total, seen = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue;
            if (seen + counts[i] >= target) return LowerEdge(i) + Width * Math.Clamp((target - seen) / counts[i], 0, 1);
            seen += counts[i];
        }
        return LowerEdge(counts.Length);
    }

    /// <summary>Makes the window cover [<paramref name="min"/>, <paramref name="max"/>] as well as every value counted so far.</summary>
    private void Cover(double min, double max)
    {
        if (Width == 0)
        {
            double span = max - min;
            // A first batch of one value (often all zeros) still needs a width; later batches widen it.
            if (!(span > 0)) span = Math.Max(Math.Abs(max), 1e-6);
            // Two spare bins absorb the rounding of floor() at both ends.
            Width = span / (counts.Length - 2);
            first = (long)Math.Floor(min / Width);
        }
        while (true)
        {
            // In doubles: a value far outside a narrow first range would overflow a long grid index.
            double loD = Math.Min(lowest, Math.Floor(min / Width)), hiD = Math.Max(highest, Math.Floor(max / Width));
            if (hiD - loD < counts.Length)
            {
                long lo = (long)loD, hi = (long)hiD;
                if (lo < first || hi >= first + counts.Length) Slide(lo < first ? lo : hi - counts.Length + 1);
                lowest = lo;
                highest = hi;
                return;
            }
            Coarsen();
        }
    }

    private void Slide(long newFirst)
    {
        var moved = new long[counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue;
            long j = first + i - newFirst;
            moved[Math.Clamp(j, 0, counts.Length - 1)] += counts[i];
        }
        counts = moved;
        first = newFirst;
    }

    /// <summary>Doubles the bin width: grid bin k becomes bin ⌊k/2⌋, so no count moves across a boundary.</summary>
    private void Coarsen()
    {
        long newFirst = FloorHalf(first);
        var merged = new long[counts.Length];
        for (int i = 0; i < counts.Length; i++)
            if (counts[i] != 0) merged[FloorHalf(first + i) - newFirst] += counts[i];
        counts = merged;
        first = newFirst;
        if (lowest <= highest)
        {
            lowest = FloorHalf(lowest);
            highest = FloorHalf(highest);
        }
        Width *= 2;
    }

    private static long FloorHalf(long k) => k >> 1;
}
