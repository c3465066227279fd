namespace Lighten.Core.Transforms.Quantize.Ops;

/// <summary>
/// Ops that move or select values without computing new ones: their output shares the input's scale and zero
/// point, so ONNX Runtime drops the DQ → op → Q around them and runs them on the 8-bit data. Only the data input
/// (input 0) is quantized; shape, index and size inputs stay as they are.
/// </summary>
internal sealed class PassThroughQuantizer : OpQuantizer
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } =
        ["Reshape", "Transpose", "Flatten", "Squeeze", "Unsqueeze", "Slice", "Gather", "Expand", "Tile", "Resize", "Split"];

    /// <inheritdoc/>
    public override QuantKind Kind => QuantKind.PassThrough;

    /// <inheritdoc/>
    public override long MinOpset => 11;

    /// <inheritdoc/>
    public override IEnumerable<int> ActivationOutputs(Node node) =>
        node.OpType == "Split" ? Enumerable.Range(0, node.Outputs.Length).Where(i => node.Outputs[i].Length > 0) : [0];

    /// <inheritdoc/>
    public override string? Refusal(Node node, Graph graph) =>
        node.OpType == "Resize" && node.GetString("mode", "nearest") == "cubic" ? "cubic Resize has no 8-bit kernel" : null;
}
