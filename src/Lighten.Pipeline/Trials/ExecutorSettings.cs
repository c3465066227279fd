namespace Lighten.Pipeline.Trials;

/// <summary>
/// The pipeline file's <c>executor:</c> section: where a step's trials run. <c>inprocess</c> (default) runs them one
/// after another in this process; <c>local</c> in up to <see cref="Parallel"/> child processes; <c>slurm</c> as a job
/// array on <see cref="Partition"/>, each task with <see cref="Cores"/>, <see cref="MemoryMb"/> and <see cref="TimeLimit"/>,
/// at most <see cref="ArrayParallelism"/> at once, writing under <see cref="SharedDir"/>.
/// </summary>
public sealed record ExecutorSettings
{
    /// <summary>The executor kinds a pipeline file may name.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["inprocess", "local", "slurm"];

    /// <summary>inprocess, local or slurm.</summary>
    public string Kind { get; init; } = "inprocess";

    /// <summary>local: child processes at once.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>slurm: the partition (null: the cluster's default).</summary>
    public string? Partition { get; init; }

    /// <summary>Cores of each trial (its pinned thread count unless the pipeline sets <c>threads</c>); null: the pipeline's threads, else this machine's physical cores.</summary>
    public int? Cores { get; init; }

    /// <summary>slurm: memory of each trial in MB (null: the partition's default).</summary>
    public int? MemoryMb { get; init; }

    /// <summary>slurm: wall-time limit of each trial (null: the partition's default).</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>slurm: array tasks running at once (<c>--array=0-N%P</c>; null: no limit).</summary>
    public int? ArrayParallelism { get; init; }

    /// <summary>slurm: a folder every node sees, holding the spec files and trial folders (absolute; null: the run's folder, which must then be shared).</summary>
    public string? SharedDir { get; init; }
}
