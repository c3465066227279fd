namespace Lighten.Core.Transforms.Quantize.Ops;

/// <summary>
/// Gemm and MatMul with constant weights: int8 weights per output column, int32 bias. ONNX Runtime fuses them into
/// QGemm / QLinearMatMul, or with a float output (no Q after them) into QGemm / MatMulIntegerToFloat.
/// </summary>
internal sealed class GemmQuantizer : OpQuantizer
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Gemm", "MatMul"];

    /// <inheritdoc/>
    public override QuantKind Kind => QuantKind.Compute;

    /// <inheritdoc/>
    public override bool FloatOutputAllowed => true;

    /// <inheritdoc/>
    public override WeightLayout Weights(Node node, Graph graph) => node.OpType == "MatMul"
        ? new(1, 1, null)
        : new(1, node.GetInt("transB", 0) != 0 ? 0 : 1, node.HasInput(2) ? 2 : null);

    /// <inheritdoc/>
    public override string? Refusal(Node node, Graph graph)
    {
        if (!node.HasInput(1)) return "it has no weight input";
        if (NotConstant(node, graph, 1, "weight") is { } why) return why;
        if (graph.Initializers[node.Inputs[1]].Dims.Length != 2) return "its weights are not a matrix";
        if (node.OpType == "MatMul") return null;
        if (node.GetFloat("alpha", 1f) != 1f) return "its alpha is not 1";
        if (!node.HasInput(2)) return null;
        if (node.GetFloat("beta", 1f) != 1f) return "its beta is not 1";
        if (NotConstant(node, graph, 2, "bias") is { } biasWhy) return biasWhy;
        long columns = graph.Initializers[node.Inputs[1]].Dims[node.GetInt("transB", 0) != 0 ? 0 : 1];
        return graph.Initializers[node.Inputs[2]].Dims is [var n] && n == columns ? null : "its bias is not one value per output column";
    }
}
