using System.Globalization;
using Lighten.Pipeline.Measure;
using Lighten.Pipeline.Stages;

namespace Lighten.Pipeline.Reports;

/// <summary>The report's columns, shared by the Markdown, HTML and console tables so they show the same figures.</summary>
public static class ReportFormat
{
    /// <summary>Column headers after the stage name (the guideline's Table 1 widened).</summary>
    public static IReadOnlyList<string> Headers(string metric) =>
        ["decision", metric + " (%)", "init (ms)", "time/image median (ms)", "p90 (ms)", "size (MB)", "MACs (M)", "params (M)", "peak memory (MB)", "target estimate (ms)", "precision", "decision latency"];

    /// <summary>The cells of a stage, matching <see cref="Headers"/>.</summary>
    public static IReadOnlyList<string> Cells(StageRecord s)
    {
        string decision = s.Decision.ToString().ToLowerInvariant() + (s.RequirementsFirstMet ? " ◆" : "");
        if (s.Figures is not StageFigures f) return [decision, "", "", "", "", "", "", "", "", "", "", ""];
        return [decision, N(f.Accuracy, 2), N(f.InitMs, 1), N(f.MedianMs, 2), N(f.P90Ms, 2), N(f.SizeMB, 2), N(f.Macs / 1e6, 1), N(f.Params / 1e6, 2),
            N(f.MemoryMB, 2), f.TargetMs is double t ? N(t, 1) : "n/a", f.Precision, s.DecisionLatency?.Short() ?? ""];
    }

    /// <summary>Detail lines shown per stage before the rest is folded into a count.</summary>
    public const int ShownDetails = 8;

    /// <summary>
    /// A stage's detail lines for a human reader: all of them up to <see cref="ShownDetails"/> + 2, else the first
    /// <see cref="ShownDetails"/> and "… and K more (report.json lists every one)". report.json keeps them all.
    /// </summary>
    public static IReadOnlyList<string> FoldedDetails(StageRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Details.Count <= ShownDetails + 2 ? s.Details
            : [.. s.Details.Take(ShownDetails), $"… and {s.Details.Count - ShownDetails} more (report.json lists every one)"];
    }

    /// <summary>A stage's label: "G2 factorize heavy convolutions".</summary>
    public static string Label(StageRecord s) => s.Id == BaselineStage.Id ? "baseline" : $"{s.Id} {s.Title}";

    /// <summary>Ratios of the final model against the baseline: "latency 6.1x lower, init 3.4x faster, accuracy −1.2 points".</summary>
    public static string Summary(PipelineReport report)
    {
        var b = report.Baseline.Figures!;
        var f = report.Final.Figures!;
        return $"final model ({Label(report.Final)}): per-image latency {N(b.MedianMs / f.MedianMs, 2)}x lower ({N(b.MedianMs, 2)} → {N(f.MedianMs, 2)} ms), " +
            $"initialization {N(b.InitMs / f.InitMs, 2)}x faster ({N(b.InitMs, 1)} → {N(f.InitMs, 1)} ms), " +
            $"{f.Metric} {N(b.Accuracy, 2)} → {N(f.Accuracy, 2)}% ({(f.Accuracy >= b.Accuracy ? "+" : "−")}{N(Math.Abs(f.Accuracy - b.Accuracy), 2)} points), " +
            $"size {N(b.SizeMB, 1)} → {N(f.SizeMB, 1)} MB, MACs {N(b.Macs / 1e6, 0)}M → {N(f.Macs / 1e6, 0)}M";
    }

    /// <summary>Where a run stopped or would have stopped.</summary>
    public static string StopNote(PipelineReport report) => report.RequirementsMetAfter is { } after
        ? report.StopWhenMet
            ? $"Every requirement held after {after}; the run stopped there (stop_when_met)."
            : $"Every requirement held after {after} (◆): a run with stop_when_met would have stopped there; the later stages ran to show the whole table."
        : "The requirements were never all met: see below which failed and by how much.";

    /// <summary>One line per failed stage: its reason (which names the step and the error), and that the run went on without it.</summary>
    public static IReadOnlyList<string> Failures(PipelineReport report) =>
        [.. report.Stages.Where(s => s.Decision == StageDecision.Failed).Select(s => $"{s.Reason.TrimEnd('.')}; the run went on from the model before it.")];

    /// <summary>A number, invariant culture.</summary>
    public static string N(double v, int decimals) => v.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
