namespace Lighten.Pipeline.Trials;

/// <summary>A trial's state as its engine sees it.</summary>
public enum TrialStatus
{
    /// <summary>Queued, not started.</summary>
    Pending,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Ended with success as the engine sees it (the done marker decides whether it really did).</summary>
    Finished,

    /// <summary>Ended with a failure: a non-zero exit, killed, out of time or memory, an exception.</summary>
    Failed,

    /// <summary>The engine no longer knows the job (Slurm forgets finished jobs): the done marker decides.</summary>
    Unknown,
}
