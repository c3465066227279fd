namespace Lighten.Pipeline.Trials;

/// <summary>One trial's state as <see cref="ITrialExecutor.Poll"/> reports it.</summary>
/// <param name="Handle">The trial (with the engine's current job id).</param>
/// <param name="Status">What the engine says.</param>
/// <param name="Reason">Why it failed (exit code, signal, time limit), or null.</param>
public sealed record TrialState(TrialHandle Handle, TrialStatus Status, string? Reason = null);
