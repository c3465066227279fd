using System.Diagnostics;
using Lighten.Core;
using Lighten.Core.Analysis;
using Lighten.Core.IO;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Journal;
using Lighten.Pipeline.Judging;
using Lighten.Pipeline.Measure;
using Lighten.Pipeline.Reports;
using Lighten.Pipeline.Stages;
using Lighten.Pipeline.Trials;
using Lighten.Runtime;
using Lighten.Training.Native;
using Lighten.Training.Trainer;

namespace Lighten.Pipeline;

/// <summary>
/// Runs the guideline on a pipeline: the baseline, then the steps in Figure 9's order, each measured on its written
/// artifact, kept only if it helps (a step that fails changes nothing), journaled after every stage so that a killed run
/// resumes; writes the reports.
/// </summary>
public sealed class GuidelineRunner
{
    /// <summary>The final model's file name in the output folder.</summary>
    public const string FinalModelFile = "final.onnx";

    private readonly PipelineConfig _config;
    private readonly string _pipelineHash;
    private readonly string _out;
    private readonly StageContext _context;
    private readonly IStageMeasurer _measurer;
    private readonly StepRegistry _registry;
    private readonly Queue<StageRecord> _restorable;
    private readonly List<StageRecord> _records = [];
    private readonly Dictionary<string, IReadOnlyList<TrialRecord>> _trials = new(StringComparer.Ordinal);
    private readonly Lock _journalGate = new();
    private string? _metAfter;

    private GuidelineRunner(PipelineConfig config, string pipelineText, string outputDirectory, bool resume, IPipelineObserver observer, StepRegistry registry, IStageMeasurer? measurer,
        TrialCommand? trialCommand, ITrialExecutor? executor)
    {
        _config = config;
        _registry = registry;
        _out = Path.GetFullPath(outputDirectory);
        _pipelineHash = RunJournal.Sha256OfText(pipelineText);
        var target = Lighten.Runtime.TargetChoice.Resolve(config.Target, Lighten.Core.IO.LightenCache.Directory).Profile;
        var data = LoadData(config);
        var command = trialCommand ?? TrialCommand.Default;
        executor ??= TrialExecutors.Create(config.Executor, command, observer);
        Directory.CreateDirectory(_out);
        var journal = resume ? RunJournal.Load(_out) : null;
        if (journal is not null && journal.PipelineHash != _pipelineHash)
            throw new OptionException($"the journal in '{_out}' belongs to a different pipeline; run without {OptionKey.Ref(OptionKey.Resume)} to start over, or use another {OptionKey.Ref(OptionKey.Output)}");
        if (!resume) Clean();
        _restorable = new Queue<StageRecord>(journal?.Stages ?? []);
        var session = new SessionOptionsSpec { IntraOpThreads = config.Threads };
        foreach (var (step, trials) in journal?.Trials ?? new Dictionary<string, IReadOnlyList<TrialRecord>>()) _trials[step] = trials;
        _context = new StageContext(config, data, target, session, _out, observer) { PipelineText = pipelineText };
        _context.Trials = new StepTrials(executor, command, config.Executor,
            step => _trials.TryGetValue(step, out var recorded) ? recorded : [], RecordTrials);
        _context.Judge = JudgeCandidate;
        _measurer = measurer ?? new StageMeasurer(data, data.Preprocess, target, session, config.BenchmarkRuns);
        Directory.CreateDirectory(Path.Combine(_out, "stages"));
        Directory.CreateDirectory(_context.WorkDirectory);
    }

