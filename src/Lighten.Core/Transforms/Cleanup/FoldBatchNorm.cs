using System.Collections.Immutable;

namespace Lighten.Core.Transforms.Cleanup;

/// <summary>
/// Folds an inference-mode BatchNormalization into the Conv or ConvTranspose that feeds it: the weights
/// are scaled per output channel and the bias absorbs the shift. Only when the conv output has no other
/// reader and is not a graph output, and the weights and statistics are initializers. New initializers
/// are always created, so weights shared with another node stay as they were.
/// </summary>
public static class FoldBatchNorm
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(FoldBatchNorm);

    /// <summary>Runs the pass.</summary>
    public static PassResult Run(Graph g)
    {
        if (GraphQueries.HasSubgraphs(g)) return new PassResult(g, Name, 0, ["skipped: the graph has subgraphs"]);
        var b = new GraphBuilder(g);
        var details = ImmutableArray.CreateBuilder<string>();
        foreach (var bn in g.Nodes.Where(n => n.Is("BatchNormalization")))
            if (TryFold(b, bn) is { } detail) details.Add(detail);
        return details.Count == 0 ? PassResult.Unchanged(g, Name) : new PassResult(b.ToGraph(), Name, details.Count, details.ToImmutable());
    }

    private static string? TryFold(GraphBuilder b, Node bn)
    {
        if (bn.Inputs.Length < 5 || Enumerable.Range(0, 5).Any(i => !bn.HasInput(i))) return null;
        if (bn.GetInt("training_mode", 0) != 0 || bn.GetInt("spatial", 1) != 1) return null;
        if (bn.Outputs.Skip(1).Any(o => o.Length > 0 && b.IsUsed(o))) return null;
        var x = bn.Inputs[0];
        if (b.Producer(x) is not { } conv || !(conv.Is("Conv") || conv.Is("ConvTranspose")) || conv.Outputs[0] != x) return null;
        if (b.IsOutput(x) || b.Consumers(x).Count != 1) return null;
        if (!conv.HasInput(1) || !b.Initializers.TryGetValue(conv.Inputs[1], out var w) || !w.ElementType.IsFloat()) return null;
        TensorData? bias = null;
        if (conv.HasInput(2) && !b.Initializers.TryGetValue(conv.Inputs[2], out bias)) return null;
        var stats = new double[4][];
        for (int i = 0; i < 4; i++)
        {
            if (!b.Initializers.TryGetValue(bn.Inputs[i + 1], out var t) || !t.ElementType.IsFloat()) return null;
            stats[i] = Kernels.TensorOps.ToDoubles(t);
        }
        bool transposed = conv.OpType == "ConvTranspose";
        long group = conv.GetInt("group", 1);
        if (w.Dims.Length < 2) return null;
        long channels = transposed ? w.Dims[1] * group : w.Dims[0];
        if (stats.Any(s => s.Length != channels) || (bias is not null && bias.ElementCount != channels)) return null;

        double eps = bn.GetFloat("epsilon", 1e-5f);
        var scale = new double[channels];
        var shift = new double[channels];
        var b0 = bias is null ? new double[channels] : Kernels.TensorOps.ToDoubles(bias);
        for (int c = 0; c < channels; c++)
        {
            scale[c] = stats[0][c] / Math.Sqrt(stats[3][c] + eps);
            shift[c] = (b0[c] - stats[2][c]) * scale[c] + stats[1][c];
        }
        var weights = Kernels.TensorOps.ToDoubles(w);
        var channelOf = ChannelOfWeight(w.Dims, transposed, group);
        for (long i = 0; i < weights.LongLength; i++) weights[i] *= scale[channelOf(i)];

        var wName = b.UniqueName(conv.Inputs[1] + "_bnfolded");
        var bName = b.UniqueName((conv.HasInput(2) ? conv.Inputs[2] : conv.Name + "_bias") + "_bnfolded");
        b.SetInitializer(wName, Kernels.TensorOps.FromDoubles(w.ElementType, w.Dims, weights));
        b.SetInitializer(bName, Kernels.TensorOps.FromDoubles(w.ElementType, [channels], shift));
        b.ReplaceNode(conv with { Inputs = [conv.Inputs[0], wName, bName], Outputs = [bn.Outputs[0]] });
        b.RemoveNode(bn.Name);
        return $"folded BatchNormalization '{bn.Name}' into {conv.OpType} '{conv.Name}'";
    }

    /// <summary>
    /// The output channel of each flat weight index: Conv weights are [Cout, Cin/group, k...]; ConvTranspose
    /// weights are [Cin, Cout/group, k...], where input channel ci belongs to group ci / (Cin/group).
    /// </summary>
    private static Func<long, long> ChannelOfWeight(ImmutableArray<long> dims, bool transposed, long group)
    {
        long kernel = Kernels.TensorOps.Product(dims, 2);
        if (!transposed) return i => i / (dims[1] * kernel);
        long outPerGroup = dims[1], inPerGroup = dims[0] / group;
        return i => i / (outPerGroup * kernel) / inPerGroup * outPerGroup + i / kernel % outPerGroup;
    }
}
