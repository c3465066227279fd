using System.Globalization;

namespace Lighten.Pipeline.Trials.Slurm;

/// <summary>
/// Runs trials as Slurm job arrays: each <see cref="Submit"/> is one <c>sbatch --array</c> whose task INDEX runs
/// <c>lighten trial --spec SPEC --index INDEX</c> (the CLI's <see cref="TrialCommand"/>) and appends its output to
/// <c>trial.log</c> in the trial's folder; handles carry <c>JOBID_TASK</c>. The batch script and Slurm's own task logs
/// go to <c>.slurm/</c> under <see cref="ExecutorSettings.SharedDir"/> (else the spec file's folder), which is checked
/// once, before the first submission, to be storage the nodes share. A task that has left <c>squeue</c> is
/// <see cref="TrialStatus.Unknown"/>: its done marker decides.
/// </summary>
public sealed class SlurmExecutor : ITrialExecutor
{
    private readonly SlurmClient _client;
    private readonly TrialCommand _command;
    private readonly ExecutorSettings _settings;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _checkedFolders = new(StringComparer.Ordinal);

    /// <summary>An executor starting <paramref name="command"/> on the cluster <paramref name="client"/> reaches, with <paramref name="settings"/>' partition, memory, time limit, parallelism and shared folder.</summary>
    public SlurmExecutor(TrialCommand command, ExecutorSettings settings, SlurmClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(settings);
        _command = command;
        _settings = settings;
        _client = client ?? new SlurmClient();
    }

    /// <summary>The kind the pipeline file names.</summary>
    public const string KindName = "slurm";

    /// <inheritdoc/>
    public string Kind => KindName;


    /// <inheritdoc/>
    /// <exception cref="SlurmException">The shared folder is not shared, or <c>sbatch</c> fails.</exception>
    public IReadOnlyList<TrialHandle> Submit(string specFile, IReadOnlyList<int> indexes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        cancellationToken.ThrowIfCancellationRequested();
        if (indexes.Count == 0) return [];
        var spec = Path.GetFullPath(specFile);
        var specs = TrialSpecFile.Load(spec);
        var trials = indexes.Select(specs.At).ToList();
        var shared = _settings.SharedDir ?? Path.GetDirectoryName(spec)!;
        CheckSharedOnce(shared);
        cancellationToken.ThrowIfCancellationRequested();
        var name = JobName(specs.Step);
        var folder = Path.Combine(shared, ".slurm", $"{name}-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}");
        var request = new SlurmArrayRequest(name,
            [_command.Executable, .. _command.LeadingArguments, TrialCommand.Verb, "--spec", spec, "--index", SlurmArrayRequest.TaskIndex],
            indexes, folder, folder, folder, Resources(trials),
            trials.ToDictionary(t => t.Index, t => Path.Combine(t.OutputDirectory, TrialLog.FileName)));
        var jobId = _client.Submit(request);
        return [.. indexes.Select(i => new TrialHandle(i, TaskId(jobId, i)))];
    }

    /// <inheritdoc/>
    /// <exception cref="SlurmException"><c>squeue</c> fails.</exception>
    public IReadOnlyList<TrialState> Poll(IReadOnlyList<TrialHandle> handles)
    {
        ArgumentNullException.ThrowIfNull(handles);
        var tasks = new Dictionary<string, SlurmTask>(StringComparer.Ordinal);
        foreach (var jobId in handles.Select(h => Parse(h).JobId).Distinct())
            foreach (var task in _client.Poll(jobId))
                tasks[task.Id] = task;
        return [.. handles.Select(h => tasks.TryGetValue(h.EngineJobId, out var task) ? State(h, task) : new TrialState(h, TrialStatus.Unknown))];
    }

    /// <inheritdoc/>
    /// <exception cref="SlurmException"><c>scancel</c> fails.</exception>
    public void Cancel(IReadOnlyList<TrialHandle> handles)
    {
        ArgumentNullException.ThrowIfNull(handles);
        foreach (var job in handles.Select(Parse).GroupBy(p => p.JobId))
            _client.Cancel(job.Key, [.. job.Select(p => p.TaskId)]);
    }

    /// <summary>Checks that <paramref name="sharedDir"/> is storage the nodes share (<see cref="SlurmClient.CheckSharedFolder"/>).</summary>
    /// <exception cref="SlurmException">It is not.</exception>
    public void CheckSharedFolder(string sharedDir) =>
        _client.CheckSharedFolder(sharedDir, new SlurmResources(_settings.Partition, MemoryMb: _settings.MemoryMb));

    /// <summary>The handle id of task <paramref name="index"/> of array <paramref name="jobId"/>: <c>JOBID_INDEX</c>.</summary>
    public static string TaskId(string jobId, int index) => string.Create(CultureInfo.InvariantCulture, $"{jobId}_{index}");

    private void CheckSharedOnce(string shared)
    {
        lock (_gate)
        {
            if (_checkedFolders.Contains(shared)) return;
            CheckSharedFolder(shared);
            _checkedFolders.Add(shared);
        }
    }

    private SlurmResources Resources(IReadOnlyList<TrialSpec> trials)
    {
        // One array asks once for all its tasks: the most any of them needs.
        var cores = trials.Max(t => t.Resources.Cores);
        var memory = trials.Max(t => t.Resources.MemoryMb) ?? _settings.MemoryMb;
        var time = trials.Max(t => t.Resources.TimeLimit) ?? _settings.TimeLimit;
        return new SlurmResources(_settings.Partition, Math.Max(1, cores), memory, time, _settings.ArrayParallelism);
    }

    private static TrialState State(TrialHandle handle, SlurmTask task) => task.Phase switch
    {
        SlurmPhase.Pending => new TrialState(handle, TrialStatus.Pending),
        SlurmPhase.Running => new TrialState(handle, TrialStatus.Running),
        SlurmPhase.Finished => new TrialState(handle, TrialStatus.Finished),
        _ => new TrialState(handle, TrialStatus.Failed, $"Slurm task {task.Id}: {task.Reason ?? task.State}"),
    };

    private static (string JobId, int TaskId) Parse(TrialHandle handle)
    {
        var parts = handle.EngineJobId.Split('_');
        if (parts.Length != 2 || parts[0].Length == 0 || !parts[0].All(char.IsAsciiDigit)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var task))
            throw new ArgumentException($"trial {handle.Index}'s engine job id '{handle.EngineJobId}' is not a Slurm array task JOBID_TASK", nameof(handle));
        return (parts[0], task);
    }

    private static string JobName(string step)
    {
        var safe = new string([.. step.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]);
        return safe.Length == 0 ? "lighten-trials" : $"lighten-{safe}";
    }
}
