using System.Net;
using System.Text;

namespace Lighten.Pipeline.Reports;

/// <summary>report.html: one self-contained page (no network) with the table, the accuracy-against-latency chart and per-layer MACs of the baseline against the final model.</summary>
public static class HtmlReport
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}
        table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}
        td:first-child,th:first-child,td:nth-child(2){text-align:left}tr.kept{background:#eef8ee}tr.rejected{background:#fbeeee}tr.skipped{color:#888}tr.failed{color:#b00}
        .axis{stroke:#444}.limit{stroke:#c33;stroke-dasharray:5 4}.limitText{fill:#c33;font-size:11px}.tick{font-size:10px;fill:#555}
        .label{font-size:12px}.kept{fill:#2a7}.rejected{fill:#d55}.path{fill:none;stroke:#2a7;stroke-width:1.5}.bar{fill:#58a}.deconv{fill:#e93}p.failed{color:#b00}
        li.ok::marker{content:'✔ '}li.fail::marker{content:'✘ '}li.fail{color:#c33}
        """;

    /// <summary>The HTML page of <paramref name="report"/>.</summary>
    public static string Render(PipelineReport report)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var metric = report.Baseline.Figures!.Metric;
        var sb = new StringBuilder();
        sb.Append($"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Lighten report: {E(report.Model)}</title><style>{Style}</style></head><body>");
        sb.Append($"<h1>{E(report.Model)} ({E(report.Task)}) for target <code>{E(report.Target)}</code></h1>");
        sb.Append($"<p>{E(ReportFormat.Summary(report))}.</p><p>{E(ReportFormat.StopNote(report))}</p>");
        foreach (var failure in ReportFormat.Failures(report)) sb.Append($"<p class='failed'>⚠ {E(failure)}</p>");
        sb.Append("<table><tr><th>stage</th>");
        foreach (var h in ReportFormat.Headers(metric)) sb.Append($"<th>{E(h)}</th>");
        sb.Append("</tr>");
        foreach (var s in report.Stages)
        {
            sb.Append($"<tr class='{s.Decision.ToString().ToLowerInvariant()}' title='{E(s.Reason)}'><td>{E(ReportFormat.Label(s))}</td>");
            foreach (var c in ReportFormat.Cells(s)) sb.Append($"<td>{E(c)}</td>");
            sb.Append("</tr>");
        }
        sb.Append("</table><h2>Requirements (final model)</h2><ul>");
        foreach (var r in report.FinalRequirements) sb.Append($"<li class='{(r.Met ? "ok" : "fail")}'>{E(r.Describe())}</li>");
        sb.Append("</ul><h2>Accuracy against latency</h2>").Append(SvgCharts.AccuracyVsLatency(report));
        sb.Append("<h2>Per-layer MACs, baseline against final</h2><p>One bar per costed layer in graph order, same scale; ConvTranspose in orange.</p>").Append(SvgCharts.LayerMacs(report));
        sb.Append("<h2>Decisions</h2>");
        foreach (var s in report.Stages)
        {
            sb.Append($"<h3>{E(ReportFormat.Label(s))}: {s.Decision.ToString().ToLowerInvariant()}</h3><p>{E(s.Reason)}</p><ul>");
            foreach (var d in s.Details) sb.Append($"<li>{E(d)}</li>");
            sb.Append("</ul>");
        }
        return sb.Append("</body></html>").ToString();
    }
}
