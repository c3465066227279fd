using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Preparation;
using Lighten.Core.Targets;
using Lighten.Pipeline.Measure;
using Lighten.Pipeline.Tuning;
using Lighten.Runtime;
using Lighten.Runtime.Calibration;

namespace Lighten.Pipeline.Stages;

/// <summary>
/// G3: post-training INT8 quantization (calibrated, per-channel weights, QDQ); layers the target cannot run in INT8 stay
/// FP32, and on the host layers INT8 does not speed up stay FP32; the most sensitive layers stay FP32 until the step's
/// accuracy drop holds.
/// </summary>
public sealed class QuantizeStep : IGuidelineStep
{
    private static readonly string[] ComputeOps = ["Conv", "ConvTranspose", "Gemm", "MatMul"];

    /// <inheritdoc/>
    public string Id => "G3";

    /// <inheritdoc/>
    public string Title => "INT8 post-training quantization";

    /// <inheritdoc/>
    public string? SkipReason(StageContext context)
    {
        if (context.Config.Steps.G3 is null) return "not allowed by the pipeline (steps.g3.enabled: false)";
        var target = context.Target;
        if (!target.Runs(Precision.Int8)) return $"target '{target.Name}' has no INT8";
        var graph = OnnxImporter.Load(context.CurrentFp32Path);
        var compute = graph.Nodes.Where(n => ComputeOps.Contains(n.OpType)).ToList();
        return compute.Count > 0 && compute.All(n => !target.Supports(n, Precision.Int8))
            ? $"target '{target.Name}' cannot run {string.Join(", ", compute.Select(n => n.OpType).Distinct())} in INT8: nothing to quantize"
            : null;
    }

    /// <inheritdoc/>
    public StepProduct Run(StageContext context, string artifact, CancellationToken cancellationToken) =>
        Quantize(context, context.CurrentFp32Path, artifact, cancellationToken);

    /// <summary>Quantizes the FP32 model <paramref name="source"/> with the pipeline's G3 settings into <paramref name="artifact"/> (also used by G5 to re-quantize a pruned model).</summary>
    public static StepProduct Quantize(StageContext context, string source, string artifact, CancellationToken cancellationToken)
    {
        var model = ModelPreparation.Run(OnnxImporter.Load(source), PreparationOptions.Analysis);
        var calibration = Calibration(context);
        context.Observer.Status($"calibrating on {calibration.Description}");
        var options = Options(context, cancellationToken);
        var result = Int8Quantization.Run(model, calibration, context.Choice, options, context.Observer.Progress, cancellationToken);
        var details = new List<string> { $"{result.Int8Layers} of {result.Layers.Length} layers in INT8 ({result.Method} calibration, {calibration.Count} samples)" };
        var timings = TimingSources(result, options);
        if (timings is not null) details.Add(timings.Describe());
        details.AddRange(result.Layers.Where(l => !l.Int8).GroupBy(l => l.Reason ?? "kept FP32")
            .Select(g => $"FP32: {string.Join(", ", g.Select(l => l.OpType).Distinct())} × {g.Count()} ({g.Key})"));
        if (result.Int8Layers == 0)
            return StepProduct.NotApplied("no layer was quantized: " + string.Join("; ", details.Skip(timings is null ? 1 : 2)), details) with { LayerTimings = timings };
        OnnxExporter.Save(result.Graph, artifact);
        if (result.Accuracy is { } a)
            details.Add($"INT8 drop {a.Drop:0.##} points with {a.KeptFp32.Count} sensitive layer(s) kept FP32 (step bound {a.MaxDrop:0.##})");
        return new StepProduct(true, details, RejectReason: DropRejection(result.Accuracy)) { LayerTimings = timings };
    }

    /// <summary>How many layer timings were measured now, reused for identical layers, read from the per-machine cache or estimated from the profile; null when none were taken.</summary>
    internal static LayerTimingSources? TimingSources(PtqResult result, Int8QuantizationOptions options)
    {
        int timed = result.MeasuredLayers + result.CachedLayers + result.ReusedLayers;
        int estimated = timed == 0 && result.TimingSource is not null ? result.Layers.Count(l => l.Timing is not null) : 0;
        if (timed + estimated == 0) return null;
        return new LayerTimingSources(result.MeasuredLayers, result.CachedLayers, estimated,
            timed > 0 ? Path.GetFileName(options.TimingCache ?? LayerTimingCache.DefaultPath) : null, result.ReusedLayers);
    }

    /// <summary>Why a quantized model is not kept: its drop exceeds <c>steps.g3.max_drop</c> (null when within it, or not measured).</summary>
    internal static string? DropRejection(AccuracyOutcome? accuracy) =>
        accuracy is { Met: false } a ? $"INT8 loses {a.Drop:0.##} points, more than steps.g3.max_drop {a.MaxDrop:0.##}" : null;

    /// <summary>The calibration samples of the pipeline: <c>data.calibration</c>, <c>data.calibration_count</c> of them, seeded.</summary>
    public static CalibrationSource Calibration(StageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CalibrationSource.Open(context.Config.Data.Calibration, context.Preprocess, context.Config.Data.CalibrationCount, context.Config.Seed);
    }

    /// <summary>The options of <see cref="Int8Quantization.Run"/> the pipeline's G3 settings stand for, the accuracy bound measured on the validation data.</summary>
    public static Int8QuantizationOptions Options(StageContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Config.Steps.G3 ?? new Config.QuantizeStepSettings();
        return new Int8QuantizationOptions
        {
            Method = CalibrationMethods.Parse(s.Calibrator),
            DecideBySpeed = s.MeasureLayers,
            Session = context.Session,
            Accuracy = new AccuracyTarget(s.MaxDrop, path => ModelTuning.Evaluate(path, context.Data, context.Preprocess, context.Session,
                new EvaluationOptions { BatchSize = 8, Workers = 2 }, cancellationToken).Primary),
        };
    }
}
