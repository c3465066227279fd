namespace Lighten.Runtime;

/// <summary>What a side-by-side timing of two models says about the second against the first.</summary>
public enum DuelVerdict
{
    /// <summary>The second is faster by the threshold, beyond the spread of the rounds.</summary>
    Faster,

    /// <summary>The second is slower by the threshold, beyond the spread of the rounds.</summary>
    Slower,

    /// <summary>Neither: the difference is below the threshold or inside the rounds' spread.</summary>
    WithinNoise,
}

/// <summary>
/// Two models timed side by side in interleaved rounds (A then B, B then A, ...), one process and the same moment, so
/// that other load on the machine slows both alike; each round gives the ratio of B's median run to A's.
/// </summary>
/// <param name="Ratios">B/A per round, in round order.</param>
/// <param name="MedianAMs">A's median over every timed run.</param>
/// <param name="MedianBMs">B's median over every timed run.</param>
public sealed record LatencyDuel(IReadOnlyList<double> Ratios, double MedianAMs, double MedianBMs)
{
    /// <summary>The median of the per-round ratios (below 1: B is faster).</summary>
    public double Ratio => Statistics.Median([.. Ratios.Order()]);

    /// <summary>The smallest per-round ratio.</summary>
    public double Low => Ratios.Min();

    /// <summary>The largest per-round ratio.</summary>
    public double High => Ratios.Max();

    /// <summary>
    /// <see cref="DuelVerdict.Faster"/> when every round has B at least <paramref name="threshold"/> faster (the highest
    /// ratio at most 1 − threshold), <see cref="DuelVerdict.Slower"/> when every round has it that much slower, else
    /// <see cref="DuelVerdict.WithinNoise"/>: a gain must clear the threshold beyond the spread of the rounds.
    /// </summary>
    public DuelVerdict Verdict(double threshold) =>
        High <= 1 - threshold ? DuelVerdict.Faster : Low >= 1 + threshold ? DuelVerdict.Slower : DuelVerdict.WithinNoise;

    /// <summary>One line: "B/A 0.62 (rounds 0.60–0.65), 12.1 → 7.5 ms median".</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"side by side {Ratio:0.00}x (rounds {Low:0.00}–{High:0.00}), median {MedianAMs:0.###} → {MedianBMs:0.###} ms");

    /// <summary>The shortest round, in ms, that the pipeline and <c>lighten fp16</c> time: fast models get more runs per round.</summary>
    public const double SteadyRoundMs = 150;

    /// <summary>
    /// Times <paramref name="pathA"/> and <paramref name="pathB"/> in <paramref name="rounds"/> interleaved rounds of at
    /// least <paramref name="runsPerRound"/> runs each (batch 1), more when a round of the slower model would take less
    /// than <paramref name="minRoundMs"/>.
    /// </summary>
    /// <exception cref="SessionException">ONNX Runtime cannot load or run a model.</exception>
    public static LatencyDuel Run(string pathA, string pathB, SessionOptionsSpec? session = null, int rounds = 6, int runsPerRound = 10, double minRoundMs = 0)
    {
        if (rounds < 2 || runsPerRound < 1) throw new Lighten.Core.OptionException("a duel needs at least 2 rounds of at least 1 run");
        // Two sessions whose idle threads spin steal the cores from each other's runs: a MobileNetV2 pose model timed
        // 7.2 ms beside a spinning ResNet-50 session and 2.35 ms alone on an idle 2-core machine.
        var quiet = (session ?? new SessionOptionsSpec()) with { AllowSpinning = false };
        using var a = ModelSession.Open(pathA, quiet);
        using var b = ModelSession.Open(pathB, quiet);
        var warmA = LatencyBenchmark.Measure(a, 3, 3);
        var warmB = LatencyBenchmark.Measure(b, 3, 3);
        // A round of a few millisecond-long runs is at the mercy of one scheduler hiccup: rounds of a model that fast
        // (measured 0.18 to 1.12 for one pair on an idle machine) are lengthened to minRoundMs.
        double slower = Math.Max(warmA.LatencyMs.Median, warmB.LatencyMs.Median);
        if (slower > 0 && minRoundMs > 0) runsPerRound = Math.Clamp((int)Math.Ceiling(minRoundMs / slower), runsPerRound, 1000);
        var ratios = new List<double>();
        var all = (A: new List<double>(), B: new List<double>());
        for (int r = 0; r < rounds; r++)
        {
            // Alternating the order cancels a drift within the round (a core clocking up, a cache warming).
            var (first, second) = r % 2 == 0 ? (a, b) : (b, a);
            var x = LatencyBenchmark.Measure(first, 1, runsPerRound);
            var y = LatencyBenchmark.Measure(second, 1, runsPerRound);
            var (ra, rb) = r % 2 == 0 ? (x, y) : (y, x);
            all.A.AddRange(ra.SamplesMs);
            all.B.AddRange(rb.SamplesMs);
            ratios.Add(rb.LatencyMs.Median / ra.LatencyMs.Median);
        }
        return new LatencyDuel(ratios, Statistics.Median([.. all.A.Order()]), Statistics.Median([.. all.B.Order()]));
    }
}