    /// <summary>
    /// Runs <paramref name="config"/> (whose text is <paramref name="pipelineText"/>, hashed to tie the journal to it) into
    /// <paramref name="outputDirectory"/>; with <paramref name="resume"/> continues after the journal's last stage.
    /// <paramref name="measurer"/> measures the artifacts (null: <see cref="StageMeasurer"/>, in ONNX Runtime).
    /// </summary>
    /// <remarks>
    /// A step that throws, or whose artifact cannot be measured, is recorded as <see cref="StageDecision.Failed"/> and the
    /// run goes on from the model before it; only cancellation stops it.
    /// </remarks>
    /// <param name="config">The pipeline.</param>
    /// <param name="pipelineText">Its YAML text (hashed into the journal; trials re-read it).</param>
    /// <param name="outputDirectory">Where the stages, journal and reports go.</param>
    /// <param name="resume">Continue after the journal's last stage.</param>
    /// <param name="observer">Hears stages, status and progress.</param>
    /// <param name="registry">The steps (null: every step of this build).</param>
    /// <param name="measurer">Measures the artifacts (null: <see cref="StageMeasurer"/>).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <param name="trialCommand">How to start <c>lighten trial</c> (the CLI says; needed by every executor but <c>inprocess</c>).</param>
    /// <param name="executor">Runs the steps' trials (null: the one <see cref="PipelineConfig.Executor"/> names).</param>
    /// <exception cref="LightenException">Unknown target, missing data, a journal of another pipeline, or a failed baseline (<see cref="BaselineException"/>).</exception>
    public static PipelineReport Run(PipelineConfig config, string pipelineText, string outputDirectory, bool resume,
        IPipelineObserver? observer = null, StepRegistry? registry = null, IStageMeasurer? measurer = null, CancellationToken cancellationToken = default,
        TrialCommand? trialCommand = null, ITrialExecutor? executor = null)
    {
        NativeEngine.Prepare();
        var runner = new GuidelineRunner(config, pipelineText, outputDirectory, resume, observer ?? new SilentObserver(), registry ?? StepRegistry.Default, measurer,
            trialCommand, executor);
        return runner.Execute(cancellationToken);
    }

    /// <summary>Loads the training data the pipeline names.</summary>
    public static TrainingData LoadData(PipelineConfig config) => config.Task == "pose"
        ? PoseData.Load(config.Data.Directory, config.Data.Preprocess, sigma: config.Data.HeatmapSigma)
        : ClassificationData.Load(config.Data.Directory, config.Data.Preprocess);

    private PipelineReport Execute(CancellationToken cancellationToken)
    {
        Stage(BaselineStage.Id, "baseline", () => RunBaseline(cancellationToken));
        foreach (var slot in GuidelineOrder.Slots)
        {
            if (!GuidelineOrder.Applies(slot, _context)) continue;
            var step = _registry.Find(slot.Id);
            Stage(slot.Id, step.Title, () => RunSlot(slot, step, cancellationToken));
        }
        return Finish();
    }

