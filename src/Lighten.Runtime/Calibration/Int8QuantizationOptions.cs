using Lighten.Core;

namespace Lighten.Runtime.Calibration;

/// <summary>How <see cref="Int8Quantization.Run"/> quantizes: calibration, weight and activation types, and how layers are chosen.</summary>
public sealed record Int8QuantizationOptions
{
    /// <summary>How activation ranges are chosen.</summary>
    public CalibrationMethod Method { get; init; } = CalibrationMethod.Percentile;

    /// <summary>The percentile kept by <see cref="CalibrationMethod.Percentile"/>.</summary>
    public double Percentile { get; init; } = PercentileCalibrator.DefaultPercentile;

    /// <summary>One weight scale per output channel (default) rather than per tensor.</summary>
    public bool PerChannel { get; init; } = true;

    /// <summary>The activations' type: UInt8 (default) or Int8.</summary>
    public ElementType Activations { get; init; } = ElementType.UInt8;

    /// <summary>Correct each layer's bias for the mean shift its weight rounding causes.</summary>
    public bool BiasCorrection { get; init; }

    /// <summary>Measure each layer's sensitivity (SQNR) for the per-layer report.</summary>
    public bool Sensitivity { get; init; }

    /// <summary>Keep a layer FP32 where INT8 is not faster: timed on the host, estimated from a target's profile.</summary>
    public bool DecideBySpeed { get; init; } = true;

    /// <summary>The cache file of layer timings on the host (null: under the user's cache folder).</summary>
    public string? TimingCache { get; init; }

    /// <summary>The largest accepted accuracy drop and how to measure it; null: none.</summary>
    public AccuracyTarget? Accuracy { get; init; }

    /// <summary>ONNX Runtime settings of every measurement.</summary>
    public SessionOptionsSpec Session { get; init; } = new();
}
