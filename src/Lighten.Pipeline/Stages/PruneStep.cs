using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Core.Transforms;
using Lighten.Core.Transforms.Prune;

namespace Lighten.Pipeline.Stages;

/// <summary>
/// G5: structured channel pruning (<see cref="PruneChannels"/>: really smaller and faster) or unstructured magnitude
/// pruning (<see cref="PruneMagnitude"/>: smaller compressed, fine-tuned with the zeros held by masks), on the last FP32
/// model, fine-tuned; when the current model is INT8 or FP16 the pruned model is converted the same way again.
/// </summary>
public sealed class PruneStep : IGuidelineStep
{
    /// <inheritdoc/>
    public string Id => "G5";

    /// <inheritdoc/>
    public string Title => "pruning";

    /// <inheritdoc/>
    public string? SkipReason(StageContext context) =>
        context.Config.Steps.G5 is null ? "not allowed by the pipeline (steps.g5.enabled: false)" : null;

    /// <inheritdoc/>
    public StepProduct Run(StageContext context, string artifact, CancellationToken cancellationToken)
    {
        var s = context.Config.Steps.G5!;
        var graph = OnnxImporter.Load(context.CurrentFp32Path);
        bool channel = s.Mode == "channel";
        context.Observer.Status(channel ? $"removing {s.Ratio:P0} of the channels" : $"zeroing {s.Ratio:P0} of the weights");
        PassResult pass = channel
            ? PruneChannels.Run(graph, new ChannelPruneOptions { Ratio = s.Ratio })
            : PruneMagnitude.Run(graph, new MagnitudePruneOptions { Sparsity = s.Ratio });
        var details = pass.Details.ToList();
        if (pass.Changes == 0) return StepProduct.NotApplied("nothing could be pruned", details);
        var masks = channel ? null : PruneMagnitude.Masks(pass.Graph, PruneMagnitude.SelectWeights(pass.Graph, new MagnitudePruneOptions()).Select(w => w.Weight));

        string precision = context.Current!.Precision;
        string fp32 = precision == Precision.Fp32.Key() ? artifact : Path.ChangeExtension(artifact, ".fp32.onnx");
        context.Observer.Status("fine-tuning the pruned model");
        var tuned = context.FineTune(Id, pass.Graph, context.CurrentFp32Path, fp32, cancellationToken, masks: masks);
        details.Add($"fine-tuned: {tuned.Training.Message}");
        if (fp32 == artifact) return new StepProduct(true, details, tuned.Evaluation.Primary);

        // The model before this step was converted (G3 INT8 or G4 FP16): convert the pruned model the same way.
        var again = precision == Precision.Int8.Key()
            ? QuantizeStep.Quantize(context, fp32, artifact, cancellationToken)
            : Fp16Step.Convert(context, fp32, artifact, force: true);
        details.Add($"pruned FP32 model ({Path.GetFileName(fp32)}) converted to {precision} again: {string.Join("; ", again.Details.Take(1))}");
        // The re-quantization keeps G3's accuracy bound: a pruned model that breaks it is rejected, not kept.
        return again.Written ? new StepProduct(true, details, RejectReason: again.RejectReason) : StepProduct.NotApplied(again.NotAppliedReason!, details);
    }
}
