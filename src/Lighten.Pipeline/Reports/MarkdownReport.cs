using System.Text;
using Lighten.Pipeline.Stages;

namespace Lighten.Pipeline.Reports;

/// <summary>
/// report.md: the guideline's Table 1 (stage, accuracy, init time, time per image) widened with size, MACs, memory and the
/// latency each decision compared; then the units, how the figures were obtained, the requirements and the decisions.
/// </summary>
public static class MarkdownReport
{
    /// <summary>The Markdown text of <paramref name="report"/>.</summary>
    public static string Render(PipelineReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var metric = report.Baseline.Figures!.Metric;
        var sb = new StringBuilder();
        sb.AppendLine($"# Lighten report: {report.Model} ({report.Task}) for target `{report.Target}`").AppendLine();
        if (report.RunBy is { } runBy) sb.AppendLine($"Run by {runBy}.").AppendLine();
        sb.AppendLine(ReportFormat.Summary(report) + ".").AppendLine();
        sb.AppendLine(ReportFormat.StopNote(report)).AppendLine();
        foreach (var failure in ReportFormat.Failures(report)) sb.AppendLine($"⚠ {failure}").AppendLine();
        sb.AppendLine(Table(report, metric)).AppendLine();
        sb.AppendLine(FigureLegend.Units).AppendLine();
        sb.AppendLine("## How the figures were obtained").AppendLine();
        foreach (var e in FigureLegend.Of(report)) sb.AppendLine($"- {e.Describe()}");
        sb.AppendLine().AppendLine("## Requirements (final model)").AppendLine();
        if (report.FinalRequirements.Count == 0) sb.AppendLine("- none set");
        foreach (var r in report.FinalRequirements) sb.AppendLine($"- {(r.Met ? "✅" : "❌")} {r.Describe()}");
        if (report.Guards.Count > 0)
        {
            sb.AppendLine().AppendLine("## Accuracy guards").AppendLine();
            foreach (var g in report.Guards) sb.AppendLine($"- {(g.Met(report.BaselineScore) ? "✅" : "❌")} {g.Describe(report.BaselineScore)}");
        }
        sb.AppendLine().AppendLine("## Decisions").AppendLine();
        foreach (var s in report.Stages)
        {
            sb.AppendLine($"### {ReportFormat.Label(s)}: {s.Decision.ToString().ToLowerInvariant()}").AppendLine();
            sb.AppendLine(s.Reason).AppendLine();
            if (s.DecisionLatency is { } latency) sb.AppendLine($"- decided on latency: {latency.Describe()}");
            foreach (var d in ReportFormat.FoldedDetails(s)) sb.AppendLine($"- {d}");
            foreach (var r in s.Requirements.Where(r => !r.Met)) sb.AppendLine($"- requirement not met here: {r.Describe()}");
            if (s.Artifact is not null) sb.AppendLine($"- artifact `{s.Artifact}`, SHA-256 `{s.Sha256}`, {ReportFormat.N(s.Seconds, 0)} s");
            sb.AppendLine();
        }
        return sb.ToString();
    }

    /// <summary>The stage table alone.</summary>
    public static string Table(PipelineReport report, string metric)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var headers = ReportFormat.Headers(metric);
        sb.AppendLine("| stage | " + string.Join(" | ", headers) + " |");
        sb.AppendLine("|---|" + string.Concat(headers.Select(_ => "---|")));
        foreach (var s in report.Stages)
            sb.AppendLine($"| {ReportFormat.Label(s)} | " + string.Join(" | ", ReportFormat.Cells(s)) + " |");
        return sb.ToString().TrimEnd();
    }
}
