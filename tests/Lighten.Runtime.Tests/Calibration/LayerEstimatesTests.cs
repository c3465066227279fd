using Lighten.Core;
using Lighten.Core.Targets;
using Lighten.Runtime.Calibration;

namespace Lighten.Runtime.Tests.Calibration;

/// <summary>Per-layer INT8 decisions from a target profile's roofline instead of a host measurement.</summary>
public class LayerEstimatesTests
{
    private static PtqResult Quantize(TargetProfile target) =>
        PostTrainingQuantizer.Run(SmallNets.ConvStack(2, deconv: true), new SyntheticCalibrationSource(16, 16, 8, seed: 1), new PtqOptions
        {
            TargetName = target.Name,
            Int8Supported = n => target.Supports(n, Precision.Int8),
            Estimates = new LayerEstimates(target),
        });

    [Fact]
    public void On_rk3399_armcl_the_conv_transpose_stays_fp32_and_its_sub_pixel_form_is_estimated_slower()
    {
        var armcl = TargetCatalog.Get("rk3399-armcl");
        var result = Quantize(armcl);

        Assert.Equal("estimated from the rk3399-armcl profile", result.TimingSource);
        Assert.Empty(result.SubPixel);
        var deconv = result.Layers.Single(l => l.OpType == "ConvTranspose");
        Assert.False(deconv.Int8);
        Assert.Equal("target 'rk3399-armcl' has no INT8 ConvTranspose", deconv.Reason);
        // INT8 computes at the FP32 rate on Midgard, but an FP32 island costs its two conversions (4 ms of launch each).
        var convs = result.Layers.Where(l => l.Node.StartsWith("conv", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, convs.Count);
        Assert.All(convs, l => Assert.True(l.Int8 && l.Timing!.Int8Ms < l.Timing.Fp32Ms, $"{l.Node}: {l.Timing}"));
        Assert.All(convs, l => Assert.InRange(l.Timing!.Fp32Ms - l.Timing.Int8Ms, 2 * armcl.LayerOverheadUs / 1e3, 2 * armcl.LayerOverheadUs / 1e3 + 0.1));

        var graph = ShapeInference.Run(InputShapes.BindSymbols(SmallNets.ConvStack(2, deconv: true), 1)).Graph;
        var node = graph.FindNode("deconv")!;
        var subPixel = new LayerEstimates(armcl).SubPixel(graph, node, graph.FindNode("deconv_relu"))!;
        Assert.True(subPixel.Int8Ms > subPixel.Fp32Ms, $"four Convs, a Concat and a DepthToSpace launch more than one deconvolution: {subPixel}");
    }

    [Fact]
    public void Where_launches_are_cheap_and_int8_is_fast_the_conv_transpose_runs_as_sub_pixel_int8_convs()
    {
        var board = TargetCatalog.Get("rk3399-armcl") with
        {
            Name = "fast-int8",
            PeakGops = TargetCatalog.Get("rk3399-armcl").PeakGops.SetItem(Precision.Int8, 435.2),
            LayerOverheadUs = 5,
        };
        var result = Quantize(board);
        var rewritten = Assert.Single(result.SubPixel);
        Assert.Equal("deconv", rewritten.Key);
        Assert.Equal(4, rewritten.Value.Length);
        Assert.DoesNotContain(result.Graph.Nodes, n => n.OpType == "ConvTranspose");
        Assert.All(result.Layers.Where(l => l.Node.StartsWith("conv", StringComparison.Ordinal)), l => Assert.True(l.Int8));
    }
}
