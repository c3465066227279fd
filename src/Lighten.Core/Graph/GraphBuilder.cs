using System.Collections.Immutable;

namespace Lighten.Core;

/// <summary>
/// A mutable editor of a <see cref="Graph"/>: passes copy a graph into a builder, change it, and call
/// <see cref="ToGraph"/>, which puts the nodes back in topological order.
/// </summary>
public sealed class GraphBuilder
{
    private readonly Graph _template;
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);

    /// <summary>Starts from an empty graph.</summary>
    public GraphBuilder() : this(new Graph()) { }

    /// <summary>Starts from a copy of <paramref name="graph"/>.</summary>
    public GraphBuilder(Graph graph)
    {
        _template = graph;
        Inputs = [.. graph.Inputs];
        Outputs = [.. graph.Outputs];
        Nodes = [.. graph.Nodes];
        Initializers = new Dictionary<string, TensorData>(graph.Initializers, StringComparer.Ordinal);
        ValueInfos = new Dictionary<string, ValueInfo>(graph.ValueInfos, StringComparer.Ordinal);
        foreach (var n in Nodes)
        {
            _usedNames.Add(n.Name);
            foreach (var o in n.Outputs) _usedNames.Add(o);
        }
        foreach (var v in Inputs) _usedNames.Add(v.Name);
        foreach (var k in Initializers.Keys) _usedNames.Add(k);
    }

    /// <summary>Graph inputs.</summary>
    public List<ValueInfo> Inputs { get; }

    /// <summary>Graph outputs.</summary>
    public List<ValueInfo> Outputs { get; }

    /// <summary>Nodes (any order while editing).</summary>
    public List<Node> Nodes { get; }

    /// <summary>Initializers by name.</summary>
    public Dictionary<string, TensorData> Initializers { get; }

    /// <summary>Known intermediate value types and shapes.</summary>
    public Dictionary<string, ValueInfo> ValueInfos { get; }

    /// <summary>A node or value name not used yet, derived from <paramref name="prefix"/>; it is reserved.</summary>
    public string UniqueName(string prefix)
    {
        var name = prefix;
        for (int i = 1; !_usedNames.Add(name); i++) name = $"{prefix}_{i}";
        return name;
    }

    /// <summary>Adds a node, reserving its name and output names.</summary>
    public Node AddNode(Node node)
    {
        _usedNames.Add(node.Name);
        foreach (var o in node.Outputs) _usedNames.Add(o);
        Nodes.Add(node);
        return node;
    }

    /// <summary>Adds a node with a fresh name derived from <paramref name="namePrefix"/> (default: the op type).</summary>
    public Node AddNode(string opType, IEnumerable<string> inputs, IEnumerable<string> outputs,
        IEnumerable<KeyValuePair<string, AttributeValue>>? attributes = null, string? namePrefix = null, string domain = "")
        => AddNode(new Node(UniqueName(namePrefix ?? opType), opType, inputs, outputs, attributes, domain));

    /// <summary>Removes the node named <paramref name="name"/>; true when it was there.</summary>
    public bool RemoveNode(string name) => Nodes.RemoveAll(n => n.Name == name) > 0;

    /// <summary>Replaces the node with the same name as <paramref name="node"/>.</summary>
    public void ReplaceNode(Node node)
    {
        int i = Nodes.FindIndex(n => n.Name == node.Name);
        if (i < 0) throw new InvalidOperationException($"no node named '{node.Name}'");
        Nodes[i] = node;
    }

    /// <summary>Adds or replaces an initializer.</summary>
    public void SetInitializer(string name, TensorData value)
    {
        _usedNames.Add(name);
        Initializers[name] = value;
        ValueInfos.Remove(name);
    }

    /// <summary>Makes every reader of <paramref name="from"/> (nodes and graph outputs) read <paramref name="to"/> instead.</summary>
    public void ReplaceUses(string from, string to)
    {
        for (int i = 0; i < Nodes.Count; i++)
        {
            var n = Nodes[i];
            if (n.Inputs.Contains(from))
                Nodes[i] = n with { Inputs = [.. n.Inputs.Select(x => x == from ? to : x)] };
        }
        for (int i = 0; i < Outputs.Count; i++)
            if (Outputs[i].Name == from) Outputs[i] = Outputs[i] with { Name = to };
    }

    /// <summary>Removes initializers and value infos that no node or graph output refers to any more.</summary>
    public void RemoveUnused()
    {
        var used = new HashSet<string>(Nodes.SelectMany(n => n.Inputs.Concat(n.Outputs)), StringComparer.Ordinal);
        foreach (var o in Outputs) used.Add(o.Name);
        foreach (var k in Initializers.Keys.Where(k => !used.Contains(k)).ToList()) Initializers.Remove(k);
        foreach (var k in ValueInfos.Keys.Where(k => !used.Contains(k)).ToList()) ValueInfos.Remove(k);
    }

    /// <summary>The edited graph with nodes in a stable topological order; throws when the nodes form a cycle.</summary>
    public Graph ToGraph()
    {
        RemoveUnused();
        return _template with
        {
            Inputs = [.. Inputs],
            Outputs = [.. Outputs],
            Nodes = TopologicalOrder.Sort(Nodes, Inputs.Select(i => i.Name).Concat(Initializers.Keys)),
            Initializers = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, Initializers),
            ValueInfos = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, ValueInfos),
        };
    }
}
