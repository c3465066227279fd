namespace Lighten.Pipeline.Trials;

/// <summary>A trial started by an <see cref="ITrialExecutor"/>.</summary>
/// <param name="Index">The trial's index in its spec file.</param>
/// <param name="EngineJobId">The engine's id of the job running it: a PID, a Slurm array task "1234_5", a pod name.</param>
public sealed record TrialHandle(int Index, string EngineJobId);
