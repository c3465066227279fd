using Lighten.Core.Analysis;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;

namespace Lighten.Core.Tests.Targets;

public class PreflightTests
{
    private static Graph TinyPose() => OnnxImporter.Load(Path.Combine(AppContext.BaseDirectory, "data", "tiny_pose_resnet_64.onnx"));

    [Fact]
    public void Rk3399_armcl_flags_the_conv_transposes_for_int8_only()
    {
        var graph = TinyPose();
        var report = Preflight.Run(graph, TargetCatalog.Get("rk3399-armcl"), new PreflightOptions { ModelName = "tiny" });
        var deconvs = graph.Nodes.Where(n => n.OpType == "ConvTranspose").Select(n => n.Name).ToList();
        Assert.NotEmpty(deconvs);
        Assert.Equal(deconvs, report.UnsupportedAt(Precision.Int8).Select(u => u.Node));
        Assert.All(report.Unsupported, u => Assert.Equal(("ConvTranspose", Precision.Int8), (u.OpType, u.Precision)));
        Assert.All(Precisions.All, p => Assert.True(report.EstimatedMs(p) > 0));
        Assert.Equal(deconvs, report.Estimates[Precision.Int8]!.FallbackLayers.Select(l => l.Name));
        Assert.Equal(("rk3399-armcl", "tiny"), (report.Target, report.Model));
    }

    [Fact]
    public void A_precision_the_target_cannot_run_has_no_estimate_and_lists_no_nodes()
    {
        var report = Preflight.Run(TinyPose(), TargetCatalog.Get("rpi4"));
        Assert.Null(report.EstimatedMs(Precision.Fp16));
        Assert.Null(report.Estimates[Precision.Fp16]);
        Assert.Empty(report.Unsupported);
        Assert.NotNull(report.EstimatedMs(Precision.Int8));
    }

    [Fact]
    public void A_profile_with_an_op_list_flags_every_other_op_by_node()
    {
        var target = TargetGraphs.Board with
        {
            Ops = TargetGraphs.Board.Ops.SetItem(Precision.Fp32, OpSupport.Only(["Conv"])),
        };
        var report = Preflight.Run(TargetGraphs.ConvThen("BatchNormalization", "Relu"), target);
        Assert.Equal([("n0", "BatchNormalization", Precision.Fp32), ("n1", "Relu", Precision.Fp32)],
            report.Unsupported.Select(u => (u.Node, u.OpType, u.Precision)));
    }

    [Fact]
    public void Ram_fit_is_weights_plus_peak_activations()
    {
        var graph = TargetGraphs.ConvThen("Relu");
        var totals = Profiler.Run(graph).Totals;
        long need = totals.WeightBytes + totals.PeakActivationBytes;
        // Weights 32x16x3x3 floats; the peak holds the Relu's input and output (32 + 32 channels of 32x32 floats).
        Assert.Equal(4608 * 4, totals.WeightBytes);
        Assert.Equal((32 + 32) * 1024 * 4, totals.PeakActivationBytes);
        var fits = Preflight.Run(graph, TargetGraphs.Board with { RamBytes = need });
        var short1 = Preflight.Run(graph, TargetGraphs.Board with { RamBytes = need - 1 });
        Assert.True(fits.FitsInRam);
        Assert.False(short1.FitsInRam);
        Assert.Equal((totals.WeightBytes, totals.PeakActivationBytes, need - 1), (short1.WeightBytes, short1.PeakActivationBytes, short1.RamBytes));
    }

    [Fact]
    public void Input_shapes_are_fixed_before_checking()
    {
        var graph = TinyPose();
        var one = Preflight.Run(graph, TargetGraphs.Board);
        var two = Preflight.Run(graph, TargetGraphs.Board, new PreflightOptions { InputShapes = new Dictionary<string, long[]> { ["input"] = [2, 3, 64, 64] } });
        Assert.Equal(2 * one.PeakActivationBytes, two.PeakActivationBytes);
        Assert.Throws<OptionException>(() => Preflight.Run(graph, TargetGraphs.Board,
            new PreflightOptions { InputShapes = new Dictionary<string, long[]> { ["nosuch"] = [1, 3, 64, 64] } }));
    }

    [Fact]
    public void The_precision_of_a_model_is_read_from_its_ops_and_types()
    {
        Assert.Equal(Precision.Fp32, Precisions.Of(TinyPose()));
        var b = new GraphBuilder(TargetGraphs.ConvThen());
        b.SetInitializer("w", TensorData.FromHalves([32, 16, 3, 3], new Half[4608]));
        Assert.Equal(Precision.Fp16, Precisions.Of(b.ToGraph()));
        b.AddNode(new Node("q", "QuantizeLinear", ["c", "s"], ["q_out"]));
        Assert.Equal(Precision.Int8, Precisions.Of(b.ToGraph()));
    }
}
