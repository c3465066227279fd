using System.Globalization;
using System.Net;
using System.Text;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Stages;

namespace Lighten.Pipeline.Reports;

/// <summary>The report's two inline SVG charts: accuracy against latency per stage with the requirement lines, and per-layer MACs of the baseline against the final model.</summary>
public static class SvgCharts
{
    private const int W = 640, H = 360, L = 60, R = 20, T = 20, B = 45;

    /// <summary>Accuracy (y) against per-image latency (x) of every measured stage; dashed lines at the latency limit and the accuracy floor.</summary>
    public static string AccuracyVsLatency(PipelineReport report)
    {
        var points = report.Stages.Where(s => s.Figures is not null).ToList();
        var baseline = report.Baseline.Figures!;
        double? latencyLimit = Limit(report.Requirements, baseline.MedianMs);
        double? accuracyFloor = report.Requirements switch
        {
            { MinAccuracy: double min, MaxAccuracyDrop: double drop } => Math.Max(min, baseline.Accuracy - drop),
            { MinAccuracy: double min } => min,
            { MaxAccuracyDrop: double drop } => baseline.Accuracy - drop,
            _ => null,
        };
        bool onTarget = report.Requirements.LatencyOn == LatencySource.Target;
        double Lat(StageRecord s) => onTarget ? s.Figures!.TargetMs ?? 0 : s.Figures!.MedianMs;
        double xMax = Math.Max(points.Max(Lat), latencyLimit ?? 0) * 1.1;
        double yMin = Math.Min(points.Min(s => s.Figures!.Accuracy), accuracyFloor ?? 100), yMax = points.Max(s => s.Figures!.Accuracy);
        double pad = Math.Max(1, (yMax - yMin) * 0.15);
        (yMin, yMax) = (Math.Max(0, yMin - pad), Math.Min(100, yMax + pad));
        double X(double v) => L + v / xMax * (W - L - R);
        double Y(double v) => T + (1 - (v - yMin) / Math.Max(1e-9, yMax - yMin)) * (H - T - B);

        var sb = Open();
        Axes(sb, $"time per image, ms ({(onTarget ? "target estimate" : "ONNX Runtime median on the host")})", $"{baseline.Metric} (%)");
        for (int i = 0; i <= 4; i++)
        {
            double xv = xMax * i / 4, yv = yMin + (yMax - yMin) * i / 4;
            sb.Append($"<text x='{F(X(xv))}' y='{H - B + 16}' text-anchor='middle' class='tick'>{F(xv)}</text>");
            sb.Append($"<text x='{L - 6}' y='{F(Y(yv) + 4)}' text-anchor='end' class='tick'>{F(yv)}</text>");
        }
        if (latencyLimit is double lx)
            sb.Append($"<line x1='{F(X(lx))}' y1='{T}' x2='{F(X(lx))}' y2='{H - B}' class='limit'/><text x='{F(X(lx) + 4)}' y='{T + 12}' class='limitText'>latency limit {F(lx)} ms</text>");
        if (accuracyFloor is double ay)
            sb.Append($"<line x1='{L}' y1='{F(Y(ay))}' x2='{W - R}' y2='{F(Y(ay))}' class='limit'/><text x='{W - R - 4}' y='{F(Y(ay) - 4)}' text-anchor='end' class='limitText'>accuracy floor {F(ay)}%</text>");
        var path = points.Where(s => s.Decision == StageDecision.Kept).Select(s => $"{F(X(Lat(s)))},{F(Y(s.Figures!.Accuracy))}");
        sb.Append($"<polyline points='{string.Join(' ', path)}' class='path'/>");
        foreach (var s in points)
        {
            string cls = s.Decision == StageDecision.Kept ? "kept" : "rejected";
            sb.Append($"<circle cx='{F(X(Lat(s)))}' cy='{F(Y(s.Figures!.Accuracy))}' r='5' class='{cls}'><title>{Esc(ReportFormat.Label(s))}: {F(s.Figures.Accuracy)}%, {F(Lat(s))} ms ({s.Decision.ToString().ToLowerInvariant()})</title></circle>");
            sb.Append($"<text x='{F(X(Lat(s)) + 7)}' y='{F(Y(s.Figures.Accuracy) - 6)}' class='label'>{Esc(s.Id)}</text>");
        }
        return sb.Append("</svg>").ToString();
    }

    /// <summary>Per-layer MACs of the baseline (top) and the final model (bottom), on one scale, in graph order.</summary>
    public static string LayerMacs(PipelineReport report)
    {
        var rows = new[] { ("baseline", report.BaselineLayers), ($"final ({report.FinalStage})", report.FinalLayers) };
        long max = Math.Max(1, rows.SelectMany(r => r.Item2).Select(l => l.Macs).DefaultIfEmpty(1).Max());
        const int band = 150;
        var sb = new StringBuilder($"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {W} {2 * band + 30}' width='{W}' height='{2 * band + 30}'>");
        for (int r = 0; r < rows.Length; r++)
        {
            var (name, layers) = rows[r];
            int top = 10 + r * (band + 10);
            double total = layers.Sum(l => (double)l.Macs);
            sb.Append($"<text x='{L}' y='{top + 12}' class='label'>{Esc(name)}: {layers.Count} costed layers, {F(total / 1e6)} M MACs</text>");
            double bw = (W - L - R) / (double)Math.Max(1, layers.Count);
            for (int i = 0; i < layers.Count; i++)
            {
                double h = (band - 25) * layers[i].Macs / (double)max;
                sb.Append($"<rect x='{F(L + i * bw)}' y='{F(top + band - h)}' width='{F(Math.Max(0.5, bw - 0.5))}' height='{F(h)}' class='{(layers[i].OpType == "ConvTranspose" ? "deconv" : "bar")}'>" +
                    $"<title>{Esc(layers[i].Name)} ({Esc(layers[i].OpType)}): {F(layers[i].Macs / 1e6)} M MACs</title></rect>");
            }
            sb.Append($"<line x1='{L}' y1='{top + band}' x2='{W - R}' y2='{top + band}' class='axis'/>");
        }
        return sb.Append("</svg>").ToString();
    }

    private static double? Limit(Requirements r, double baselineMs) => (r.MaxLatencyMs, r.MaxLatencyRatio) switch
    {
        (double ms, double ratio) when r.LatencyOn == LatencySource.Host => Math.Min(ms, ratio * baselineMs),
        (double ms, _) => ms,
        (null, double ratio) when r.LatencyOn == LatencySource.Host => ratio * baselineMs,
        _ => null,
    };

    private static StringBuilder Open() => new($"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {W} {H}' width='{W}' height='{H}'>");

    private static void Axes(StringBuilder sb, string x, string y)
    {
        sb.Append($"<line x1='{L}' y1='{H - B}' x2='{W - R}' y2='{H - B}' class='axis'/><line x1='{L}' y1='{T}' x2='{L}' y2='{H - B}' class='axis'/>");
        sb.Append($"<text x='{(L + W - R) / 2}' y='{H - 8}' text-anchor='middle' class='label'>{Esc(x)}</text>");
        sb.Append($"<text transform='translate(14,{(T + H - B) / 2}) rotate(-90)' text-anchor='middle' class='label'>{Esc(y)}</text>");
    }

    private static string F(double v) => v.ToString(Math.Abs(v) >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}
