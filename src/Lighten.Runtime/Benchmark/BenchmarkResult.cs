namespace Lighten.Runtime;

/// <summary>What <see cref="LatencyBenchmark"/> measured for one model.</summary>
/// <param name="Model">The model file.</param>
/// <param name="InitMs">Session initialization time in milliseconds.</param>
/// <param name="LatencyMs">Latency of one batch-1 inference.</param>
/// <param name="Runs">Timed runs.</param>
/// <param name="Warmup">Untimed runs before them.</param>
/// <param name="Threads">Intra-op threads of the session.</param>
/// <param name="SamplesMs">Every timed run, in order, in milliseconds.</param>
public sealed record BenchmarkResult(string Model, double InitMs, LatencyStats LatencyMs, int Runs, int Warmup, int Threads,
    IReadOnlyList<double> SamplesMs);
