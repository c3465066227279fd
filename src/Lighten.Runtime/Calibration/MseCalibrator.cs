using Lighten.Core;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Runtime.Calibration;

/// <summary>
/// The range with the smallest expected squared error over the histogram: the observed range (widened to include 0)
/// shrunk toward 0 by factors 1, 0.99, ..., 0.01; each bin's values round to the nearest step (measured at the bin's
/// center, so exact zeros cost nothing) or saturate at the range's ends.
/// </summary>
public sealed class MseCalibrator : Calibrator
{
    private const int Candidates = 100;

    /// <inheritdoc/>
    public override ActivationRange Range(TensorStatistics statistics, ElementType type)
    {
        var observed = Observed(statistics);
        var h = HistogramOf(statistics);
        var counts = h.Counts;
        double lo = Math.Min(observed.Min, 0), hi = Math.Max(observed.Max, 0);
        var best = observed;
        double bestError = double.PositiveInfinity;
        for (int c = 0; c < Candidates; c++)
        {
            double r = 1 - (double)c / Candidates;
            var candidate = new ActivationRange((float)(lo * r), (float)(hi * r));
            var p = QuantParams.ForRange(candidate, type);
            double error = 0;
            for (int i = 0; i < counts.Length; i++)
            {
                if (counts[i] == 0) continue;
                float center = (float)(h.LowerEdge(i) + h.Width / 2);
                double d = center - p.Dequantize(p.Quantize(center));
                error += counts[i] * d * d;
            }
            if (error < bestError)
            {
                bestError = error;
                best = candidate;
            }
        }
        return new ActivationRange(Math.Max(best.Min, observed.Min), Math.Min(best.Max, observed.Max));
    }
}
