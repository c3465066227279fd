namespace Lighten.Core.Transforms.Quantize.Ops;

/// <summary>Concat: every input and the output share one scale (QLinearConcat then only copies bytes).</summary>
internal sealed class ConcatQuantizer : OpQuantizer
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Concat"];

    /// <inheritdoc/>
    public override QuantKind Kind => QuantKind.Concat;

    /// <inheritdoc/>
    public override IEnumerable<int> ActivationInputs(Node node) => Enumerable.Range(0, node.Inputs.Length);

    /// <inheritdoc/>
    public override string? Refusal(Node node, Graph graph) =>
        node.Inputs.Any(graph.Initializers.ContainsKey) ? "one input is a constant, not an activation" : null;
}
