using System.Collections.Immutable;
using Lighten.Core.Transforms.Quantize.Ops;

namespace Lighten.Core.Transforms.Quantize;

/// <summary>
/// Post-training INT8 quantization in ONNX's QDQ form: every tensor of the <see cref="QuantizationPlan"/> gets a
/// QuantizeLinear → DequantizeLinear pair after its producer (uint8 or int8, per tensor, asymmetric, from its calibrated
/// range), weights become int8 initializers behind a DequantizeLinear (symmetric, per output channel) and biases int32
/// with scale = input scale × weight scale. ONNX Runtime fuses the groups into integer kernels (QLinearConv, QGemm,
/// QLinearAdd, QLinearConcat, 8-bit MaxPool...); nodes left FP32 read dequantized values, so the graph itself converts at
/// the edges of an FP32 island. Run FoldBatchNorm and FoldConstants first.
/// </summary>
public static class QuantizeQdq
{
    /// <summary>The pass name used in <see cref="PassResult.Pass"/>.</summary>
    public const string Name = nameof(QuantizeQdq);

    /// <summary>Quantizes <paramref name="graph"/> with the calibrated <paramref name="ranges"/> of the plan's tensors.</summary>
    /// <exception cref="ArgumentException">A planned tensor has no range.</exception>
    /// <exception cref="OptionException">The options are invalid or the graph's opset has no QuantizeLinear.</exception>
    public static PassResult Run(Graph graph, IReadOnlyDictionary<string, ActivationRange> ranges, QuantizeOptions? options = null) =>
        Run(graph, QuantizationPlan.Build(graph, options), ranges);

    /// <summary>Quantizes <paramref name="graph"/> as <paramref name="plan"/> (made for this graph) says.</summary>
    public static PassResult Run(Graph graph, QuantizationPlan plan, IReadOnlyDictionary<string, ActivationRange> ranges)
    {
        long opset = graph.OpsetVersion();
        if (opset < 10) throw new OptionException($"the model uses opset {opset}; QuantizeLinear needs opset 10 or later");
        if (plan.Layers.IsEmpty) return new PassResult(graph, Name, 0, ["no layer can run in INT8"]);
        var parameters = plan.Parameters(ranges);
        var b = new GraphBuilder(graph);
        var emitter = new QdqEmitter(b, plan.Options.PerChannel && opset >= 13);

        var pairs = new Dictionary<string, (string Q, string Quantized, string Dequantized)>(StringComparer.Ordinal);
        foreach (var tensor in plan.Tensors)
        {
            var names = emitter.GroupParameters(plan.GroupOf(tensor), parameters[tensor]);
            var producer = b.Producer(tensor);
            if (graph.IsOutput(tensor) && producer is not null && plan.Options.QuantizeGraphOutputs)
            {
                var renamed = b.UniqueName(tensor + "_float");
                b.ReplaceNode(producer with { Outputs = [.. producer.Outputs.Select(o => o == tensor ? renamed : o)] });
                var (q, quantized) = emitter.AddPair(renamed, tensor, names, tensor);
                pairs[tensor] = (q, quantized, tensor);
            }
            else
            {
                var dequantized = b.UniqueName(tensor + "_dequantized");
                var q = emitter.AddPair(tensor, dequantized, names, tensor);
                emitter.Rewire(tensor, q, dequantized);
                pairs[tensor] = (q.Node, q.Output, dequantized);
            }
        }

        OnQuantizedBytes(b, graph, plan, pairs);
        GuardFp32Islands(b, graph, plan, pairs, parameters, emitter);
        foreach (var (_, _, dequantized) in pairs.Values)
            if (b.Consumers(dequantized).Count == 0 && !graph.IsOutput(dequantized) && b.Producer(dequantized) is { } unread) b.RemoveNode(unread.Name);

        var details = ImmutableArray.CreateBuilder<string>();
        foreach (var layer in plan.ComputeLayers)
        {
            var original = graph.FindNode(layer.Node)!;
            var layout = QuantizerRegistry.Find(original)!.Weights(original, graph)!;
            var node = b.FindNode(layer.Node)!;
            b.ReplaceNode(emitter.QuantizeWeights(node, layout, parameters[original.Inputs[0]].Scale, graph.Initializers));
        }
        foreach (var kind in plan.Layers.GroupBy(l => l.OpType).OrderBy(g => g.Key, StringComparer.Ordinal))
            details.Add($"INT8 {kind.Key}: {kind.Count()}");
        foreach (var kind in plan.Fp32Layers.GroupBy(l => l.OpType).OrderBy(g => g.Key, StringComparer.Ordinal))
            details.Add($"FP32 {kind.Key}: {kind.Count()} ({string.Join("; ", kind.Select(l => l.Reason).Distinct().Take(3))})");
        details.Add($"{plan.Tensors.Length} activation tensors quantized to {plan.Options.ActivationType}, weights int8 {(plan.Options.PerChannel && opset >= 13 ? "per channel" : "per tensor")}");
        if (emitter.WidenedChannels > 0) details.Add($"{emitter.WidenedChannels} weight scale(s) widened so the int32 bias fits");
        return new PassResult(b.ToGraph(), Name, plan.Layers.Length, details.ToImmutable());
    }

