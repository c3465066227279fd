using System.Collections.Immutable;
using System.Globalization;

namespace Lighten.Core.Transforms.Prune;

/// <summary>
/// Unstructured magnitude pruning (G5): the smallest-magnitude weights of the Conv, ConvTranspose, Gemm and MatMul
/// layers are set to zero, per layer or under one global threshold, the first and last layers left dense by default.
/// The zeros shrink the compressed file, not the work: the graph keeps its shapes, so the runtime does the same
/// computation. During fine-tuning the zeros are held by masks (<see cref="Masks"/>) and the sparsity follows a
/// schedule (Lighten.Training's SparsitySchedule).
/// </summary>
public static class PruneMagnitude
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(PruneMagnitude);

    private static readonly string[] WeightOps = ["Conv", "ConvTranspose", "Gemm", "MatMul"];

    /// <summary>Zeroes the smallest weights of the selected layers; one detail line per layer with its sparsity.</summary>
    /// <exception cref="OptionException">The sparsity is out of range.</exception>
    /// <exception cref="PruneException">An excluded node does not exist, or no layer is left to prune.</exception>
    public static PassResult Run(Graph graph, MagnitudePruneOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var layers = SelectWeights(graph, options);
        var pruned = Zero(graph, layers.Select(l => l.Weight).ToArray(), options.Sparsity, options.Global);
        var details = layers.Select(l =>
        {
            var w = pruned.Initializers[l.Weight];
            return $"{l.Node}: {Percent(Zeros(w), w.ElementCount)} zeros of {w.ElementCount} weights";
        });
        return new PassResult(pruned, Name, layers.Count, [.. details]);
    }

    /// <summary>
    /// The layers <see cref="Run"/> prunes and their weight initializers, in graph order: every Conv, ConvTranspose,
    /// Gemm and MatMul with a float initializer weight, less the first and last (by default) and the excluded ones.
    /// </summary>
    public static IReadOnlyList<(string Node, string Weight)> SelectWeights(Graph graph, MagnitudePruneOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var name in options.Exclude)
            if (graph.FindNode(name) is null) throw new PruneException($"{OptionKey.Ref(OptionKey.Exclude)} names no node of the graph: '{name}'", name);
        var all = graph.Nodes
            .Where(n => n.Domain is "" or "ai.onnx" && WeightOps.Contains(n.OpType) && n.HasInput(1)
                && graph.Initializers.TryGetValue(n.Inputs[1], out var w) && w.ElementType.IsFloat() && w.ElementCount > 1)
            .Select(n => (n.Name, n.Inputs[1])).ToList();
        var chosen = all.Where((l, i) => !(options.ExcludeFirst && i == 0) && !(options.ExcludeLast && i == all.Count - 1)
            && !options.Exclude.Contains(l.Name)).ToList();
        if (chosen.Count == 0) throw new PruneException($"no layer is left to prune: the graph has {all.Count} weight layer(s) and the first, last and excluded ones stay dense");
        return chosen;
    }

    /// <summary>
    /// Zeroes the share <paramref name="sparsity"/> of smallest-magnitude entries of each weight (per layer) or of all
    /// of them together (global); ties are broken by position so the count is exact.
    /// </summary>
    public static Graph Zero(Graph graph, IReadOnlyList<string> weights, double sparsity, bool global)
    {
        var values = weights.ToDictionary(w => w, w => graph.Initializers[w].ToFloatArray(), StringComparer.Ordinal);
        if (global)
        {
            var all = values.SelectMany(kv => kv.Value.Select((v, i) => (W: kv.Key, I: i, A: Math.Abs(v)))).OrderBy(x => x.A).ToList();
            foreach (var (w, i, _) in all.Take((int)Math.Floor(sparsity * all.Count))) values[w][i] = 0;
        }
        else
        {
            foreach (var v in values.Values)
            {
                var order = Enumerable.Range(0, v.Length).OrderBy(i => Math.Abs(v[i])).ThenBy(i => i).ToArray();
                foreach (var i in order.AsSpan(0, (int)Math.Floor(sparsity * v.Length))) v[i] = 0;
            }
        }
        var updated = values.Select(kv =>
        {
            var original = graph.Initializers[kv.Key];
            var data = TensorData.FromFloats(original.Dims, kv.Value);
            return KeyValuePair.Create(kv.Key, original.ElementType == ElementType.Float ? data : data.CastTo(original.ElementType));
        });
        return graph with { Initializers = graph.Initializers.SetItems(updated) };
    }

    /// <summary>A mask per weight: 1 where the weight is not zero, 0 where it is (what fine-tuning holds fixed).</summary>
    public static ImmutableDictionary<string, TensorData> Masks(Graph graph, IEnumerable<string> weights) =>
        weights.ToImmutableDictionary(w => w, w =>
        {
            var t = graph.Initializers[w];
            return TensorData.FromFloats(t.Dims, t.ToFloatArray().Select(v => v == 0 ? 0f : 1f).ToArray());
        }, StringComparer.Ordinal);

    /// <summary>How many entries of a float tensor are exactly zero.</summary>
    public static long Zeros(TensorData t) => t.ToFloatArray().LongCount(v => v == 0);

    private static string Percent(long part, long whole) =>
        (whole == 0 ? 0 : 100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
