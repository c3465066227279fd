using System.Globalization;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Judging;
using Lighten.Pipeline.Measure;

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

    /// <summary>Decides on <paramref name="candidate"/> against <paramref name="current"/>.</summary>
    public static (StageDecision Decision, string Reason) Decide(Requirements r, StageFigures baseline, StageFigures current, StageFigures candidate)
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
        double lat0 = DecisionLatency(r, current), lat1 = DecisionLatency(r, candidate);
        string where = r.LatencyOn == LatencySource.Host ? "host fastest-run" : "target";
        if (Gain(lat0, lat1) >= MinGain) gains.Add($"{where} latency {F(lat0)} → {F(lat1)} ms (−{Pct(Gain(lat0, lat1))})");
        if (Gain(current.SizeBytes, candidate.SizeBytes) >= MinGain) gains.Add($"size {F(current.SizeMB)} → {F(candidate.SizeMB)} MB (−{Pct(Gain(current.SizeBytes, candidate.SizeBytes))})");
        if (r.MaxMemoryMB is not null && Gain(current.PeakMemoryBytes, candidate.PeakMemoryBytes) >= MinGain)
            gains.Add($"peak memory {F(current.MemoryMB)} → {F(candidate.MemoryMB)} MB");
        if (HasLatencyRequirement(r) && Gain(lat0, lat1) < -MinGain)
            return (StageDecision.Rejected, $"slower: {where} latency {F(lat0)} → {F(lat1)} ms, though " + (gains.Count > 0 ? string.Join(", ", gains) : "nothing else improved"));
        if (gains.Count == 0)
            return (StageDecision.Rejected, $"does not help: {where} latency {F(lat0)} → {F(lat1)} ms, size {F(current.SizeMB)} → {F(candidate.SizeMB)} MB (needs a {Pct(MinGain)} gain)");
        return (StageDecision.Kept, "helps: " + string.Join(", ", gains) + $"; accuracy {F(current.Accuracy)} → {F(candidate.Accuracy)}%");
    }

    private static bool IsAccuracy(RequirementResult x) => x.Name.StartsWith("accuracy", StringComparison.Ordinal);

    /// <summary>The latency a keep decision compares: on the host the fastest timed run (medians swing with other load on a shared machine), else the target estimate.</summary>
    public static double DecisionLatency(Requirements r, StageFigures f) =>
        r.LatencyOn == LatencySource.Host ? f.MinMs : f.TargetMs ?? double.PositiveInfinity;

    private static bool HasLatencyRequirement(Requirements r) => r.MaxLatencyMs is not null || r.MaxLatencyRatio is not null;

    private static double Gain(double before, double after) =>
        double.IsFinite(before) && before > 0 ? 1 - after / before : double.IsFinite(after) ? 1 : 0;

    private static string Pct(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string F(double v) => v.ToString(Math.Abs(v) >= 100 ? "0.#" : "0.##", CultureInfo.InvariantCulture);
}
