using System.Collections.Immutable;

namespace Lighten.Core.Transforms.Quantize;

/// <summary>
/// Which nodes of a graph run in INT8 and which activation tensors get a QuantizeLinear → DequantizeLinear pair,
/// laid out the way ONNX Runtime fuses QDQ groups into integer kernels:
/// <list type="bullet">
/// <item>a Relu or Clip right after a Conv, Gemm or Add is absorbed: the Q follows the activation, never sits between;</item>
/// <item>Add/Mul, Concat, pooling and Softmax/Sigmoid run in INT8 only next to a quantized compute layer, so no lonely Q/DQ pairs appear;</item>
/// <item>pass-through ops (MaxPool, Reshape, Transpose, Resize, Flatten, Squeeze, Slice...) join a quantized neighbor and share
/// their input's scale, as do all inputs of a Concat with its output, so no DQ → Q pair with differing scales remains;</item>
/// <item>nodes the target rejects stay FP32, the DQ before them and the Q after them marking the island's edges.</item>
/// </list>
/// Tensors that share a scale form a group; a group's range is the union of its members' calibrated ranges.
/// </summary>
public sealed class QuantizationPlan
{
    private readonly ImmutableDictionary<string, string> groupOf;
    private readonly ImmutableDictionary<string, ActivationRange> clamps;

    internal QuantizationPlan(ImmutableArray<PlannedLayer> layers, ImmutableArray<Fp32Layer> fp32, ImmutableArray<string> tensors,
        ImmutableDictionary<string, string> groupOf, ImmutableDictionary<string, ActivationRange> clamps, QuantizeOptions options)
    {
        Layers = layers;
        Fp32Layers = fp32;
        Tensors = tensors;
        this.groupOf = groupOf;
        this.clamps = clamps;
        Options = options;
    }

    /// <summary>The nodes run in INT8, in graph order.</summary>
    public ImmutableArray<PlannedLayer> Layers { get; }

    /// <summary>Nodes with an integer form that stay FP32, with the reason.</summary>
    public ImmutableArray<Fp32Layer> Fp32Layers { get; }

    /// <summary>The activation tensors that get a Q/DQ pair (those calibration must measure), in graph order.</summary>
    public ImmutableArray<string> Tensors { get; }

    /// <summary>The options the plan was made with.</summary>
    public QuantizeOptions Options { get; }

    /// <summary>The compute layers (Conv, ConvTranspose, Gemm, MatMul) run in INT8.</summary>
    public IEnumerable<PlannedLayer> ComputeLayers => Layers.Where(l => l.Kind == QuantKind.Compute);

    /// <summary>The representative of the scale group of <paramref name="tensor"/> (a quantized tensor).</summary>
    public string GroupOf(string tensor) => groupOf[tensor];

    /// <summary>Makes the plan for <paramref name="graph"/>; run FoldBatchNorm and FoldConstants first so that weights are constants.</summary>
    public static QuantizationPlan Build(Graph graph, QuantizeOptions? options = null)
    {
        options ??= new QuantizeOptions();
        options.Validate();
        return new QuantizationPlanner(graph, options).Plan();
    }

    /// <summary>
    /// The quantization parameters of every planned tensor: each group's range is the union of its members' ranges
    /// (a fused Clip's bounds clamp its output's range, so the Clip stays redundant after the Q).
    /// </summary>
    /// <exception cref="ArgumentException">A planned tensor has no range.</exception>
    public ImmutableDictionary<string, QuantParams> Parameters(IReadOnlyDictionary<string, ActivationRange> ranges)
    {
        var groupRange = new Dictionary<string, ActivationRange>(StringComparer.Ordinal);
        foreach (var tensor in Tensors)
        {
            if (!ranges.TryGetValue(tensor, out var range)) throw new ArgumentException($"no calibrated range for tensor '{tensor}'");
            if (clamps.TryGetValue(tensor, out var clamp))
            {
                float lo = Math.Max(range.Min, clamp.Min), hi = Math.Min(range.Max, clamp.Max);
                range = lo <= hi ? new ActivationRange(lo, hi) : new ActivationRange(clamp.Min, clamp.Min);
            }
            var group = groupOf[tensor];
            groupRange[group] = groupRange.TryGetValue(group, out var r) ? r.Union(range) : range;
        }
        return Tensors.ToImmutableDictionary(t => t, t => QuantParams.ForRange(groupRange[groupOf[t]], Options.ActivationType), StringComparer.Ordinal);
    }
}
