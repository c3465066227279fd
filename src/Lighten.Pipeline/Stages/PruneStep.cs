using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Core.Transforms.Preparation;
using Lighten.Core.Transforms.Prune;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Tuning;

namespace Lighten.Pipeline.Stages;

/// <summary>
/// G5 through <see cref="ModelPruning"/>: structured channel pruning (really smaller and faster) or unstructured magnitude
/// pruning (smaller compressed, the sparsity rising on the schedule while fine-tuning, as <c>lighten prune</c>), on the
/// last FP32 model, fine-tuned; when the current model is INT8 or FP16 the pruned model is converted the same way again.
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
        var options = Options(s);
        var dense = ModelPreparation.Run(OnnxImporter.Load(context.CurrentFp32Path), PreparationOptions.Rewrite);
        context.Observer.Status(options.Structured ? $"removing {s.Ratio:P0} of the channels" : $"zeroing {s.Ratio:P0} of the weights");
        var planned = ModelPruning.Prune(dense, options);
        var details = planned.Details.ToList();
        if (planned.Changes == 0) return StepProduct.NotApplied("nothing could be pruned", details);

        string precision = context.Current!.Precision;
        string fp32 = precision == Precision.Fp32.Key() ? artifact : Path.ChangeExtension(artifact, ".fp32.onnx");
        context.Observer.Status("fine-tuning the pruned model");
        var tuned = ModelPruning.FineTune(dense, options, context.Data, context.Preprocess, context.FineTuning(Id, context.CurrentFp32Path), fp32,
            context.Session, context.Observer.Training, cancellationToken).Tuning;
        details.Add($"fine-tuned: {tuned.Training.Message}");
        if (fp32 == artifact) return new StepProduct(true, details, tuned.Evaluation.Primary);

        // The model before this step was converted (G3 INT8 or G4 FP16): convert the pruned model the same way.
        var again = precision == Precision.Int8.Key()
            ? QuantizeStep.Quantize(context, fp32, artifact, cancellationToken)
            : Fp16Step.Convert(context, fp32, artifact, force: true);
        return Reconverted(details, fp32, precision, again);
    }

    /// <summary>
    /// G5's product when the pruned FP32 model <paramref name="fp32"/> was converted to <paramref name="precision"/> again
    /// (<paramref name="again"/>): the re-quantization keeps G3's accuracy bound, so its reject reason is carried (a pruned
    /// model that breaks it is measured and rejected, not kept), and a conversion that wrote nothing leaves G5 not applied.
    /// </summary>
    internal static StepProduct Reconverted(IReadOnlyList<string> details, string fp32, string precision, StepProduct again)
    {
        List<string> all = [.. details, $"pruned FP32 model ({Path.GetFileName(fp32)}) converted to {precision} again: {string.Join("; ", again.Details.Take(1))}",
            .. again.LayerTimings is { } timings ? [timings.Describe()] : Array.Empty<string>()];
        return (again.Written ? new StepProduct(true, all, RejectReason: again.RejectReason) : StepProduct.NotApplied(again.NotAppliedReason!, all))
            with { LayerTimings = again.LayerTimings };
    }

    /// <summary>
    /// The options of <see cref="ModelPruning"/> the pipeline's G5 settings stand for: <c>channel</c> removes
    /// <c>ratio</c> of the channels; <c>magnitude</c> zeroes <c>ratio</c> of the weights, rising from
    /// <c>initial_sparsity</c> over <c>ramp_epochs</c> with a mask update every <c>prune_every</c> steps while fine-tuning.
    /// </summary>
    public static PruneOptions Options(PruneStepSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        bool channel = settings.Mode == "channel";
        return new PruneOptions
        {
            Structured = channel,
            Channels = new ChannelPruneOptions { Ratio = settings.Ratio },
            Magnitude = new MagnitudePruneOptions { Sparsity = settings.Ratio },
            InitialSparsity = settings.InitialSparsity,
            RampEpochs = settings.RampEpochs,
            PruneEvery = settings.PruneEvery,
        };
    }
}
