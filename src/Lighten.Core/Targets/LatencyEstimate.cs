using System.Collections.Immutable;

namespace Lighten.Core.Targets;

/// <summary>The roofline estimate of one node.</summary>
/// <param name="Name">Node name.</param>
/// <param name="OpType">ONNX op type.</param>
/// <param name="OpClass">Its class; null for a node that is not executed as a layer (a view, shape arithmetic).</param>
/// <param name="Precision">The precision it was estimated at (FP32 where the target lacks the op at the asked precision).</param>
/// <param name="Fused">Whether a runtime folds it into the layer before it (it then costs nothing).</param>
/// <param name="Operations">Arithmetic operations (2 per multiply-accumulate).</param>
/// <param name="Bytes">Bytes moved: weights, input and output activations at the precision's element size.</param>
/// <param name="ComputeMs">Operations at the peak throughput times the op class's efficiency.</param>
/// <param name="MemoryMs">Bytes at the memory bandwidth.</param>
/// <param name="OverheadMs">The fixed per-layer overhead.</param>
public sealed record LayerEstimate(
    string Name, string OpType, OpClass? OpClass, Precision Precision, bool Fused,
    double Operations, long Bytes, double ComputeMs, double MemoryMs, double OverheadMs)
{
    /// <summary>The layer's time: the larger of compute and memory time, plus the overhead.</summary>
    public double Ms => Math.Max(ComputeMs, MemoryMs) + OverheadMs;

    /// <summary>Whether memory traffic, not arithmetic, bounds the layer.</summary>
    public bool MemoryBound => MemoryMs > ComputeMs;
}

/// <summary>The estimated latency of one image (batch 1) at one precision on a target.</summary>
/// <param name="Target">The profile's name.</param>
/// <param name="Precision">The precision asked for.</param>
/// <param name="TotalMs">The sum of the layers' times.</param>
/// <param name="Layers">Every node, in topological order.</param>
public sealed record LatencyEstimate(string Target, Precision Precision, double TotalMs, ImmutableArray<LayerEstimate> Layers)
{
    /// <summary>The nodes estimated at FP32 because the target lacks their op at <see cref="Precision"/> (FP32 islands).</summary>
    public IEnumerable<LayerEstimate> FallbackLayers => Layers.Where(l => l.Precision != Precision);
}
