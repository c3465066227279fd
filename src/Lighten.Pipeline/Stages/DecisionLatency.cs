using System.Globalization;

namespace Lighten.Pipeline.Stages;

/// <summary>Which latency a keep decision compared.</summary>
public enum LatencyBasis
{
    /// <summary>The two artifacts timed side by side in interleaved rounds on the host (<see cref="Lighten.Runtime.LatencyDuel"/>).</summary>
    SideBySide,

    /// <summary>The fastest timed run of each stage's own measurement on the host.</summary>
    FastestRun,

    /// <summary>The target profile's estimate.</summary>
    TargetEstimate,
}

/// <summary>
/// The latency figure a keep decision used, which the table's median and p90 columns do not show: the side-by-side ratio
/// of candidate to current with its spread over the rounds, or the two stages' fastest runs, or their target estimates.
/// </summary>
/// <param name="Basis">Which latency was compared.</param>
/// <param name="CurrentMs">The model before the step: its median in the side-by-side rounds, its fastest run, or its estimate (null: the target cannot run it).</param>
/// <param name="CandidateMs">The step's artifact, likewise.</param>
/// <param name="Ratio">Side by side: the median of the per-round candidate/current ratios.</param>
/// <param name="Low">Side by side: the lowest per-round ratio.</param>
/// <param name="High">Side by side: the highest per-round ratio.</param>
/// <param name="Rounds">Side by side: the number of rounds.</param>
public sealed record DecisionLatency(LatencyBasis Basis, double? CurrentMs, double? CandidateMs, double? Ratio = null, double? Low = null, double? High = null, int Rounds = 0)
{
    /// <summary>A short cell: "×0.62 (0.58–0.66) side by side", "9 → 3.6 ms fastest run", "30 → 12 ms target estimate".</summary>
    public string Short() => Basis == LatencyBasis.SideBySide
        ? $"×{R(Ratio)} ({R(Low)}–{R(High)}) side by side"
        : $"{Ms(CurrentMs)} → {Ms(CandidateMs)} ms {(Basis == LatencyBasis.FastestRun ? "fastest run" : "target estimate")}";

    /// <summary>One line: "side by side on the host: candidate/current 0.62 (rounds 0.58–0.66) over 6 rounds, median 1.01 → 0.63 ms".</summary>
    public string Describe() => Basis switch
    {
        LatencyBasis.SideBySide => $"side by side on the host: candidate/current {R(Ratio)} (rounds {R(Low)}–{R(High)}) over {Rounds} rounds, median {Ms(CurrentMs)} → {Ms(CandidateMs)} ms",
        LatencyBasis.FastestRun => $"fastest timed run on the host {Ms(CurrentMs)} → {Ms(CandidateMs)} ms",
        _ => $"target estimate {Ms(CurrentMs)} → {Ms(CandidateMs)} ms",
    };

    private static string R(double? v) => v is double x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    private static string Ms(double? v) => v is double x && double.IsFinite(x) ? x.ToString(Math.Abs(x) >= 100 ? "0.#" : "0.##", CultureInfo.InvariantCulture) : "n/a";
}
