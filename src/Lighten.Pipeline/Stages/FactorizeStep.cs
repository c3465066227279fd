using System.Globalization;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Factorize;

namespace Lighten.Pipeline.Stages;

/// <summary>G2: factorize the heavy convolutions (1x1 bottleneck before them, optionally depthwise-separable), SVD-initialized, then fine-tuned.</summary>
public sealed class FactorizeStep : IGuidelineStep
{
    /// <inheritdoc/>
    public string Id => "G2";

    /// <inheritdoc/>
    public string Title => "factorize heavy convolutions";

    /// <inheritdoc/>
    public string? SkipReason(StageContext context) =>
        context.Config.Steps.G2 is null ? "not allowed by the pipeline (steps.g2.enabled: false)" : null;

    /// <inheritdoc/>
    public StepProduct Run(StageContext context, string artifact, CancellationToken cancellationToken)
    {
        var s = context.Config.Steps.G2!;
        var graph = OnnxImporter.Load(context.CurrentFp32Path);
        var options = new FactorizeOptions
        {
            Selection = new LayerSelectionOptions { Layers = s.Layers, Threshold = s.Threshold, InputShapes = context.InputShapes(graph) },
            DepthwiseSeparable = s.DepthwiseSeparable ? new DepthwiseSeparableOptions() : null,
            Bottleneck = s.Energy is double e ? new BottleneckOptions { Rank = RankChoice.OfEnergy(e) }
                : s.Bottleneck is int r ? new BottleneckOptions { Rank = RankChoice.Fixed(r) } : null,
        };
        context.Observer.Status("factorizing " + (s.Layers.Count > 0 ? string.Join(", ", s.Layers) : $"layers with ≥ {s.Threshold:P0} of the MACs"));
        var result = FactorizeConvolutions.Run(graph, options);
        var details = result.Layers.Select(l => $"{l.Name} ({l.OpType}): {l.Summary}, MACs {Mega(l.MacsBefore)} → {Mega(l.MacsAfter)}")
            .Concat(result.Skipped.Select(x => "left as is: " + x)).ToList();
        if (result.Layers.IsEmpty)
            return StepProduct.NotApplied("no selected layer becomes cheaper when factorized", details);
        details.Insert(0, $"{result.Layers.Length} layer(s) factorized, model MACs {Mega(result.MacsBefore)} → {Mega(result.MacsAfter)}");
        context.Observer.Status("fine-tuning the factorized model");
        var tuned = context.FineTune(Id, result.Graph, context.CurrentFp32Path, artifact, cancellationToken);
        details.Add($"fine-tuned: {tuned.Training.Message}");
        return new StepProduct(true, details, tuned.Evaluation.Primary);
    }

    private static string Mega(long macs) => (macs / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M";
}
