using System.Collections.Immutable;
using Lighten.Core.Analysis;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Core.Tests.Support;
using Lighten.Core.Transforms.Backbone;
using Lighten.Core.Transforms.Cleanup;
using Lighten.Core.Zoo;
using Xunit.Abstractions;

namespace Lighten.Core.Tests.Transforms.Backbone;

public class SwapBackboneTests(ITestOutputHelper output)
{
    private static readonly ZooOptions Pose256 = new() { InputHeight = 256, InputWidth = 256, Joints = 16, Seed = 1 };

    [Fact]
    public void The_reference_case_G1_without_adapter_has_the_published_MACs_and_keeps_the_rest_of_the_head()
    {
        var model = ModelZoo.Build("pose_resnet50", Pose256);
        var cut = BackboneCut.Find(model);
        Assert.Equal(model.Metadata[ModelZoo.BackboneOutputKey], cut.Tensor);
        Assert.Equal((CutKind.Upsampling, 2048, 8, 8), (cut.Kind, cut.Channels, cut.Height, cut.Width));

        var r = SwapBackbone.Run(model, "mobilenet_v2", new BackboneSwapOptions { Adapter = false });

        GraphValidator.Validate(r.Graph);
        long macs = Profiler.Run(r.Graph).Totals.Macs;
        output.WriteLine($"pose_resnet50 {Profiler.Run(model).Totals.Macs / 1e9:F4} → G1 {macs / 1e9:F4} GMACs");
        Assert.True(Math.Abs(macs - 2.086e9) <= 0.01 * 2.086e9, $"{macs / 1e9:F4} GMACs");
        Assert.DoesNotContain(r.Graph.Nodes, n => n.Name.StartsWith(BackboneAdapter.Scope, StringComparison.Ordinal));
        var firstDeconv = r.Graph.Nodes.First(n => n.OpType == "ConvTranspose");
        Assert.Equal([1280L, 256, 4, 4], r.Graph.Initializers[firstDeconv.Inputs[1]].Dims.ToArray());
        // Every other head weight is the trained one, bit for bit; the old backbone's weights are gone.
        var head = HeadWeights(model).Where(k => k != firstDeconv.Inputs[1]).ToList();
        Assert.Equal(16, head.Count);
        Assert.All(head, k => Assert.True(model.Initializers[k].ContentEquals(r.Graph.Initializers[k]), k));
        Assert.DoesNotContain("layer4.2.conv3.weight", r.Graph.Initializers.Keys);
        Assert.Contains("backbone.features.18.0.weight", r.Graph.Initializers.Keys);
        Assert.Equal("mobilenet_v2", r.Graph.Metadata[SwapBackbone.CandidateKey]);
    }

