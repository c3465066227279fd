using Lighten.Core;
using Lighten.Core.Targets;

namespace Lighten.Runtime.Fp16;

/// <summary>
/// Decides whether FP16 pays off, as the guideline asks: only where the target runs FP16 and it is faster than FP32 there.
/// On the host both models run side by side in ONNX Runtime (interleaved rounds, so load changes hit both); for a target
/// profile the decision follows its FP16 support and its latency estimate.
/// </summary>
public static class Fp16Advisor
{
    /// <summary>FP16 must be at least this much (5%) faster on the host in every round: run-to-run noise of whole-model medians reaches a few percent.</summary>
    public const double MinGain = 0.05;

    /// <summary>
    /// Times both graphs on this host side by side (<see cref="LatencyDuel"/>, batch 1) and converts only when every
    /// interleaved round has FP16 at least <see cref="MinGain"/> faster.
    /// </summary>
    public static Fp16Decision MeasureOnHost(Graph fp32, Graph fp16, SessionOptionsSpec? session = null, int rounds = 6, int runsPerRound = 10)
    {
        if (rounds < 2 || runsPerRound < 1) throw new OptionException("FP16 timing needs at least 2 rounds of at least 1 run");
        using var a = TemporaryModel.Write(fp32, "fp32");
        using var b = TemporaryModel.Write(fp16, "fp16");
        var duel = LatencyDuel.Run(a.Path, b.Path, session, rounds, runsPerRound, LatencyDuel.SteadyRoundMs);
        double fp = duel.MedianAMs, half = duel.MedianBMs;
        var verdict = duel.Verdict(MinGain);
        var reason = verdict == DuelVerdict.Faster
            ? $"FP16 is {1 / duel.Ratio:F2}x faster on this host ({half:F3} ms vs {fp:F3} ms; {duel})"
            : $"FP16 is not faster on this host ({half:F3} ms vs {fp:F3} ms FP32; {duel}{(verdict == DuelVerdict.WithinNoise ? ", within noise" : "")})";
        return new Fp16Decision(verdict == DuelVerdict.Faster, reason, fp, half);
    }

    /// <summary>
    /// The decision for a target that is not this host, from its profile: FP16 only when the target runs FP16 and its roofline
    /// estimate (<see cref="LatencyEstimator"/>, batch 1) of <paramref name="graph"/> in FP16 is below the FP32 one. Ops the
    /// target lacks in FP16 are estimated as FP32 islands (the conversion keeps them FP32); the Casts at their edges are not charged.
    /// </summary>
    public static Fp16Decision FromTarget(TargetProfile target, Graph graph)
    {
        if (!target.Runs(Precision.Fp16)) return new Fp16Decision(false, $"target '{target.Name}' runs no FP16");
        double fp = LatencyEstimator.Estimate(graph, target, Precision.Fp32)!.TotalMs;
        double half = LatencyEstimator.Estimate(graph, target, Precision.Fp16)!.TotalMs;
        bool faster = half < fp;
        var reason = faster
            ? $"FP16 is estimated {fp / half:F2}x faster on target '{target.Name}' ({half:F3} ms vs {fp:F3} ms)"
            : $"FP16 is not estimated faster on target '{target.Name}' ({half:F3} ms vs {fp:F3} ms FP32)";
        return new Fp16Decision(faster, reason, fp, half, Estimated: true);
    }
}
