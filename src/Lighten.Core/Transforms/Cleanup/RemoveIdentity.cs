using System.Collections.Immutable;

namespace Lighten.Core.Transforms.Cleanup;

/// <summary>
/// Removes Identity and inference-mode Dropout nodes by making their readers read the input instead.
/// Graph output names survive: when the removed node's output is a graph output, the producer of its
/// input is renamed to write that output. A node is kept when that is impossible (its input is a graph
/// input, an initializer or another graph output), and a Dropout is kept when its mask is used or it may
/// run in training mode.
/// </summary>
public static class RemoveIdentity
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(RemoveIdentity);

    /// <summary>Runs the pass.</summary>
    public static PassResult Run(Graph g)
    {
        if (GraphQueries.HasSubgraphs(g)) return new PassResult(g, Name, 0, ["skipped: the graph has subgraphs"]);
        var b = new GraphBuilder(g);
        var details = ImmutableArray.CreateBuilder<string>();
        foreach (var node in g.Nodes.Where(n => n.Is("Identity") || n.Is("Dropout")))
            if (TryRemove(b, node)) details.Add($"removed {node.OpType} '{node.Name}'");
        return details.Count == 0 ? PassResult.Unchanged(g, Name) : new PassResult(b.ToGraph(), Name, details.Count, details.ToImmutable());
    }

    private static bool TryRemove(GraphBuilder b, Node node)
    {
        if (!node.HasInput(0) || node.Outputs.Length == 0 || node.Outputs[0].Length == 0) return false;
        if (node.OpType == "Dropout" && !IsInference(b, node)) return false;
        // Earlier removals may have renamed this node's input, so read the current node.
        node = b.FindNode(node.Name)!;
        string x = node.Inputs[0], y = node.Outputs[0];
        if (!b.IsOutput(y))
        {
            b.RemoveNode(node.Name);
            b.ReplaceUses(y, x);
            return true;
        }
        if (b.IsOutput(x) || b.Producer(x) is not { } producer) return false;
        b.RemoveNode(node.Name);
        b.ReplaceUses(x, y);
        b.ReplaceNode(producer with { Outputs = [.. producer.Outputs.Select(o => o == x ? y : o)] });
        if (b.ValueInfos.Remove(x, out var info) && !b.ValueInfos.ContainsKey(y)) b.ValueInfos[y] = info with { Name = y };
        return true;
    }

    private static bool IsInference(GraphBuilder b, Node dropout)
    {
        if (dropout.Outputs.Length > 1 && dropout.Outputs[1].Length > 0 && b.IsUsed(dropout.Outputs[1])) return false;
        if (dropout.GetInt("is_test", 1) == 0) return false;
        if (!dropout.HasInput(2)) return true;
        return b.Initializers.TryGetValue(dropout.Inputs[2], out var mode) && mode.ToInt64Array().All(v => v == 0);
    }
}
