using System.Text.RegularExpressions;
using Lighten.Pipeline.Config;
using Lighten.Pipeline.Stages;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace Lighten.Pipeline.Reports;

/// <summary>
/// The report's two inline SVG charts, drawn with OxyPlot (its managed SVG exporter, text measured with the built-in PDF
/// font metrics, so the same report gives the same bytes on every machine): accuracy against latency per stage with the
/// requirement lines, and per-layer MACs of the baseline and the final model on one scale.
/// </summary>
public static partial class SvgCharts
{
    private const int Width = 720, Height = 380, FontSize = 12, LineHeight = FontSize + 2, NameFontSize = 10, BarPitch = 15;

    /// <summary>Layers shown per model in the per-layer chart; beyond it the largest ones, in graph order.</summary>
    public const int MaxLayers = 40;

    private static readonly OxyColor KeptColor = OxyColor.FromRgb(0x22, 0x99, 0x66), RejectedColor = OxyColor.FromRgb(0xcc, 0x44, 0x44),
        LimitColor = OxyColor.FromRgb(0xcc, 0x33, 0x33), BarColor = OxyColor.FromRgb(0x55, 0x88, 0xaa), DeconvColor = OxyColor.FromRgb(0xee, 0x99, 0x33);

    /// <summary>Accuracy (y) against per-image latency (x) of every measured stage: kept and rejected stages, the path of kept ones, dashed lines at the latency limit and the accuracy floor.</summary>
    public static string AccuracyVsLatency(PipelineReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var points = report.Stages.Where(s => s.Figures is not null).ToList();
        var baseline = report.Baseline.Figures!;
        bool onTarget = report.Requirements.LatencyOn == LatencySource.Target;
        double Lat(StageRecord s) => onTarget ? s.Figures!.TargetMs ?? 0 : s.Figures!.MedianMs;
        var model = Model();
        var x = new LinearAxis { Position = AxisPosition.Bottom, Title = $"time per image (ms, {(onTarget ? "target estimate" : "ONNX Runtime median on the host")})", Minimum = 0, MaximumPadding = 0.12 };
        var y = new LinearAxis { Position = AxisPosition.Left, Title = $"{baseline.Metric} (%)", MinimumPadding = 0.15, MaximumPadding = 0.15 };
        foreach (var axis in new[] { x, y }) Grid(axis);
        model.Axes.Add(x);
        model.Axes.Add(y);

        var path = new LineSeries { Color = KeptColor, StrokeThickness = 1.5 };
        path.Points.AddRange(points.Where(s => s.Decision == StageDecision.Kept).Select(s => new DataPoint(Lat(s), s.Figures!.Accuracy)));
        model.Series.Add(path);
        foreach (var (decision, color) in new[] { (StageDecision.Kept, KeptColor), (StageDecision.Rejected, RejectedColor) })
        {
            var series = new ScatterSeries { Title = decision.ToString().ToLowerInvariant(), MarkerType = MarkerType.Circle, MarkerSize = 5, MarkerFill = color };
            series.Points.AddRange(points.Where(s => s.Decision == decision).Select(s => new ScatterPoint(Lat(s), s.Figures!.Accuracy)));
            model.Series.Add(series);
        }
        if (Limit(report.Requirements, baseline.MedianMs) is double lx)
            model.Annotations.Add(new LineAnnotation { Type = LineAnnotationType.Vertical, X = lx, Color = LimitColor, LineStyle = LineStyle.Dash });
        if (AccuracyFloor(report.Requirements, baseline.Accuracy) is double ay)
            model.Annotations.Add(new LineAnnotation { Type = LineAnnotationType.Horizontal, Y = ay, Color = LimitColor, LineStyle = LineStyle.Dash });
        // Keep the limits inside the axes even when every point lies on one side of them.
        var xs = points.Select(Lat).Append(0).Concat(Limit(report.Requirements, baseline.MedianMs) is double l ? [l] : []).ToList();
        var ys = points.Select(s => s.Figures!.Accuracy).Concat(AccuracyFloor(report.Requirements, baseline.Accuracy) is double f ? [f] : []).ToList();
        x.Maximum = xs.Max() * 1.12 is var top && top > 0 ? top : 1;
        (y.Minimum, y.Maximum) = Span(ys.Min(), ys.Max());

        Export(model, Width, Height); // lays the axes out, so that labels can be placed in screen space
        // The limits' labels first, at the top of the latency line and the right end of the accuracy line; the stages' around them.
        var taken = new List<OxyRect>();
        if (Limit(report.Requirements, baseline.MedianMs) is double limit)
        {
            string text = $"latency limit {Round(limit)} ms";
            Label(model, x, y, taken, text, new DataPoint(limit, y.Maximum), LimitColor, [new(4, 4), new(-4 - TextWidth(text), 4)]);
        }
        if (AccuracyFloor(report.Requirements, baseline.Accuracy) is double floor)
        {
            string text = $"accuracy floor {Round(floor)}%";
            Label(model, x, y, taken, text, new DataPoint(x.Maximum, floor), LimitColor, [new(-4 - TextWidth(text), -4 - LineHeight), new(-4 - TextWidth(text), 4)]);
        }
        PlaceLabels(model, x, y, taken, [.. points.Select(s => (s.Id, new DataPoint(Lat(s), s.Figures!.Accuracy)))]);
        return Export(model, Width, Height, "accuracy");
    }

