using System.Collections.Immutable;

namespace Lighten.Core.Transforms.Cleanup;

/// <summary>
/// Gives every node its own copy of an initializer that several nodes read. PyTorch's exporter de-duplicates equal
/// initializers (a zero bias, a BatchNorm scale of ones) and hands one tensor to many layers, through Identity nodes that
/// <see cref="RemoveIdentity"/> then takes away; a transform that rewrites one layer's weights (pruning slices them) must
/// not change another layer's. The first reader keeps the original name; the others read <c>NAME__NODE</c>.
/// </summary>
public static class PrivatizeInitializers
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(PrivatizeInitializers);

    /// <summary>Runs the pass.</summary>
    public static PassResult Run(Graph g)
    {
        var readers = g.Nodes
            .SelectMany(n => n.Inputs.Where(g.Initializers.ContainsKey).Distinct(StringComparer.Ordinal).Select(i => (Initializer: i, Node: n)))
            .GroupBy(r => r.Initializer, StringComparer.Ordinal)
            .Where(group => group.Count() > 1 && !g.IsOutput(group.Key))
            .ToList();
        if (readers.Count == 0) return PassResult.Unchanged(g, Name);
        var b = new GraphBuilder(g);
        var details = ImmutableArray.CreateBuilder<string>();
        foreach (var group in readers)
        {
            foreach (var (initializer, node) in group.Skip(1))
            {
                var copy = Unique(b, $"{initializer}__{node.Name}");
                b.SetInitializer(copy, g.Initializers[initializer]);
                var current = b.FindNode(node.Name)!;
                b.ReplaceNode(current with { Inputs = [.. current.Inputs.Select(i => i == initializer ? copy : i)] });
            }
            details.Add($"initializer '{group.Key}' shared by {group.Count()} nodes: one copy each");
        }
        return new PassResult(b.ToGraph(), Name, details.Count, details.ToImmutable());
    }

    private static string Unique(GraphBuilder b, string name)
    {
        var candidate = name;
        for (int i = 1; b.Initializers.ContainsKey(candidate) || b.Producer(candidate) is not null; i++) candidate = $"{name}_{i}";
        return candidate;
    }
}
