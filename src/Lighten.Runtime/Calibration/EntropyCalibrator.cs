using Lighten.Core;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Runtime.Calibration;

/// <summary>
/// TensorRT's entropy calibration: over the histogram of |x| (the signed histogram folded at 0, up to 2048 bins), try
/// every threshold T from the number of quantization levels to the last bin; for each, fold the mass beyond T into the
/// last kept bin (P), quantize the kept bins into the available levels and spread them back (Q), and keep the T with
/// the smallest KL divergence KL(P‖Q). Non-negative tensors (after ReLU) have 255 levels on [0, T], signed ones 128 per side.
/// </summary>
public sealed class EntropyCalibrator : Calibrator
{
    /// <inheritdoc/>
    public override ActivationRange Range(TensorStatistics statistics, ElementType type)
    {
        var observed = Observed(statistics);
        var h = HistogramOf(statistics);
        var magnitudes = FoldAtZero(h);
        // ReLU makes a spike of exact zeros that no threshold can represent better or worse; like NVIDIA's
        // pytorch-quantization, flatten it to its neighbor so it does not drive the choice.
        if (magnitudes.Length > 1) magnitudes[0] = magnitudes[1];
        bool signed = observed.Min < 0;
        int levels = signed ? 128 : QuantParams.MaxOf(type) - QuantParams.MinOf(type);
        int threshold = BestThreshold(magnitudes, levels);
        double t = threshold * h.Width;
        return new ActivationRange((float)Math.Max(observed.Min, -t), (float)Math.Min(observed.Max, t));
    }

    /// <summary>Counts of |x| per bin of the histogram's width: grid bin k ≥ 0 stays, k &lt; 0 goes to −k − 1.</summary>
    internal static double[] FoldAtZero(Histogram h)
    {
        var counts = h.Counts;
        long firstGrid = (long)Math.Round(h.LowerEdge(0) / h.Width);
        int size = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue;
            long k = firstGrid + i;
            size = (int)Math.Max(size, (k >= 0 ? k : -k - 1) + 1);
        }
        var folded = new double[size];
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue;
            long k = firstGrid + i;
            folded[k >= 0 ? k : -k - 1] += counts[i];
        }
        return folded;
    }

    /// <summary>The number of kept bins whose quantization into <paramref name="levels"/> levels loses the least information.</summary>
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
            int start = (int)((long)j * i / levels), stop = (int)((long)(j + 1) * i / levels);
            if (j == levels - 1) stop = i;
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
