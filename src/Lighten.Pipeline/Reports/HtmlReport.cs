using System.Net;
using System.Text;
using Lighten.Pipeline.Stages;

namespace Lighten.Pipeline.Reports;

/// <summary>
/// report.html: one self-contained page (no network: styles and SVG charts inline) with what report.md has — the table
/// (scrolling inside its box in a narrow window) under a legend of the decisions, units, how the figures were obtained,
/// requirements, the artifacts with their SHA-256 and the decisions — plus the accuracy-against-latency chart and the
/// per-layer MACs of the baseline and the final model.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2em auto;padding:0 1em;color:#222;max-width:1100px}
        .scroll{overflow-x:auto;max-width:100%;border:1px solid #ddd}
        table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right;white-space:nowrap}
        td:first-child,th:first-child,td:nth-child(2){text-align:left}th{background:#f4f4f4}
        .kept{background:#eef8ee}.rejected{background:#fbeeee}.skipped{color:#888}.failed{color:#b00}
        .legend span{display:inline-block;padding:1px 8px;margin-right:6px;border:1px solid #ccc;font-size:13px}
        table.artifacts td{text-align:left}code{font-size:12px}svg{max-width:100%;height:auto}
        li.ok::marker{content:'✔ '}li.fail::marker{content:'✘ '}li.fail{color:#c33}
        """;

    /// <summary>The HTML page of <paramref name="report"/>.</summary>
    public static string Render(PipelineReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var metric = report.Baseline.Figures!.Metric;
        var sb = new StringBuilder();
        sb.Append($"<!DOCTYPE html>\n<html><head><meta charset='utf-8'><meta name='viewport' content='width=device-width,initial-scale=1'><title>Lighten report: {E(report.Model)}</title><style>{Style}</style></head><body>\n");
        sb.Append($"<h1>{E(report.Model)} ({E(report.Task)}) for target <code>{E(report.Target)}</code></h1>\n");
        if (report.RunBy is { } runBy) sb.Append($"<p>Run by {E(runBy)}.</p>\n");
        sb.Append($"<p>{E(ReportFormat.Summary(report))}.</p>\n<p>{E(ReportFormat.StopNote(report))}</p>\n");
        foreach (var failure in ReportFormat.Failures(report)) sb.Append($"<p class='failed'>⚠ {E(failure)}</p>\n");
        sb.Append("<p class='legend'>Decisions: <span class='kept'>kept</span><span class='rejected'>rejected</span><span class='skipped'>skipped</span><span class='failed'>failed</span>◆ every requirement first held here</p>\n");
        sb.Append("<div class='scroll'><table><tr><th>stage</th>");
        foreach (var h in ReportFormat.Headers(metric)) sb.Append($"<th>{E(h)}</th>");
        sb.Append("</tr>\n");
        foreach (var s in report.Stages)
        {
            sb.Append($"<tr class='{Word(s)}' title='{E(s.Reason)}'><td>{E(ReportFormat.Label(s))}</td>");
            foreach (var c in ReportFormat.Cells(s)) sb.Append($"<td>{E(c)}</td>");
            sb.Append("</tr>\n");
        }
        sb.Append($"</table></div>\n<p>{E(FigureLegend.Units)}</p>\n<h2>How the figures were obtained</h2>\n<ul>\n");
        foreach (var e in FigureLegend.Of(report)) sb.Append($"<li><b>{E(e.Figure)}</b> — {E(e.Origin.ToString().ToLowerInvariant())}: {E(e.How)}</li>\n");
        sb.Append("</ul>\n<h2>Requirements (final model)</h2>\n<ul>\n");
        if (report.FinalRequirements.Count == 0) sb.Append("<li>none set</li>\n");
        foreach (var r in report.FinalRequirements) sb.Append($"<li class='{(r.Met ? "ok" : "fail")}'>{E(r.Describe())}</li>\n");
        if (report.Guards.Count > 0)
        {
            sb.Append("</ul>\n<h2>Accuracy guards</h2>\n<ul>\n");
            foreach (var g in report.Guards) sb.Append($"<li class='{(g.Met(report.BaselineScore) ? "ok" : "fail")}'>{E(g.Describe(report.BaselineScore))}</li>\n");
        }
        sb.Append("</ul>\n<h2>Artifacts</h2>\n<div class='scroll'><table class='artifacts'><tr><th>stage</th><th>decision</th><th>artifact</th><th>SHA-256</th></tr>\n");
        foreach (var s in report.Stages.Where(s => s.Artifact is not null))
            sb.Append($"<tr><td>{E(ReportFormat.Label(s))}</td><td>{Word(s)}</td><td><code>{E(s.Artifact!)}</code></td><td><code>{E(s.Sha256 ?? "")}</code></td></tr>\n");
        sb.Append($"</table></div>\n<p>Final model: <code>{E(report.FinalModel)}</code> (the artifact of {E(report.FinalStage)}).</p>\n");
        sb.Append("<h2>Accuracy against latency</h2>\n").Append(SvgCharts.AccuracyVsLatency(report)).Append('\n');
        sb.Append("<h2>Per-layer MACs, baseline and final model</h2>\n<p>One bar per costed layer in graph order, both on the same scale; ConvTranspose in orange.</p>\n")
            .Append(SvgCharts.LayerMacs(report)).Append('\n');
        sb.Append("<h2>Decisions</h2>\n");
        foreach (var s in report.Stages)
        {
            sb.Append($"<h3>{E(ReportFormat.Label(s))}: {Word(s)}</h3>\n<p>{E(s.Reason)}</p>\n<ul>\n");
            if (s.DecisionLatency is { } latency) sb.Append($"<li>decided on latency: {E(latency.Describe())}</li>\n");
            foreach (var d in ReportFormat.FoldedDetails(s)) sb.Append($"<li>{E(d)}</li>\n");
            foreach (var r in s.Requirements.Where(r => !r.Met)) sb.Append($"<li>requirement not met here: {E(r.Describe())}</li>\n");
            sb.Append("</ul>\n");
        }
        return sb.Append("</body></html>\n").ToString();
    }

    private static string Word(StageRecord s) => s.Decision.ToString().ToLowerInvariant();

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
