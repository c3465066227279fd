using System.Collections.Immutable;

namespace Lighten.Core.Transforms.Cleanup;

/// <summary>The graph after every cleanup pass, and what each pass changed, in order.</summary>
/// <param name="Graph">The final graph.</param>
/// <param name="Passes">Each pass's result, in the order they ran.</param>
public sealed record OptimizeResult(Graph Graph, ImmutableArray<PassResult> Passes)
{
    /// <summary>The total number of changes made by all passes.</summary>
    public int Changes => Passes.Sum(p => p.Changes);

    /// <summary>Runs <paramref name="passes"/> in turn on <paramref name="g"/>, each on the previous one's graph.</summary>
    public static OptimizeResult Chain(Graph g, params Func<Graph, PassResult>[] passes)
    {
        var results = ImmutableArray.CreateBuilder<PassResult>();
        foreach (var pass in passes)
        {
            var result = pass(g);
            results.Add(result);
            g = result.Graph;
        }
        return new OptimizeResult(g, results.ToImmutable());
    }
}

/// <summary>
/// The cleanup pipeline behind <c>lighten optimize</c>: constant folding, then Identity/Dropout removal,
/// then BatchNormalization folding. Every pass preserves the graph's outputs exactly (up to float rounding).
/// </summary>
public static class Optimize
{
    /// <summary>Runs <see cref="FoldConstants"/>, <see cref="RemoveIdentity"/> and <see cref="FoldBatchNorm"/> in turn.</summary>
    public static OptimizeResult Run(Graph g) => OptimizeResult.Chain(g, FoldConstants.Run, RemoveIdentity.Run, FoldBatchNorm.Run);
}
