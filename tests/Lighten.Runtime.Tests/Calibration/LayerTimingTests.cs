using Lighten.Core;
using Lighten.Runtime.Calibration;

namespace Lighten.Runtime.Tests.Calibration;

public class LayerTimingTests
{
    [Fact]
    public void The_cache_survives_a_reload_and_ignores_a_damaged_file()
    {
        var path = Path.Combine(TestFiles.TempDir(), "sub", "timings.json");
        var cache = new LayerTimingCache(path);
        cache.Set("a", new LayerTiming(2, 1));
        var reloaded = new LayerTimingCache(path);
        Assert.True(reloaded.TryGet("a", out var t));
        Assert.Equal(new LayerTiming(2, 1), t);
        Assert.True(t.Int8Faster);
        Assert.Equal(2, t.Speedup);

        File.WriteAllText(path, "{ not json");
        Assert.Equal(0, new LayerTimingCache(path).Count);
        Assert.Equal(Path.Combine(Lighten.Core.IO.LightenCache.Directory, $"int8-layer-timings-{Lighten.Core.IO.LightenCache.Machine}.json"), LayerTimingCache.DefaultPath);
        Assert.Matches(@"^(x64|arm64|x86|arm)-\d+c-[0-9a-f]{12}$", Lighten.Core.IO.LightenCache.Machine);
    }

    /// <summary>
    /// conv1 and conv2 of a three-conv stack have the same op, attributes and shapes: the second is given the first's timing
    /// (reused, not an earlier run's), and only a cache reopened from the file counts as timed before.
    /// </summary>
    [Fact]
    public void Identical_layers_reuse_a_timing_taken_now_and_only_the_file_counts_as_cached()
    {
        var graph = ShapeInference.Run(InputShapes.BindSymbols(SmallNets.ConvStack(3), 1)).Graph;
        string path = Path.Combine(TestFiles.TempDir(), "timings.json");
        LayerBenchmark TimeAll(LayerBenchmark bench)
        {
            foreach (var name in new[] { "conv0", "conv1", "conv2" })
            {
                var node = graph.FindNode(name)!;
                Assert.NotNull(bench.Measure(graph, node, graph.FindNode(name + "_relu")));
            }
            return bench;
        }

        var first = new LayerTimingCache(path);
        var now = TimeAll(new LayerBenchmark(first));
        Assert.Equal((2, 1, 0), (now.Measured, now.Reused, now.CacheHits));
        Assert.Equal(2, first.Count);

        var later = TimeAll(new LayerBenchmark(new LayerTimingCache(path)));
        Assert.Equal((0, 0, 3), (later.Measured, later.Reused, later.CacheHits));
    }

    [Fact]
    public void A_depthwise_layer_is_timed_inside_an_int8_chain()
    {
        var b = new GraphBuilder();
        b.Inputs.Add(new ValueInfo("x", ElementType.Float, new TensorShape(1, 8, 16, 16)));
        b.SetInitializer("w", TensorData.FromFloats([8, 1, 3, 3], [.. Enumerable.Range(0, 72).Select(i => (i % 7 - 3) / 10f)]));
        b.AddNode(new Node("dw", "Conv", ["x", "w"], ["y"], [new("group", new IntAttribute(8)), new("pads", new IntsAttribute([1, 1, 1, 1]))]));
        b.Outputs.Add(new ValueInfo("y", ElementType.Float, null));
        var graph = ShapeInference.Run(b.ToGraph() with { Opsets = [new OpsetImport("", 13)] }).Graph;
        var dw = graph.FindNode("dw")!;
        Assert.True(LayerBenchmark.IsDepthwise(dw, graph));

        var (fp32, int8) = new LayerBenchmark(null).Models(graph, dw, null, graph.FindValue("x")!.Shape!);
        Assert.Equal(3, OrtOptimized.Of(int8).Nodes.Count(n => n.OpType == "QLinearConv"));
        var island = OrtOptimized.Of(fp32).Nodes;
        Assert.Equal(2, island.Count(n => n.OpType == "QLinearConv"));
        Assert.Single(island, n => n.OpType is "Conv" or "FusedConv");
        Assert.Equal(ElementType.UInt8, fp32.Inputs[0].ElementType);
    }

    [Fact]
    public void Single_layer_models_take_8_bit_data_in_and_out_and_fuse()
    {
        var graph = ShapeInference.Run(InputShapes.BindSymbols(SmallNets.ConvStack(2, deconv: true), 1)).Graph;
        var bench = new LayerBenchmark(null);
        var conv = graph.FindNode("conv1")!;
        var (fp32, int8) = bench.Models(graph, conv, graph.FindNode("conv1_relu"), graph.FindValue(conv.Inputs[0])!.Shape!);

        Assert.Equal(ElementType.UInt8, fp32.Inputs[0].ElementType);
        Assert.Equal([1L, 8, 16, 16], fp32.Inputs[0].Shape!.ToArray());
        Assert.Equal(ElementType.UInt8, int8.Inputs[0].ElementType);
        Assert.Equal(ElementType.UInt8, int8.Outputs[0].ElementType);
        GraphValidator.Validate(int8);
        Assert.Equal(["QLinearConv"], OrtOptimized.Of(int8).Nodes.Select(n => n.OpType));
        Assert.Equal(["DequantizeLinear", "Conv", "QuantizeLinear"], OrtOptimized.Of(fp32).Nodes.Where(n => n.OpType != "Relu").Select(n => n.OpType.Replace("Fused", "")));

        var deconv = graph.FindNode("deconv")!;
        var (_, q) = bench.Models(graph, deconv, graph.FindNode("deconv_relu"), graph.FindValue(deconv.Inputs[0])!.Shape!);
        Assert.Contains("ConvTranspose", OrtOptimized.Of(q).Nodes.Select(n => n.OpType));
        var (_, subPixel) = bench.Models(graph, deconv, graph.FindNode("deconv_relu"), graph.FindValue(deconv.Inputs[0])!.Shape!, subPixel: true);
        var fused = OrtOptimized.Of(subPixel).Nodes.Select(n => n.OpType).ToList();
        Assert.Contains("QLinearConv", fused);
        Assert.DoesNotContain("ConvTranspose", fused);
        Assert.DoesNotContain("DequantizeLinear", fused);
    }
}
