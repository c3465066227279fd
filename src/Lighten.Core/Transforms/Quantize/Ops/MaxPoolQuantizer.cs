namespace Lighten.Core.Transforms.Quantize.Ops;

/// <summary>MaxPool (opset 12 and later have an 8-bit form): shares its input's scale, like the other pass-through ops.</summary>
internal sealed class MaxPoolQuantizer : OpQuantizer
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["MaxPool"];

    /// <inheritdoc/>
    public override QuantKind Kind => QuantKind.PassThrough;

    /// <inheritdoc/>
    public override long MinOpset => 12;

    /// <inheritdoc/>
    public override string? Refusal(Node node, Graph graph) =>
        node.Outputs.Length > 1 && node.Outputs[1].Length > 0 ? "its indices output is used" : null;
}
