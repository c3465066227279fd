namespace Lighten.Pipeline.Measure;

/// <summary>What one stage's ONNX artifact measures: accuracy and timings in ONNX Runtime, size, cost and the target estimate.</summary>
/// <param name="Accuracy">The task metric on the validation set, in percent.</param>
/// <param name="Metric">The metric's name (e.g. PCKh@0.5, top-1).</param>
/// <param name="InitMs">Median ONNX Runtime session initialization time.</param>
/// <param name="MedianMs">Median batch-1 latency per image.</param>
/// <param name="P90Ms">90th percentile latency per image.</param>
/// <param name="MinMs">The fastest timed run (what the keep decision compares: contention on a shared machine disturbs it least).</param>
/// <param name="SizeBytes">The ONNX file's size.</param>
/// <param name="Macs">Multiply-accumulates per image.</param>
/// <param name="Params">Parameters (initializer elements).</param>
/// <param name="PeakMemoryBytes">Peak activation memory per image: a static estimate (activation liveness over the graph at batch 1), not a measurement.</param>
/// <param name="TargetMs">Estimated latency on the target at the artifact's precision, or null when the target cannot run it.</param>
/// <param name="Precision">The artifact's precision (fp32, fp16, int8).</param>
public sealed record StageFigures(double Accuracy, string Metric, double InitMs, double MedianMs, double P90Ms, double MinMs, long SizeBytes,
    long Macs, long Params, long PeakMemoryBytes, double? TargetMs, string Precision)
{
    /// <summary>
    /// The host latency over the baseline's, the two artifacts timed side by side in interleaved rounds (1 for the
    /// baseline); set when a <c>max_latency_ratio</c> is judged on the host, which then compares this ratio rather than
    /// two medians measured at different moments.
    /// </summary>
    public double? BaselineRatio { get; init; }

    /// <summary>Where <see cref="TargetMs"/> came from (null in a journal written before it was recorded).</summary>
    public FigureSource? TargetSource { get; init; }

    /// <summary>The size in MB (10^6 bytes).</summary>
    public double SizeMB => SizeBytes / 1e6;

    /// <summary>The peak activation memory in MB (10^6 bytes).</summary>
    public double MemoryMB => PeakMemoryBytes / 1e6;
}
