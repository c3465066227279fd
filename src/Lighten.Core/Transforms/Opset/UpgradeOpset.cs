using System.Collections.Immutable;

namespace Lighten.Core.Transforms.Opset;

/// <summary>
/// Brings a graph written at an older default-domain opset (7 to 12) up to a newer one (13 by default), the way
/// ONNX's version converter does: attributes that became inputs become initializers (Clip, Pad, Slice, Squeeze,
/// Unsqueeze, Split, ReduceSum, Dropout, TopK), Upsample becomes Resize, Softmax-family ops that coerced their
/// input to 2-D are wrapped in Flatten and Reshape, and BatchNormalization loses its legacy attributes. Ops whose
/// meaning did not change are kept as they are. A node the pass cannot convert stops it with an
/// <see cref="OpsetUpgradeException"/> naming the node, before anything is changed. Nodes of other domains are
/// left alone. The pass never downgrades.
/// </summary>
public static class UpgradeOpset
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(UpgradeOpset);

    /// <summary>The oldest default-domain opset the pass upgrades from.</summary>
    public const long MinSourceOpset = 7;

    /// <summary>The newest opset the pass upgrades to (and its default target).</summary>
    public const int MaxTargetOpset = 13;

    /// <summary>
    /// Upgrades <paramref name="graph"/> to <paramref name="targetOpset"/>. A graph already at that opset or newer
    /// is returned unchanged (0 changes, one detail saying so). Otherwise every default-domain node is converted,
    /// one detail per rewritten node, and a last detail records the new opset.
    /// </summary>
    /// <exception cref="OpsetUpgradeException">A node cannot be converted, the graph's opset is older than
    /// <see cref="MinSourceOpset"/>, or the target is newer than <see cref="MaxTargetOpset"/>.</exception>
    public static PassResult Run(Graph graph, int targetOpset = MaxTargetOpset)
    {
        long from = graph.OpsetVersion();
        if (from == 0) return new PassResult(graph, Name, 0, ["unchanged: the graph imports no default-domain opset"]);
        if (from >= targetOpset)
            return new PassResult(graph, Name, 0, [$"unchanged: the graph is already at opset {from} (target {targetOpset})"]);
        if (targetOpset > MaxTargetOpset)
            throw new OpsetUpgradeException($"cannot upgrade to opset {targetOpset}: the newest opset this pass reaches is {MaxTargetOpset}");
        if (from < MinSourceOpset)
            throw new OpsetUpgradeException($"cannot upgrade from opset {from}: the oldest opset this pass reads is {MinSourceOpset}");

        var builder = new GraphBuilder(graph);
        var ctx = new UpgradeContext(Typed(graph), builder, from, targetOpset);
        var nodes = graph.Nodes.Where(n => n.Domain is "" or "ai.onnx").ToList();
        var adapters = nodes.Select(n => AdapterFor(n, ctx)).ToList();
        var details = ImmutableArray.CreateBuilder<string>();
        for (int i = 0; i < nodes.Count; i++)
            if (adapters[i].Rewrite(nodes[i], ctx) is { } detail) details.Add(detail);
        details.Add($"default-domain opset {from} → {targetOpset}");

        var upgraded = builder.ToGraph();
        upgraded = upgraded with
        {
            Opsets = [.. upgraded.Opsets.Select(o => o.Domain is "" or "ai.onnx" ? o with { Version = targetOpset } : o)],
        };
        return new PassResult(upgraded, Name, details.Count, details.ToImmutable());
    }

    private static OpsetAdapter AdapterFor(Node node, UpgradeContext ctx)
    {
        var message = $"no upgrade from opset {ctx.From} to {ctx.To}";
        if (AdapterRegistry.Find(node.OpType) is not { } adapter) throw new OpsetUpgradeException(message, node.Name, node.OpType);
        if (adapter.Refusal(node, ctx) is { } why) throw new OpsetUpgradeException($"{message}: {why}", node.Name, node.OpType);
        return adapter;
    }

    /// <summary>The graph with inferred types and shapes, or as it is when inference fails (adapters then assume less).</summary>
    private static Graph Typed(Graph graph)
    {
        try
        {
            return ShapeInference.Run(graph).Graph;
        }
        catch (LightenException)
        {
            return graph;
        }
    }
}
