using System.Text;
using Lighten.Pipeline.Stages;

namespace Lighten.Pipeline.Reports;

/// <summary>report.md: the guideline's Table 1 (stage, accuracy, init time, time per image) widened with size, MACs and memory, then decisions and requirements.</summary>
public static class MarkdownReport
{
    /// <summary>The Markdown text of <paramref name="report"/>.</summary>
    public static string Render(PipelineReport report)
    {
        var metric = report.Baseline.Figures!.Metric;
        var sb = new StringBuilder();
        sb.AppendLine($"# Lighten report: {report.Model} ({report.Task}) for target `{report.Target}`").AppendLine();
        sb.AppendLine(ReportFormat.Summary(report) + ".").AppendLine();
        sb.AppendLine(ReportFormat.StopNote(report)).AppendLine();
        foreach (var failure in ReportFormat.Failures(report)) sb.AppendLine($"⚠ {failure}").AppendLine();
        sb.AppendLine(Table(report, metric)).AppendLine();
        sb.AppendLine("All figures are measured on each stage's written ONNX artifact in ONNX Runtime (batch 1); the target estimate is the target profile's roofline.").AppendLine();
        sb.AppendLine("## Requirements (final model)").AppendLine();
        if (report.FinalRequirements.Count == 0) sb.AppendLine("- none set");
        foreach (var r in report.FinalRequirements) sb.AppendLine($"- {(r.Met ? "✅" : "❌")} {r.Describe()}");
        sb.AppendLine().AppendLine("## Decisions").AppendLine();
        foreach (var s in report.Stages)
        {
            sb.AppendLine($"### {ReportFormat.Label(s)}: {s.Decision.ToString().ToLowerInvariant()}").AppendLine();
            sb.AppendLine(s.Reason).AppendLine();
            foreach (var d in s.Details) sb.AppendLine($"- {d}");
            foreach (var r in s.Requirements.Where(r => !r.Met)) sb.AppendLine($"- requirement not met here: {r.Describe()}");
            if (s.Artifact is not null) sb.AppendLine($"- artifact `{s.Artifact}` (SHA-256 {s.Sha256![..16]}…), {ReportFormat.N(s.Seconds, 0)} s");
            sb.AppendLine();
        }
        return sb.ToString();
    }

    /// <summary>The stage table alone.</summary>
    public static string Table(PipelineReport report, string metric)
    {
        var sb = new StringBuilder();
        var headers = ReportFormat.Headers(metric);
        sb.AppendLine("| stage | " + string.Join(" | ", headers) + " |");
        sb.AppendLine("|---|" + string.Concat(headers.Select(_ => "---|")));
        foreach (var s in report.Stages)
            sb.AppendLine($"| {ReportFormat.Label(s)} | " + string.Join(" | ", ReportFormat.Cells(s)) + " |");
        return sb.ToString().TrimEnd();
    }
}
