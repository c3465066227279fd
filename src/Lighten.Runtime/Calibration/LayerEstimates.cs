using Lighten.Core;
using Lighten.Core.Targets;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Runtime.Calibration;

/// <summary>
/// A layer's FP32 and INT8 latency on a target that is not this machine, from its profile's roofline
/// (<see cref="LatencyEstimator"/>): the counterpart of <see cref="LayerBenchmark"/>, which measures on the host, judged the
/// same way, inside a quantized chain. INT8 is the layer alone at INT8; FP32 is the layer at FP32 with the conversions an
/// FP32 island between INT8 neighbors needs (a dequantization of its input and a quantization of its output, each charged
/// as an elementwise layer: its memory traffic and the target's per-layer overhead). So on a runtime where INT8 computes no
/// faster than FP32 (ARM Compute Library on a Mali GPU) a layer is not left FP32 for a gain its boundaries would eat. A layer
/// whose op the target lacks in INT8 comes out at its FP32 time; an activation the runtime fuses into the layer is free.
/// </summary>
public sealed class LayerEstimates(TargetProfile target)
{
    /// <summary>The profile the estimates come from.</summary>
    public TargetProfile Target => target;

    /// <summary>
    /// The estimated FP32-island and INT8 time of <paramref name="layer"/> (with <paramref name="activation"/> after it, if any)
    /// of <paramref name="graph"/>, whose shapes must be inferred at batch 1; null when the layer's input shape is not fully known.
    /// </summary>
    public LayerTiming? Estimate(Graph graph, Node layer, Node? activation)
    {
        if (graph.FindValue(layer.Inputs[0])?.Shape is not { IsFullyKnown: true } shape) return null;
        var single = LayerBenchmark.SingleLayer(graph, layer, activation, shape);
        return new LayerTiming(Ms(Island(single), Precision.Fp32), Ms(single, Precision.Int8));
    }

    /// <summary>
    /// A ConvTranspose (with its activation) as it runs otherwise — the faster of an FP32 island and, where the target has it,
    /// INT8 — against its sub-pixel rewrite (<see cref="RewriteConvTranspose"/>: one Conv per output phase, Concat, DepthToSpace)
    /// in INT8; null when the input shape of <paramref name="graph"/> (inferred at batch 1) is not fully known or the layer is
    /// not eligible. Where every layer costs a fixed launch overhead (a GPU runtime), the rewrite's extra layers can make it the slower one.
    /// </summary>
    public LayerTiming? SubPixel(Graph graph, Node deconvolution, Node? activation)
    {
        if (!RewriteConvTranspose.CanRewrite(deconvolution, graph) || Estimate(graph, deconvolution, activation) is not { } asIs) return null;
        var single = LayerBenchmark.SingleLayer(graph, deconvolution, activation, graph.FindValue(deconvolution.Inputs[0])!.Shape!);
        return new LayerTiming(Math.Min(asIs.Fp32Ms, asIs.Int8Ms), Ms(RewriteConvTranspose.Run(single).Pass.Graph, Precision.Int8));
    }

    private double Ms(Graph graph, Precision precision) =>
        LatencyEstimator.Estimate(graph, target, precision)?.TotalMs ?? double.PositiveInfinity;

    /// <summary>The single-layer model "x" → layer → "y" with an elementwise conversion before and after (a Cast stands for DQ and Q).</summary>
    private static Graph Island(Graph single)
    {
        var b = new GraphBuilder(single);
        for (int i = 0; i < b.Nodes.Count; i++)
            b.Nodes[i] = b.Nodes[i] with
            {
                Inputs = [.. b.Nodes[i].Inputs.Select(n => n == "x" ? "x_dequantized" : n)],
                Outputs = [.. b.Nodes[i].Outputs.Select(n => n == "y" ? "y_float" : n)],
            };
        var toFloat = KeyValuePair.Create("to", (AttributeValue)new IntAttribute((long)ElementType.Float));
        b.AddNode("Cast", ["x"], ["x_dequantized"], [toFloat], namePrefix: "dequantize");
        b.AddNode("Cast", ["y_float"], ["y"], [toFloat], namePrefix: "quantize");
        return b.ToGraph();
    }
}
