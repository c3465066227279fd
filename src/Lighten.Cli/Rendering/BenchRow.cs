using Lighten.Runtime;

namespace Lighten.Cli.Rendering;

/// <summary>One model's line of <c>lighten bench</c>: the measurement, its MACs at batch 1 and its file size.</summary>
public sealed record BenchRow(BenchmarkResult Result, long Macs, long FileBytes);
