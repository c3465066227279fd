using Lighten.Runtime;

namespace Lighten.Pipeline.Measure;

/// <summary>
/// How the runner measures a stage's written artifact: its figures, and latency against the model before it timed side by
/// side. <see cref="StageMeasurer"/> measures in ONNX Runtime; tests script the figures.
/// </summary>
public interface IStageMeasurer
{
    /// <summary>Measures <paramref name="path"/>; <paramref name="accuracy"/> reuses a metric already measured on that same file.</summary>
    StageFigures Measure(string path, Metric? accuracy, CancellationToken cancellationToken);

    /// <summary>
    /// Times <paramref name="candidatePath"/> against <paramref name="currentPath"/> side by side on this host, or null when
    /// no such timing is available (the keep decision then compares the stages' fastest runs).
    /// </summary>
    LatencyDuel? SideBySide(string currentPath, string candidatePath, CancellationToken cancellationToken);
}
