using Lighten.Core;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Runtime.Calibration;

/// <summary>
/// Saturates the rarest values: the range runs from the (100 − p)th to the pth percentile of the histogram (within
/// the observed range), so a handful of outliers no longer set the step size.
/// </summary>
public sealed class PercentileCalibrator : Calibrator
{
    /// <summary>The default percentile.</summary>
    public const double DefaultPercentile = 99.99;

    /// <summary>Creates a calibrator keeping the central <paramref name="percentile"/> percent of values at each end.</summary>
    /// <exception cref="OptionException">The percentile is not in (50, 100].</exception>
    public PercentileCalibrator(double percentile = DefaultPercentile)
    {
        if (!(percentile > 50 && percentile <= 100)) throw new OptionException($"the percentile must be above 50 and at most 100, got {percentile}");
        Percentile = percentile;
    }

    /// <summary>The percentile kept, such as 99.99.</summary>
    public double Percentile { get; }

    /// <inheritdoc/>
    public override ActivationRange Range(TensorStatistics statistics, ElementType type)
    {
        var observed = Observed(statistics);
        var h = HistogramOf(statistics);
        double f = Percentile / 100;
        float lo = (float)Math.Clamp(h.Quantile(1 - f), observed.Min, observed.Max);
        float hi = (float)Math.Clamp(h.Quantile(f), lo, observed.Max);
        return new ActivationRange(lo, hi);
    }
}
