namespace Lighten.Core.Transforms.Quantize.Ops;

/// <summary>
/// Conv and ConvTranspose: int8 weights per output channel (axis 0 of Conv's [Cout, Cin/g, k...], axis 1 of
/// ConvTranspose's [Cin, Cout/g, k...]) and an int32 bias. ONNX Runtime fuses a QDQ Conv into QLinearConv; it has
/// no integer ConvTranspose on the CPU, which is why that op is quantized only where the target says it pays off.
/// </summary>
internal sealed class ConvQuantizer : OpQuantizer
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Conv", "ConvTranspose"];

    /// <inheritdoc/>
    public override QuantKind Kind => QuantKind.Compute;

    /// <inheritdoc/>
    public override WeightLayout Weights(Node node, Graph graph) =>
        new(1, node.OpType == "ConvTranspose" ? 1 : 0, node.HasInput(2) ? 2 : null);

    /// <inheritdoc/>
    public override string? Refusal(Node node, Graph graph)
    {
        if (!node.HasInput(1)) return "it has no weight input";
        return NotConstant(node, graph, 1, "weight") ?? NotConstant(node, graph, 2, "bias")
            ?? (graph.Initializers[node.Inputs[1]].Dims.Length < 3 ? "its weights are not [C, C, k...]" : null);
    }
}
