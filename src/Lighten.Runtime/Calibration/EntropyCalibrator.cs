using Lighten.Core;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Runtime.Calibration;

/// <summary>
/// TensorRT's entropy calibration, applied to each end of an asymmetric range: the threshold is the one that minimizes
/// the KL divergence KL(P‖Q) between the histogram P (the mass beyond the threshold folded into the last kept bin) and Q,
/// its quantization into the levels the range offers, spread back over the bins P fills. TensorRT searches one symmetric
/// threshold over |x| with 128 levels; Lighten's activations are asymmetric (uint8 or int8 with a zero point), so the upper
/// threshold is searched with the range starting at the lowest value, then the lower one with the range ending at the upper
/// threshold, each over all 255 steps. A ReLU output (no negative values) keeps 0 as its lower end, and its spike of exact
/// zeros is flattened to its neighbor so it does not drive the choice (as NVIDIA's pytorch-quantization does).
/// </summary>
public sealed class EntropyCalibrator : Calibrator
{
    /// <inheritdoc/>
    public override ActivationRange Range(TensorStatistics statistics, ElementType type)
    {
        var observed = Observed(statistics);
        var h = HistogramOf(statistics);
        int levels = QuantParams.MaxOf(type) - QuantParams.MinOf(type);
        var counts = new double[h.Bins];
        for (int i = 0; i < counts.Length; i++) counts[i] = h.Counts[i];
        int first = Array.FindIndex(counts, c => c > 0), last = Array.FindLastIndex(counts, c => c > 0);
        if (first < 0) return observed;
        bool relu = observed.Min >= 0;

        var up = counts[first..(last + 1)];
        if (relu && up.Length > 1) up[0] = up[1];
        int upper = first + BestThreshold(up, levels);
        double hi = Math.Min(observed.Max, h.LowerEdge(upper));
        if (relu) return new ActivationRange(observed.Min, (float)hi);

        var down = counts[first..upper];
        Array.Reverse(down);
        int lower = upper - BestThreshold(down, levels);
        double lo = Math.Max(observed.Min, h.LowerEdge(lower));
        return new ActivationRange((float)lo, (float)hi);
    }

    /// <summary>The number of bins, counted from the first, whose quantization into <paramref name="levels"/> levels loses the least information.</summary>
    internal static int BestThreshold(double[] hist, int levels)
    {
        int n = hist.Length;
        if (n <= levels) return n;
        var suffix = new double[n + 1];
        for (int i = n - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + hist[i];
        int best = n;
        double bestKl = double.PositiveInfinity;
        var p = new double[n];
        var q = new double[n];
        for (int i = levels; i <= n; i++)
        {
            Array.Copy(hist, p, i);
            p[i - 1] += suffix[i];
            Quantize(hist, p, q, i, levels);
            double kl = Divergence(p, q, i);
            if (kl < bestKl)
            {
                bestKl = kl;
                best = i;
            }
        }
        return best;
    }

    /// <summary>Merges the first <paramref name="i"/> bins into <paramref name="levels"/> groups and spreads each group's mass over its bins that P fills.</summary>
    private static void Quantize(double[] hist, double[] p, double[] q, int i, int levels)
    {
        for (int j = 0; j < levels; j++)
        {
            int start = (int)((long)j * i / levels), stop = j == levels - 1 ? i : (int)((long)(j + 1) * i / levels);
            double total = 0;
            int filled = 0;
            for (int k = start; k < stop; k++)
            {
                total += hist[k];
                if (p[k] != 0) filled++;
            }
            for (int k = start; k < stop; k++) q[k] = p[k] != 0 && filled > 0 ? total / filled : 0;
        }
    }

    /// <summary>KL(P‖Q) of the first <paramref name="i"/> bins, both normalized; bins Q leaves empty get a tiny mass.</summary>
    private static double Divergence(double[] p, double[] q, int i)
    {
        double sp = 0, sq = 0;
        for (int k = 0; k < i; k++)
        {
            sp += p[k];
            sq += q[k];
        }
        if (sp <= 0) return 0;
        if (sq <= 0) return double.PositiveInfinity;
        const double Floor = 1e-12;
        double kl = 0;
        for (int k = 0; k < i; k++)
        {
            if (p[k] <= 0) continue;
            double pk = p[k] / sp, qk = Math.Max(q[k] / sq, Floor);
            kl += pk * Math.Log(pk / qk);
        }
        return kl;
    }
}
