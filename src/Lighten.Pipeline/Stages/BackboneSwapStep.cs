using System.Globalization;
using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Core.Transforms.Backbone;
using Lighten.Core.Transforms.Preparation;
using Lighten.Pipeline.Backbone;
using Lighten.Pipeline.Trials;

namespace Lighten.Pipeline.Stages;

/// <summary>
/// G1: <see cref="BackboneSearch"/> over the pipeline's candidates, each candidate a trial (<see cref="StepTrials"/>) —
/// graft the zoo backbone, skip it when the target cannot run it, train it (distilled from the model before the step,
/// resumable from its checkpoints) and measure its metric — then every written candidate timed here, one after another,
/// and the most accurate kept.
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
        BackboneSearch.Check(options, context.Data);
        BackboneCut.Find(Prepared(context), options.Swap.Cut);
        var drafts = s.Candidates.Select(c => new TrialDraft(TrialKinds.Backbone, c,
            new Dictionary<string, string> { [TrialRunner.ModelInput] = context.CurrentFp32Path }, new Dictionary<string, string> { [CandidateParameter] = c })).ToList();
        var trials = context.Trials.Run(context, Id, drafts, cancellationToken);

        var relay = new Relay(context.Observer);
        var outcomes = new List<CandidateOutcome>();
        var failures = new List<string>();
        foreach (var t in trials)
        {
            if (t.Result is not { } r) { failures.Add($"{t.Spec.Label}: failed, {t.Failure}"); continue; }
            var outcome = r.Written
                ? new CandidateOutcome(t.Spec.Label, null, [.. r.Details], r.Macs, r.Parameters, null, null, r.Metric, null, t.ArtifactPath)
                : CandidateOutcome.Skip(t.Spec.Label, r.NotAppliedReason!);
            outcomes.Add(outcome.WasTried ? BackboneSearch.WithLatency(outcome, options, relay) : outcome);
        }
        CandidateOutcome best;
        try
        {
            best = BackboneSearch.Choose(outcomes, artifact);
        }
        catch (OptionException e) when (e.Message.StartsWith("no backbone candidate could be tried", StringComparison.Ordinal))
        {
            return StepProduct.NotApplied(e.Template, failures);
        }
        var training = trials.Where(t => t.Result is not null).ToDictionary(t => t.Spec.Label, t => t.Result!.Training);
        var details = new List<string> { $"chose {best.Candidate} of {string.Join(", ", s.Candidates)}" };
        foreach (var c in outcomes)
        {
            if (!c.WasTried) { details.Add($"{c.Candidate}: skipped, {c.Skipped}"); continue; }
            details.AddRange(c.Details.Select(d => $"{c.Candidate}: {d}"));
            details.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Candidate}: {c.Macs / 1e6:0.#}M MACs, {c.LatencyMs:0.##} ms") +
                (c.Metric is { } m ? string.Create(CultureInfo.InvariantCulture, $", {m.Name} {m.Value * 100:0.##}%") : "") +
                (training.GetValueOrDefault(c.Candidate) is { } t ? $" ({t})" : ""));
        }
        details.AddRange(failures);
        return new StepProduct(true, details, best.Metric);
    }

    /// <summary>The parameter naming a G1 trial's zoo backbone.</summary>
    public const string CandidateParameter = "candidate";

    /// <summary>A G1 trial: <see cref="BackboneSearch.Candidate"/> for its candidate on the model before the step, into <paramref name="artifact"/>.</summary>
    internal static TrialResult RunTrial(StageContext context, TrialSpec spec, string artifact, CancellationToken cancellationToken)
    {
        var candidate = spec.Parameter(CandidateParameter);
        var options = Options(context) with { Candidates = [candidate] };
        var outcome = BackboneSearch.Candidate(Prepared(context), candidate, artifact, options, context.Data, new Relay(context.Observer), cancellationToken);
        return new TrialResult
        {
            Id = spec.Id, Index = spec.Index, Label = spec.Label,
            Artifact = outcome.WasTried ? Path.GetFileName(artifact) : null, NotAppliedReason = outcome.Skipped,
            Details = [.. outcome.Details], Metric = outcome.Metric, Macs = outcome.Macs, Parameters = outcome.Parameters,
            Training = outcome.Tuning?.Training.Summary,
        };
    }

    private static Graph Prepared(StageContext context) =>
        ModelPreparation.Run(OnnxImporter.Load(context.CurrentFp32Path), PreparationOptions.Rewrite).Graph;

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
