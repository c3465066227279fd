using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.Core.Transforms.Backbone;
using Lighten.Core.Zoo;

namespace Lighten.Core.Tests.Transforms.Backbone;

/// <summary>The spatial adapters of G1 bring any new backbone's output to the size the head reads, axis by axis.</summary>
public class BackboneAdapterTests
{
    [Theory]
    [InlineData(5, 5, 0, 1, 1, false)]
    [InlineData(8, 2, 2, 1, 1, false)]   // powers of two: halving
    [InlineData(7, 1, 3, 1, 1, false)]   // ceil-halving 7 → 4 → 2 → 1, as a stride-2 padded 3×3 Conv computes
    [InlineData(25, 13, 1, 1, 1, false)]
    [InlineData(12, 4, 0, 3, 3, false)]  // 12 → 6 → 3 misses 4; 4 divides 12: adaptive average pooling by 3
    [InlineData(30, 5, 1, 3, 3, false)]  // 30 = 5 · 2 · 3: one halving, then pooling by 3
    [InlineData(13, 3, 0, 5, 4, false)]  // 13 → 3 neither halves nor divides: windows of 5 every 4, end to end
    [InlineData(50, 48, 0, 3, 1, false)]
    [InlineData(6, 48, 0, 1, 1, true)]   // smaller than the head's: grows
    public void Each_axis_is_planned_by_halving_pooling_or_growing(int from, int to, int halvings, int kernel, int stride, bool grows)
    {
        var plan = BackboneAdapter.Plan(from, to);
        Assert.Equal(new AxisPlan(halvings, kernel, stride, grows), plan);
        if (grows) return;
        int n = from;
        for (int i = 0; i < halvings; i++) n = NetBuilder.OutputSize(n, 3, 2, 1);
        Assert.Equal(to, NetBuilder.OutputSize(n, kernel, stride, 0));
    }

    [Fact]
    public void Halving_both_axes_uses_stride_two_depthwise_layers()
    {
        var (g, details) = Adapt(8, 8, 8, toChannels: 8, toHeight: 2, toWidth: 2);
        AssertShape(g, 8, 2, 2);
        Assert.Equal(2, g.Nodes.Count(n => n.OpType == "Conv"));
        Assert.All(g.Nodes.Where(n => n.OpType == "Conv"), n => Assert.Equal([2L, 2], n.GetInts("strides")!));
        Assert.Equal(["adapter: stride-2 3x3 DWConv+BN+ReLU 8x8x8 → 8x4x4", "adapter: stride-2 3x3 DWConv+BN+ReLU 8x4x4 → 8x2x2"], details);
    }

    [Fact]
    public void Where_only_the_height_shrinks_the_stride_is_two_by_one()
    {
        // Height 8 halves three times, width 12 once: the later layers stride 2x1.
        var (g, details) = Adapt(8, 8, 12, toChannels: 8, toHeight: 1, toWidth: 6);
        AssertShape(g, 8, 1, 6);
        Assert.Equal([[2L, 2], [2L, 1], [2L, 1]], g.Nodes.Where(n => n.OpType == "Conv").Select(n => n.GetInts("strides")!));
        Assert.Equal("adapter: stride-2x1 3x3 DWConv+BN+ReLU 8x2x6 → 8x1x6", details[^1]);
    }

