namespace Lighten.Core.Ops;

/// <summary>What a cost rule sees of a node: the node and the inferred types and shapes of its inputs and outputs.</summary>
public sealed class CostContext(Node node, Graph graph)
{
    /// <summary>The node being costed.</summary>
    public Node Node { get; } = node;

    /// <summary>The input at <paramref name="index"/>, or null when absent or unknown.</summary>
    public ValueInfo? Input(int index) => Node.HasInput(index) ? graph.FindValue(Node.Inputs[index]) : null;

    /// <summary>The output at <paramref name="index"/>, or null when absent or unknown.</summary>
    public ValueInfo? Output(int index) =>
        index < Node.Outputs.Length && Node.Outputs[index].Length > 0 ? graph.FindValue(Node.Outputs[index]) : null;

    /// <summary>The fully known shape of input <paramref name="index"/>, or null.</summary>
    public long[]? InputDims(int index) => Input(index)?.Shape is { IsFullyKnown: true } s ? s.ToArray() : null;

    /// <summary>The fully known shape of output <paramref name="index"/>, or null.</summary>
    public long[]? OutputDims(int index) => Output(index)?.Shape is { IsFullyKnown: true } s ? s.ToArray() : null;
}
