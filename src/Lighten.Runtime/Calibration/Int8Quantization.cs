using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Core.Transforms.Preparation;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Runtime.Calibration;

/// <summary>
/// The INT8 capability (<c>lighten quantize</c> and the pipeline's G3): post-training quantization to a QDQ model for a
/// target — INT8 only for the layers the target runs in INT8 and, unless told otherwise, only where INT8 is faster
/// there; the most sensitive layers stay FP32 until an accuracy bound holds.
/// </summary>
public static class Int8Quantization
{
    /// <summary>Why nothing is quantized for <paramref name="target"/> (a profile without INT8), or null.</summary>
    public static string? SkipReason(TargetChoice target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return !target.IsHost && !target.Profile.Runs(Precision.Int8) ? $"target '{target.Name}' runs no INT8" : null;
    }

    /// <summary>The <see cref="PtqOptions"/> that <paramref name="options"/> stand for on <paramref name="target"/>.</summary>
    public static PtqOptions PtqOptions(TargetChoice target, Int8QuantizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        _ = Calibrator.For(options.Method, options.Percentile);
        var ptq = new PtqOptions
        {
            Method = options.Method,
            Percentile = options.Percentile,
            Quantize = new QuantizeOptions { PerChannel = options.PerChannel, ActivationType = options.Activations },
            TargetName = target.Name,
            Int8Supported = target.Int8Supported,
            BiasCorrection = options.BiasCorrection,
            Sensitivity = options.Sensitivity,
            Session = options.Session,
            Accuracy = options.Accuracy,
        };
        return options.DecideBySpeed ? ptq.DecidingBySpeed(target.Profile, new LayerTimingCache(options.TimingCache)) : ptq;
    }

    /// <summary>
    /// Quantizes <paramref name="model"/> (prepared with <see cref="PreparationOptions.Analysis"/>) for
    /// <paramref name="target"/>, calibrating on <paramref name="source"/>; the result's graph is validated.
    /// </summary>
    /// <param name="model">The FP32 model.</param>
    /// <param name="source">The calibration samples.</param>
    /// <param name="target">Where the model will run.</param>
    /// <param name="options">How to quantize.</param>
    /// <param name="progress">Progress: the stage, the work done and the total.</param>
    /// <param name="cancellationToken">Stops calibration and timing.</param>
    public static PtqResult Run(PreparedModel model, CalibrationSource source, TargetChoice target, Int8QuantizationOptions options,
        Action<string, int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = PostTrainingQuantizer.Run(model.Graph, source, PtqOptions(target, options) with { Progress = progress }, cancellationToken);
        GraphValidator.Validate(result.Graph);
        return result;
    }
}
