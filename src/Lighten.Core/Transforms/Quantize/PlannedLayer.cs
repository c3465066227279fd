namespace Lighten.Core.Transforms.Quantize;

/// <summary>A node the plan runs in INT8.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="OpType">Its op type.</param>
/// <param name="Kind">How it is quantized.</param>
/// <param name="FusedActivation">The Relu or Clip after it that the quantized output absorbs (no Q between them), or null.</param>
/// <param name="Output">The tensor whose Q/DQ follows the layer, or null when the layer keeps a float output.</param>
public sealed record PlannedLayer(string Node, string OpType, QuantKind Kind, string? FusedActivation, string? Output);

/// <summary>A node with an integer form that the plan keeps in FP32, and why.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="OpType">Its op type.</param>
/// <param name="Reason">Why it stays FP32 (target, request, weights, graph output...).</param>
public sealed record Fp32Layer(string Node, string OpType, string Reason);
