using System.Globalization;
using System.Text.RegularExpressions;
using Lighten.Pipeline.Journal;
using Lighten.Pipeline.Stages;
using Lighten.Runtime;

namespace Lighten.Pipeline.Trials;

/// <summary>
/// Runs a step's trials through the pipeline's executor: writes the step's spec file, skips every trial whose done
/// marker is valid, polls the jobs the journal says still run (a resumed run), submits only the missing and failed
/// ones, waits, and tells the journal every state as it changes.
/// </summary>
public sealed partial class StepTrials
{
    /// <summary>The spec file's name in a step's trial folder.</summary>
    public const string SpecFileName = "trials.json";

    private readonly ExecutorSettings _settings;
    private readonly TrialCommand _command;
    private readonly Func<string, IReadOnlyList<TrialRecord>> _recorded;
    private readonly Action<string, IReadOnlyList<TrialRecord>> _record;

    /// <summary>Trials run by <paramref name="executor"/>, started with <paramref name="command"/>; the journal's records come from <paramref name="recorded"/> and go to <paramref name="record"/>.</summary>
    public StepTrials(ITrialExecutor executor, TrialCommand command, ExecutorSettings settings,
        Func<string, IReadOnlyList<TrialRecord>>? recorded = null, Action<string, IReadOnlyList<TrialRecord>>? record = null)
    {
        Executor = executor;
        _command = command;
        _settings = settings;
        _recorded = recorded ?? (_ => []);
        _record = record ?? ((_, _) => { });
    }

    /// <summary>The executor.</summary>
    public ITrialExecutor Executor { get; }

    /// <summary>How often the waiter polls the executor.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The thread count every trial of a run pins: the pipeline's <c>threads</c>, else <c>executor.cores</c>, else the physical cores.</summary>
    public int Threads(StageContext context) => context.Config.Threads ?? _settings.Cores ?? CpuTopology.PhysicalCores;

