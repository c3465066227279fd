using Lighten.Pipeline.Config;
using Lighten.Pipeline.Measure;

namespace Lighten.Pipeline.Judging;

/// <summary>Judges a stage's figures against the pipeline's requirements, relative to the baseline where a requirement is relative.</summary>
public static class RequirementCheck
{
    /// <summary>Every requirement set in <paramref name="r"/>, judged on <paramref name="stage"/>.</summary>
    public static IReadOnlyList<RequirementResult> Judge(Requirements r, StageFigures baseline, StageFigures stage)
    {
        var results = new List<RequirementResult>();
        if (r.MinAccuracy is double min) results.Add(new("accuracy", min, stage.Accuracy, "%", AtMost: false));
        if (r.MaxAccuracyDrop is double drop) results.Add(new("accuracy drop", drop, baseline.Accuracy - stage.Accuracy, "points", AtMost: true));
        var (latency, baseLatency, where) = Latency(r, baseline, stage);
        if (r.MaxLatencyMs is double ms) results.Add(new($"latency ({where})", ms, latency, "ms", AtMost: true));
        if (r.MaxLatencyRatio is double ratio)
            results.Add(r.LatencyOn == LatencySource.Host && stage.BaselineRatio is double sideBySide
                ? new("latency (host, side by side with the baseline)", ratio, sideBySide, "× baseline", AtMost: true)
                : new($"latency ({where}, of baseline {baseLatency:0.###} ms)", baseLatency * ratio, latency, "ms", AtMost: true));
        if (r.MaxSizeMB is double size) results.Add(new("size", size, stage.SizeMB, "MB", AtMost: true));
        if (r.MaxMemoryMB is double memory) results.Add(new("peak memory", memory, stage.MemoryMB, "MB", AtMost: true));
        return results;
    }

    /// <summary>Whether every requirement holds (true when none is set).</summary>
    public static bool AllMet(IReadOnlyList<RequirementResult> results) => results.All(x => x.Met);

    /// <summary>The latency the requirements judge: the host median, or the target estimate (infinite when the target cannot run the model).</summary>
    public static double LatencyOf(Requirements r, StageFigures figures) =>
        r.LatencyOn == LatencySource.Host ? figures.MedianMs : figures.TargetMs ?? double.PositiveInfinity;

    private static (double Latency, double Baseline, string Where) Latency(Requirements r, StageFigures baseline, StageFigures stage) =>
        (LatencyOf(r, stage), LatencyOf(r, baseline), r.LatencyOn == LatencySource.Host ? "host median" : "target estimate");
}
