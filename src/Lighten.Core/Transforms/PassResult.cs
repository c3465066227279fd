using System.Collections.Immutable;

namespace Lighten.Core.Transforms;

/// <summary>What a pass returns: the new graph and a short record of what it changed.</summary>
/// <param name="Graph">The graph after the pass.</param>
/// <param name="Pass">The pass's name, such as <c>FoldBatchNorm</c>.</param>
/// <param name="Changes">How many rewrites the pass made (0: the graph is unchanged).</param>
/// <param name="Details">One line per rewrite, such as "folded BatchNormalization 'bn1' into Conv 'conv1'".</param>
public sealed record PassResult(Graph Graph, string Pass, int Changes, ImmutableArray<string> Details)
{
    /// <summary>A result that changed nothing.</summary>
    public static PassResult Unchanged(Graph graph, string pass) => new(graph, pass, 0, []);

    /// <summary>One line for a report: the pass and its number of changes.</summary>
    public override string ToString() => $"{Pass}: {Changes} change(s)";
}