    /// <summary>
    /// Per-layer MACs of the baseline and of the final model, one horizontal bar per costed layer named on the left, both on
    /// the same MAC scale; ConvTranspose in orange. Past <see cref="MaxLayers"/> layers, the largest are shown in graph order.
    /// </summary>
    public static string LayerMacs(PipelineReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        double max = Math.Max(1, report.BaselineLayers.Concat(report.FinalLayers).Select(l => l.Macs / 1e6).DefaultIfEmpty(1).Max());
        var rows = new[] { ("baseline", "baseline", report.BaselineLayers), ($"final model ({report.FinalStage})", "final", report.FinalLayers) };
        return string.Concat(rows.Select(r => LayerChart(r.Item1, r.Item2, r.Item3, max)));
    }

    /// <summary>What the per-layer chart of <paramref name="layers"/> shows: every layer, or how many of how many.</summary>
    public static string LayerCaption(string name, IReadOnlyList<LayerMacs> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        double total = layers.Sum(l => l.Macs / 1e6);
        return layers.Count > MaxLayers
            ? $"{name}: the {MaxLayers} largest of {layers.Count} costed layers, {Round(total)} M MACs in all"
            : $"{name}: {layers.Count} costed layers, {Round(total)} M MACs";
    }

    private static string LayerChart(string name, string id, IReadOnlyList<LayerMacs> layers, double max)
    {
        var shown = layers.Count > MaxLayers
            ? [.. layers.Select((l, i) => (l, i)).OrderByDescending(p => p.l.Macs).ThenBy(p => p.i).Take(MaxLayers).OrderBy(p => p.i).Select(p => p.l)]
            : layers;
        var model = Model();
        model.Title = LayerCaption(name, layers);
        model.TitleFontSize = FontSize;
        model.TitleFontWeight = FontWeights.Normal;
        var names = new CategoryAxis { Position = AxisPosition.Left, StartPosition = 1, EndPosition = 0, GapWidth = 0.25, FontSize = NameFontSize };
        names.Labels.AddRange(shown.Select(l => ShortName(l.Name)));
        var macs = new LinearAxis { Position = AxisPosition.Bottom, Title = "MACs (M)", Minimum = 0, Maximum = max * 1.05 };
        Grid(macs);
        model.Axes.Add(names);
        model.Axes.Add(macs);
        var bars = new BarSeries { StrokeThickness = 0 };
        bars.Items.AddRange(shown.Select(l => new BarItem(l.Macs / 1e6) { Color = l.OpType == "ConvTranspose" ? DeconvColor : BarColor }));
        model.Series.Add(bars);
        // Room for the names in a wider font than the one measured (a viewer without Helvetica or its metric twins).
        model.PlotMargins = new OxyThickness(12 + NameFontSize * 0.62 * shown.Select(l => ShortName(l.Name).Length).DefaultIfEmpty(4).Max(), double.NaN, double.NaN, double.NaN);
        return Export(model, Width, 90 + BarPitch * Math.Max(1, shown.Count), id);
    }

    /// <summary>A layer's name cut to its last 32 characters (the distinctive end of an exporter's path-like name).</summary>
    public static string ShortName(string name) => name.Length <= 32 ? name : "…" + name[^31..];

    private static PlotModel Model() => new()
    {
        // Measured with Helvetica's metrics; Liberation Sans and Arial have the same widths.
        DefaultFont = "Helvetica, Arial, 'Liberation Sans', sans-serif",
        DefaultFontSize = FontSize,
        PlotAreaBorderColor = OxyColor.FromRgb(0x88, 0x88, 0x88),
        Padding = new OxyThickness(8, 8, 16, 8),
        Legends = { new Legend { LegendPosition = LegendPosition.TopCenter, LegendPlacement = LegendPlacement.Outside, LegendOrientation = LegendOrientation.Horizontal, LegendItemSpacing = 24, LegendPadding = 16 } },
    };

    private static void Grid(Axis axis)
    {
        axis.MajorGridlineStyle = LineStyle.Solid;
        axis.MajorGridlineColor = OxyColor.FromRgb(0xe4, 0xe4, 0xe4);
        axis.MinorTickSize = 0;
        axis.TitleFontSize = FontSize;
        axis.AxisTitleDistance = axis.IsVertical() ? 14 : 8;
    }

