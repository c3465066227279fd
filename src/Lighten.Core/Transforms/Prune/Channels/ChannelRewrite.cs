namespace Lighten.Core.Transforms.Prune.Channels;

/// <summary>
/// The removal decided by <see cref="PruneChannels"/>, seen by the rules while they rewrite nodes: which channel
/// positions of each value stay, and slicing of initializers (a shared initializer gets a sliced copy).
/// </summary>
public sealed class ChannelRewrite
{
    private readonly ChannelDependencies _deps;
    private readonly bool[] _removed;
    private readonly GraphBuilder _builder;
    private readonly Dictionary<string, int> _readers;

    internal ChannelRewrite(ChannelDependencies deps, bool[] removed, GraphBuilder builder)
    {
        _deps = deps;
        _removed = removed;
        _builder = builder;
        _readers = deps.Graph.Nodes.SelectMany(n => n.Inputs.Distinct()).GroupBy(v => v, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    /// <summary>The graph before pruning (with inferred shapes).</summary>
    public Graph Before => _deps.Graph;

    /// <summary>The channel positions of a value that stay, or null when the value is not tracked.</summary>
    public int[]? Kept(string value) =>
        _deps.Channels(value) is { } c ? [.. Enumerable.Range(0, c.Length).Where(i => !_removed[c[i]])] : null;

    /// <summary>Whether any channel of the value goes.</summary>
    public bool Shrinks(string value) => _deps.Channels(value) is { } c && c.Any(e => _removed[e]);

    /// <summary>How many channels of the value stay (the channel count before pruning for an untracked value).</summary>
    public int KeptCount(string value) => Kept(value)?.Length ?? _deps.ChannelCount(value) ?? 0;

    /// <summary>An initializer of the graph being rewritten (already sliced ones included).</summary>
    public TensorData Initializer(string name) => _builder.Initializers[name];

    /// <summary>
    /// Keeps the positions <paramref name="keep"/> of an initializer along <paramref name="axis"/> and returns the name
    /// to read it by (the same name unless another node reads the initializer too).
    /// </summary>
    public string Slice(string name, int axis, int[] keep)
    {
        var value = _builder.Initializers[name];
        if (keep.Length == value.Dims[axis] && keep.Select((k, i) => k == i).All(b => b)) return name;
        var sliced = TensorSlicing.Take(value, axis, keep);
        var target = _readers.GetValueOrDefault(name) > 1 ? _builder.UniqueName(name + "_pruned") : name;
        _builder.SetInitializer(target, sliced);
        return target;
    }

    /// <summary>Sets a new initializer with a fresh name derived from <paramref name="prefix"/>.</summary>
    public string Add(string prefix, TensorData value)
    {
        var name = _builder.UniqueName(prefix);
        _builder.SetInitializer(name, value);
        return name;
    }

    /// <summary>A copy of <paramref name="node"/> reading <paramref name="value"/> at input <paramref name="index"/>.</summary>
    public static Node WithInput(Node node, int index, string value) =>
        node with { Inputs = node.Inputs.SetItem(index, value) };
}
