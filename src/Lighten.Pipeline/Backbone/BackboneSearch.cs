using System.Collections.Immutable;
using System.Globalization;
using Lighten.Core;
using Lighten.Core.Analysis;
using Lighten.Core.IO;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms;
using Lighten.Core.Transforms.Backbone;
using Lighten.Core.Zoo;
using Lighten.Pipeline.Tuning;
using Lighten.Runtime;
using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Backbone;

/// <summary>
/// G1 as the guideline runs it: graft each candidate backbone (<see cref="SwapBackbone"/>), skip those the target
/// cannot run before any training, fine-tune the others distilling from the original (<see cref="ModelTuning"/>),
/// and measure every written file in ONNX Runtime — validation metric, batch-1 latency, MACs — beside the original.
/// The best candidate's model is copied to the output.
/// </summary>
public static class BackboneSearch
{
    /// <summary>The name of the original model's row.</summary>
    public const string Baseline = "original";

    /// <summary>
    /// Runs the search on <paramref name="model"/>. Each tried candidate is written to
    /// <c>OUTPUT.candidates/NAME.onnx</c> (its checkpoints beside it) and the best one copied to <paramref name="output"/>.
    /// </summary>
    /// <param name="model">The model whose backbone is swapped (also the distillation teacher).</param>
    /// <param name="output">Where the best candidate's ONNX file goes (atomically).</param>
    /// <param name="options">Candidates, graft, target and training options.</param>
    /// <param name="data">Training and validation data; required when <see cref="BackboneSearchOptions.Trains"/>, else optional (then the metric of each graft is measured as it is).</param>
    /// <param name="progress">Phases and training steps, or null.</param>
    /// <param name="cancellationToken">Stops the search between and during candidates.</param>
    /// <exception cref="OptionException">An unknown candidate, no candidate given, training without data, a model without a usable cut
    /// (<see cref="BackboneCut.Find"/>: such as an image input of symbolic size), or every candidate skipped (the reasons listed).</exception>
    public static BackboneSearchResult Run(Graph model, string output, BackboneSearchOptions options, TrainingData? data = null,
        IProgress<BackboneSearchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        Check(options, data);
        // The cut is the model's, not a candidate's: a model without one fails once, before the baseline is measured.
        BackboneCut.Find(model, options.Swap.Cut);
        var directory = Path.ChangeExtension(Path.GetFullPath(output), ".candidates");
        Directory.CreateDirectory(directory);

        var baseline = MeasureOriginal(model, Path.Combine(directory, Baseline + ".onnx"), options, data, progress, cancellationToken);
        var outcomes = new List<CandidateOutcome>();
        foreach (var candidate in options.Candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = Candidate(model, candidate, Path.Combine(directory, candidate + ".onnx"), options, data, progress, cancellationToken);
            outcomes.Add(outcome.WasTried ? WithLatency(outcome, options, progress) : outcome);
        }
        return new BackboneSearchResult(baseline, [.. outcomes], Choose(outcomes, output), output, directory);
    }

    /// <summary>
    /// One candidate's work, the same whether <see cref="Run"/> or a G1 trial does it: graft <paramref name="candidate"/>
    /// onto <paramref name="model"/>, skip it when the target cannot run it, fine-tune it distilling from
    /// <paramref name="model"/> (checkpoints beside <paramref name="path"/>) or write it as grafted, then measure the
    /// written file's metric, MACs and parameters — not its latency (<see cref="WithLatency"/>).
    /// </summary>
    public static CandidateOutcome Candidate(Graph model, string candidate, string path, BackboneSearchOptions options, TrainingData? data,
        IProgress<BackboneSearchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        progress?.Report(new(candidate, SearchPhase.Grafting, $"grafting {candidate}"));
        PassResult graft;
        try
        {
            graft = SwapBackbone.Run(model, candidate, options.Swap);
        }
        catch (OptionException e)
        {
            return Skip(candidate, e.Template, progress);
        }
        if (options.Target is { } target
            && SwapBackbone.Refusal(SwapBackbone.Unsupported(model, graft.Graph, target, options.Precision), target, options.Precision) is { } refusal)
            return Skip(candidate, refusal, progress);
        return Tune(candidate, graft.Graph, graft.Details, path, options, data, progress, cancellationToken, teacher: model);
    }

    /// <summary>A tried candidate with its batch-1 latency and init time measured on its file in ONNX Runtime.</summary>
    public static CandidateOutcome WithLatency(CandidateOutcome outcome, BackboneSearchOptions options, IProgress<BackboneSearchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(options);
        progress?.Report(new(outcome.Candidate, SearchPhase.Measuring, $"measuring {outcome.Candidate}"));
        var latency = LatencyBenchmark.Run(outcome.Path!, options.Session, options.LatencyWarmup, options.LatencyRuns);
        var timed = outcome with { LatencyMs = latency.LatencyMs.Median, InitMs = latency.InitMs };
        progress?.Report(new(outcome.Candidate, SearchPhase.Done, Summary(timed)));
        return timed;
    }

