using Lighten.Core;
using Lighten.Core.Onnx;

namespace Lighten.Bench.Quantization;

/// <summary>
/// <c>restore-bn IN.onnx OUT.onnx</c>: puts back the BatchNormalization that PyTorch's export folded into every Conv with a
/// spatial output (not the squeeze-excitation Convs on 1×1 maps, which have none in torchvision), as identity (scale 1,
/// bias 0, mean 0, variance 1: the model computes the same in eval mode). The test classifiers of tests/data are randomly
/// initialized and folded, and a 50-layer network without normalization does not train from random weights; with the
/// BatchNorms back it trains as torchvision's would, and quantization folds them again.
/// </summary>
public static class RestoreBatchNorm
{
    public static int Run(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: restore-bn IN.onnx OUT.onnx");
            return 2;
        }
        var graph = OnnxImporter.Load(args[0]);
        var restored = Restore(graph);
        OnnxExporter.Save(restored, args[1]);
        Console.WriteLine($"restored {restored.Nodes.Length - graph.Nodes.Length} BatchNormalization layers; wrote {args[1]}");
        return 0;
    }

    public static Graph Restore(Graph graph)
    {
        var typed = ShapeInference.Run(InputShapes.BindSymbols(graph, 1)).Graph;
        var nodes = new List<Node>();
        var initializers = graph.Initializers.ToBuilder();
        foreach (var node in graph.Nodes)
        {
            var shape = typed.FindValue(node.Outputs[0])?.Shape;
            bool spatial = shape is { Rank: 4 } && shape.Dims[2].Value * shape.Dims[3].Value > 1;
            if (node.OpType != "Conv" || !spatial || shape!.Dims[1].Value is not long channels)
            {
                nodes.Add(node);
                continue;
            }
            string raw = node.Outputs[0] + "_unnormalized", prefix = node.Name + "_bn";
            nodes.Add(node with { Outputs = [raw] });
            foreach (var (suffix, value) in new[] { ("scale", 1f), ("bias", 0f), ("mean", 0f), ("var", 1f) })
                initializers[$"{prefix}.{suffix}"] = TensorData.FromFloats([channels], [.. Enumerable.Repeat(value, (int)channels)]);
            nodes.Add(new Node(prefix, "BatchNormalization", [raw, $"{prefix}.scale", $"{prefix}.bias", $"{prefix}.mean", $"{prefix}.var"], [node.Outputs[0]]));
        }
        return graph with { Nodes = [.. nodes], Initializers = initializers.ToImmutable() };
    }
}