    private StageRecord RunBaseline(CancellationToken cancellationToken)
    {
        try
        {
            return Apply(BaselineStage.Id, (c, a, ct) => BaselineStage.Run(c, a, ct), baseline: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not NativeEngineException)
        {
            throw new BaselineException(e);
        }
    }

    private StageRecord RunSlot(StepSlot slot, IGuidelineStep step, CancellationToken cancellationToken)
    {
        string title = step.Title;
        var clock = Stopwatch.StartNew();
        try
        {
            string? reason = _config.StopWhenMet && _metAfter is not null ? $"requirements met after {_metAfter}: the run stops there (stop_when_met)"
                : GuidelineOrder.OrderReason(slot, _context) ?? step.SkipReason(_context);
            return reason is not null
                ? new StageRecord { Id = slot.Id, Title = title, Decision = StageDecision.Skipped, Reason = PipelineOptionNames.Render(reason, slot.Id) }
                : Apply(slot.Id, step.Run, baseline: false, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A step that breaks on this model changes nothing: the run goes on from the model before it.
            return Failed(slot.Id, title, $"{slot.Id} failed: {StageFailure.Describe(e, slot.Id)}", [], clock);
        }
    }

    private static StageRecord Failed(string id, string title, string reason, IReadOnlyList<string> details, Stopwatch clock) =>
        new() { Id = id, Title = title, Decision = StageDecision.Failed, Reason = reason, Details = details, Seconds = clock.Elapsed.TotalSeconds };

    private delegate StepProduct StepRun(StageContext context, string artifact, CancellationToken cancellationToken);

    private StageRecord Apply(string id, StepRun run, bool baseline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string relative = Path.Combine("stages", $"{_records.Count:00}-{id}.onnx");
        string artifact = Path.Combine(_out, relative);
        string title = baseline ? "baseline" : _registry.Find(id).Title;
        var product = run(_context, artifact, cancellationToken);
        if (!product.Written)
            return new StageRecord { Id = id, Title = title, Decision = StageDecision.Skipped, Reason = PipelineOptionNames.Render(product.NotAppliedReason ?? "not applied", id), Details = [.. product.Details.Select(d => PipelineOptionNames.Render(d, id))], Seconds = clock.Elapsed.TotalSeconds };

        StageFigures figures;
        LatencyDuel? sideBySide;
        try
        {
            var graph = OnnxImporter.Load(artifact);
            var unsupported = Precisions.Of(graph) == Precision.Fp32 && !baseline
                ? graph.Nodes.Where(n => !_context.Target.Supports(n, Precision.Fp32)).Select(n => n.OpType).Distinct().ToList()
                : [];
            // The README's word: a step whose product the target cannot run is skipped, with the reason.
            if (unsupported.Count > 0)
                return new StageRecord { Id = id, Title = title, Decision = StageDecision.Skipped, Reason = $"target '{_context.Target.Name}' cannot run {string.Join(", ", unsupported)}",
                    Details = product.Details, Seconds = clock.Elapsed.TotalSeconds };
            (figures, sideBySide) = MeasureArtifact(artifact, product.Accuracy, baseline, sideBySide: !baseline && product.RejectReason is null, cancellationToken);
        }
        catch (Exception e) when (!baseline && e is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Failed(id, title, $"{id} wrote {relative}, but it cannot be measured (the artifact is invalid): {StageFailure.Describe(e, id)}",
                [.. product.Details, $"the invalid artifact stays at {relative} for inspection"], clock);
        }
        var baseFigures = baseline ? figures : _context.Baseline!;
        var requirements = RequirementCheck.Judge(_config.Requirements, baseFigures, figures);
        var (decision, reason) = baseline ? (StageDecision.Kept, "the model as given" + (_config.Model.Zoo is null ? "" : ", trained on the data"))
            : product.RejectReason is { } r ? (StageDecision.Rejected, r)
            : StepJudge.Decide(_config.Requirements, baseFigures, _context.Current!, figures, sideBySide);
        return new StageRecord
        {
            Id = id, Title = title, Decision = decision, Reason = reason, Artifact = relative, Sha256 = RunJournal.Sha256Of(artifact),
            Figures = figures, Details = [.. product.Details.Select(d => PipelineOptionNames.Render(d, id))], Requirements = requirements, Seconds = clock.Elapsed.TotalSeconds,
            LayerTimings = product.LayerTimings,
            DecisionLatency = baseline || product.RejectReason is not null ? null : StepJudge.Figure(_config.Requirements, _context.Current!, figures, sideBySide),
        };
    }

    /// <summary>
    /// Measures <paramref name="artifact"/>; on the host, with <paramref name="sideBySide"/>, times it side by side with the
    /// model before the step, and against the baseline for a latency ratio requirement.
    /// </summary>
    private (StageFigures Figures, LatencyDuel? SideBySide) MeasureArtifact(string artifact, Metric? accuracy, bool baseline, bool sideBySide, CancellationToken cancellationToken)
    {
        _context.Observer.Status("measuring the artifact in ONNX Runtime");
        var figures = _measurer.Measure(artifact, accuracy, cancellationToken);
        LatencyDuel? duel = null;
        if (sideBySide && _config.Requirements.LatencyOn == LatencySource.Host)
        {
            _context.Observer.Status("timing the artifact side by side with the model before it");
            duel = _measurer.SideBySide(_context.CurrentPath, artifact, cancellationToken);
        }
        if (_config.Requirements.LatencyOn == LatencySource.Host && _config.Requirements.MaxLatencyRatio is not null)
            figures = figures with { BaselineRatio = BaselineRatio(baseline, artifact, duel, cancellationToken) };
        return (figures, duel);
    }

    /// <summary>A step's candidate artifact measured and judged as <see cref="Apply"/> judges a step's artifact.</summary>
    private CandidateVerdict JudgeCandidate(string artifact, Metric? accuracy, CancellationToken cancellationToken)
    {
        var (figures, duel) = MeasureArtifact(artifact, accuracy, baseline: false, sideBySide: true, cancellationToken);
        var (decision, reason) = StepJudge.Decide(_config.Requirements, _context.Baseline!, _context.Current!, figures, duel);
        return new CandidateVerdict(figures, decision, reason, RequirementCheck.Judge(_config.Requirements, _context.Baseline!, figures));
    }

    private void RecordTrials(string step, IReadOnlyList<TrialRecord> trials)
    {
        lock (_journalGate)
        {
            _trials[step] = trials;
            SaveJournal();
        }
    }

    private void SaveJournal()
    {
        lock (_journalGate)
            new RunJournal { PipelineHash = _pipelineHash, Stages = [.. _records], Trials = _trials.Count == 0 ? null : new Dictionary<string, IReadOnlyList<TrialRecord>>(_trials) }.Save(_out);
    }

    // A latency ratio on the host is judged side by side with the baseline: two stages timed at different moments (in
    // another process after a resume, under other load) differ by more than a step's gain, so their medians cannot decide it.
    private double? BaselineRatio(bool baseline, string artifact, LatencyDuel? sideBySide, CancellationToken cancellationToken)
    {
        if (baseline) return 1;
        if (sideBySide is not null && _context.CurrentPath == _context.BaselinePath) return sideBySide.Ratio;
        _context.Observer.Status("timing the artifact side by side with the baseline");
        return _measurer.SideBySide(_context.BaselinePath, artifact, cancellationToken)?.Ratio;
    }

    private void Stage(string id, string title, Func<StageRecord> run)
    {
        if (_restorable.TryDequeue(out var saved))
        {
            if (saved.Id == id && Intact(saved))
            {
                Accept(saved);
                _context.Observer.StageFinished(saved, restored: true);
                return;
            }
            _context.Observer.Status($"the journal's {saved.Id} does not match this run (or its artifact changed): running again from {id}");
            _restorable.Clear();
            Directory.Delete(_context.WorkDirectory, recursive: true);
            _trials.Clear();
            Directory.CreateDirectory(_context.WorkDirectory);
        }
        _context.Observer.StageStarted(id, title);
        var record = run();
        bool metBefore = _metAfter is not null;
        Accept(record);
        if (!metBefore && _metAfter is not null) record = _records[^1] = record with { RequirementsFirstMet = true };
        SaveJournal();
        _context.Observer.StageFinished(record, restored: false);
    }

    private bool Intact(StageRecord record) =>
        record.Artifact is null || (File.Exists(Path.Combine(_out, record.Artifact)) && RunJournal.Sha256Of(Path.Combine(_out, record.Artifact)) == record.Sha256);

    private void Accept(StageRecord record)
    {
        _records.Add(record);
        _context.History = [.. _records];
        if (record.Decision == StageDecision.Kept)
        {
            var path = Path.Combine(_out, record.Artifact!);
            _context.CurrentPath = path;
            _context.Current = record.Figures;
            if (record.Figures!.Precision == "fp32") _context.CurrentFp32Path = path;
            if (record.Id == BaselineStage.Id) (_context.BaselinePath, _context.Baseline) = (path, record.Figures);
        }
        if (_metAfter is null && _context.Current is { } current
            && RequirementCheck.AllMet(RequirementCheck.Judge(_config.Requirements, _context.Baseline!, current)))
            _metAfter = record.Id;
    }

    private PipelineReport Finish()
    {
        var final = _records.Last(r => r.Decision == StageDecision.Kept);
        AtomicFile.WriteAllBytes(Path.Combine(_out, FinalModelFile), File.ReadAllBytes(_context.CurrentPath));
        var report = new PipelineReport
        {
            Model = _config.Model.Name,
            Task = _config.Task,
            Target = _context.Target.Name,
            RunBy = _config.RunBy,
            Guards = _config.Guards ?? [],
            Requirements = _config.Requirements,
            StopWhenMet = _config.StopWhenMet,
            Stages = [.. _records],
            FinalStage = final.Id,
            FinalModel = FinalModelFile,
            FinalRequirements = RequirementCheck.Judge(_config.Requirements, _context.Baseline!, final.Figures!),
            RequirementsMetAfter = _metAfter,
            BaselineLayers = Layers(_context.BaselinePath),
            FinalLayers = Layers(_context.CurrentPath),
        };
        ReportWriter.WriteAll(report, _out);
        return report;
    }

    private IReadOnlyList<LayerMacs> Layers(string path)
    {
        var graph = OnnxImporter.Load(path);
        var profile = Profiler.Run(graph, new ProfileOptions { InputShapes = _context.InputShapes(graph) });
        return [.. profile.Layers.Where(l => l.Macs is > 0).Select(l => new LayerMacs(l.Name, l.OpType, l.Macs!.Value))];
    }

    private void Clean()
    {
        foreach (var dir in new[] { "stages", "work" })
            if (Directory.Exists(Path.Combine(_out, dir))) Directory.Delete(Path.Combine(_out, dir), recursive: true);
        foreach (var file in new[] { RunJournal.FileName, FinalModelFile, ReportWriter.Markdown, ReportWriter.JsonFile, ReportWriter.Html })
            File.Delete(Path.Combine(_out, file));
    }
}
