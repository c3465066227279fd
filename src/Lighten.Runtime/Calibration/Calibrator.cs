using Lighten.Core;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Runtime.Calibration;

/// <summary>Chooses the range an activation tensor is quantized over from its <see cref="TensorStatistics"/>.</summary>
public abstract class Calibrator
{
    /// <summary>The range for <paramref name="statistics"/>, for activations of <paramref name="type"/> (uint8 or int8).</summary>
    /// <exception cref="InvalidOperationException">The statistics hold no value, or no histogram when the method needs one.</exception>
    public abstract ActivationRange Range(TensorStatistics statistics, ElementType type);

    /// <summary>The calibrator of <paramref name="method"/>; <paramref name="percentile"/> (such as 99.99) is used by <see cref="CalibrationMethod.Percentile"/>.</summary>
    /// <exception cref="OptionException">The percentile is not in (50, 100].</exception>
    public static Calibrator For(CalibrationMethod method, double percentile = PercentileCalibrator.DefaultPercentile) => method switch
    {
        CalibrationMethod.MinMax => new MinMaxCalibrator(),
        CalibrationMethod.Percentile => new PercentileCalibrator(percentile),
        CalibrationMethod.Entropy => new EntropyCalibrator(),
        CalibrationMethod.Mse => new MseCalibrator(),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown calibration method"),
    };

    /// <summary>The observed range, checked to be non-empty.</summary>
    protected static ActivationRange Observed(TensorStatistics s) =>
        s.Min <= s.Max ? new ActivationRange(s.Min, s.Max) : throw new InvalidOperationException($"tensor '{s.Name}' has no finite value to calibrate");

    /// <summary>The histogram, checked to be present and non-empty.</summary>
    protected static Histogram HistogramOf(TensorStatistics s) =>
        s.Histogram is { Total: > 0 } h ? h : throw new InvalidOperationException($"tensor '{s.Name}' has no histogram to calibrate from");
}