    /// <summary>
    /// Keeps FP32 layers FP32 in ONNX Runtime: its WeightBiasQuantization pass quantizes the float weights of any Conv,
    /// ConvTranspose or Gemm that reads a per-tensor DequantizeLinear and feeds a QuantizeLinear, which would silently turn
    /// an island kept FP32 (for speed or accuracy) into per-tensor INT8. Such a layer reads its input through its own
    /// DequantizeLinear with one (equal) scale per channel instead, which that pass leaves alone.
    /// </summary>
    private static void GuardFp32Islands(GraphBuilder b, Graph graph, QuantizationPlan plan, Dictionary<string, (string Q, string Quantized, string Dequantized)> pairs,
        IReadOnlyDictionary<string, QuantParams> parameters, QdqEmitter emitter)
    {
        if (graph.OpsetVersion() < 13) return;
        var int8 = plan.ComputeLayers.Select(l => l.Node).ToHashSet(StringComparer.Ordinal);
        var byDequantized = pairs.ToDictionary(p => p.Value.Dequantized, p => p.Key, StringComparer.Ordinal);
        Graph? typed = null;
        foreach (var node in b.Nodes.ToList())
        {
            if (node.OpType is not ("Conv" or "ConvTranspose" or "Gemm") || node.Domain is not ("" or "ai.onnx") || int8.Contains(node.Name)) continue;
            if (!byDequantized.TryGetValue(node.Inputs[0], out var tensor)) continue;
            typed ??= ShapeInference.Run(graph).Graph;
            if (typed.FindValue(tensor)?.Shape is not { Rank: >= 2 } shape || shape[1].Value is not long channels) continue;
            var island = emitter.DequantizePerChannel(pairs[tensor].Quantized, parameters[tensor], channels, tensor + "_fp32_island");
            b.ReplaceNode(node with { Inputs = [island, .. node.Inputs.Skip(1)] });
        }
    }

    /// <summary>
    /// Moves the pass-through ops that run on 8-bit data (<see cref="Ops.OpQuantizer.RunsOnIntegers"/>) between the Q of their input
    /// and the DQ of their output: they read the quantized input and write the quantized output, whose Q disappears.
    /// </summary>
    private static void OnQuantizedBytes(GraphBuilder b, Graph graph, QuantizationPlan plan, Dictionary<string, (string Q, string Quantized, string Dequantized)> pairs)
    {
        foreach (var layer in plan.Layers.Where(l => l.Kind == QuantKind.PassThrough))
        {
            var original = graph.FindNode(layer.Node)!;
            if (QuantizerRegistry.Find(original) is not { RunsOnIntegers: true }) continue;
            if (!pairs.TryGetValue(original.Inputs[0], out var input) || !pairs.TryGetValue(original.Outputs[0], out var output)) continue;
            var node = b.FindNode(layer.Node)!;
            b.RemoveNode(output.Q);
            b.ReplaceNode(node with { Inputs = [input.Quantized, .. node.Inputs.Skip(1)], Outputs = [output.Quantized] });
        }
    }
}
