using System.Globalization;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Judging;
using Lighten.Pipeline.Measure;
using Lighten.Runtime;

namespace Lighten.Pipeline.Stages;

/// <summary>
/// Keeps a step only if it helps, by these rules in order:
/// <list type="number">
/// <item>A requirement the model before the step met must still hold (accuracy, latency, size, peak memory): a step
/// never makes a met requirement fail.</item>
/// <item>An accuracy requirement that already failed may not get worse by more than <see cref="AccuracyTolerance"/>
/// points (one fine-tune's noise on a small validation set).</item>
/// <item>With a latency requirement, a step more than <see cref="MinGain"/> slower (by the decision latency) is rejected,
/// whatever else it gains.</item>
/// <item>It must gain at least <see cref="MinGain"/> in latency or file size — what a deployment pays for, counted whether
/// or not a requirement names them — or in peak activation memory when <c>max_memory_mb</c> is set (a static estimate,
/// so it counts only when asked for).</item>
/// </list>
/// </summary>
public static class StepJudge
{
    /// <summary>The smallest relative gain that counts (below it a host timing can be noise).</summary>
    public const double MinGain = 0.05;

    /// <summary>How many points an accuracy requirement that already fails may lose further.</summary>
    public const double AccuracyTolerance = 0.5;

    /// <summary>
    /// Decides on <paramref name="candidate"/> against <paramref name="current"/>. With <paramref name="sideBySide"/> (the
    /// two artifacts timed in interleaved rounds in one process, latency on the host) latency counts as gained or lost
    /// only when every round agrees beyond <see cref="MinGain"/>, so the same models give the same decision on a loaded
    /// and an idle machine; without it the fastest runs of the two stages' own measurements are compared.
    /// </summary>
    public static (StageDecision Decision, string Reason) Decide(Requirements r, StageFigures baseline, StageFigures current, StageFigures candidate, LatencyDuel? sideBySide = null)
    {
        var before = RequirementCheck.Judge(r, baseline, current);
        var after = RequirementCheck.Judge(r, baseline, candidate);
        for (int i = 0; i < after.Count; i++)
        {
            if (after[i].Met) continue;
            if (before[i].Met)
                return (StageDecision.Rejected, $"breaks a requirement the model before it met: {after[i].Describe()}");
            if (IsAccuracy(after[i]) && candidate.Accuracy < current.Accuracy - AccuracyTolerance)
                return (StageDecision.Rejected, $"accuracy {F(current.Accuracy)} → {F(candidate.Accuracy)}% worsens a failed requirement by more than {F(AccuracyTolerance)} points: {after[i].Describe()}");
        }

        var gains = new List<string>();
        var (latency, verdict) = CompareLatency(r, current, candidate, sideBySide);
        if (verdict == DuelVerdict.Faster) gains.Add(latency);
        if (Gain(current.SizeBytes, candidate.SizeBytes) >= MinGain) gains.Add($"size {F(current.SizeMB)} → {F(candidate.SizeMB)} MB (−{Pct(Gain(current.SizeBytes, candidate.SizeBytes))})");
        if (r.MaxMemoryMB is not null && Gain(current.PeakMemoryBytes, candidate.PeakMemoryBytes) >= MinGain)
            gains.Add($"peak memory {F(current.MemoryMB)} → {F(candidate.MemoryMB)} MB");
        if (HasLatencyRequirement(r) && verdict == DuelVerdict.Slower)
            return (StageDecision.Rejected, $"slower: {latency}, though " + (gains.Count > 0 ? string.Join(", ", gains) : "nothing else improved"));
        if (gains.Count == 0)
            return (StageDecision.Rejected, $"does not help: {latency}{(verdict == DuelVerdict.WithinNoise && sideBySide is not null ? " (within noise)" : "")}, size {F(current.SizeMB)} → {F(candidate.SizeMB)} MB (needs a {Pct(MinGain)} gain)");
        return (StageDecision.Kept, "helps: " + string.Join(", ", gains) + $"; accuracy {F(current.Accuracy)} → {F(candidate.Accuracy)}%");
    }

    private static bool IsAccuracy(RequirementResult x) => x.Name.StartsWith("accuracy", StringComparison.Ordinal);

    /// <summary>The latency line of a decision and whether the candidate is faster, slower or neither by <see cref="MinGain"/>.</summary>
    private static (string Line, DuelVerdict Verdict) CompareLatency(Requirements r, StageFigures current, StageFigures candidate, LatencyDuel? sideBySide)
    {
        if (r.LatencyOn == LatencySource.Host && sideBySide is { } duel)
            return ($"host latency {duel}", duel.Verdict(MinGain));
        double lat0 = DecisionLatency(r, current), lat1 = DecisionLatency(r, candidate);
        double gain = Gain(lat0, lat1);
        string line = $"{(r.LatencyOn == LatencySource.Host ? "host fastest-run" : "target")} latency {F(lat0)} → {F(lat1)} ms" + (gain >= MinGain ? $" (−{Pct(gain)})" : "");
        return (line, gain >= MinGain ? DuelVerdict.Faster : gain < -MinGain ? DuelVerdict.Slower : DuelVerdict.WithinNoise);
    }

    /// <summary>
    /// The latency figure <see cref="Decide"/> compares for these arguments: the side-by-side duel when given and latency is
    /// on the host, else the fastest runs (host) or the target estimates.
    /// </summary>
    public static DecisionLatency Figure(Requirements r, StageFigures current, StageFigures candidate, LatencyDuel? sideBySide = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(candidate);
        if (r.LatencyOn == LatencySource.Host && sideBySide is { } duel)
            return new DecisionLatency(LatencyBasis.SideBySide, duel.MedianAMs, duel.MedianBMs, duel.Ratio, duel.Low, duel.High, duel.Ratios.Count);
        return r.LatencyOn == LatencySource.Host
            ? new DecisionLatency(LatencyBasis.FastestRun, current.MinMs, candidate.MinMs)
            : new DecisionLatency(LatencyBasis.TargetEstimate, current.TargetMs, candidate.TargetMs);
    }

    /// <summary>The latency a keep decision compares: on the host the fastest timed run (medians swing with other load on a shared machine), else the target estimate.</summary>
    public static double DecisionLatency(Requirements r, StageFigures f) =>
        r.LatencyOn == LatencySource.Host ? f.MinMs : f.TargetMs ?? double.PositiveInfinity;

    private static bool HasLatencyRequirement(Requirements r) => r.MaxLatencyMs is not null || r.MaxLatencyRatio is not null;

    private static double Gain(double before, double after) =>
        double.IsFinite(before) && before > 0 ? 1 - after / before : double.IsFinite(after) ? 1 : 0;

    private static string Pct(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string F(double v) => v.ToString(Math.Abs(v) >= 100 ? "0.#" : "0.##", CultureInfo.InvariantCulture);
}
