using Lighten.Pipeline.Config;
using Lighten.Pipeline.Measure;
using Lighten.Pipeline.Stages;

namespace Lighten.Pipeline.Reports;

/// <summary>One line of "How the figures were obtained": a figure (or column), whether it was measured, counted, estimated or cached, and how.</summary>
/// <param name="Figure">The figure or column.</param>
/// <param name="Origin">Measured, counted, estimated or cached.</param>
/// <param name="How">How, naming the profile or file it came from.</param>
public sealed record FigureLegendEntry(string Figure, FigureOrigin Origin, string How)
{
    /// <summary>"target estimate (ms) — cached: roofline of …".</summary>
    public string Describe() => $"{Figure} — {Origin.ToString().ToLowerInvariant()}: {How}";
}

/// <summary>The legend every report prints under its table: which figures were measured in this run, which counted, which estimated and which cached.</summary>
public static class FigureLegend
{
    /// <summary>The units line: stated once, for every report and the console table.</summary>
    public const string Units = "Units: times in ms; sizes in MB = 10^6 bytes (the unit of max_size_mb and max_memory_mb; the profile and check commands print MiB = 2^20 bytes); MACs and parameters in millions.";

    /// <summary>The entries for <paramref name="report"/>.</summary>
    public static IReadOnlyList<FigureLegendEntry> Of(PipelineReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var metric = report.Baseline.Figures!.Metric;
        var entries = new List<FigureLegendEntry>
        {
            new($"{metric} (%)", FigureOrigin.Measured, "on the validation set, running each stage's written ONNX file in ONNX Runtime"),
            new("init, time/image median, p90", FigureOrigin.Measured, "in ONNX Runtime on this machine at batch 1: init is the median of 3 fresh sessions, median and p90 over the timed runs"),
            new("size (MB)", FigureOrigin.Measured, "the written ONNX file"),
            new("MACs, params", FigureOrigin.Counted, "from the graph: multiply-accumulates per image at the input size, weight elements (quantization scales left out)"),
            new("peak memory (MB)", FigureOrigin.Estimated, "static activation liveness over the graph at batch 1 (the largest set of activations alive at once), not a measurement"),
        };
        var sources = report.Stages.Select(s => s.Figures?.TargetSource).Where(s => s is not null).Distinct().ToList();
        if (sources.Count == 0 && report.Stages.Any(s => s.Figures is not null))
            entries.Add(new("target estimate (ms)", FigureOrigin.Estimated, "the target profile's roofline (which profile file was not recorded)"));
        entries.AddRange(sources.Select(s => new FigureLegendEntry("target estimate (ms)", s!.Origin, s.How)));
        entries.Add(report.Requirements.LatencyOn == LatencySource.Host
            ? new("decision latency", FigureOrigin.Measured, "what each keep decision compared on the host: the step's artifact and the model before it timed side by side in interleaved rounds (×candidate/current, the rounds' spread), else the two stages' fastest timed runs")
            : new("decision latency", FigureOrigin.Estimated, "what each keep decision compared: the target estimates of the step's artifact and of the model before it"));
        if (report.Stages.Any(s => s.Figures?.BaselineRatio is not null))
            entries.Add(new("latency requirement (× baseline)", FigureOrigin.Measured, "each stage's artifact and the baseline timed side by side in interleaved rounds on the host (the median of the rounds' ratios), so that load at different moments cannot move it"));
        foreach (var s in report.Stages.Where(s => s.LayerTimings is not null))
        {
            var t = s.LayerTimings!;
            string figure = $"{s.Id} per-layer INT8 timings";
            if (t.Measured > 0 || t.Reused > 0)
                entries.Add(new(figure, FigureOrigin.Measured, $"{t.Measured} layer(s) timed now in ONNX Runtime on this machine" +
                    (t.Reused > 0 ? $", their timings reused for {t.Reused} identical layer(s) (same op, attributes and shapes)" : "")));
            if (t.Cached > 0) entries.Add(new(figure, FigureOrigin.Cached, $"{t.Cached} layer(s) read from {t.CacheFile}, timed on this machine before this stage (in an earlier run or stage)"));
            if (t.Estimated > 0) entries.Add(new(figure, FigureOrigin.Estimated, $"{t.Estimated} layer(s) estimated from the target profile"));
        }
        return entries;
    }
}