    [Fact]
    public void A_ratio_halving_cannot_reach_is_average_pooled()
    {
        var (g, details) = Adapt(4, 2, 13, toChannels: 4, toHeight: 1, toWidth: 3);
        AssertShape(g, 4, 1, 3);
        var dw = g.Nodes.Single(n => n.OpType == "Conv");
        Assert.Equal([2L, 1], dw.GetInts("strides")!);
        var pool = g.Nodes.Single(n => n.OpType == "AveragePool");
        Assert.Equal([1L, 5], pool.GetInts("kernel_shape")!);
        Assert.Equal([1L, 4], pool.GetInts("strides")!);
        Assert.Equal("adapter: AveragePool 1x5 stride 1x4 4x1x13 → 4x1x3", details[^1]);

        var (exact, _) = Adapt(2, 1, 12, toChannels: 2, toHeight: 1, toWidth: 4);
        Assert.Equal([1L, 3], exact.Nodes.Single(n => n.OpType == "AveragePool").GetInts("kernel_shape")!);
        AssertShape(exact, 2, 1, 4);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(11)]
    [InlineData(10)]
    public void A_smaller_output_grows_with_a_linear_resize_after_the_channel_adapter(long opset)
    {
        // MobileNetV2 on a 64x192 text line gives 2x6; the head reads 1x48.
        var (g, details) = Adapt(16, 2, 6, toChannels: 8, toHeight: 1, toWidth: 48, opset);
        AssertShape(g, 8, 1, 48);
        Assert.Equal(["Conv", "BatchNormalization", "Relu", "Conv", "BatchNormalization", "Relu", "Resize"], g.Nodes.Select(n => n.OpType));
        Assert.Equal("linear", g.Nodes[^1].GetString("mode", ""));
        Assert.Equal(
        [
            "adapter: stride-2x1 3x3 DWConv+BN+ReLU 16x2x6 → 16x1x6",
            "adapter: 1x1 Conv+BN+ReLU 16 → 8 channels at 1x6",
            "adapter: linear Resize 8x1x6 → 8x1x48 (the new backbone is coarser than the cut: the head reads interpolated columns)",
        ], details);
    }

    [Theory]
    [InlineData(2, 2, 4, 4)]
    [InlineData(4, 7, 16, 25)]
    [InlineData(3, 5, 9, 48)]
    public void Growth_lands_exactly_on_any_size(int height, int width, int toHeight, int toWidth)
    {
        var (g, _) = Adapt(3, height, width, toChannels: 3, toHeight: toHeight, toWidth: toWidth);
        AssertShape(g, 3, toHeight, toWidth);
    }

    [Fact]
    public void One_axis_pooled_while_the_other_grows()
    {
        var (g, _) = Adapt(3, 12, 4, toChannels: 3, toHeight: 4, toWidth: 10);
        Assert.Equal(["AveragePool", "Resize"], g.Nodes.Select(n => n.OpType));
        AssertShape(g, 3, 4, 10);
    }

    [Fact]
    public void Before_opset_10_growing_is_refused()
    {
        var e = Assert.Throws<OptionException>(() => Adapt(3, 2, 6, toChannels: 3, toHeight: 2, toWidth: 12, opset: 9));
        Assert.Contains("opset 9", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The adapters from [N, channels, height, width] to the head's size, as SwapBackbone orders them.</summary>
    private static (Graph Graph, List<string> Details) Adapt(int channels, int height, int width, int toChannels, int toHeight, int toWidth, long opset = 17)
    {
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("x", ElementType.Float, new TensorShape([Dim.Sym("N"), Dim.Of(channels), Dim.Of(height), Dim.Of(width)])));
        var adapter = new BackboneAdapter(b, seed: 1, opset);
        var x = new FeatureMap("x", channels, height, width);
        x = adapter.Shrink(x, toHeight, toWidth);
        x = adapter.MatchChannels(x, toChannels);
        x = adapter.Grow(x, toHeight, toWidth);
        Assert.Equal((toChannels, toHeight, toWidth), (x.Channels, x.Height, x.Width));
        b.Outputs.Add(new ValueInfo(x.Tensor, ElementType.Float, null));
        var g = ShapeInference.Run(b.ToGraph() with { Opsets = [new OpsetImport("", opset)] }).Graph;
        GraphValidator.Validate(g);
        return (g, adapter.Details);
    }

    /// <summary>Shape inference and ONNX Runtime (batch 2, the batch staying symbolic) agree on the head's size.</summary>
    private static void AssertShape(Graph g, int channels, int height, int width)
    {
        var inferred = g.Outputs[0].Shape!;
        Assert.Equal("N", inferred[0].Symbol);
        Assert.Equal([channels, height, width], inferred.Dims.Skip(1).Select(d => d.Value!.Value));
        var output = OrtRunner.RunSeeded(OnnxExporter.ToBytes(g), seed: 3, batch: 2).Values.Single();
        Assert.Equal([2L, channels, height, width], output.Shape);
        Assert.All(output.Values, v => Assert.True(float.IsFinite(v)));
    }
}