    /// <summary>
    /// Puts each stage's id beside its point where it overlaps no other label or point: right of it, else left, above, below,
    /// then further out; measured on the laid-out axes, so labels of close points do not collide.
    /// </summary>
    private static void PlaceLabels(PlotModel model, Axis x, Axis y, List<OxyRect> taken, IReadOnlyList<(string Text, DataPoint At)> labels)
    {
        var screen = labels.Select(l => x.Transform(l.At.X, l.At.Y, y)).ToList();
        taken.AddRange(screen.Select(p => new OxyRect(p.X - 6, p.Y - 6, 12, 12)));
        const double h = LineHeight;
        foreach (var (text, at) in labels)
        {
            double w = TextWidth(text);
            Label(model, x, y, taken, text, at, OxyColors.Black, [new(8, -h / 2), new(-8 - w, -h / 2), new(-w / 2, -8 - h), new(-w / 2, 8), new(8, -h * 1.6), new(8, h * 0.6),
                new(-8 - w, -h * 1.6), new(-8 - w, h * 0.6), new(-w / 2, -8 - 2 * h), new(-w / 2, 8 + h)]);
        }
    }

    /// <summary>
    /// Adds <paramref name="text"/> with its top left corner at the first of <paramref name="offsets"/> from <paramref name="at"/>
    /// (screen units) where it overlaps nothing <paramref name="taken"/>, else at the first.
    /// </summary>
    private static void Label(PlotModel model, Axis x, Axis y, List<OxyRect> taken, string text, DataPoint at, OxyColor color, ScreenVector[] offsets)
    {
        var p = x.Transform(at.X, at.Y, y);
        OxyRect Box(ScreenVector o) => new(p.X + o.X, p.Y + o.Y, TextWidth(text), LineHeight);
        var chosen = offsets.Select(Box).FirstOrDefault(r => !taken.Any(t => Overlap(r, t)), Box(offsets[0]));
        taken.Add(chosen);
        model.Annotations.Add(new TextAnnotation
        {
            Text = text,
            TextPosition = at,
            TextColor = color,
            Offset = new ScreenVector(chosen.Left - p.X, chosen.Top - p.Y),
            TextHorizontalAlignment = HorizontalAlignment.Left,
            TextVerticalAlignment = VerticalAlignment.Top,
            Stroke = OxyColors.Transparent,
            Background = OxyColors.Undefined,
            Padding = new OxyThickness(0),
        });
    }

    /// <summary>A text's width at the chart's font size, on the wide side (viewers may draw it in a wider font than Helvetica).</summary>
    private static double TextWidth(string text) => text.Length * FontSize * 0.62 + 2;

    private static bool Overlap(OxyRect a, OxyRect b) => a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;

    /// <summary>A span of accuracy with room around the points and labels, on whole numbers when the points allow.</summary>
    private static (double, double) Span(double low, double high)
    {
        double pad = Math.Max(1, (high - low) * 0.15);
        return (Math.Max(0, Math.Floor(low - pad)), Math.Min(100, Math.Ceiling(high + pad)));
    }

    private static double? Limit(Requirements r, double baselineMs) => (r.MaxLatencyMs, r.MaxLatencyRatio) switch
    {
        (double ms, double ratio) when r.LatencyOn == LatencySource.Host => Math.Min(ms, ratio * baselineMs),
        (double ms, _) => ms,
        (null, double ratio) when r.LatencyOn == LatencySource.Host => ratio * baselineMs,
        _ => null,
    };

    private static double? AccuracyFloor(Requirements r, double baseline) => r switch
    {
        { MinAccuracy: double min, MaxAccuracyDrop: double drop } => Math.Max(min, baseline - drop),
        { MinAccuracy: double min } => min,
        { MaxAccuracyDrop: double drop } => baseline - drop,
        _ => null,
    };

    private static string Round(double v) => ReportFormat.N(v, Math.Abs(v) >= 100 ? 0 : Math.Abs(v) >= 10 ? 1 : 2);

    /// <summary>The SVG element of <paramref name="model"/>, its ids prefixed with <paramref name="id"/> so that two charts in one page never share one.</summary>
    private static string Export(PlotModel model, int width, int height, string id = "chart")
    {
        // The workaround places text by its measured height instead of dominant-baseline, which some viewers ignore.
        var svg = new SvgExporter { Width = width, Height = height, IsDocument = false, UseVerticalTextAlignmentWorkaround = true }.ExportToString(model);
        svg = ClipId().Replace(svg, m => $"{m.Groups[1].Value}{id}-{m.Groups[2].Value}");
        // Inline in HTML: the exporter's XML declaration has no place there.
        svg = svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
        return svg.Trim().ReplaceLineEndings("\n");
    }

    [GeneratedRegex("(id=\"|url\\(#)(clipPath\\d+)")]
    private static partial Regex ClipId();
}
