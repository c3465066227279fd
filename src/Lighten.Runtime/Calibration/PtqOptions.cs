using Lighten.Core;
using Lighten.Core.Targets;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Runtime.Calibration;

/// <summary>How <see cref="PostTrainingQuantizer"/> calibrates, decides and quantizes.</summary>
public sealed record PtqOptions
{
    /// <summary>How activation ranges are chosen.</summary>
    public CalibrationMethod Method { get; init; } = CalibrationMethod.Percentile;

    /// <summary>The percentile of <see cref="CalibrationMethod.Percentile"/>.</summary>
    public double Percentile { get; init; } = PercentileCalibrator.DefaultPercentile;

    /// <summary>Activation type, per-channel weights, graph outputs (the target verdict and kept layers are set by the quantizer).</summary>
    public QuantizeOptions Quantize { get; init; } = new();

    /// <summary>The target's name, for reports.</summary>
    public string TargetName { get; init; } = "host";

    /// <summary>Whether the target runs a node in INT8 (from its profile); null accepts every op ONNX Runtime fuses.</summary>
    public Func<Node, bool>? Int8Supported { get; init; }

    /// <summary>Measures each compute layer on this machine and keeps in FP32 those INT8 does not speed up (the host target); null trusts the support alone.</summary>
    public LayerBenchmark? Benchmark { get; init; }

    /// <summary>
    /// Without a <see cref="Benchmark"/>: estimates each compute layer on a target profile and keeps in FP32 those INT8 is not
    /// estimated to speed up there, and runs a ConvTranspose as sub-pixel INT8 Convs only where that is estimated faster; null
    /// trusts the support alone.
    /// </summary>
    public LayerEstimates? Estimates { get; init; }

    /// <summary>
    /// Run a ConvTranspose the target cannot speed up in INT8 as an equivalent sub-pixel Conv + Reshape/Transpose/Reshape
    /// (<see cref="Lighten.Core.Transforms.Quantize.RewriteConvTranspose"/>) where that is faster (default on).
    /// </summary>
    public bool SubPixelDeconvolutions { get; init; } = true;

    /// <summary>Correct each layer's bias for the mean shift its weight rounding causes.</summary>
    public bool BiasCorrection { get; init; }

    /// <summary>Measure each layer's SQNR (also done whenever <see cref="Accuracy"/> is set).</summary>
    public bool Sensitivity { get; init; }

    /// <summary>Calibration samples the sensitivity analysis runs.</summary>
    public int SensitivitySamples { get; init; } = 16;

    /// <summary>The accuracy to keep; null quantizes every layer the target allows without checking.</summary>
    public AccuracyTarget? Accuracy { get; init; }

    /// <summary>ONNX Runtime session options of the calibration and sensitivity runs.</summary>
    public SessionOptionsSpec Session { get; init; } = new();

    /// <summary>Progress: the stage, the work done and the total.</summary>
    public Action<string, int, int>? Progress { get; init; }

    /// <summary>
    /// These options deciding each layer by speed for <paramref name="target"/>: timed here in ONNX Runtime on the host
    /// (through <paramref name="cache"/>), estimated from the profile's roofline for any other target.
    /// </summary>
    public PtqOptions DecidingBySpeed(Lighten.Core.Targets.TargetProfile target, LayerTimingCache cache) =>
        target.Name == TargetCatalog.HostName
            ? this with { Benchmark = new LayerBenchmark(cache, Session, Quantize) }
            : this with { Estimates = new LayerEstimates(target) };
}
