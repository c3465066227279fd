using System.Globalization;
using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Factorize;
using Lighten.Core.Transforms.Preparation;
using Lighten.Pipeline.Config;

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
        var graph = ModelPreparation.Run(OnnxImporter.Load(context.CurrentFp32Path), PreparationOptions.Rewrite).Graph;
        var (options, rule) = Options(s, graph, context.InputShapes(graph));
        context.Observer.Status("factorizing the layers " + rule);
        var result = FactorizeConvolutions.Run(graph, options);
        var details = result.Layers.Select(l => $"{l.Name} ({l.OpType}): {l.Summary}, MACs {Mega(l.MacsBefore)} → {Mega(l.MacsAfter)}")
            .Concat(result.Skipped.Select(x => "left as is: " + x)).Prepend("layers " + rule).ToList();
        if (result.Layers.IsEmpty)
            return StepProduct.NotApplied("no selected layer becomes cheaper when factorized", details);
        details.Insert(1, $"{result.Layers.Length} layer(s) factorized, model MACs {Mega(result.MacsBefore)} → {Mega(result.MacsAfter)}");
        context.Observer.Status("fine-tuning the factorized model");
        var tuned = context.FineTune(Id, result.Graph, context.CurrentFp32Path, artifact, cancellationToken);
        details.Add($"fine-tuned: {tuned.Training.Summary}");
        return new StepProduct(true, details, tuned.Evaluation.Primary);
    }

    /// <summary>
    /// The options of <see cref="FactorizeConvolutions.Run"/> the pipeline's G2 settings stand for on <paramref name="graph"/>
    /// measured at <paramref name="inputShapes"/>, and the layer rule in words (see <see cref="ChooseLayers"/>); fine-tuning follows separately.
    /// </summary>
    public static (FactorizeOptions Options, string Rule) Options(FactorizeStepSettings settings, Graph graph, IReadOnlyDictionary<string, long[]> inputShapes)
    {
        var (layers, rule) = ChooseLayers(settings, graph);
        var options = new FactorizeOptions
        {
            Selection = new LayerSelectionOptions { Layers = layers, Threshold = settings.Threshold, InputShapes = inputShapes },
            DepthwiseSeparable = settings.DepthwiseSeparable ? new DepthwiseSeparableOptions() : null,
            Bottleneck = settings.Energy is double e ? new BottleneckOptions { Rank = RankChoice.OfEnergy(e) }
                : settings.Bottleneck is int r ? new BottleneckOptions { Rank = RankChoice.Fixed(r) } : null,
        };
        return (options, rule);
    }

    /// <summary>
    /// The layers G2 hands to <see cref="SelectHeavyLayers"/> on <paramref name="graph"/>, and the rule in words for the
    /// stage's details: the pipeline's <c>layers</c> when given (empty: by MAC share); when not given, every ConvTranspose
    /// if the model has any (the reference case's decoder), else by MAC share — a classifier has no ConvTranspose, and
    /// skipping G2 there would leave its heavy convolutions alone.
    /// </summary>
    public static (IReadOnlyList<string> Layers, string Rule) ChooseLayers(FactorizeStepSettings settings, Graph graph)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(graph);
        string share = $"selected by MAC share ≥ {Percent(settings.Threshold ?? LayerSelectionOptions.DefaultThreshold)}";
        string filter = settings.Threshold is double t ? $" with ≥ {Percent(t)} of the MACs" : "";
        if (settings.Layers is { Count: > 0 } named) return (named, $"named by steps.g2.layers: {string.Join(", ", named)}{filter}");
        if (settings.Layers is not null) return ([], share);
        int deconvs = graph.Nodes.Count(n => n.OpType == "ConvTranspose");
        return deconvs > 0
            ? (["ConvTranspose"], $"selected by default: every ConvTranspose ({deconvs} in the model){filter}")
            : ([], share + ": no ConvTranspose in the model");
    }

    private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Mega(long macs) => (macs / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M";
}
