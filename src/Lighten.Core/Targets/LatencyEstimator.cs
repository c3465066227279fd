using System.Collections.Immutable;

namespace Lighten.Core.Targets;

/// <summary>
/// Per-layer roofline latency. For each executed node, time = max(operations / (peak × efficiency), bytes / bandwidth)
/// + the per-layer overhead, where operations are 2 per MAC, the efficiency is that of the node's op class (scaled down
/// for thin layers by <see cref="TargetProfile.HalfEfficiencyDepth"/>), and bytes are the weights plus the input and
/// output activations at the precision's element size, moved at the cache bandwidth when they fit in the cache and at
/// the memory bandwidth otherwise. Depthwise convolutions, elementwise ops and pooling come out memory-bound;
/// BatchNormalization and activations that runtimes fuse cost nothing (<see cref="LayerFusion"/>). A node whose op the
/// target lacks at the asked precision is estimated at FP32 (an FP32 island) when the target runs it there.
/// </summary>
public static class LatencyEstimator
{
    /// <summary>
    /// The estimate of <paramref name="graph"/> on <paramref name="target"/> at <paramref name="precision"/>, with the
    /// inputs fixed to <paramref name="inputShapes"/> (other symbolic dimensions taken as 1); null when the target
    /// does not run <paramref name="precision"/> at all.
    /// </summary>
    /// <exception cref="OptionException">An input shape does not fit the graph.</exception>
    public static LatencyEstimate? Estimate(Graph graph, TargetProfile target, Precision precision, IReadOnlyDictionary<string, long[]>? inputShapes = null) =>
        target.Runs(precision) ? EstimateShaped(Shaped(graph, inputShapes), target, precision) : null;

    /// <summary><paramref name="graph"/> with its inputs fixed and every shape inferred, as the estimate needs it.</summary>
    internal static Graph Shaped(Graph graph, IReadOnlyDictionary<string, long[]>? inputShapes)
    {
        var fixedGraph = InputShapes.RequireFixed(InputShapes.Apply(graph, inputShapes ?? new Dictionary<string, long[]>()), "estimating latency");
        return ShapeInference.Run(fixedGraph).Graph;
    }

    /// <summary>The estimate of a graph whose shapes are already inferred.</summary>
    internal static LatencyEstimate EstimateShaped(Graph shaped, TargetProfile target, Precision precision)
    {
        var fused = LayerFusion.FusedNodes(shaped);
        var layers = ImmutableArray.CreateBuilder<LayerEstimate>(shaped.Nodes.Length);
        foreach (var node in shaped.Nodes)
        {
            var opClass = LayerClassifier.Classify(node, shaped);
            var at = target.Supports(node, precision) || !target.Supports(node, Precision.Fp32) ? precision : Precision.Fp32;
            if (opClass is not OpClass c || fused.Contains(node.Name))
            {
                layers.Add(new LayerEstimate(node.Name, node.OpType, opClass, at, opClass is not null, 0, 0, 0, 0, 0));
                continue;
            }
            double operations = LayerClassifier.Operations(node, shaped, c);
            long bytes = Bytes(node, shaped, at.ElementBytes());
            layers.Add(new LayerEstimate(node.Name, node.OpType, c, at, false, operations, bytes,
                ComputeMs: operations / (target.PeakOpsPerSecond(at) * Efficiency(target, node, shaped, c, at)) * 1e3,
                MemoryMs: bytes / (Bandwidth(target, bytes) * 1e9) * 1e3,
                OverheadMs: target.LayerOverheadUs / 1e3));
        }
        var built = layers.MoveToImmutable();
        return new LatencyEstimate(target.Name, precision, built.Sum(l => l.Ms), built);
    }

    private static double Bandwidth(TargetProfile target, long bytes) =>
        bytes <= target.CacheBytes ? target.CacheBandwidthGBps : target.BandwidthGBps;

    private static double Efficiency(TargetProfile target, Node node, Graph shaped, OpClass opClass, Precision precision)
    {
        double depth = target.HalfEfficiencyDepth > 0 ? LayerClassifier.ReductionDepth(node, shaped, opClass) : 0;
        double scale = depth > 0 ? depth / (depth + target.HalfEfficiencyDepth) : 1;
        return target.EfficiencyOf(opClass, precision) * scale;
    }

    // Weights count once per node even when an input repeats; integer constants (shapes, axes) are not data.
    private static long Bytes(Node node, Graph graph, int elementBytes)
    {
        long elements = 0;
        foreach (var value in node.Inputs.Where(i => i.Length > 0).Distinct().Concat(node.Outputs.Where(o => o.Length > 0)))
        {
            if (graph.Initializers.TryGetValue(value, out var constant))
            {
                if (constant.ElementType.IsFloat() && constant.Dims.Length > 0) elements += constant.ElementCount;
                continue;
            }
            var info = graph.FindValue(value);
            if (info?.Shape?.ElementCount is long n && (info.ElementType.IsFloat() || info.ElementType == ElementType.Undefined)) elements += n;
        }
        return elements * elementBytes;
    }
}
