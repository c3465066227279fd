using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Runtime.Calibration;
using Microsoft.ML.OnnxRuntime;

namespace Lighten.Runtime.Tests.Calibration;

public class PostTrainingQuantizerTests
{
    private static readonly SyntheticCalibrationSource Calibration = new(16, 16, 8, seed: 1);

    [Fact]
    public void Host_timings_keep_layers_fp32_where_int8_is_slower()
    {
        var (result, bench) = QuantizeWithTimings(subPixelMs: 5.0);

        Assert.Equal(4, bench.CacheHits);
        Assert.Equal(0, bench.Measured);
        Assert.Equal(0, bench.Reused);
        Assert.Equal((0, 4, 0), (result.MeasuredLayers, result.CachedLayers, result.ReusedLayers));
        Assert.Empty(result.SubPixel);
        var deconv = result.Layers.Single(l => l.Node == "deconv");
        Assert.False(deconv.Int8);
        Assert.Equal("ONNX Runtime's CPU has no integer ConvTranspose (its QDQ form runs in FP32)", deconv.Reason);
        Assert.Equal(6.2, deconv.Timing!.Int8Ms);
        Assert.All(result.Layers.Where(l => l.Node.StartsWith("conv", StringComparison.Ordinal)), l => Assert.True(l.Int8));
        Assert.Contains("graph output", result.Layers.Single(l => l.Node == "head").Reason);
        Assert.Equal(ElementType.Float, result.Graph.Initializers[result.Graph.FindNode("deconv")!.Inputs[1]].ElementType);
        LoadsInOrt(result.Graph);
    }

    /// <summary>
    /// Older exports (opsets 8 and 9: no QuantizeLinear; opset 11: no per-channel DequantizeLinear) are upgraded to opset 13 before
    /// quantizing, so the result has per-channel weights and ONNX Runtime loads it.
    /// </summary>
    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(11)]
    public void An_old_opset_model_is_upgraded_and_quantized_per_channel(long opset)
    {
        var graph = SmallNets.ConvStack(2) with { Opsets = [new OpsetImport("", opset)] };
        var result = PostTrainingQuantizer.Run(graph, Calibration);
        Assert.Equal(13, result.Graph.OpsetVersion());
        Assert.Contains(result.Graph.Nodes, n => n.OpType == "DequantizeLinear" && n.Attributes.ContainsKey("axis"));
        Assert.True(result.Layers.Count(l => l.Int8) >= 2);
        LoadsInOrt(result.Graph);
    }

    [Fact]
    public void A_faster_sub_pixel_form_replaces_the_conv_transpose()
    {
        var (result, _) = QuantizeWithTimings(subPixelMs: 1.0);
        Assert.Equal(["deconv_subpixel_00", "deconv_subpixel_01", "deconv_subpixel_10", "deconv_subpixel_11"], result.SubPixel["deconv"].ToArray());
        var conv = result.Layers.Single(l => l.Node == "deconv_subpixel_00");
        Assert.True(conv.Int8);
        Assert.Equal(1.0, conv.Timing!.Int8Ms);
        Assert.DoesNotContain(result.Graph.Nodes, n => n.OpType == "ConvTranspose");
        LoadsInOrt(result.Graph);
    }

    private static (PtqResult, LayerBenchmark) QuantizeWithTimings(double subPixelMs)
    {
        var graph = SmallNets.ConvStack(2, deconv: true);
        string path = Path.Combine(TestFiles.TempDir(), "timings.json");
        var cache = new LayerTimingCache(path);
        var writer = new LayerBenchmark(cache);
        var batch1 = ShapeInference.Run(InputShapes.BindSymbols(graph, 1)).Graph;
        foreach (var name in new[] { "conv0", "conv1", "deconv" })
        {
            var node = batch1.FindNode(name)!;
            var key = writer.Key(batch1, node, batch1.FindNode(name + "_relu"), batch1.FindValue(node.Inputs[0])!.Shape!);
            cache.Set(key, name == "deconv" ? new LayerTiming(4.2, 6.2) : new LayerTiming(5.6, 1.15));
            if (name == "deconv") cache.Set(key + "|subpixel", new LayerTiming(4.2, subPixelMs));
        }

        // An earlier run's timings: the quantizer opens the file the writer left.
        var bench = new LayerBenchmark(new LayerTimingCache(path));
        return (PostTrainingQuantizer.Run(graph, Calibration, new PtqOptions { Benchmark = bench }), bench);
    }

    [Fact]
    public void Fallback_keeps_the_least_faithful_layers_fp32_until_the_drop_is_met()
    {
        var graph = SmallNets.ConvStack(4);
        // A stand-in metric: each INT8 convolution costs 2 points, so a 5-point budget allows at most 2 of them.
        var target = new AccuracyTarget(5, path => new Metric("top1", 0.9 - 0.02 * Int8Convs(OnnxImporter.Load(path))));

        var result = PostTrainingQuantizer.Run(graph, Calibration, new PtqOptions { Accuracy = target });

        var a = result.Accuracy!;
        Assert.True(a.Met);
        Assert.Equal(0.9, a.Fp32, 9);
        Assert.Equal(4 - a.KeptFp32.Count, Int8Convs(result.Graph));
        Assert.Equal(3, a.KeptFp32.Count); // 1, then 2 more: 4 → 3 → 1 INT8 layers
        Assert.Equal(3, a.Evaluations);
        var sqnr = result.Layers.Where(l => l.SqnrDb is not null).OrderBy(l => l.SqnrDb).Select(l => l.Node).Take(3);
        Assert.Equal(sqnr, a.KeptFp32);
        Assert.All(a.KeptFp32, k => Assert.Contains("request", result.Layers.Single(l => l.Node == k).Reason));
    }

    [Fact]
    public void Sensitivity_and_bias_correction_report_each_layer()
    {
        var result = PostTrainingQuantizer.Run(SmallNets.ConvStack(3), Calibration,
            new PtqOptions { Sensitivity = true, BiasCorrection = true, Method = CalibrationMethod.Mse });
        Assert.Equal(3, result.BiasCorrected);
        Assert.All(result.Layers.Where(l => l.Int8), l => Assert.InRange(l.SqnrDb!.Value, 20, SensitivityAnalysis.MaxDb));
        Assert.Equal(8, result.Calibration.Samples);
        LoadsInOrt(result.Graph);
    }

    private static int Int8Convs(Graph g) =>
        g.Nodes.Count(n => n.OpType == "Conv" && g.Producer(n.Inputs[1])?.OpType == "DequantizeLinear");

    internal static void LoadsInOrt(Graph graph)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(OnnxExporter.ToBytes(graph), options);
        Assert.NotEmpty(session.OutputNames);
    }
}
