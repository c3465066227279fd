using System.Collections.Immutable;

namespace Lighten.Core.Targets;

/// <summary>
/// What Lighten knows about a target device and its inference runtime: throughput per precision, memory,
/// the ops it runs at each precision, and the factors of the latency roofline. Built-in profiles and user
/// profiles are YAML files (see <see cref="TargetCatalog"/>).
/// </summary>
public sealed record TargetProfile
{
    /// <summary>The name a profile is chosen by, such as <c>rk3399-armcl</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One line on the device and runtime.</summary>
    public string Description { get; init; } = "";

    /// <summary>The CPU cores the runtime uses (0 when not given); a GPU's cores are <see cref="GpuCores"/>.</summary>
    public int Cores { get; init; }

    /// <summary>The GPU's cores (shader cores, or CUDA cores) when the runtime runs the model on a GPU; 0 otherwise.</summary>
    public int GpuCores { get; init; }

    /// <summary>The clock of the cores that run the model (the GPU's when <see cref="GpuCores"/> is set), in GHz (0 when not given).</summary>
    public double ClockGHz { get; init; }

    /// <summary>
    /// Peak throughput per precision the target runs: GFLOP/s for fp32 and fp16, GOP/s for int8.
    /// A precision without an entry does not run on the target at all.
    /// </summary>
    public ImmutableSortedDictionary<Precision, double> PeakGops { get; init; } = ImmutableSortedDictionary<Precision, double>.Empty;

    /// <summary>Sustained memory bandwidth, in GB/s (10^9 bytes per second).</summary>
    public double BandwidthGBps { get; init; }

    /// <summary>
    /// Size of the last cache level the cores share, in bytes (0: not modelled). A layer whose bytes moved fit in it is
    /// charged at <see cref="CacheBandwidthGBps"/> instead of <see cref="BandwidthGBps"/>: its input was just written
    /// by the layer before and is still in the cache.
    /// </summary>
    public long CacheBytes { get; init; }

    /// <summary>Bandwidth of that cache, in GB/s.</summary>
    public double CacheBandwidthGBps { get; init; }

    /// <summary>Memory available to the model, in bytes.</summary>
    public long RamBytes { get; init; }

    /// <summary>The ops the target runs at each precision (a precision missing here runs no op).</summary>
    public ImmutableSortedDictionary<Precision, OpSupport> Ops { get; init; } = ImmutableSortedDictionary<Precision, OpSupport>.Empty;

    /// <summary>Whether sparse (pruned) weights run faster than dense ones on this target.</summary>
    public bool SparseWeightsFaster { get; init; }

    /// <summary>
    /// Attained fraction of <see cref="PeakGops"/> per op class (1 when a class is missing). It may exceed 1 where a
    /// runtime does fewer operations than counted (Winograd convolution), or as the asymptote of deep layers that
    /// <see cref="HalfEfficiencyDepth"/> scales down.
    /// </summary>
    public ImmutableSortedDictionary<OpClass, double> Efficiency { get; init; } = ImmutableSortedDictionary<OpClass, double>.Empty;

    /// <summary>Overrides of <see cref="Efficiency"/> for one precision.</summary>
    public ImmutableSortedDictionary<Precision, ImmutableSortedDictionary<OpClass, double>> PrecisionEfficiency { get; init; } =
        ImmutableSortedDictionary<Precision, ImmutableSortedDictionary<OpClass, double>>.Empty;

    /// <summary>
    /// The reduction depth (input channels per group × kernel area) at which convolution and GEMM kernels reach half
    /// their efficiency factor: the factor is scaled by depth / (depth + this), so thin layers (few input channels)
    /// run below the rate of deep ones; 0 turns the scaling off. Depthwise convolutions have their own factor instead.
    /// </summary>
    public double HalfEfficiencyDepth { get; init; }

    /// <summary>Fixed time every executed layer costs (kernel launch, thread synchronization), in microseconds.</summary>
    public double LayerOverheadUs { get; init; }

    /// <summary>Where the figures come from (citations as text).</summary>
    public ImmutableArray<string> Sources { get; init; } = [];

    /// <summary>
    /// The YAML file the profile was read from (<see cref="TargetCatalog.Load"/>: a user's profile or the cached measurement
    /// of the host), or null for a built-in profile or one built in code. Not written to YAML.
    /// </summary>
    public string? SourceFile { get; init; }

    /// <summary>Whether the target runs <paramref name="precision"/> at all.</summary>
    public bool Runs(Precision precision) => PeakGops.TryGetValue(precision, out var peak) && peak > 0;

    /// <summary>Whether the target runs op <paramref name="opType"/> (ONNX op type; <c>domain:op</c> outside the default domain) at <paramref name="precision"/>.</summary>
    public bool Supports(string opType, Precision precision) =>
        Runs(precision) && Ops.TryGetValue(precision, out var ops) && ops.Contains(opType);

    /// <summary>Whether the target runs <paramref name="node"/>'s op at <paramref name="precision"/>.</summary>
    public bool Supports(Node node, Precision precision) => Supports(OpSupport.QualifiedOp(node), precision);

    /// <summary>Why the target keeps <paramref name="node"/> out of <paramref name="precision"/>, or null when it runs it there.</summary>
    public string? Refusal(Node node, Precision precision) =>
        Supports(node, precision) ? null : $"target '{Name}' has no {precision.ToString().ToUpperInvariant()} {OpSupport.QualifiedOp(node)}";

    /// <summary>The precisions the target runs, widest first.</summary>
    public IEnumerable<Precision> RunnablePrecisions => Precisions.All.Where(Runs);

    /// <summary>The efficiency of <paramref name="opClass"/> at <paramref name="precision"/>: the precision's override, else the general factor, else 1.</summary>
    public double EfficiencyOf(OpClass opClass, Precision precision) =>
        PrecisionEfficiency.TryGetValue(precision, out var own) && own.TryGetValue(opClass, out var e) ? e
        : Efficiency.GetValueOrDefault(opClass, 1.0);

    /// <summary>Peak throughput at <paramref name="precision"/> in operations per second; 0 when the target does not run it.</summary>
    public double PeakOpsPerSecond(Precision precision) => PeakGops.GetValueOrDefault(precision) * 1e9;
}
