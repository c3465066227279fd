namespace Lighten.Runtime.Calibration;

/// <summary>How <see cref="ActivationCollector"/> runs calibration.</summary>
public sealed record CollectionOptions
{
    /// <summary>Histogram bins per tensor; 0 keeps only the minimum and maximum (enough for <see cref="CalibrationMethod.MinMax"/>).</summary>
    public int HistogramBins { get; init; } = Histogram.DefaultBins;

    /// <summary>Tensors whose per-channel means are accumulated too (the inputs of layers whose bias is corrected).</summary>
    public IReadOnlySet<string> ChannelMeans { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>ONNX Runtime session options of the FP32 model.</summary>
    public SessionOptionsSpec Session { get; init; } = new();

    /// <summary>Samples per inference (a model with a fixed batch size uses its own).</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Threads preparing samples while inference runs.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Called on the inference thread after each batch with the samples done and the total.</summary>
    public Action<int, int>? Progress { get; init; }
}
