namespace Lighten.Core.Transforms.Cleanup;

/// <summary>Questions the cleanup passes ask of a graph being edited.</summary>
internal static class GraphQueries
{
    private const int GraphAttribute = 5;
    private const int GraphsAttribute = 10;

    /// <summary>
    /// Whether any node carries a subgraph (If, Loop, Scan): a subgraph may read outer values by name,
    /// which Lighten cannot see, so passes that rename or remove values leave such graphs alone.
    /// </summary>
    public static bool HasSubgraphs(Graph g) => g.Nodes.Any(n => n.Attributes.Values.Any(a =>
        a is OpaqueAttribute { AttributeType: GraphAttribute or GraphsAttribute }));

    /// <summary>Whether a node of the default ONNX domain has op type <paramref name="opType"/>.</summary>
    public static bool Is(this Node node, string opType) => node.OpType == opType && node.Domain is "" or "ai.onnx";
}
