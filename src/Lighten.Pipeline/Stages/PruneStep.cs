using System.Globalization;
using Lighten.Core.Analysis;
using Lighten.Core.IO;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Core.Transforms.Preparation;
using Lighten.Core.Transforms.Prune;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Trials;
using Lighten.Pipeline.Tuning;
using Lighten.Runtime;

namespace Lighten.Pipeline.Stages;

/// <summary>
/// G5 through <see cref="ModelPruning"/>: structured channel pruning (really smaller and faster) or unstructured magnitude
/// pruning (smaller compressed, the sparsity rising on the schedule while fine-tuning, as <c>lighten prune</c>), on the
/// last FP32 model, fine-tuned; when the current model is INT8 or FP16 the pruned model is converted the same way again.
/// Each ratio of <c>ratios</c> is a trial (<see cref="StepTrials"/>); with more than one, every ratio's model is measured
/// here, one after another, and the most aggressive that meets the requirements is kept.
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
        string precision = context.Current!.Precision;
        var drafts = s.Ratios.Select(r => new TrialDraft(TrialKinds.Prune, "ratio " + R(r),
            new Dictionary<string, string> { [TrialRunner.ModelInput] = context.CurrentFp32Path },
            new Dictionary<string, string> { [RatioParameter] = R(r), [PrecisionParameter] = precision })).ToList();
        var trials = context.Trials.Run(context, Id, drafts, cancellationToken);
        var failures = trials.Where(t => !t.Succeeded).Select(t => $"{t.Spec.Label}: failed, {t.Failure}").ToList();
        var written = trials.Where(t => t.Result is { Written: true }).ToList();
        if (written.Count == 0)
        {
            var first = trials.First(t => t.Succeeded).Result!;
            return StepProduct.NotApplied(first.NotAppliedReason ?? "not applied", [.. first.Details, .. failures]);
        }
        var (chosen, sweep) = s.Ratios.Count > 1 && context.Judge is { } judge ? Sweep(written, judge, cancellationToken) : (written[0], []);
        var result = chosen.Result!;
        AtomicFile.WriteAllBytes(artifact, File.ReadAllBytes(chosen.ArtifactPath!));
        var fp32 = Path.ChangeExtension(chosen.ArtifactPath!, Fp32Extension);
        if (File.Exists(fp32)) AtomicFile.WriteAllBytes(Path.ChangeExtension(artifact, Fp32Extension), File.ReadAllBytes(fp32));
        return new StepProduct(true, [.. sweep, .. result.Details, .. failures], result.Metric, RejectReason: result.RejectReason) { LayerTimings = result.LayerTimings };
    }

    /// <summary>
    /// Measures every ratio's model (here, one after another) and judges it as the runner judges a step; keeps the most
    /// aggressive that meets the requirements, else the least aggressive, which the runner then judges as a single ratio.
    /// </summary>
    private static (TrialOutcome Chosen, List<string> Lines) Sweep(IReadOnlyList<TrialOutcome> written, Func<string, Metric?, CancellationToken, CandidateVerdict> judge,
        CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        TrialOutcome? chosen = null;
        foreach (var t in written.OrderByDescending(t => Ratio(t.Spec)))
        {
            var v = judge(t.ArtifactPath!, t.Result!.Metric, cancellationToken);
            var f = v.Figures;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{t.Spec.Label}: {f.Metric} {f.Accuracy:0.##}%, {f.SizeBytes / 1e6:0.###} MB, {f.MedianMs:0.###} ms (fastest {f.MinMs:0.###} ms), {f.Macs / 1e6:0.#}M MACs: ")
                + (t.Result.RejectReason is { } reject ? $"rejected, {reject}" : v.MeetsRequirements ? "meets the requirements" : $"does not meet them ({v.Decision.ToString().ToLowerInvariant()}: {v.Reason})"));
            if (chosen is null && t.Result.RejectReason is null && v.MeetsRequirements) chosen = t;
        }
        var least = written.OrderBy(t => Ratio(t.Spec)).First();
        lines.Insert(0, chosen is not null
            ? $"kept {chosen.Spec.Label}: the most aggressive of {written.Count} ratios whose model meets the requirements"
            : $"no ratio's model meets the requirements: {least.Spec.Label}, the least aggressive, is judged as a single ratio");
        return (chosen ?? least, lines);
    }

    /// <summary>The parameter holding a G5 trial's ratio.</summary>
    public const string RatioParameter = "ratio";

    /// <summary>The parameter holding the precision of the model before G5 (the pruned model is converted to it again).</summary>
    public const string PrecisionParameter = "precision";

    private const string Fp32Extension = ".fp32.onnx";

    private static string R(double ratio) => ratio.ToString("0.###", CultureInfo.InvariantCulture);

    private static double Ratio(TrialSpec spec) => double.Parse(spec.Parameter(RatioParameter), CultureInfo.InvariantCulture);

    /// <summary>
    /// A G5 trial: prune the model before the step at the spec's ratio, fine-tune it (checkpoints in the trial's folder),
    /// convert it again when the model before the step was INT8/FP16, and measure the written file's metric, MACs and parameters.
    /// </summary>
    internal static TrialResult RunTrial(StageContext context, TrialSpec spec, string artifact, CancellationToken cancellationToken)
    {
        var product = Prune(context, Ratio(spec), spec.Parameter(PrecisionParameter), artifact, Path.Combine(spec.OutputDirectory, "model.checkpoint"), cancellationToken);
        Metric? metric = product.Accuracy;
        long macs = 0, parameters = 0;
        if (product.Written)
        {
            metric ??= ModelTuning.Evaluate(artifact, context.Data, context.Preprocess, context.Session, new EvaluationOptions { BatchSize = 8, Workers = 2 }, cancellationToken).Primary;
            var graph = OnnxImporter.Load(artifact);
            var totals = Profiler.Run(graph, new ProfileOptions { InputShapes = context.InputShapes(graph) }).Totals;
            (macs, parameters) = (totals.Macs, totals.Params);
        }
        return new TrialResult
        {
            Id = spec.Id, Index = spec.Index, Label = spec.Label,
            Artifact = product.Written ? Path.GetFileName(artifact) : null, NotAppliedReason = product.NotAppliedReason, RejectReason = product.RejectReason,
            Details = product.Details, Metric = metric, Macs = macs, Parameters = parameters, LayerTimings = product.LayerTimings,
        };
    }

    /// <summary>G5 at one ratio on the last FP32 model, written to <paramref name="artifact"/> (converted again to <paramref name="precision"/>).</summary>
    private static StepProduct Prune(StageContext context, double ratio, string precision, string artifact, string checkpoint, CancellationToken cancellationToken)
    {
        var options = Options(context.Config.Steps.G5 ?? new PruneStepSettings(), ratio);
        var dense = ModelPreparation.Run(OnnxImporter.Load(context.CurrentFp32Path), PreparationOptions.Rewrite);
        context.Observer.Status(options.Structured ? $"removing {ratio:P0} of the channels" : $"zeroing {ratio:P0} of the weights");
        var planned = ModelPruning.Prune(dense, options);
        var details = planned.Details.ToList();
        if (planned.Changes == 0) return StepProduct.NotApplied("nothing could be pruned", details);

        string fp32 = precision == Precision.Fp32.Key() ? artifact : Path.ChangeExtension(artifact, Fp32Extension);
        context.Observer.Status("fine-tuning the pruned model");
        var training = context.FineTuning("G5", context.CurrentFp32Path) with { CheckpointDirectory = checkpoint };
        var tuned = ModelPruning.FineTune(dense, options, context.Data, context.Preprocess, training, fp32, context.Session, context.Observer.Training, cancellationToken).Tuning;
        details.Add($"fine-tuned: {tuned.Training.Summary}");
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
        return Options(settings, settings.Ratio);
    }

    /// <summary>The options of <see cref="ModelPruning"/> for <paramref name="settings"/> at one ratio of its sweep.</summary>
    public static PruneOptions Options(PruneStepSettings settings, double ratio)
    {
        ArgumentNullException.ThrowIfNull(settings);
        bool channel = settings.Mode == "channel";
        return new PruneOptions
        {
            Structured = channel,
            Channels = new ChannelPruneOptions { Ratio = ratio },
            Magnitude = new MagnitudePruneOptions { Sparsity = ratio },
            InitialSparsity = settings.InitialSparsity,
            RampEpochs = settings.RampEpochs,
            PruneEvery = settings.PruneEvery,
        };
    }
}
