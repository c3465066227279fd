namespace Lighten.Pipeline.Trials;

/// <summary>A trial as the run's journal records it, so that <c>--resume</c> polls a job still running instead of starting it again.</summary>
/// <param name="Id">The trial's id (<see cref="TrialSpec.Id"/>).</param>
/// <param name="Index">Its index in the step's spec file.</param>
/// <param name="Label">Its label.</param>
/// <param name="EngineJobId">The engine's job id (PID, Slurm "1234_5"); "" when none was started.</param>
/// <param name="State">The last state seen.</param>
/// <param name="Reason">Why it failed, or null.</param>
/// <param name="Seconds">How long a finished trial ran (<see cref="TrialResult.Seconds"/>), or null.</param>
public sealed record TrialRecord(string Id, int Index, string Label, string EngineJobId, TrialStatus State, string? Reason = null, double? Seconds = null);
