using System.Collections.Immutable;

namespace Lighten.Core.Transforms.Factorize;

/// <summary>The frame the factorization passes share: read and check the named layers, then rewrite each in one builder.</summary>
internal static class LayerPass
{
    /// <summary>Rewrites one layer in <paramref name="b"/>; <paramref name="shaped"/> is the input graph with shapes inferred at batch 1.</summary>
    public delegate LayerOutcome Rewrite(GraphBuilder b, ConvLayer layer, Graph shaped);

    /// <summary>
    /// Runs <paramref name="rewrite"/> on every named layer. A name that is not a group-1 Conv/ConvTranspose with
    /// initializer weights, or that <paramref name="refusal"/> rejects, throws <see cref="OptionException"/> naming it.
    /// </summary>
    public static (PassResult Result, ImmutableArray<LayerOutcome> Outcomes) Run(
        Graph g, IEnumerable<string> layers, string pass, Func<ConvLayer, string?> refusal, Rewrite rewrite)
    {
        var read = layers.Distinct(StringComparer.Ordinal).Select(name => ConvLayer.Read(g, name, pass)).ToList();
        foreach (var layer in read)
            if (refusal(layer) is { } why) throw new OptionException($"{pass}: node '{layer.Node.Name}' ({layer.Node.OpType}) {why}");
        if (read.Count == 0) return (PassResult.Unchanged(g, pass), []);

        var shaped = ShapeInference.Run(InputShapes.BindBatch(g)).Graph;
        var b = new GraphBuilder(g);
        var outcomes = read.Select(layer => rewrite(b, layer, shaped)).ToImmutableArray();
        int changes = outcomes.Count(o => o.Changed);
        var graph = changes == 0 ? g : b.ToGraph();
        return (new PassResult(graph, pass, changes, [.. outcomes.Select(o => o.Detail)]), outcomes);
    }

    /// <summary>A skipped layer's outcome.</summary>
    public static LayerOutcome Skip(ConvLayer layer, string why) =>
        new(layer.Node.Name, layer.Node.OpType, false, Skipped(layer.Node.OpType, layer.Node.Name, why));

    /// <summary>The line that says a layer was skipped and why.</summary>
    public static string Skipped(string opType, string layer, string why) => $"skipped {opType} '{layer}': {why}";

    /// <summary>Whether a rewrite costing <paramref name="after"/> MACs is worth it against <paramref name="before"/> (unknown costs are).</summary>
    public static bool Lowers(long? before, long? after) => before is not long b || after is not long a || a < b;

    /// <summary>Integer attributes of a node as pairs for <see cref="Node"/>'s constructor.</summary>
    public static KeyValuePair<string, AttributeValue> Ints(string name, params long[] values) => KeyValuePair.Create(name, (AttributeValue)new IntsAttribute([.. values]));

    /// <summary>The node's <paramref name="name"/> list attribute, or <paramref name="count"/> copies of <paramref name="fallback"/>.</summary>
    public static long[] IntsOr(Node node, string name, int count, long fallback) => node.GetInts(name) ?? [.. Enumerable.Repeat(fallback, count)];
}
