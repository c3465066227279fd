namespace Lighten.Pipeline.Trials;

/// <summary>
/// Runs the trials of a spec file (<see cref="TrialSpecFile"/>) somewhere: in this process, in child processes, on a
/// cluster. An executor only starts, watches and stops trials; a trial's result comes back through the files it writes
/// in its output folder, judged by <see cref="TrialWaiter"/> with the <see cref="DoneMarker"/> as the truth.
/// </summary>
public interface ITrialExecutor
{
    /// <summary>The executor's kind as the pipeline file names it: "inprocess", "local", "slurm".</summary>
    string Kind { get; }

    /// <summary>
    /// Starts the trials at <paramref name="indexes"/> of <paramref name="specFile"/>; returns one handle per index, in
    /// the same order, carrying the engine's job id (a PID, a Slurm "1234_5", …).
    /// </summary>
    IReadOnlyList<TrialHandle> Submit(string specFile, IReadOnlyList<int> indexes, CancellationToken cancellationToken);

    /// <summary>
    /// The engine's view of each handle, in the same order. A state's <see cref="TrialState.Handle"/> may carry a newer
    /// engine job id than the one polled (a queued trial that has started since).
    /// </summary>
    IReadOnlyList<TrialState> Poll(IReadOnlyList<TrialHandle> handles);

    /// <summary>Stops the trials of <paramref name="handles"/> that still run (their processes, jobs or pods).</summary>
    void Cancel(IReadOnlyList<TrialHandle> handles);
}
