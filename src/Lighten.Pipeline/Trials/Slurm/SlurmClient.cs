using System.Globalization;
using System.Text;
using Lighten.Core.IO;

namespace Lighten.Pipeline.Trials.Slurm;

/// <summary>
/// Submits, polls and cancels Slurm job arrays with the cluster's own commands (<c>sbatch</c>, <c>squeue --json</c>,
/// <c>scancel</c>), so it works wherever those commands reach a cluster (<c>SLURM_CONF</c> says which). Finished tasks
/// stay in <c>squeue</c> only for the cluster's <c>MinJobAge</c> (300 s by default): without an accounting database
/// (<c>sacct</c>) a task that has left is absent, and its outcome must come from its own files.
/// </summary>
/// <param name="commandTimeout">How long one Slurm command may take (default 60 s).</param>
/// <param name="binFolder">The folder of the Slurm commands; null to find them on <c>PATH</c>.</param>
/// <param name="environment">Variables set for every Slurm command on top of this process's (e.g. <c>SLURM_CONF</c>).</param>
public sealed class SlurmClient(TimeSpan? commandTimeout = null, string? binFolder = null, IReadOnlyDictionary<string, string>? environment = null)
{
    private readonly TimeSpan _timeout = commandTimeout ?? TimeSpan.FromSeconds(60);

    /// <summary>Writes the batch script and submits the array; returns its job id.</summary>
    /// <exception cref="ArgumentException">The request has no command, no index, a negative or repeated index, or a bad resource.</exception>
    /// <exception cref="SlurmException"><c>sbatch</c> cannot run, no cluster answers, or the cluster rejects the request.</exception>
    public string Submit(SlurmArrayRequest request)
    {
        Validate(request);
        var logFolder = Path.GetFullPath(request.LogFolder);
        // Slurm does not create the folders of --output: a task whose log folder is missing fails without a word.
        foreach (var index in request.Indexes)
            CreateFolder(Path.Combine(logFolder, index.ToString(CultureInfo.InvariantCulture)));
        foreach (var log in request.TaskLogs?.Values ?? [])
            CreateFolder(Path.GetDirectoryName(Path.GetFullPath(log))!);
        CreateFolder(request.ScriptFolder);
        var script = Path.Combine(Path.GetFullPath(request.ScriptFolder), $"{request.JobName}-{Guid.NewGuid():N}.sh");
        AtomicFile.WriteAllText(script, BatchScript(request));
        var resources = request.Resources;
        var array = string.Join(',', request.Indexes) + (resources.Parallelism is int p ? $"%{p}" : "");
        var arguments = new List<string>
        {
            "--parsable", $"--array={array}", $"--job-name={request.JobName}",
            $"--cpus-per-task={resources.CoresPerTask}",
            $"--output={Path.Combine(logFolder, SlurmArrayRequest.LogPattern)}",
            $"--chdir={Path.GetFullPath(request.WorkingDirectory)}",
        };
        if (resources.Partition is not null) arguments.Add($"--partition={resources.Partition}");
        if (resources.MemoryMb is int mb) arguments.Add($"--mem={mb}M");
        if (resources.TimeLimit is TimeSpan limit) arguments.Add($"--time={ExecutorSettings.FormatTimeLimit(limit)}");
        arguments.Add(script);
        var result = Run("sbatch", arguments);
        // --parsable prints "JOBID" or "JOBID;CLUSTER".
        var jobId = result.StandardOutput.Trim().Split(';')[0];
        if (jobId.Length == 0 || !jobId.All(char.IsAsciiDigit))
            throw new SlurmException($"`sbatch` printed no job id: '{result.StandardOutput.Trim()}' {result.StandardError.Trim()}".TrimEnd());
        return jobId;
    }

    /// <summary>
    /// The tasks of array <paramref name="jobId"/> that <c>squeue</c> still knows, by task id; a pending rest of the array
    /// is expanded into its tasks. A task missing from the list has left the queue (see the class remarks).
    /// </summary>
    /// <exception cref="SlurmException"><c>squeue</c> cannot run, no cluster answers, or its output is not JSON.</exception>
    public IReadOnlyList<SlurmTask> Poll(string jobId)
    {
        RequireJobId(jobId);
        var result = Run("squeue", ["--json", $"--jobs={jobId}"]);
        return SlurmQueueJson.Tasks(result.StandardOutput, jobId);
    }

    /// <summary>Cancels array <paramref name="jobId"/>, or only its tasks <paramref name="taskIds"/> when given.</summary>
    /// <exception cref="SlurmException"><c>scancel</c> cannot run or fails.</exception>
    public void Cancel(string jobId, IReadOnlyList<int>? taskIds = null)
    {
        RequireJobId(jobId);
        if (taskIds is { Count: 0 }) return;
        Run("scancel", taskIds is null ? [jobId] : [.. taskIds.Select(t => $"{jobId}_{t}")]);
    }

