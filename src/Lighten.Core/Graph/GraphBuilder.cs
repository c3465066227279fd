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
    private readonly Dictionary<string, int> _nextSuffix = new(StringComparer.Ordinal);

    /// <summary>Starts from an empty graph.</summary>
    public GraphBuilder() : this(new Graph()) { }

    /// <summary>Starts from a copy of <paramref name="graph"/>.</summary>
    public GraphBuilder(Graph graph)
    {
        _template = graph;
        Inputs = [.. graph.Inputs];
        Outputs = [.. graph.Outputs];
        _nodes = [.. graph.Nodes];
        Initializers = new Dictionary<string, TensorData>(graph.Initializers, StringComparer.Ordinal);
        ValueInfos = new Dictionary<string, ValueInfo>(graph.ValueInfos, StringComparer.Ordinal);
        foreach (var n in _nodes)
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

    /// <summary>
    /// Nodes (any order while editing). Editing this list directly is allowed; the builder's own lookups
    /// (<see cref="FindNode"/>, <see cref="Producer"/>, <see cref="Consumers"/>, <see cref="ReplaceNode"/>...) are
    /// indexed and re-index after such an edit, so a pass that loops should use them rather than scan this list.
    /// </summary>
    public List<Node> Nodes
    {
        get
        {
            Compact();
            _indexed = false;
            return _nodes;
        }
    }

    /// <summary>Initializers by name.</summary>
    public Dictionary<string, TensorData> Initializers { get; }

    /// <summary>Known intermediate value types and shapes.</summary>
    public Dictionary<string, ValueInfo> ValueInfos { get; }

    /// <summary>A node or value name not used yet, derived from <paramref name="prefix"/>; it is reserved.</summary>
    public string UniqueName(string prefix)
    {
        if (_usedNames.Add(prefix)) return prefix;
        // Names are never released, so the search resumes where it last stopped for this prefix: a pass that derives
        // thousands of names from one stem (a shared initializer) stays linear, with the same names as a search from 1.
        int i = _nextSuffix.GetValueOrDefault(prefix, 1);
        string name;
        while (!_usedNames.Add(name = $"{prefix}_{i}")) i++;
        _nextSuffix[prefix] = i + 1;
        return name;
    }

    /// <summary>Adds a node, reserving its name and output names.</summary>
    public Node AddNode(Node node)
    {
        _usedNames.Add(node.Name);
        foreach (var o in node.Outputs) _usedNames.Add(o);
        _nodes.Add(node);
        if (_indexed) Index(_nodes.Count - 1);
        return node;
    }

    /// <summary>Adds a node with a fresh name derived from <paramref name="namePrefix"/> (default: the op type).</summary>
    public Node AddNode(string opType, IEnumerable<string> inputs, IEnumerable<string> outputs,
        IEnumerable<KeyValuePair<string, AttributeValue>>? attributes = null, string? namePrefix = null, string domain = "")
        => AddNode(new Node(UniqueName(namePrefix ?? opType), opType, inputs, outputs, attributes, domain));

    /// <summary>Removes every node named <paramref name="name"/>; true when there was one.</summary>
    public bool RemoveNode(string name)
    {
        EnsureIndex();
        if (!_byName.TryGetValue(name, out var positions) || positions.Count == 0) return false;
        foreach (int i in positions.ToList())
        {
            Unindex(i);
            _removed.Add(i);
        }
        return true;
    }

    /// <summary>Replaces the (first) node with the same name as <paramref name="node"/>.</summary>
    public void ReplaceNode(Node node)
    {
        EnsureIndex();
        if (!_byName.TryGetValue(node.Name, out var positions) || positions.Count == 0)
            throw new InvalidOperationException($"no node named '{node.Name}'");
        int i = positions.Min();
        Unindex(i);
        _nodes[i] = node;
        Index(i);
    }

    /// <summary>The (first) node named <paramref name="name"/>, or null.</summary>
    public Node? FindNode(string name)
    {
        EnsureIndex();
        return _byName.TryGetValue(name, out var positions) && positions.Count > 0 ? _nodes[positions.Min()] : null;
    }

    /// <summary>The node that produces <paramref name="value"/>, or null (graph inputs, initializers, unknown names).</summary>
    public Node? Producer(string value)
    {
        EnsureIndex();
        return value.Length > 0 && _producers.TryGetValue(value, out var positions) && positions.Count > 0 ? _nodes[positions.Min()] : null;
    }

    /// <summary>The nodes that read <paramref name="value"/>, each once, in list order.</summary>
    public IReadOnlyList<Node> Consumers(string value)
    {
        EnsureIndex();
        return _consumers.TryGetValue(value, out var positions) ? [.. positions.Order().Select(i => _nodes[i])] : [];
    }

    /// <summary>Whether a node reads <paramref name="value"/> or it is a graph output.</summary>
    public bool IsUsed(string value)
    {
        EnsureIndex();
        return IsOutput(value) || (_consumers.TryGetValue(value, out var positions) && positions.Count > 0);
    }

    /// <summary>Whether <paramref name="value"/> is a graph output.</summary>
    public bool IsOutput(string value)
    {
        foreach (var o in Outputs) if (o.Name == value) return true;
        return false;
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
        EnsureIndex();
        if (_consumers.TryGetValue(from, out var readers))
        {
            foreach (int i in readers.ToList())
            {
                var n = _nodes[i];
                Unindex(i);
                _nodes[i] = n with { Inputs = [.. n.Inputs.Select(x => x == from ? to : x)] };
                Index(i);
            }
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

    // Positions in _nodes by node name, by produced value and by read value. Removals leave a hole (listed in _removed)
    // until the list is handed out or the graph is built, so positions stay valid while a pass edits.
    private readonly List<Node> _nodes;
    private readonly Dictionary<string, HashSet<int>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<int>> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<int>> _consumers = new(StringComparer.Ordinal);
    private readonly HashSet<int> _removed = [];
    private bool _indexed;

    private void EnsureIndex()
    {
        if (_indexed) return;
        _byName.Clear();
        _producers.Clear();
        _consumers.Clear();
        for (int i = 0; i < _nodes.Count; i++) if (!_removed.Contains(i)) Index(i);
        _indexed = true;
    }

    private void Compact()
    {
        if (_removed.Count == 0) return;
        int kept = 0;
        for (int i = 0; i < _nodes.Count; i++)
            if (!_removed.Contains(i)) _nodes[kept++] = _nodes[i];
        _nodes.RemoveRange(kept, _nodes.Count - kept);
        _removed.Clear();
        _indexed = false;
    }

    private void Index(int i)
    {
        var node = _nodes[i];
        Add(_byName, node.Name, i);
        foreach (var o in node.Outputs) if (o.Length > 0) Add(_producers, o, i);
        foreach (var input in node.Inputs) if (input.Length > 0) Add(_consumers, input, i);
    }

    private void Unindex(int i)
    {
        var node = _nodes[i];
        Remove(_byName, node.Name, i);
        foreach (var o in node.Outputs) Remove(_producers, o, i);
        foreach (var input in node.Inputs) Remove(_consumers, input, i);
    }

    private static void Add(Dictionary<string, HashSet<int>> map, string key, int i)
    {
        if (!map.TryGetValue(key, out var set)) map[key] = set = [];
        set.Add(i);
    }

    private static void Remove(Dictionary<string, HashSet<int>> map, string key, int i)
    {
        if (map.TryGetValue(key, out var set) && set.Remove(i) && set.Count == 0) map.Remove(key);
    }
}
