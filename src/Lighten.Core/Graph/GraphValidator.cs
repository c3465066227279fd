namespace Lighten.Core;

/// <summary>
/// Checks a graph's invariants: node names unique, every value defined exactly once, every input defined
/// before it is read (so the graph is acyclic and in topological order), graph outputs produced, and shapes
/// consistent (shape inference succeeds and agrees with the declared shapes). Errors name the node, its op
/// and the shapes involved.
/// </summary>
public static class GraphValidator
{
    /// <summary>Throws <see cref="GraphValidationException"/> (or <see cref="ShapeInferenceException"/>) at the first problem.</summary>
    public static void Validate(Graph graph, bool checkShapes = true)
    {
        CheckStructure(graph);
        if (checkShapes) ShapeInference.Run(graph);
    }

    /// <summary>The structural checks alone (names, definitions, order), without shape inference.</summary>
    public static void CheckStructure(Graph graph)
    {
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in graph.Inputs)
            if (!defined.Add(input.Name)) throw new GraphValidationException($"graph input '{input.Name}' is declared twice");
        foreach (var name in graph.Initializers.Keys)
            if (!defined.Add(name)) throw new GraphValidationException($"initializer '{name}' has the name of a graph input");

        var nodeNames = new HashSet<string>(StringComparer.Ordinal);
        var producedLater = new HashSet<string>(graph.Nodes.SelectMany(n => n.Outputs), StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            if (node.Name.Length == 0) throw new GraphValidationException("a node has an empty name", null, node.OpType);
            if (!nodeNames.Add(node.Name)) throw new GraphValidationException("the node name is used twice", node.Name, node.OpType);
            foreach (var input in node.Inputs)
            {
                if (input.Length == 0 || defined.Contains(input)) continue;
                if (producedLater.Contains(input))
                {
                    TopologicalOrder.Sort(graph.Nodes, defined); // throws on a cycle
                    throw new GraphValidationException($"reads '{input}' before the node that produces it (nodes are not in topological order)", node.Name, node.OpType);
                }
                throw new GraphValidationException($"reads '{input}', which no node, graph input or initializer defines", node.Name, node.OpType);
            }
            foreach (var output in node.Outputs)
                if (output.Length > 0 && !defined.Add(output))
                    throw new GraphValidationException($"writes '{output}', which is already defined elsewhere", node.Name, node.OpType);
        }
        foreach (var output in graph.Outputs)
            if (!defined.Contains(output.Name)) throw new GraphValidationException($"graph output '{output.Name}' is not produced by any node, input or initializer");
    }
}
