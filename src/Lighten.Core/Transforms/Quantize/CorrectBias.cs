using System.Collections.Immutable;
using Lighten.Core.Transforms.Quantize.Ops;

namespace Lighten.Core.Transforms.Quantize;

/// <summary>
/// Bias correction (Nagel et al., 2019): rounding the weights shifts a layer's expected output by ε·E[x], where ε is
/// the weight rounding error and E[x] the mean of each input channel over the calibration data; subtracting that from
/// the bias restores the FP32 mean of every output channel. Applies to the Conv and Gemm/MatMul layers of a plan whose
/// input channel means are known (zero padding at the borders is not modeled). Run before <see cref="QuantizeQdq"/>.
/// </summary>
public static class CorrectBias
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(CorrectBias);

    /// <summary>Corrects the biases of <paramref name="graph"/> for the plan's layers with known <paramref name="channelMeans"/> (by input tensor).</summary>
    public static PassResult Run(Graph graph, QuantizationPlan plan, IReadOnlyDictionary<string, ActivationRange> ranges,
        IReadOnlyDictionary<string, double[]> channelMeans)
    {
        var parameters = plan.Parameters(ranges);
        var b = new GraphBuilder(graph);
        var details = ImmutableArray.CreateBuilder<string>();
        foreach (var layer in plan.ComputeLayers)
        {
            var node = graph.FindNode(layer.Node)!;
            if (node.OpType == "ConvTranspose" || !channelMeans.TryGetValue(node.Inputs[0], out var mean)) continue;
            var layout = QuantizerRegistry.Find(node)!.Weights(node, graph)!;
            var w = graph.Initializers[node.Inputs[layout.WeightInput]];
            var bias = layout.BiasInput is int bi ? graph.Initializers[node.Inputs[bi]] : null;
            var qw = WeightQuantizer.Quantize(w, plan.Options.PerChannel ? layout.Axis : null, bias, parameters[node.Inputs[0]].Scale);
            var shift = Shift(node, w, qw, mean);
            if (shift is null) continue;
            var corrected = bias?.ToFloatArray() ?? new float[shift.Length];
            for (int c = 0; c < corrected.Length; c++) corrected[c] -= (float)shift[c];
            var name = b.UniqueName((bias is null ? node.Name + "_bias" : node.Inputs[layout.BiasInput!.Value]) + "_corrected");
            b.SetInitializer(name, TensorData.FromFloats([corrected.Length], corrected));
            var inputs = node.Inputs.ToList();
            while (inputs.Count < 3) inputs.Add("");
            inputs[2] = name;
            b.ReplaceNode(node with { Inputs = [.. inputs] });
            details.Add($"{node.OpType} '{node.Name}': mean shift up to {shift.Max(Math.Abs):G3} removed");
        }
        return details.Count == 0 ? PassResult.Unchanged(graph, Name) : new PassResult(b.ToGraph(), Name, details.Count, details.ToImmutable());
    }

    /// <summary>ε·E[x] per output channel, or null when the layout is not one this pass models.</summary>
    private static double[]? Shift(Node node, TensorData w, QuantizedWeights qw, double[] mean)
    {
        var real = w.ToFloatArray();
        var q = qw.Values.AsSpan<sbyte>().ToArray();
        var dims = w.Dims;
        double Error(long i, long channel) => q[(int)i] * (double)qw.Scales[qw.Axis is null ? 0 : channel] - real[i];
        if (node.OpType == "Conv")
        {
            long cout = dims[0], cin = dims[1], kernel = w.ElementCount / (cout * cin), group = node.GetInt("group", 1);
            if (mean.Length != cin * group) return null;
            var shift = new double[cout];
            for (long o = 0; o < cout; o++)
                for (long i = 0; i < cin; i++)
                {
                    double m = mean[o / (cout / group) * cin + i];
                    for (long k = 0; k < kernel; k++) shift[o] += Error((o * cin + i) * kernel + k, o) * m;
                }
            return shift;
        }
        // Gemm (transB: [N, K]) and MatMul/Gemm ([K, N]); the channel axis of W is the output column.
        bool transposed = node.OpType == "Gemm" && node.GetInt("transB", 0) != 0;
        long n = transposed ? dims[0] : dims[1], kIn = transposed ? dims[1] : dims[0];
        if (mean.Length != kIn || node.GetInt("transA", 0) != 0) return null;
        var result = new double[n];
        for (long o = 0; o < n; o++)
            for (long k = 0; k < kIn; k++)
            {
                long index = transposed ? o * kIn + k : k * n + o;
                result[o] += Error(index, o) * mean[k];
            }
        return result;
    }
}
