using Lighten.Core.Analysis;
using Lighten.Core.Transforms.Factorize;
using static Lighten.Core.Tests.Transforms.Factorize.FactorizeGraphs;

namespace Lighten.Core.Tests.Transforms.Factorize;

public class FactorizeConvolutionsTests
{
    private static readonly FactorizeOptions PoseBottleneck64 = new()
    {
        Selection = new() { Layers = ["ConvTranspose"] },
        Bottleneck = new() { Rank = RankChoice.Fixed(64) },
    };

    [Fact]
    public void PoseModelWithA64ChannelBottleneckBeforeEveryConvTransposeRunsWithFewerMacs()
    {
        var g = CleanupModels.AtBatch1("tiny_pose_resnet_64.onnx");

        var r = FactorizeConvolutions.Run(g, PoseBottleneck64);

        GraphValidator.Validate(r.Graph);
        var before = Run(g)["output"];
        var after = Run(r.Graph)["output"];
        Assert.Equal(before.Shape, after.Shape);
        Assert.All(after.Values, v => Assert.True(float.IsFinite(v)));
        Assert.True(r.MacsAfter < r.MacsBefore, $"{r.MacsBefore} → {r.MacsAfter}");
        Assert.Equal(Profiler.Run(r.Graph).Totals.Macs, r.MacsAfter);

        // Only the first ConvTranspose reads more than 64 channels (128 at 2x2 → 64 at 4x4, kernel 4x4).
        var layer = Assert.Single(r.Layers);
        Assert.Equal((InsertBottleneck.Name, "ConvTranspose"), (layer.Pass, layer.OpType));
        Assert.Equal(2L * 2 * 128 * 16 * 64, layer.MacsBefore);
        Assert.Equal(2L * 2 * 128 * 64 + 2 * 2 * 64 * 16 * 64, layer.MacsAfter);
        Assert.Equal(layer.MacsBefore - layer.MacsAfter, r.MacsBefore - r.MacsAfter);
        Assert.Equal(2, r.Skipped.Length);
        Assert.All(r.Skipped, s => Assert.Contains("a bottleneck of 64 channels on 64 input channels would not lower its MACs", s));
    }

    [Fact]
    public void FullRankDepthwiseSeparableOnMobileNetV2KeepsItsOutputs()
    {
        // The only ungrouped k×k Conv is the stem (3 → 16, 3x3); depthwise and 1x1 Convs are skipped with the reason.
        var g = CleanupModels.AtBatch1("mobilenet_v2_w035_c10_96.onnx");
        var r = FactorizeConvolutions.Run(g, new FactorizeOptions
        {
            Selection = new() { Layers = ["Conv"] },
            DepthwiseSeparable = new() { Multiplier = 9, RequireFewerMacs = false },
        });

        var layer = Assert.Single(r.Layers);
        Assert.Equal(DecomposeDepthwiseSeparable.Name, layer.Pass);
        Assert.Contains(r.Skipped, s => s.Contains("has group"));
        Assert.Contains(r.Skipped, s => s.Contains("1×1 kernel"));
        var expected = Run(g)["output"];
        double scale = expected.Values.Max(v => Math.Abs(v));
        Assert.True(MaxDiff(g, r.Graph) <= 1e-4 * Math.Max(1, scale));
    }

    [Fact]
    public void EachLayerTakesTheFirstRequestedMethodThatFits()
    {
        var g = CleanupModels.AtBatch1("tiny_pose_resnet_64.onnx");
        var r = FactorizeConvolutions.Run(g, new FactorizeOptions
        {
            Selection = new() { Threshold = 0.05 },
            DepthwiseSeparable = new(),
            Bottleneck = new() { Rank = RankChoice.Fixed(32) },
        });

        GraphValidator.Validate(r.Graph);
        Assert.Equal([DecomposeDepthwiseSeparable.Name, InsertBottleneck.Name], r.Passes.Select(p => p.Pass));
        Assert.All(r.Layers, l => Assert.Equal(l.OpType == "Conv" ? DecomposeDepthwiseSeparable.Name : InsertBottleneck.Name, l.Pass));
        Assert.All(r.Layers, l => Assert.True(l.MacsAfter < l.MacsBefore, l.Name));
        Assert.Equal(r.Selection.Selected.Length, r.Layers.Length + r.Skipped.Length);
    }

    [Fact]
    public void ANamedLayerNoRequestedMethodFitsIsAnError()
    {
        var g = CleanupModels.AtBatch1("mobilenet_v2_w035_c10_96.onnx");
        var depthwise = g.Nodes.First(n => n.OpType == "Conv" && n.GetInt("group", 1) > 1).Name;
        var e = Assert.Throws<OptionException>(() => FactorizeConvolutions.Run(g, new FactorizeOptions
        {
            Selection = new() { Layers = [depthwise] },
            Bottleneck = new() { Rank = RankChoice.Fixed(4) },
        }));
        Assert.StartsWith($"node '{depthwise}' (Conv) has group", e.Message);

        Assert.Contains("no factorization was requested", Assert.Throws<OptionException>(() => FactorizeConvolutions.Run(g, new FactorizeOptions())).Message);
    }
}