    /// <summary>Builds the specs of <paramref name="drafts"/> for <paramref name="step"/> and writes its spec file.</summary>
    public TrialSpecFile Specs(StageContext context, string step, IReadOnlyList<TrialDraft> drafts, out string specPath)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(drafts);
        var folder = Folder(context, step);
        Directory.CreateDirectory(folder);
        specPath = Path.Combine(folder, SpecFileName);
        int threads = Threads(context);
        var specs = new List<TrialSpec>();
        for (int i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            var inputs = d.Inputs.OrderBy(x => x.Key, StringComparer.Ordinal)
                .Select(x => new TrialInput(x.Key, Path.GetFullPath(x.Value), RunJournal.Sha256Of(x.Value))).ToList();
            var parameters = new SortedDictionary<string, string>(d.Parameters.ToDictionary(), StringComparer.Ordinal)
            {
                [TrialRunner.PipelineParameter] = context.PipelineText,
                [TrialRunner.PipelineDirectoryParameter] = context.Config.BaseDirectory,
            };
            var id = TrialSpec.ComputeId(step, d.Kind, inputs, parameters, threads);
            specs.Add(new TrialSpec
            {
                Id = id, Step = step, Kind = d.Kind, Index = i, Label = d.Label, Argv = _command.Argv(specPath, i), Inputs = inputs, Parameters = parameters,
                OutputDirectory = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{i:00}-{Slug().Replace(d.Label, "_")}-{id[..12]}")),
                Threads = threads, Resources = new TrialResources(threads, _settings.MemoryMb, _settings.TimeLimit),
            });
        }
        var file = new TrialSpecFile { Step = step, Trials = specs };
        file.Save(specPath);
        return file;
    }

    /// <summary>Runs <paramref name="drafts"/> as the trials of <paramref name="step"/>; one outcome per draft, in order.</summary>
    /// <exception cref="TrialsFailedException">Every trial failed.</exception>
    public IReadOnlyList<TrialOutcome> Run(StageContext context, string step, IReadOnlyList<TrialDraft> drafts, CancellationToken cancellationToken)
    {
        var file = Specs(context, step, drafts, out var specPath);
        var outcomes = new Dictionary<int, TrialOutcome>();
        var records = new SortedDictionary<int, TrialRecord>();
        var journal = _recorded(step).Where(r => r.Index < file.Trials.Count && file.Trials[r.Index].Id == r.Id).ToDictionary(r => r.Index);
        var live = new List<TrialHandle>();
        var submit = new List<int>();
        foreach (var spec in file.Trials)
        {
            journal.TryGetValue(spec.Index, out var before);
            if (DoneMarker.ValidResult(spec.OutputDirectory) is { } done)
            {
                outcomes[spec.Index] = new TrialOutcome(spec, done, null, before?.EngineJobId ?? "");
                records[spec.Index] = Record(spec, before?.EngineJobId ?? "", TrialStatus.Finished) with { Seconds = done.Seconds };
            }
            else if (before is { State: TrialStatus.Pending or TrialStatus.Running, EngineJobId.Length: > 0 }) live.Add(new TrialHandle(spec.Index, before.EngineJobId));
            else submit.Add(spec.Index);
        }
        if (live.Count > 0)
        {
            // A job the journal saw running: poll it while the engine still runs it; one that ended without a valid marker failed, so it runs again.
            var states = Executor.Poll(live);
            live = [.. states.Where(s => s.Status is TrialStatus.Pending or TrialStatus.Running).Select(s => s.Handle)];
            submit.AddRange(states.Where(s => s.Status is not (TrialStatus.Pending or TrialStatus.Running)).Select(s => s.Handle.Index));
            foreach (var h in live) records[h.Index] = Record(file.At(h.Index), h.EngineJobId, TrialStatus.Running);
        }
        submit.Sort();
        foreach (int index in submit) Clear(file.At(index).OutputDirectory);
        var handles = submit.Count > 0 ? Executor.Submit(specPath, submit, cancellationToken) : [];
        foreach (var h in handles) records[h.Index] = Record(file.At(h.Index), h.EngineJobId, TrialStatus.Pending);
        _record(step, [.. records.Values]);

        var waited = new TrialWaiter(Executor, PollInterval).Wait(file, [.. live, .. handles], states =>
        {
            foreach (var s in states) records[s.Handle.Index] = Record(file.At(s.Handle.Index), s.Handle.EngineJobId, s.Status, s.Reason);
            _record(step, [.. records.Values]);
        }, cancellationToken);
        foreach (var (index, outcome) in waited)
        {
            outcomes[index] = outcome;
            records[index] = Record(outcome.Spec, outcome.EngineJobId, outcome.Succeeded ? TrialStatus.Finished : TrialStatus.Failed, outcome.Failure)
                with { Seconds = outcome.Result?.Seconds };
        }
        _record(step, [.. records.Values]);
        var all = outcomes.OrderBy(o => o.Key).Select(o => o.Value).ToList();
        if (all.Count > 0 && all.All(o => !o.Succeeded)) throw new TrialsFailedException(step, all);
        return all;
    }

    /// <summary>The folder of <paramref name="step"/>'s spec file and trial folders: under <c>executor.shared_dir</c> when set, else the run's work folder.</summary>
    public string Folder(StageContext context, string step)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _settings.SharedDir is { } shared
            ? Path.Combine(shared, "lighten-" + RunJournal.Sha256OfText(context.OutputDirectory)[..12], "trials", step)
            : Path.Combine(context.WorkDirectory, "trials", step);
    }

    private static TrialRecord Record(TrialSpec spec, string engineJobId, TrialStatus state, string? reason = null) =>
        new(spec.Id, spec.Index, spec.Label, engineJobId, state, reason);

    /// <summary>Removes what a run left that is not a valid result (its checkpoints stay, so training resumes).</summary>
    private static void Clear(string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var name in new[] { DoneMarker.FileName, TrialResult.FileName })
            File.Delete(Path.Combine(directory, name));
    }

    [GeneratedRegex("[^A-Za-z0-9_.]+")]
    private static partial Regex Slug();
}
