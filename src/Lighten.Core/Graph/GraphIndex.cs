namespace Lighten.Core;

/// <summary>
/// Who produces and who reads each value of a graph, and each node by name: built once per node list in one walk, so a
/// pass that asks per node or per value stays linear. Get it from <see cref="Graph.Index"/>, which builds it on first use.
/// </summary>
public sealed class GraphIndex
{
    private readonly Dictionary<string, Node> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Node>> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Node, int> _positions = new(ReferenceEqualityComparer.Instance);

    /// <summary>Indexes <paramref name="nodes"/> (in the graph's order).</summary>
    public GraphIndex(IReadOnlyList<Node> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        for (int i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            _positions.TryAdd(node, i);
            _byName.TryAdd(node.Name, node);
            foreach (var output in node.Outputs)
                if (output.Length > 0) _producers.TryAdd(output, node);
            for (int k = 0; k < node.Inputs.Length; k++)
            {
                var input = node.Inputs[k];
                // An empty name is an omitted optional input, not a value; a node reading a value twice is one consumer.
                if (input.Length == 0 || IndexOf(node.Inputs, input) < k) continue;
                if (!_consumers.TryGetValue(input, out var list)) _consumers[input] = list = [];
                list.Add(node);
            }
        }
    }

    /// <summary>The first node that produces <paramref name="value"/>; null for graph inputs, initializers and unknown names.</summary>
    public Node? Producer(string value) => _producers.GetValueOrDefault(value);

    /// <summary>The nodes that read <paramref name="value"/>, each once, in graph order; empty when none does.</summary>
    public IReadOnlyList<Node> Consumers(string value) => _consumers.TryGetValue(value, out var list) ? list : [];

    /// <summary>Whether any node reads <paramref name="value"/>.</summary>
    public bool IsRead(string value) => _consumers.ContainsKey(value);

    /// <summary>The first node named <paramref name="name"/>, or null.</summary>
    public Node? FindNode(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The position of <paramref name="node"/> (this very instance) in the graph's order, or -1.</summary>
    public int PositionOf(Node node) => _positions.TryGetValue(node, out int i) ? i : -1;

    private static int IndexOf(System.Collections.Immutable.ImmutableArray<string> values, string value)
    {
        for (int i = 0; i < values.Length; i++) if (values[i] == value) return i;
        return -1;
    }
}
