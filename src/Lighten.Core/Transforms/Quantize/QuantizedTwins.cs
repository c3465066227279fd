using System.Collections.Immutable;
using Lighten.Core.Transforms.Quantize.Ops;

namespace Lighten.Core.Transforms.Quantize;

/// <summary>A compute layer's FP32 output and the output of its quantized twin, both graph outputs.</summary>
/// <param name="Layer">The layer's node name.</param>
/// <param name="Reference">The FP32 output tensor (after its fused activation).</param>
/// <param name="Twin">The twin's output tensor.</param>
public sealed record TwinPair(string Layer, string Reference, string Twin);

/// <summary>The FP32 graph with a quantized twin beside each compute layer, and the pairs of outputs to compare.</summary>
/// <param name="Graph">The graph with the twins and the extra outputs.</param>
/// <param name="Pairs">One pair per compute layer of the plan.</param>
public sealed record TwinGraph(Graph Graph, ImmutableArray<TwinPair> Pairs);

/// <summary>
/// Builds the model behind per-layer sensitivity: beside every compute layer of a plan, a copy that reads the same FP32
/// input through its own Q/DQ, uses quantized weights and quantizes its output (after its fused Relu/Clip), exactly as
/// the layer runs in the QDQ model, while everything else stays FP32. One run gives, for every layer at once, its
/// output when only that layer is quantized, next to the FP32 output.
/// </summary>
public static class QuantizedTwins
{
    /// <summary>Adds the twins of the plan's compute layers to <paramref name="graph"/> (the graph the plan was made for).</summary>
    public static TwinGraph Build(Graph graph, QuantizationPlan plan, IReadOnlyDictionary<string, ActivationRange> ranges)
    {
        var parameters = plan.Parameters(ranges);
        var b = new GraphBuilder(graph);
        var emitter = new QdqEmitter(b, plan.Options.PerChannel && graph.OpsetVersion() >= 13);
        var pairs = ImmutableArray.CreateBuilder<TwinPair>();
        foreach (var layer in plan.ComputeLayers)
        {
            var node = graph.FindNode(layer.Node)!;
            var input = node.Inputs[0];
            var stem = layer.Node + "_twin";
            var twinInput = b.UniqueName(stem + "_input");
            emitter.AddPair(input, twinInput, emitter.GroupParameters(plan.GroupOf(input), parameters[input]), stem + "_input");
            var twin = node with { Name = b.UniqueName(stem), Inputs = [twinInput, .. node.Inputs.Skip(1)], Outputs = [b.UniqueName(stem + "_linear")] };
            twin = emitter.QuantizeWeights(twin, QuantizerRegistry.Find(node)!.Weights(node, graph)!, parameters[input].Scale, graph.Initializers);
            b.AddNode(twin);
            var output = twin.Outputs[0];
            string reference = node.Outputs[0];
            if (layer.FusedActivation is { } actName)
            {
                var act = graph.FindNode(actName)!;
                var copy = b.AddNode(act with { Name = b.UniqueName(stem + "_" + act.OpType), Inputs = [output, .. act.Inputs.Skip(1)], Outputs = [b.UniqueName(stem + "_activated")] });
                output = copy.Outputs[0];
                reference = act.Outputs[0];
            }
            if (layer.Output is { } quantized)
            {
                var dequantized = b.UniqueName(stem + "_output");
                emitter.AddPair(output, dequantized, emitter.GroupParameters(plan.GroupOf(quantized), parameters[quantized]), stem + "_output");
                output = dequantized;
            }
            foreach (var name in new[] { reference, output }.Where(n => !b.Outputs.Any(o => o.Name == n)))
                b.Outputs.Add(new ValueInfo(name, ElementType.Float, null));
            pairs.Add(new TwinPair(layer.Node, reference, output));
        }
        return new TwinGraph(b.ToGraph(), pairs.ToImmutable());
    }
}
