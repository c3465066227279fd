using Lighten.Core.Targets;

namespace Lighten.Core.Tests.Targets;

public class LatencyEstimatorTests
{
    private static readonly TargetProfile Board = TargetGraphs.Board;

    private static LayerEstimate Layer(LatencyEstimate e, string name) => e.Layers.Single(l => l.Name == name);

    [Fact]
    public void A_single_conv_by_hand()
    {
        // MACs = 32 output channels x 32 x 32 x (16 x 3 x 3) = 4,718,592; operations = 2 x MACs.
        // Bytes (fp32) = (input 16x32x32 + output 32x32x32 + weight 32x16x3x3) x 4 = (16384 + 32768 + 4608) x 4 = 215,040.
        // Compute = 9,437,184 / (10e9 x 0.5) s = 1.8874368 ms; memory = 215,040 / 1e9 s = 0.21504 ms; + 0.1 ms overhead.
        var e = LatencyEstimator.Estimate(TargetGraphs.ConvThen(), Board, Precision.Fp32)!;
        var conv = Layer(e, "conv");
        Assert.Equal(OpClass.Conv, conv.OpClass);
        Assert.Equal(9_437_184, conv.Operations);
        Assert.Equal(215_040, conv.Bytes);
        Assert.Equal(1.8874368, conv.ComputeMs, 9);
        Assert.Equal(0.21504, conv.MemoryMs, 9);
        Assert.False(conv.MemoryBound);
        Assert.Equal(1.9874368, e.TotalMs, 9);
    }

    [Fact]
    public void Int8_moves_a_quarter_of_the_bytes_at_its_own_peak()
    {
        var e = LatencyEstimator.Estimate(TargetGraphs.ConvThen(), Board, Precision.Int8)!;
        var conv = Layer(e, "conv");
        Assert.Equal(215_040 / 4, conv.Bytes);
        Assert.Equal(9_437_184 / (40e9 * 0.5) * 1e3, conv.ComputeMs, 9);
        Assert.Equal(Precision.Int8, conv.Precision);
    }

    [Fact]
    public void A_depthwise_conv_is_memory_bound()
    {
        // 64 channels, 56x56, 3x3, group 64: operations 2 x 56 x 56 x 64 x 9 = 3,612,672 (0.36 ms at 10 GFLOP/s);
        // bytes (2 x 64 x 56 x 56 + 64 x 9) x 4 = 1,607,936 (1.607936 ms at 1 GB/s).
        var graph = TargetGraphs.Single("Conv", [1, 64, 56, 56], [64, 1, 3, 3], ("group", [64]), ("pads", [1, 1, 1, 1]));
        var layer = Layer(LatencyEstimator.Estimate(graph, Board, Precision.Fp32)!, "layer");
        Assert.Equal(OpClass.DepthwiseConv, layer.OpClass);
        Assert.Equal(3_612_672, layer.Operations);
        Assert.Equal(1_607_936, layer.Bytes);
        Assert.True(layer.MemoryBound);
        Assert.Equal(1.607936 + 0.1, layer.Ms, 9);
    }

    [Theory]
    [InlineData(new long[] { 32, 16, 1, 1 }, 1, OpClass.PointwiseConv)]
    [InlineData(new long[] { 32, 16, 3, 3 }, 1, OpClass.Conv)]
    [InlineData(new long[] { 32, 8, 3, 3 }, 2, OpClass.Conv)]
    [InlineData(new long[] { 16, 1, 3, 3 }, 16, OpClass.DepthwiseConv)]
    public void Convolutions_are_classed_by_kernel_and_groups(long[] weight, long group, OpClass expected)
    {
        var graph = TargetGraphs.Single("Conv", [1, 16, 8, 8], weight, ("group", [group]));
        Assert.Equal(expected, Layer(LatencyEstimator.Estimate(graph, Board, Precision.Fp32)!, "layer").OpClass);
    }

    [Fact]
    public void Batch_norm_and_activations_after_a_conv_are_fused_and_free()
    {
        var alone = LatencyEstimator.Estimate(TargetGraphs.ConvThen(), Board, Precision.Fp32)!;
        var fused = LatencyEstimator.Estimate(TargetGraphs.ConvThen("BatchNormalization", "Relu"), Board, Precision.Fp32)!;
        Assert.All(fused.Layers.Where(l => l.Name != "conv"), l => Assert.True(l.Fused && l.Ms == 0));
        Assert.Equal(alone.TotalMs, fused.TotalMs, 12);
    }

