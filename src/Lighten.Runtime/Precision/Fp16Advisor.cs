using Lighten.Core;
using Lighten.Core.Targets;
using TargetPrecision = Lighten.Core.Targets.Precision;

namespace Lighten.Runtime.Precision;

/// <summary>
/// Decides whether FP16 pays off, as the guideline asks: only where the target runs FP16 and it is faster than FP32 there.
/// On the host both models run side by side in ONNX Runtime (interleaved rounds, so load changes hit both); for a target
/// profile the decision follows its FP16 support and its latency estimate.
/// </summary>
public static class Fp16Advisor
{
    /// <summary>FP16 must be at least this much (5%) faster on the host: run-to-run noise of whole-model medians reaches a few percent.</summary>
    public const double MinSpeedup = 1.05;

    /// <summary>Measures both graphs on this host (batch 1) and converts only when FP16 is faster by <see cref="MinSpeedup"/>.</summary>
    public static Fp16Decision MeasureOnHost(Graph fp32, Graph fp16, SessionOptionsSpec? session = null, int rounds = 5, int runsPerRound = 10)
    {
        if (rounds < 1 || runsPerRound < 1) throw new OptionException("rounds and runs must be at least 1");
        using var a = TemporaryModel.Write(fp32, "fp32");
        using var b = TemporaryModel.Write(fp16, "fp16");
        using var sa = ModelSession.Open(a.Path, session);
        using var sb = ModelSession.Open(b.Path, session);
        var samplesA = new List<double>();
        var samplesB = new List<double>();
        for (int r = 0; r < rounds; r++)
        {
            samplesA.AddRange(LatencyBenchmark.Measure(sa, 2, runsPerRound).SamplesMs);
            samplesB.AddRange(LatencyBenchmark.Measure(sb, 2, runsPerRound).SamplesMs);
        }
        double fp = LatencyStats.From(samplesA).Median, half = LatencyStats.From(samplesB).Median;
        bool faster = half * MinSpeedup <= fp;
        var reason = faster
            ? $"FP16 is {fp / half:F2}x faster on this host ({half:F3} ms vs {fp:F3} ms)"
            : $"FP16 is not faster on this host ({half:F3} ms vs {fp:F3} ms FP32)";
        return new Fp16Decision(faster, reason, fp, half);
    }

    /// <summary>
    /// The decision for a target that is not this host, from its profile: FP16 only when the target runs FP16 and its roofline
    /// estimate (<see cref="LatencyEstimator"/>, batch 1) of <paramref name="graph"/> in FP16 is below the FP32 one. Ops the
    /// target lacks in FP16 are estimated as FP32 islands (the conversion keeps them FP32); the Casts at their edges are not charged.
    /// </summary>
    public static Fp16Decision FromTarget(TargetProfile target, Graph graph)
    {
        if (!target.Runs(TargetPrecision.Fp16)) return new Fp16Decision(false, $"target '{target.Name}' runs no FP16");
        double fp = LatencyEstimator.Estimate(graph, target, TargetPrecision.Fp32)!.TotalMs;
        double half = LatencyEstimator.Estimate(graph, target, TargetPrecision.Fp16)!.TotalMs;
        bool faster = half < fp;
        var reason = faster
            ? $"FP16 is estimated {fp / half:F2}x faster on target '{target.Name}' ({half:F3} ms vs {fp:F3} ms)"
            : $"FP16 is not estimated faster on target '{target.Name}' ({half:F3} ms vs {fp:F3} ms FP32)";
        return new Fp16Decision(faster, reason, fp, half, Estimated: true);
    }
}