    /// <summary>
    /// The tried candidate of the highest metric (then the lowest latency) among <paramref name="outcomes"/>, its file
    /// copied to <paramref name="output"/> atomically.
    /// </summary>
    /// <exception cref="OptionException">No candidate was tried (the reasons listed).</exception>
    public static CandidateOutcome Choose(IReadOnlyList<CandidateOutcome> outcomes, string output)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var tried = outcomes.Where(o => o.WasTried).ToList();
        if (tried.Count == 0)
            throw new OptionException("no backbone candidate could be tried: " + string.Join("; ", outcomes.Select(o => $"{o.Candidate}: {o.Skipped}")));
        var best = tried.OrderByDescending(o => o.Metric?.Value ?? double.NegativeInfinity).ThenBy(o => o.LatencyMs).First();
        AtomicFile.WriteAllBytes(output, File.ReadAllBytes(best.Path!));
        return best;
    }

    internal static void Check(BackboneSearchOptions options, TrainingData? data)
    {
        if (options.Candidates.Count == 0) throw new OptionException("no backbone candidate was given");
        foreach (var name in options.Candidates) ModelZoo.Find(name);
        if (options.Candidates.Distinct(StringComparer.Ordinal).Count() != options.Candidates.Count)
            throw new OptionException($"a backbone candidate is listed twice: {string.Join(", ", options.Candidates)}");
        if (options.Trains && data is null) throw new OptionException("fine-tuning the candidates needs data (or train for 0 epochs)");
        // Each candidate gets its own checkpoint folder (a resumed search needs one), so any will do for the check.
        (options.Training is null ? null : options.Training with { CheckpointDirectory = options.Training.CheckpointDirectory ?? "candidate.checkpoint" })?.Validate();
        if (options.LatencyRuns < 1 || options.LatencyWarmup < 0)
            throw new OptionException($"the latency measurement needs at least one run, got {options.LatencyRuns} runs after {options.LatencyWarmup} warm-up runs");
    }

    private static CandidateOutcome Skip(string candidate, string reason, IProgress<BackboneSearchProgress>? progress)
    {
        progress?.Report(new(candidate, SearchPhase.Skipped, reason));
        return CandidateOutcome.Skip(candidate, reason);
    }

    /// <summary>Fine-tunes when asked (writing <paramref name="path"/>), else writes the graph; then measures that file's metric, MACs and parameters.</summary>
    private static CandidateOutcome Tune(string name, Graph graph, ImmutableArray<string> details, string path, BackboneSearchOptions options,
        TrainingData? data, IProgress<BackboneSearchProgress>? progress, CancellationToken cancellationToken, Graph? teacher = null)
    {
        TuningOutcome? tuning = null;
        Metric? metric = null;
        if (teacher is not null && options.Trains)
        {
            progress?.Report(new(name, SearchPhase.Training, $"fine-tuning {name} for {options.Training!.Epochs} epoch(s)"));
            var training = options.Training! with
            {
                CheckpointDirectory = Path.ChangeExtension(path, ".checkpoint"),
                Distillation = options.Training!.Distillation
                    ?? (options.DistillationAlpha is double alpha ? new DistillationOptions(teacher) { Alpha = alpha } : null),
            };
            var steps = progress is null ? null : new TrainingRelay(name, progress);
            tuning = ModelTuning.TrainAndMeasure(graph, data!, data!.Preprocess, training, path, options.Session, steps, cancellationToken);
            graph = tuning.Training.Graph;
            metric = tuning.Evaluation.Primary;
        }
        else OnnxExporter.Save(graph, path);

        if (metric is null && data is not null)
            metric = ModelTuning.Evaluate(path, data, data.Preprocess, options.Session, new EvaluationOptions(), cancellationToken).Primary;
        var profile = Profiler.Run(graph);
        return new CandidateOutcome(name, null, details, profile.Totals.Macs, profile.Totals.Params, null, null, metric, tuning, path);
    }

    /// <summary>The original model measured as a candidate is (its file written, measured and deleted).</summary>
    private static CandidateOutcome MeasureOriginal(Graph model, string path, BackboneSearchOptions options, TrainingData? data,
        IProgress<BackboneSearchProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = Tune(Baseline, model, [], path, options, data, progress, cancellationToken);
            return WithLatency(outcome, options, progress) with { Path = null };
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Summary(CandidateOutcome o) =>
        string.Create(CultureInfo.InvariantCulture, $"{o.Candidate}: {o.Macs / 1e9:F3} GMACs, {o.LatencyMs:F2} ms")
        + (o.Metric is { } m ? string.Create(CultureInfo.InvariantCulture, $", {m.Name} {m.Value:F4}") : "");

    /// <summary>Passes the trainer's progress on, on the trainer's thread (<see cref="Progress{T}"/> would post it to the thread pool).</summary>
    private sealed class TrainingRelay(string candidate, IProgress<BackboneSearchProgress> progress) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => progress.Report(new(candidate, SearchPhase.Training, "", value));
    }
}