    [Fact]
    public void With_an_adapter_the_pose_head_keeps_every_weight_and_runs_in_OnnxRuntime()
    {
        var options = Pose256 with { InputHeight = 128, InputWidth = 128 };
        var model = ModelZoo.Build("pose_resnet18", options);

        var r = SwapBackbone.Run(model, "mobilenet_v2", new BackboneSwapOptions { Seed = 3 });

        var adapters = r.Graph.Nodes.Where(n => n.Name.StartsWith(BackboneAdapter.Scope, StringComparison.Ordinal)).ToList();
        Assert.Equal(["Conv", "BatchNormalization", "Relu"], adapters.Select(n => n.OpType));
        Assert.Equal([512L, 1280, 1, 1], r.Graph.Initializers[adapters[0].Inputs[1]].Dims.ToArray());
        Assert.Contains(r.Details, d => d.Contains("1280 → 512 channels", StringComparison.Ordinal));
        Assert.All(HeadWeights(model), k => Assert.True(model.Initializers[k].ContentEquals(r.Graph.Initializers[k]), k));
        var outputs = OrtRunner.RunSeeded(OnnxExporter.ToBytes(r.Graph), seed: 1);
        Assert.Equal([1L, 16, 32, 32], outputs["output"].Shape);
        Assert.All(outputs["output"].Values, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void A_classifier_is_cut_at_its_global_pooling_and_its_fc_is_reshaped_without_adapter()
    {
        var model = ModelZoo.Build("resnet18", new ZooOptions { InputHeight = 64, InputWidth = 64, Classes = 10, Seed = 2 });
        var cut = BackboneCut.Find(model);
        Assert.Equal((CutKind.GlobalPooling, 512, 2, 2), (cut.Kind, cut.Channels, cut.Height, cut.Width));

        var adapted = SwapBackbone.Run(model, "shufflenet_v2_x0_5", new BackboneSwapOptions());
        Assert.True(model.Initializers["fc.weight"].ContentEquals(adapted.Graph.Initializers["fc.weight"]));
        Assert.Contains(adapted.Graph.Nodes, n => n.Name.StartsWith(BackboneAdapter.Scope, StringComparison.Ordinal));

        var reshaped = SwapBackbone.Run(model, "shufflenet_v2_x0_5", new BackboneSwapOptions { Adapter = false });
        Assert.Equal([10L, 1024], reshaped.Graph.Initializers["fc.weight"].Dims.ToArray());
        Assert.True(model.Initializers["fc.bias"].ContentEquals(reshaped.Graph.Initializers["fc.bias"]));
        foreach (var g in new[] { adapted.Graph, reshaped.Graph })
        {
            GraphValidator.Validate(g);
            Assert.Equal([1L, 10], OrtRunner.RunSeeded(OnnxExporter.ToBytes(g), seed: 4)["output"].Shape);
        }
    }

    [Fact]
    public void A_globally_pooled_head_takes_the_new_backbone_at_its_own_size()
    {
        // A stride-64 toy backbone: its 64x64 input ends at 1x1, where MobileNetV2 (stride 32) ends at 2x2; the head pools
        // globally, so no spatial adapter is added, only the 1x1 to the head's channels.
        var net = new NetBuilder(7);
        var x = net.Input(3, 64, 64);
        for (int i = 0; i < 6; i++) x = net.ConvBnAct($"stem.{i}", x, 16, 3, 2);
        var head = net.Linear("fc", net.Flatten("", net.GlobalAveragePool("", x)), 5);
        var model = net.ToGraph("toy", head);

        var r = SwapBackbone.Run(model, "mobilenet_v2", new BackboneSwapOptions());

        Assert.DoesNotContain(r.Graph.Nodes, n => n.OpType == "Conv" && n.GetInt("group", 1) == 1280);
        Assert.Contains(r.Details, d => d.StartsWith("no spatial adapter: the head pools 2x2 globally as it pooled 1x1", StringComparison.Ordinal));
        Assert.Contains(r.Details, d => d.Contains("1280 → 16 channels", StringComparison.Ordinal));
        Assert.Equal([1L, 5], OrtRunner.RunSeeded(OnnxExporter.ToBytes(r.Graph), seed: 2)["output"].Shape);
    }

    [Theory]
    [InlineData("mobilenet_v2", false)]
    [InlineData("mobilenet_v2", true)]
    [InlineData("resnet18", true)]
    public void Pretrained_weights_from_an_export_reproduce_the_exported_model(string architecture, bool foldBatchNorm)
    {
        // Swapping a model's backbone for the same architecture with its own exported weights must give its outputs back.
        var exported = AsIfTrained(ModelZoo.Build(architecture, new ZooOptions { InputHeight = 64, InputWidth = 64, Classes = 10, Seed = 5 }));
        var file = foldBatchNorm ? Optimize.Run(exported).Graph : exported;
        Assert.Equal(foldBatchNorm, !file.Nodes.Any(n => n.OpType == "BatchNormalization"));

        var r = SwapBackbone.Run(exported, architecture, new BackboneSwapOptions { BackboneWeights = file, Seed = 11 });

        Assert.Contains(r.Details, d => d.StartsWith("loaded pretrained weights", StringComparison.Ordinal));
        var expected = OrtRunner.RunSeeded(OnnxExporter.ToBytes(exported), seed: 3);
        var actual = OrtRunner.RunSeeded(OnnxExporter.ToBytes(r.Graph), seed: 3);
        double scale = expected["output"].Values.Max(MathF.Abs), diff = OrtRunner.MaxAbsDiff(expected, actual);
        // Without the weights the same seed-11 graft computes something else.
        var random = SwapBackbone.Run(exported, architecture, new BackboneSwapOptions { Seed = 11 });
        double randomDiff = OrtRunner.MaxAbsDiff(expected, OrtRunner.RunSeeded(OnnxExporter.ToBytes(random.Graph), seed: 3));
        output.WriteLine($"{architecture} folded={foldBatchNorm}: output scale {scale:G3}, pretrained diff {diff:G3}, random diff {randomDiff:G3}");
        Assert.True(diff <= 1e-4 * Math.Max(1, scale), $"max diff {diff}");
        Assert.True(randomDiff > 0.05 * scale, $"random graft differs by {randomDiff} only");
    }

    [Fact]
    public void Weights_of_another_architecture_are_refused_naming_the_layer()
    {
        var model = ModelZoo.Build("resnet18", new ZooOptions { InputHeight = 64, InputWidth = 64, Classes = 10 });
        var other = ModelZoo.Build("shufflenet_v2_x0_5", new ZooOptions { InputHeight = 64, InputWidth = 64, Classes = 10 });
        var e = Assert.Throws<OptionException>(() => SwapBackbone.Run(model, "mobilenet_v2", new BackboneSwapOptions { BackboneWeights = other }));
        Assert.Contains("do not match mobilenet_v2 at Conv #", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_target_check_names_the_ops_a_candidate_brings_that_the_target_cannot_run()
    {
        var model = ModelZoo.Build("pose_resnet18", Pose256 with { InputHeight = 64, InputWidth = 64 });
        var board = TargetCatalog.Get("rk3399-armcl") with
        {
            Name = "no-hardswish",
            Ops = ImmutableSortedDictionary.CreateRange(new[] { KeyValuePair.Create(Precision.Fp32, OpSupport.AllExcept(["HardSwish"])) }),
        };
        var v3 = SwapBackbone.Run(model, "mobilenet_v3_small", new BackboneSwapOptions());
        var v2 = SwapBackbone.Run(model, "mobilenet_v2", new BackboneSwapOptions());

        var unsupported = SwapBackbone.Unsupported(model, v3.Graph, board, Precision.Fp32);
        Assert.NotEmpty(unsupported);
        Assert.All(unsupported, n => Assert.Equal("HardSwish", n.OpType));
        Assert.StartsWith("no-hardswish cannot run HardSwish (", SwapBackbone.Refusal(unsupported, board, Precision.Fp32));
        Assert.Empty(SwapBackbone.Unsupported(model, v2.Graph, board, Precision.Fp32));
        // The head's ConvTranspose, already in the model, is not the candidate's fault even where INT8 lacks it.
        Assert.Empty(SwapBackbone.Unsupported(model, v2.Graph, TargetCatalog.Get("rk3399-armcl"), Precision.Int8)
            .Where(n => n.OpType == "ConvTranspose"));
    }

    [Fact]
    public void A_given_cut_overrides_and_bad_cuts_and_names_are_refused()
    {
        var model = ModelZoo.Build("pose_resnet18", Pose256 with { InputHeight = 64, InputWidth = 64 });
        var layer3 = model.Nodes.Last(n => n.Name.StartsWith("/layer3/", StringComparison.Ordinal) && n.OpType == "Relu").Outputs[0];
        Assert.Equal((CutKind.Given, 256, 4, 4), (BackboneCut.Find(model, layer3) is var c ? (c.Kind, c.Channels, c.Height, c.Width) : default));
        // MobileNetV2 ends at 2x2 where layer3 is 4x4: the adapter grows it back.
        var grown = SwapBackbone.Run(model, "mobilenet_v2", new BackboneSwapOptions { Cut = layer3 });
        Assert.Contains("adapter: linear Resize 256x2x2 → 256x4x4 (the new backbone is coarser than the cut: the head reads interpolated rows and columns)", grown.Details);
        Assert.Equal([1L, 16, 16, 16], OrtRunner.RunSeeded(OnnxExporter.ToBytes(grown.Graph), seed: 1)["output"].Shape);
        var inBlock = model.Nodes.First(n => n.Name.StartsWith("/layer4/", StringComparison.Ordinal) && n.OpType == "Relu").Outputs[0];
        var e = Assert.Throws<OptionException>(() => BackboneCut.Find(model, inBlock));
        Assert.Contains("reads the backbone tensor", e.Message, StringComparison.Ordinal);
        Assert.Equal(CutKind.Given, BackboneCut.Find(model, model.Metadata[ModelZoo.BackboneOutputKey]).Kind);
        Assert.Throws<OptionException>(() => BackboneCut.Find(model, "nope"));
        Assert.Throws<OptionException>(() => BackboneCut.Find(model, "input"));
        Assert.Throws<OptionException>(() => SwapBackbone.Run(model, "vgg16", new BackboneSwapOptions()));
    }

    /// <summary>
    /// Gives every BatchNorm a seeded per-channel scale, shift and mean, as training would: a freshly drawn MobileNetV2
    /// with identity BatchNorms shrinks its activations to ~1e-10, too small to tell weights apart.
    /// </summary>
    private static Graph AsIfTrained(Graph g)
    {
        var random = new Random(17);
        var b = new GraphBuilder(g);
        foreach (var bn in g.Nodes.Where(n => n.OpType == "BatchNormalization"))
        {
            int c = (int)g.Initializers[bn.Inputs[1]].ElementCount;
            float[] Draw(double lo, double hi) => [.. Enumerable.Range(0, c).Select(_ => (float)(lo + (hi - lo) * random.NextDouble()))];
            // A positive shift (bias) keeps the ReLUs open.
            b.SetInitializer(bn.Inputs[1], TensorData.FromFloats([c], Draw(0.8, 1.2)));
            b.SetInitializer(bn.Inputs[2], TensorData.FromFloats([c], Draw(-0.1, 0.3)));
            b.SetInitializer(bn.Inputs[3], TensorData.FromFloats([c], Draw(-0.01, 0.01)));
        }
        return b.ToGraph();
    }

    /// <summary>The initializers of the model that no backbone node reads.</summary>
    private static IEnumerable<string> HeadWeights(Graph model)
    {
        var backbone = BackboneCut.Find(model).BackboneNodes.ToHashSet();
        return model.Nodes.Where(n => !backbone.Contains(n.Name)).SelectMany(n => n.Inputs).Where(model.Initializers.ContainsKey).Distinct();
    }
}
