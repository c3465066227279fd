using System.Collections.Immutable;
using Lighten.Core.Ops;

namespace Lighten.Core.Analysis;

/// <summary>Options of <see cref="Profiler.Run"/>.</summary>
public sealed record ProfileOptions
{
    /// <summary>Input shapes to fix, by input name (from <c>--input-shape NAME=1x3x224x224</c>).</summary>
    public IReadOnlyDictionary<string, long[]> InputShapes { get; init; } = new Dictionary<string, long[]>();

    /// <summary>The size taken for a symbolic batch (dimension 0 of an input) left unfixed: a dynamic batch counts as one image.
    /// Other symbolic dimensions are never assumed: they must be fixed with <see cref="InputShapes"/>.</summary>
    public long Batch { get; init; } = 1;

    /// <summary>The name reported for the model.</summary>
    public string ModelName { get; init; } = "model";
}

/// <summary>
/// The per-layer profiler: per node its output shape, MACs (DESIGN.md's convention), parameters, weight and
/// activation bytes and share of the total; totals including peak activation memory; and the nodes it could not cost.
/// </summary>
public static class Profiler
{
    /// <summary>Profiles <paramref name="graph"/> at the input shapes in <paramref name="options"/>.</summary>
    public static ModelProfile Run(Graph graph, ProfileOptions? options = null)
    {
        options ??= new ProfileOptions();
        var fixedGraph = InputShapes.Apply(graph, options.InputShapes);
        var assumed = AssumedBatch(fixedGraph, options.Batch);
        fixedGraph = InputShapes.RequireFixed(fixedGraph, "counting MACs and memory", options.Batch);
        var inferred = ShapeInference.Run(fixedGraph).Graph;

        var unsupported = ImmutableArray.CreateBuilder<UncostedNode>();
        var costs = new List<(Node Node, long? Macs, long Params, long WeightBytes, long OutputBytes)>();
        foreach (var node in inferred.Nodes)
        {
            long? macs = null;
            var family = OpRegistry.Find(node);
            if (family is null) unsupported.Add(new UncostedNode(node.Name, node.OpType, "unknown op"));
            else
            {
                macs = family.CountMacs(new CostContext(node, inferred));
                if (macs is null) unsupported.Add(new UncostedNode(node.Name, node.OpType, "shapes not known"));
            }
            var weights = node.Inputs.Distinct().Where(i => IsWeight(inferred, i)).Select(i => inferred.Initializers[i]).ToList();
            long outputBytes = node.Outputs.Where(o => o.Length > 0).Sum(o => ActivationBytes(inferred, o));
            costs.Add((node, macs, weights.Sum(w => w.ElementCount), weights.Sum(w => w.ByteCount), outputBytes));
        }

        long totalMacs = costs.Sum(c => c.Macs ?? 0);
        var layers = costs.Select(c => new LayerProfile(
            c.Node.Name, c.Node.OpType, c.Node.Outputs.Length > 0 ? inferred.FindValue(c.Node.Outputs[0])?.Shape : null,
            c.Macs, c.Params, c.WeightBytes, c.OutputBytes, totalMacs == 0 ? 0 : (double)(c.Macs ?? 0) / totalMacs));

        var allWeights = inferred.Initializers.Where(kv => IsWeight(inferred, kv.Key)).Select(kv => kv.Value).ToList();
        var totals = new ProfileTotals(
            totalMacs,
            allWeights.Sum(w => w.ElementCount),
            allWeights.Sum(w => w.ByteCount),
            PeakMemory.Compute(inferred, v => ActivationBytes(inferred, v)));
        return new ModelProfile(options.ModelName, inferred.Inputs, totals, [.. layers], unsupported.ToImmutable(), assumed);
    }

    // Scalars (such as Clip bounds) and integer shape constants are not weights.
    private static bool IsWeight(Graph graph, string value) =>
        graph.Initializers.TryGetValue(value, out var t) && t.ElementType.IsFloat() && t.Dims.Length > 0
        && graph.Index().IsRead(value);

    private static long ActivationBytes(Graph graph, string value)
    {
        if (graph.Initializers.ContainsKey(value)) return 0;
        var info = graph.FindValue(value);
        return info?.Shape?.ElementCount is long n ? n * Math.Max(1, info.ElementType.SizeOf()) : 0;
    }

    private static ImmutableSortedDictionary<string, long> AssumedBatch(Graph graph, long value) =>
        graph.Inputs.Where(i => i.Shape is { Rank: > 0 } s && !s[0].IsKnown).Select(i => i.Shape![0])
            .Select(d => d.Symbol ?? "?")
            .Distinct()
            .ToImmutableSortedDictionary(s => s, _ => value, StringComparer.Ordinal);
}
