using Lighten.Core;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Runtime.Calibration;

/// <summary>The observed minimum and maximum: nothing saturates, but one outlier stretches every step.</summary>
public sealed class MinMaxCalibrator : Calibrator
{
    /// <inheritdoc/>
    public override ActivationRange Range(TensorStatistics statistics, ElementType type) => Observed(statistics);
}
