using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.Core.Transforms.Quantize;

namespace Lighten.Core.Tests.Transforms.Quantize;

public class RewriteConvTransposeTests
{
    private static Graph Deconv(long[] kernel, long[] strides, long[] pads, long[]? outputPadding = null, long group = 1, bool bias = true,
        bool relu = false, long[]? dilations = null)
    {
        var b = new GraphBuilder();
        var random = new Random(3);
        b.Inputs.Add(new ValueInfo("x", ElementType.Float, new TensorShape([Dim.Sym("batch"), 4, 5, 6])));
        var w = new float[4 * (6 / group) * kernel[0] * kernel[1]];
        for (int i = 0; i < w.Length; i++) w[i] = random.NextSingle() - 0.5f;
        b.SetInitializer("w", TensorData.FromFloats([4, 6 / group, kernel[0], kernel[1]], w));
        b.SetInitializer("b", TensorData.FromFloats([6], [0.1f, -0.2f, 0.3f, 0f, 0.5f, -0.6f]));
        var attributes = new List<KeyValuePair<string, AttributeValue>>
        {
            new("kernel_shape", new IntsAttribute([.. kernel])), new("strides", new IntsAttribute([.. strides])),
            new("pads", new IntsAttribute([.. pads])), new("group", new IntAttribute(group)),
        };
        if (outputPadding is not null) attributes.Add(new("output_padding", new IntsAttribute([.. outputPadding])));
        if (dilations is not null) attributes.Add(new("dilations", new IntsAttribute([.. dilations])));
        b.AddNode(new Node("deconv", "ConvTranspose", bias ? ["x", "w", "b"] : ["x", "w"], ["d"], attributes));
        if (relu) b.AddNode(new Node("relu", "Relu", ["d"], ["y"]));
        b.Outputs.Add(new ValueInfo(relu ? "y" : "d", ElementType.Float, null));
        return b.ToGraph() with { Opsets = [new OpsetImport("", 13)] };
    }

    public static TheoryData<long[], long[], long[], long[]?, bool, bool> Eligible => new()
    {
        { [4, 4], [2, 2], [1, 1, 1, 1], null, true, true },
        { [2, 2], [2, 2], [0, 0, 0, 0], null, false, false },
        { [3, 3], [2, 2], [1, 1, 1, 1], [1, 1], true, false },
        { [4, 3], [2, 1], [1, 1, 1, 1], null, true, true },
        { [5, 5], [3, 3], [1, 1, 1, 1], null, true, false },
    };

    [Theory]
    [MemberData(nameof(Eligible))]
    public void The_sub_pixel_conv_equals_the_conv_transpose(long[] kernel, long[] strides, long[] pads, long[]? outputPadding, bool bias, bool relu)
    {
        var graph = Deconv(kernel, strides, pads, outputPadding, bias: bias, relu: relu);
        var rewrite = RewriteConvTranspose.Run(graph);

        var g = rewrite.Pass.Graph;
        GraphValidator.Validate(g);
        Assert.Equal(1, rewrite.Pass.Changes);
        Assert.DoesNotContain(g.Nodes, n => n.OpType == "ConvTranspose");
        Assert.Equal(strides[0] * strides[1], rewrite.Rewritten["deconv"].Length);
        Assert.All(rewrite.Rewritten["deconv"], c => Assert.StartsWith("deconv_subpixel", c));
        Assert.Equal(relu ? strides[0] * strides[1] : 0, g.Nodes.Count(n => n.OpType == "Relu"));
        Assert.All(g.Nodes.Where(n => n.OpType == "Relu"), r => Assert.Equal("Conv", g.Producer(r.Inputs[0])!.OpType));
        Assert.All(rewrite.SameValues.Values, v => Assert.Contains(v, new[] { "d", "y" }));

        var expected = OrtRunner.RunSeeded(OnnxExporter.ToBytes(graph), seed: 4, batch: 2);
        var actual = OrtRunner.RunSeeded(OnnxExporter.ToBytes(g), seed: 4, batch: 2);
        Assert.InRange(OrtRunner.MaxAbsDiff(expected, actual), 0, 1e-5);
    }

    [Fact]
    public void Grouped_dilated_and_non_multiple_outputs_are_left_alone()
    {
        Assert.Equal(0, RewriteConvTranspose.Run(Deconv([4, 4], [2, 2], [1, 1, 1, 1], group: 2)).Pass.Changes);
        Assert.Equal(0, RewriteConvTranspose.Run(Deconv([3, 3], [2, 2], [1, 1, 1, 1], dilations: [2, 2])).Pass.Changes);
        Assert.Equal(0, RewriteConvTranspose.Run(Deconv([3, 3], [2, 2], [1, 1, 1, 1])).Pass.Changes);
        Assert.Equal(0, RewriteConvTranspose.Run(Deconv([4, 4], [2, 2], [1, 1, 1, 1]), _ => false).Pass.Changes);
    }

    [Fact]
    public void The_rewritten_head_runs_in_int8_with_no_conv_transpose_left()
    {
        var m = new QuantGraphs();
        var a = m.Relu(m.Conv("x", 3, 8));
        var up = m.Relu(m.ConvTranspose(a, 8, 8));
        var fp32 = m.Head(m.Relu(m.Conv(up, 8, 8)), 8);
        var rewrite = RewriteConvTranspose.Run(fp32);
        var (int8, plan) = QuantGraphs.Quantize(rewrite.Pass.Graph);

        Assert.Equal(7, plan.ComputeLayers.Count()); // two Conv, four phase Conv and the Gemm
        Assert.Contains(plan.Layers, l => l.OpType == "DepthToSpace" && l.Kind == QuantKind.PassThrough);
        var interleave = int8.Nodes.Single(n => n.OpType == "DepthToSpace");
        Assert.Equal("QuantizeLinear", int8.Producer(interleave.Inputs[0])!.OpType);
        Assert.Equal(["DequantizeLinear"], int8.Consumers(interleave.Outputs[0]).Select(n => n.OpType));
        var optimized = QuantGraphs.Optimized(int8);
        Assert.Equal(6, optimized.Nodes.Count(n => n.OpType == "QLinearConv"));
        Assert.Single(optimized.Nodes.Where(n => n.OpType == "QLinearConcat"));
        Assert.DoesNotContain(optimized.Nodes, n => n.OpType is "ConvTranspose" or "DequantizeLinear" or "Relu");
        var expected = OrtRunner.RunSeeded(OnnxExporter.ToBytes(fp32), seed: 8);
        var actual = OrtRunner.RunSeeded(OnnxExporter.ToBytes(int8), seed: 8);
        Assert.InRange(OrtRunner.MaxAbsDiff(expected, actual) / expected.Values.Max(t => t.Values.Max(Math.Abs)), 0, 0.1);
    }
}
