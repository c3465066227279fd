namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>Mean absolute value and root mean square of a slice of a weight tensor.</summary>
internal static class WeightNorms
{
    /// <summary>The norms of the elements of <paramref name="values"/> at the positions <paramref name="positions"/> yields.</summary>
    public static (double L1, double L2) Of(float[] values, IEnumerable<long> positions)
    {
        double abs = 0, square = 0;
        long n = 0;
        foreach (var p in positions)
        {
            double v = values[p];
            abs += Math.Abs(v);
            square += v * v;
            n++;
        }
        return n == 0 ? (0, 0) : (abs / n, Math.Sqrt(square / n));
    }

    /// <summary>Positions of the sub-tensor [rows, columns, ...rest] of a tensor of dims [d0, d1, ...rest].</summary>
    public static IEnumerable<long> Block(IReadOnlyList<long> dims, IEnumerable<long> rows, IEnumerable<long> columns)
    {
        long rest = 1;
        for (int d = 2; d < dims.Count; d++) rest *= dims[d];
        var cols = columns.ToArray();
        foreach (var r in rows)
            foreach (var c in cols)
                for (long k = 0; k < rest; k++) yield return (r * dims[1] + c) * rest + k;
    }

    /// <summary>Every index from <paramref name="start"/>, <paramref name="count"/> of them.</summary>
    public static IEnumerable<long> Range(long start, long count)
    {
        for (long i = 0; i < count; i++) yield return start + i;
    }
}
