namespace Lighten.Core.Transforms.Quantize.Ops;

/// <summary>Add and Mul of two activations (a residual Add, a squeeze-and-excitation Mul): QLinearAdd / QLinearMul.</summary>
internal sealed class BinaryQuantizer : OpQuantizer
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Add", "Mul"];

    /// <inheritdoc/>
    public override QuantKind Kind => QuantKind.Binary;

    /// <inheritdoc/>
    public override IEnumerable<int> ActivationInputs(Node node) => [0, 1];

    /// <inheritdoc/>
    public override string? Refusal(Node node, Graph graph) =>
        node.Inputs.Any(graph.Initializers.ContainsKey) ? "one operand is a constant, not an activation" : null;
}