    /// <summary>
    /// Checks that <paramref name="sharedDir"/> (a run's <c>shared_dir</c>) is storage the nodes share: it must exist and be
    /// writable here, and a one-task job on the cluster writes a probe file there that this side then reads.
    /// Returns the node that wrote it.
    /// </summary>
    /// <param name="sharedDir">The folder to check.</param>
    /// <param name="resources">What the probe job asks for (its partition matters; one core and the default time suffice).</param>
    /// <param name="timeout">How long the probe job may take to start and end (default 2 minutes).</param>
    /// <exception cref="SlurmException">The folder is missing or read-only, the probe job fails or does not run, or its file is not visible here.</exception>
    public string CheckSharedFolder(string sharedDir, SlurmResources? resources = null, TimeSpan? timeout = null) =>
        SharedFolderProbe.Run(this, sharedDir, resources ?? new SlurmResources(), timeout ?? TimeSpan.FromMinutes(2));

    /// <summary>The batch script of <paramref name="request"/>: it runs the command with the task's array index.</summary>
    public static string BatchScript(SlurmArrayRequest request)
    {
        var words = request.Command.Select(a => a == SlurmArrayRequest.TaskIndex ? "\"$SLURM_ARRAY_TASK_ID\"" : ShellQuote(a));
        var script = new StringBuilder()
            .Append("#!/bin/sh\n")
            .Append(CultureInfo.InvariantCulture, $"# Written by Lighten for the job array '{request.JobName}': each task runs this command with its index.\n");
        if (request.TaskLogs is { Count: > 0 } logs)
        {
            script.Append("case \"$SLURM_ARRAY_TASK_ID\" in\n");
            foreach (var (index, log) in logs.OrderBy(l => l.Key))
                script.Append(CultureInfo.InvariantCulture, $"    {index}) exec >>{ShellQuote(Path.GetFullPath(log))} 2>&1 ;;\n");
            script.Append("esac\n");
        }
        return script.Append("exec ").AppendJoin(' ', words).Append('\n').ToString();
    }

    private SlurmCommandResult Run(string program, IReadOnlyList<string> arguments)
    {
        var path = binFolder is null ? program : Path.Combine(binFolder, program);
        // Slurm's commands retry a missing configuration file for 60 s before they give up.
        var conf = environment?.GetValueOrDefault("SLURM_CONF") ?? Environment.GetEnvironmentVariable("SLURM_CONF");
        if (!string.IsNullOrEmpty(conf) && !File.Exists(conf))
            throw new SlurmException($"SLURM_CONF names a file that does not exist, so `{program}` cannot reach a cluster " +
                "(a private test cluster: scripts/slurm-local.sh up, then export the SLURM_CONF it prints)", conf);
        var result = SlurmCommand.Run(path, arguments, _timeout, environment);
        if (result.ExitCode != 0) throw SlurmCommand.Failed(program, arguments, result);
        return result;
    }

    private static void Validate(SlurmArrayRequest request)
    {
        if (request.Command.Count == 0) throw new ArgumentException("the job array has no command", nameof(request));
        if (request.Indexes.Count == 0) throw new ArgumentException("the job array has no index", nameof(request));
        if (request.Indexes.Any(i => i < 0)) throw new ArgumentException("an array index is negative", nameof(request));
        if (request.Indexes.Distinct().Count() != request.Indexes.Count) throw new ArgumentException("an array index is repeated", nameof(request));
        var strays = request.TaskLogs?.Keys.Where(k => !request.Indexes.Contains(k)).ToList() ?? [];
        if (strays.Count > 0)
            throw new ArgumentException($"task logs are given for index {string.Join(", ", strays)}, which the array does not have", nameof(request));
        if (request.JobName.Length == 0 || request.JobName.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new ArgumentException($"the job name '{request.JobName}' must be letters, digits, '-', '_' or '.'", nameof(request));
        if (request.LogFolder.Contains('%') || request.LogFolder.Contains('\\'))
            throw new ArgumentException($"the log folder '{request.LogFolder}' holds '%' or '\\', which Slurm reads as a pattern", nameof(request));
        var r = request.Resources;
        if (r.CoresPerTask < 1) throw new ArgumentException("cores per task must be at least 1", nameof(request));
        if (r.MemoryMb is < 1) throw new ArgumentException("memory per task must be at least 1 MB", nameof(request));
        if (r.Parallelism is < 1) throw new ArgumentException("array parallelism must be at least 1", nameof(request));
        if (r.TimeLimit is TimeSpan t && t <= TimeSpan.Zero) throw new ArgumentException("the time limit must be positive", nameof(request));
    }

    private static void CreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SlurmException($"cannot create the job array's folder: {ex.Message}", folder, ex);
        }
    }

    private static void RequireJobId(string jobId)
    {
        if (jobId.Length == 0 || !jobId.All(char.IsAsciiDigit))
            throw new ArgumentException($"'{jobId}' is not a Slurm job id", nameof(jobId));
    }

    private static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
