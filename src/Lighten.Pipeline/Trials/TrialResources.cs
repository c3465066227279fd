namespace Lighten.Pipeline.Trials;

/// <summary>What one trial may use: cores (also its pinned thread count), memory and wall time.</summary>
/// <param name="Cores">CPU cores; the trial trains and evaluates with exactly this many threads.</param>
/// <param name="MemoryMb">Memory in MB, or null for the engine's default.</param>
/// <param name="TimeLimit">Wall-time limit, or null for none (the engine's default).</param>
public sealed record TrialResources(int Cores, int? MemoryMb = null, TimeSpan? TimeLimit = null);