    [Fact]
    public void An_activation_whose_input_is_also_read_elsewhere_is_not_fused()
    {
        var b = new GraphBuilder(TargetGraphs.ConvThen());
        b.AddNode(new Node("relu", "Relu", ["c"], ["r"]));
        b.AddNode(new Node("add", "Add", ["c", "r"], ["s"]));
        b.Outputs.Clear();
        b.Outputs.Add(new ValueInfo("s", ElementType.Float, null));
        var e = LatencyEstimator.Estimate(b.ToGraph(), Board, Precision.Fp32)!;
        var relu = Layer(e, "relu");
        Assert.False(relu.Fused);
        Assert.Equal(OpClass.Elementwise, relu.OpClass);
        // 32x32x32 floats in and out at 1 GB/s, plus the overhead.
        Assert.Equal(2 * 32768 * 4 / 1e6 + 0.1, relu.Ms, 9);
    }

    [Fact]
    public void Views_and_shape_arithmetic_cost_nothing()
    {
        var e = LatencyEstimator.Estimate(TargetGraphs.ConvThen("Flatten", "Identity"), Board, Precision.Fp32)!;
        Assert.All(e.Layers.Where(l => l.Name != "conv"), l => Assert.True(l.OpClass is null && l.Ms == 0));
    }

    [Fact]
    public void An_op_the_target_lacks_at_int8_runs_as_an_fp32_island()
    {
        var graph = TargetGraphs.Single("ConvTranspose", [1, 16, 8, 8], [16, 8, 4, 4], ("strides", [2, 2]), ("pads", [1, 1, 1, 1]));
        var fp32 = LatencyEstimator.Estimate(graph, Board, Precision.Fp32)!;
        var int8 = LatencyEstimator.Estimate(graph, Board, Precision.Int8)!;
        var layer = Layer(int8, "layer");
        Assert.Equal(OpClass.ConvTranspose, layer.OpClass);
        Assert.Equal(Precision.Fp32, layer.Precision);
        Assert.Equal(["layer"], int8.FallbackLayers.Select(l => l.Name));
        Assert.Equal(fp32.TotalMs, int8.TotalMs, 12);
    }

    [Fact]
    public void A_precision_the_target_does_not_run_has_no_estimate() =>
        Assert.Null(LatencyEstimator.Estimate(TargetGraphs.ConvThen(), Board, Precision.Fp16));

    [Fact]
    public void Thin_layers_are_scaled_down_by_the_half_efficiency_depth()
    {
        // A 1x1 conv with 16 input channels: depth 16; at halfEfficiencyDepth 16 it runs at half its efficiency.
        var graph = TargetGraphs.Single("Conv", [1, 16, 32, 32], [64, 16, 1, 1]);
        var plain = Layer(LatencyEstimator.Estimate(graph, Board, Precision.Fp32)!, "layer");
        var scaled = Layer(LatencyEstimator.Estimate(graph, Board with { HalfEfficiencyDepth = 16 }, Precision.Fp32)!, "layer");
        Assert.Equal(2 * plain.ComputeMs, scaled.ComputeMs, 12);
    }

    [Fact]
    public void A_layer_that_fits_in_the_cache_moves_at_the_cache_bandwidth()
    {
        var graph = TargetGraphs.ConvThen();
        var cached = Layer(LatencyEstimator.Estimate(graph, Board with { CacheBytes = 215_040, CacheBandwidthGBps = 10 }, Precision.Fp32)!, "conv");
        var uncached = Layer(LatencyEstimator.Estimate(graph, Board with { CacheBytes = 215_039, CacheBandwidthGBps = 10 }, Precision.Fp32)!, "conv");
        Assert.Equal(0.021504, cached.MemoryMs, 9);
        Assert.Equal(0.21504, uncached.MemoryMs, 9);
    }

    [Fact]
    public void Symbolic_batches_count_as_one_image_unless_fixed()
    {
        var model = Lighten.Core.Onnx.OnnxImporter.Load(Path.Combine(AppContext.BaseDirectory, "data", "mobilenet_v2_w035_c10_96.onnx"));
        var one = LatencyEstimator.Estimate(model, Board, Precision.Fp32)!;
        var four = LatencyEstimator.Estimate(model, Board, Precision.Fp32, new Dictionary<string, long[]> { ["input"] = [4, 3, 96, 96] })!;
        Assert.True(one.TotalMs > 0);
        Assert.Equal(4 * one.Layers.Sum(l => l.Operations), four.Layers.Sum(l => l.Operations), 6);
    }
}
