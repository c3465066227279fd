using System.Globalization;
using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Core.Transforms.Backbone;
using Lighten.Core.Transforms.Preparation;
using Lighten.Pipeline.Backbone;

namespace Lighten.Pipeline.Stages;

/// <summary>
/// G1: <see cref="BackboneSearch"/> over the pipeline's candidates — graft each zoo backbone, skip those the target
/// cannot run, train the others (distilled from the model before the step, resumable from their checkpoints) and keep
/// the most accurate.
/// </summary>
public sealed class BackboneSwapStep : IGuidelineStep
{
    /// <inheritdoc/>
    public string Id => "G1";

    /// <inheritdoc/>
    public string Title => "backbone swap";

    /// <inheritdoc/>
    public string? SkipReason(StageContext context)
    {
        if (context.Config.Steps.G1 is null) return "not allowed by the pipeline (steps.g1.enabled: false)";
        try
        {
            BackboneCut.Find(OnnxImporter.Load(context.CurrentFp32Path));
            return null;
        }
        catch (OptionException e)
        {
            return "no backbone to swap: " + e.Template;
        }
    }

    /// <inheritdoc/>
    public StepProduct Run(StageContext context, string artifact, CancellationToken cancellationToken)
    {
        var s = context.Config.Steps.G1!;
        var options = Options(context);
        BackboneSearchResult result;
        try
        {
            result = BackboneSearch.Run(ModelPreparation.Run(OnnxImporter.Load(context.CurrentFp32Path), PreparationOptions.Rewrite).Graph, artifact, options, context.Data, new Relay(context.Observer), cancellationToken);
        }
        catch (OptionException e) when (e.Message.StartsWith("no backbone candidate could be tried", StringComparison.Ordinal))
        {
            return StepProduct.NotApplied(e.Template);
        }
        var details = new List<string> { $"chose {result.Best!.Candidate} of {string.Join(", ", s.Candidates)}" };
        foreach (var c in result.Candidates)
        {
            if (!c.WasTried) { details.Add($"{c.Candidate}: skipped, {c.Skipped}"); continue; }
            details.AddRange(c.Details.Select(d => $"{c.Candidate}: {d}"));
            details.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Candidate}: {c.Macs / 1e6:0.#}M MACs, {c.LatencyMs:0.##} ms") +
                (c.Metric is { } m ? string.Create(CultureInfo.InvariantCulture, $", {m.Name} {m.Value * 100:0.##}%") : "") +
                (c.Tuning is { } t ? $" ({t.Training.Message})" : ""));
        }
        return new StepProduct(true, details, result.Best.Metric);
    }

    /// <summary>
    /// The options of <see cref="BackboneSearch.Run"/> the pipeline's G1 settings stand for: its candidates, a re-shaped head
    /// unless <c>adapter</c>, the pipeline's target at FP32, the fine-tuning budget at the full learning rate (the new
    /// backbone starts from random weights, so its start is not validated), distilled with the pipeline's weight.
    /// </summary>
    public static BackboneSearchOptions Options(StageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Config.Steps.G1 ?? new Config.BackboneStepSettings();
        var distillation = context.Config.FineTune.Distillation;
        return new BackboneSearchOptions
        {
            Candidates = s.Candidates,
            Swap = new BackboneSwapOptions { Adapter = s.Adapter, Seed = context.Config.Seed },
            Target = context.Target,
            Precision = Precision.Fp32,
            Training = context.Training("G1", s.Epochs, rateFactor: 1, validateFirst: false),
            DistillationAlpha = distillation > 0 ? distillation : null,
            Session = context.Session,
            LatencyRuns = Math.Max(5, context.Config.BenchmarkRuns / 2),
        };
    }

    private sealed class Relay(IPipelineObserver observer) : IProgress<BackboneSearchProgress>
    {
        public void Report(BackboneSearchProgress value)
        {
            if (value.Training is { } training) observer.Training?.Report(training);
            else if (value.Message.Length > 0) observer.Status(PipelineOptionNames.Render(value.Message, "G1"));
        }
    }
}
