namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>
/// The channel dependency graph of a Graph. Every channel (axis 1) of every tracked value is an element; a producer
/// (Conv, ConvTranspose, Gemm) creates new elements for its output channels, pass-through ops hand their input's
/// elements on, residual Adds tie their branches element by element, Concat lists its inputs' elements by offset,
/// grouped convolutions tie the same local channel of every group. Tied elements form one group that must be
/// removed together; a group holding an element that cannot go (a graph output, an excluded node, a channel that
/// reaches an op pruning does not follow) is kept, with the reason. Rules (<see cref="ChannelRule"/>) fill it.
/// </summary>
public sealed class ChannelDependencies
{
    private readonly List<int> _parent = [];
    private readonly List<(string Node, int Channel)> _birth = [];
    private readonly Dictionary<int, string> _fixed = [];
    private readonly Dictionary<string, int[]> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<int, (double L1, double L2)> _norms = [];
    private readonly Dictionary<int, double> _bnScale = [];

    internal ChannelDependencies(Graph graph) => Graph = graph;

    /// <summary>The graph (with inferred shapes) being analysed.</summary>
    public Graph Graph { get; }

    /// <summary>How many channel elements exist.</summary>
    public int Count => _parent.Count;

    /// <summary>The elements along axis 1 of a tracked value, or null (initializers, rank below 2, unknown shapes).</summary>
    public int[]? Channels(string value) => value.Length > 0 && _channels.TryGetValue(value, out var c) ? c : null;

    /// <summary>Records the elements along axis 1 of <paramref name="value"/>.</summary>
    public void SetChannels(string value, int[] elements) => _channels[value] = elements;

    /// <summary>The shape of a value, when inferred.</summary>
    public TensorShape? Shape(string value) => value.Length == 0 ? null : Graph.FindValue(value)?.Shape;

    /// <summary>The known channel count (axis 1) of a value of rank 2 or more, or null.</summary>
    public int? ChannelCount(string value) =>
        Shape(value) is { Rank: >= 2 } s && s[1].Value is long c ? (int)c : null;

    /// <summary>An initializer, or null when <paramref name="value"/> is computed.</summary>
    public TensorData? Initializer(string value) => Graph.Initializers.GetValueOrDefault(value);

    /// <summary>New elements for the <paramref name="count"/> output channels of <paramref name="node"/>.</summary>
    public int[] Create(string node, int count)
    {
        var elements = new int[count];
        for (int c = 0; c < count; c++)
        {
            elements[c] = _parent.Count;
            _parent.Add(_parent.Count);
            _birth.Add((node, c));
        }
        return elements;
    }

    /// <summary>New elements for an output of <paramref name="node"/> that can never be pruned (the op is not followed).</summary>
    public void CreateFixed(Node node, string value, string reason)
    {
        if (ChannelCount(value) is not int count) return;
        var elements = Create(node.Name, count);
        SetChannels(value, elements);
        Fix(elements, reason);
    }

    /// <summary>Ties two elements: they are removed together or kept together.</summary>
    public void Tie(int a, int b)
    {
        int ra = Find(a), rb = Find(b);
        if (ra != rb) _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }

    /// <summary>Ties two channel lists position by position (they must have the same length).</summary>
    public void Tie(int[] a, int[] b)
    {
        if (a.Length != b.Length) throw new InvalidOperationException($"cannot tie {a.Length} channels to {b.Length}");
        for (int i = 0; i < a.Length; i++) Tie(a[i], b[i]);
    }

    /// <summary>Marks elements as kept, with the reason (the first reason given stays).</summary>
    public void Fix(IEnumerable<int> elements, string reason)
    {
        foreach (var e in elements) _fixed.TryAdd(e, reason);
    }

    /// <summary>Records the norms of the weights producing an element (mean absolute value, root mean square).</summary>
    public void SetNorms(int element, double l1, double l2) => _norms[element] = (l1, l2);

    /// <summary>Records the BatchNormalization scale of an element.</summary>
    public void SetBatchNormScale(int element, double scale) => _bnScale.TryAdd(element, Math.Abs(scale));

    /// <summary>The representative of an element's group.</summary>
    public int Find(int e)
    {
        while (_parent[e] != e)
        {
            _parent[e] = _parent[_parent[e]];
            e = _parent[e];
        }
        return e;
    }

    /// <summary>The groups of tied elements, in the order of their first element.</summary>
    public IReadOnlyList<ChannelGroup> Groups()
    {
        var members = new SortedDictionary<int, List<int>>();
        for (int e = 0; e < _parent.Count; e++)
        {
            int root = Find(e);
            if (!members.TryGetValue(root, out var list)) members[root] = list = [];
            list.Add(e);
        }
        return [.. members.Select(kv => MakeGroup(kv.Key, kv.Value))];
    }

    private ChannelGroup MakeGroup(int root, List<int> elements)
    {
        var producers = elements.Select(e => _birth[e].Node).Distinct().Order(StringComparer.Ordinal).ToArray();
        var reason = elements.Select(e => _fixed.GetValueOrDefault(e)).FirstOrDefault(r => r is not null);
        var norms = elements.Where(_norms.ContainsKey).Select(e => _norms[e]).ToArray();
        var scales = elements.Where(_bnScale.ContainsKey).Select(e => _bnScale[e]).ToArray();
        return new ChannelGroup(root, [.. elements], string.Join("+", producers), reason,
            norms.Length == 0 ? null : norms.Average(n => n.L1),
            norms.Length == 0 ? null : norms.Average(n => n.L2),
            scales.Length == 0 ? null : scales.Average());
    }
}
