namespace Lighten.Pipeline.Trials.Slurm;

/// <summary>
/// One job array for <see cref="SlurmClient.Submit"/>: every task runs <see cref="Command"/> with its array index, in
/// <see cref="WorkingDirectory"/>. Slurm writes each task's output to <c>LogFolder/INDEX/trial.log</c>; a task listed in
/// <see cref="TaskLogs"/> sends its command's output to that file instead (appending), and Slurm's own messages stay in
/// the former.
/// </summary>
/// <param name="JobName">The job's name in <c>squeue</c> (<c>--job-name</c>).</param>
/// <param name="Command">
/// The program and its arguments, run without a shell; an argument equal to <see cref="TaskIndex"/> becomes the task's
/// array index (<c>$SLURM_ARRAY_TASK_ID</c>).
/// </param>
/// <param name="Indexes">The array indexes (distinct, 0 or more), one task each.</param>
/// <param name="ScriptFolder">Where the batch script is written: a folder the nodes share.</param>
/// <param name="LogFolder">The folder under which each task's <c>INDEX/trial.log</c> is written: a folder the nodes share.</param>
/// <param name="WorkingDirectory">The tasks' working directory (<c>--chdir</c>).</param>
/// <param name="Resources">Partition, cores, memory, time limit and how many tasks run at once.</param>
/// <param name="TaskLogs">The log file of each task's command by index, when it is not Slurm's (null: Slurm's for all).</param>
public sealed record SlurmArrayRequest(
    string JobName,
    IReadOnlyList<string> Command,
    IReadOnlyList<int> Indexes,
    string ScriptFolder,
    string LogFolder,
    string WorkingDirectory,
    SlurmResources Resources,
    IReadOnlyDictionary<int, string>? TaskLogs = null)
{
    /// <summary>The argument that stands for the task's array index in <see cref="Command"/>.</summary>
    public const string TaskIndex = "{task}";

    /// <summary>Each task's log file, relative to <see cref="LogFolder"/>, with <c>%a</c> for the array index.</summary>
    public const string LogPattern = "%a/trial.log";
}

/// <summary>What each array task asks of the cluster.</summary>
/// <param name="Partition">The partition (<c>--partition</c>); null for the cluster's default.</param>
/// <param name="CoresPerTask">Cores per task (<c>--cpus-per-task</c>).</param>
/// <param name="MemoryMb">Memory per task in MB (<c>--mem</c>); null for the cluster's default.</param>
/// <param name="TimeLimit">Wall time per task (<c>--time</c>; Slurm rounds up to whole minutes); null for the partition's.</param>
/// <param name="Parallelism">How many tasks of the array run at once (<c>%P</c>); null for no limit.</param>
public sealed record SlurmResources(
    string? Partition = null,
    int CoresPerTask = 1,
    int? MemoryMb = null,
    TimeSpan? TimeLimit = null,
    int? Parallelism = null);
