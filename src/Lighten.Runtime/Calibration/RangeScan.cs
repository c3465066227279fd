using System.Numerics;

namespace Lighten.Runtime.Calibration;

/// <summary>Vectorized scans of float spans.</summary>
internal static class RangeScan
{
    /// <summary>The smallest and largest finite values; (+∞, −∞) when there are none.</summary>
    public static (float Min, float Max) MinMax(ReadOnlySpan<float> values)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= 2 * Vector<float>.Count)
        {
            var vmin = new Vector<float>(float.PositiveInfinity);
            var vmax = new Vector<float>(float.NegativeInfinity);
            var limit = new Vector<float>(float.MaxValue);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(values.Slice(i));
                // NaN and ±∞ fail the comparison and are left out of the range.
                var finite = Vector.LessThanOrEqual(Vector.Abs(v), limit);
                vmin = Vector.ConditionalSelect(finite, Vector.Min(vmin, v), vmin);
                vmax = Vector.ConditionalSelect(finite, Vector.Max(vmax, v), vmax);
            }
            for (int k = 0; k < Vector<float>.Count; k++)
            {
                min = Math.Min(min, vmin[k]);
                max = Math.Max(max, vmax[k]);
            }
        }
        for (; i < values.Length; i++)
        {
            var v = values[i];
            if (!float.IsFinite(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return (min, max);
    }
}
