namespace Lighten.Pipeline.Trials.Slurm;

/// <summary>Where an array task is in its life, from Slurm's job state.</summary>
public enum SlurmPhase
{
    /// <summary>Waiting for resources (PENDING, CONFIGURING, REQUEUED, SUSPENDED and the like).</summary>
    Pending,

    /// <summary>Running (RUNNING, COMPLETING).</summary>
    Running,

    /// <summary>Ended with exit code 0 (COMPLETED).</summary>
    Finished,

    /// <summary>Ended otherwise (FAILED, CANCELLED, TIMEOUT, NODE_FAIL, OUT_OF_MEMORY, PREEMPTED, BOOT_FAIL, DEADLINE).</summary>
    Failed,
}

/// <summary>One array task as <c>squeue</c> reports it.</summary>
/// <param name="JobId">The array's job id (what <c>sbatch</c> returned).</param>
/// <param name="TaskId">The task's array index.</param>
/// <param name="State">Slurm's job state, e.g. <c>RUNNING</c> or <c>TIMEOUT</c>.</param>
/// <param name="Phase">The state mapped to a phase.</param>
/// <param name="Reason">For a failed task, why: the state, Slurm's reason and the exit code or signal; otherwise null.</param>
public sealed record SlurmTask(string JobId, int TaskId, string State, SlurmPhase Phase, string? Reason)
{
    /// <summary>The task's id for <c>scancel</c>: <c>JOBID_TASK</c>.</summary>
    public string Id => $"{JobId}_{TaskId}";
}
