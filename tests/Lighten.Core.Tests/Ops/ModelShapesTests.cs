using Lighten.Core;
using Lighten.Core.Onnx;

namespace Lighten.Core.Tests.Ops;

/// <summary>Shape inference over the imported test models, with the file's own intermediate shapes removed.</summary>
public class ModelShapesTests
{
    private static ShapeInferenceResult Infer(string file)
    {
        var graph = OnnxImporter.Load(Path.Combine(AppContext.BaseDirectory, "data", file));
        return ShapeInference.Run(graph with { ValueInfos = graph.ValueInfos.Clear() });
    }

    [Fact]
    public void ShuffleNetConvInputsKnowChannelsAndSizeWithASymbolicBatch()
    {
        var r = Infer("shufflenet_v2_x0_5_c10_96.onnx");
        Assert.Empty(r.UnknownOps);
        var convs = r.Graph.Nodes.Where(n => n.OpType == "Conv").ToList();
        Assert.Equal(56, convs.Count);
        foreach (var conv in convs)
        {
            var shape = r.Graph.FindValue(conv.Inputs[0])?.Shape;
            Assert.True(shape is { Rank: 4 }, $"{conv.Name}: input {conv.Inputs[0]} is {shape?.ToString() ?? "?"}");
            Assert.NotNull(shape);
            Assert.Equal(Dim.Sym("batch"), shape[0]);
            Assert.True(shape.Dims.Skip(1).All(d => d.IsKnown), $"{conv.Name}: input is {shape}");
        }
        // The last stage's shuffle: 192 channels at 3x3 after three stride-2 steps from 96.
        var lastShuffle = r.Graph.Nodes.Last(n => n.OpType == "Reshape");
        Assert.Equal("batchx192x3x3", r.ShapeOf(lastShuffle.Outputs[0]));
        Assert.Equal("batchx10", r.ShapeOf("output"));
    }

    [Theory]
    [InlineData("shufflenet_v2_x0_5_c10_96.onnx")]
    [InlineData("mobilenet_v2_w035_c10_96.onnx")]
    [InlineData("mobilenet_v3_small_c10_96.onnx")]
    [InlineData("tiny_pose_resnet_64.onnx")]
    public void EveryValueIsKnownButTheBatch(string file)
    {
        var r = Infer(file);
        Assert.Empty(r.UnknownOps);
        foreach (var node in r.Graph.Nodes)
        {
            foreach (var output in node.Outputs.Where(o => o.Length > 0))
            {
                var shape = r.Graph.FindValue(output)?.Shape;
                Assert.True(shape is not null && shape.Dims.All(d => d.IsKnown || d.Symbol == "batch"),
                    $"{node.Name} ({node.OpType}): {output} is {shape?.ToString() ?? "?"}");
            }
        }
    }
}
