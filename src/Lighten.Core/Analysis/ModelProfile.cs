using System.Collections.Immutable;

namespace Lighten.Core.Analysis;

/// <summary>The cost of one node.</summary>
/// <param name="Name">Node name.</param>
/// <param name="OpType">ONNX op type.</param>
/// <param name="OutputShape">Shape of the first output, when known.</param>
/// <param name="Macs">Multiply-accumulates; null when the profiler could not cost the node.</param>
/// <param name="Params">Weight elements the node reads (floating-point initializers of rank ≥ 1).</param>
/// <param name="WeightBytes">Bytes of those weights.</param>
/// <param name="OutputBytes">Bytes of the node's outputs (0 where a shape is unknown).</param>
/// <param name="MacShare">Share of the model's total MACs, 0 to 1.</param>
public sealed record LayerProfile(string Name, string OpType, TensorShape? OutputShape, long? Macs, long Params, long WeightBytes, long OutputBytes, double MacShare);

/// <summary>Whole-model figures.</summary>
/// <param name="Macs">Sum of the costed nodes' MACs.</param>
/// <param name="Params">Weight elements (each initializer counted once).</param>
/// <param name="WeightBytes">Bytes of those weights.</param>
/// <param name="PeakActivationBytes">Largest total size of activations alive at the same time, walking the topological order.</param>
public sealed record ProfileTotals(long Macs, long Params, long WeightBytes, long PeakActivationBytes);

/// <summary>A node the profiler could not cost, and why.</summary>
public sealed record UncostedNode(string Name, string OpType, string Reason);

/// <summary>The result of <see cref="Profiler.Run"/>.</summary>
/// <param name="Model">The model's name (its file name when profiled from a file).</param>
/// <param name="Inputs">The graph inputs with the shapes the profile was computed for.</param>
/// <param name="Totals">Whole-model figures.</param>
/// <param name="Layers">Per-node figures, in topological order.</param>
/// <param name="Unsupported">Nodes that could not be costed.</param>
/// <param name="AssumedDims">Symbolic batch dimensions that were not fixed and were taken as a size (by symbol).</param>
public sealed record ModelProfile(
    string Model,
    ImmutableArray<ValueInfo> Inputs,
    ProfileTotals Totals,
    ImmutableArray<LayerProfile> Layers,
    ImmutableArray<UncostedNode> Unsupported,
    ImmutableSortedDictionary<string, long> AssumedDims);
