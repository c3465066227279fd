using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.Core.Transforms.Backbone;
using Lighten.Core.Zoo;

namespace Lighten.Core.Tests.Transforms.Backbone;

/// <summary>G1 on a text recognizer: asymmetric strides, a symbolic batch, a head reading one row of 48 columns.</summary>
public class TextRecognizerSwapTests
{
    [Fact]
    public void The_cut_is_the_row_the_sequence_head_reads()
    {
        var cut = BackboneCut.Find(TextRecognizer.Build());
        Assert.Equal((CutKind.Sequence, TextRecognizer.Channels, 1, 48, "x"), (cut.Kind, cut.Channels, cut.Height, cut.Width, cut.Input));
        Assert.Equal(12, cut.BackboneNodes.Length);
    }

    [Fact]
    public void MobileNetV2_is_grafted_with_a_two_by_one_stride_and_a_linear_resize_and_the_head_keeps_its_weights()
    {
        var model = TextRecognizer.Build();

        var r = SwapBackbone.Run(model, "mobilenet_v2", new BackboneSwapOptions { Seed = 2 });

        Assert.Equal(
        [
            "adapter: stride-2x1 3x3 DWConv+BN+ReLU 1280x2x6 → 1280x1x6",
            "adapter: 1x1 Conv+BN+ReLU 1280 → 96 channels at 1x6",
            "adapter: linear Resize 96x1x6 → 96x1x48 (the new backbone is coarser than the cut: the head reads interpolated columns)",
        ], r.Details.Where(d => d.StartsWith("adapter:", StringComparison.Ordinal)));
        Assert.Contains("sequence head", r.Details[0], StringComparison.Ordinal);
        foreach (var weight in new[] { "head.weight", "head.bias", "squeeze_axes" })
            Assert.True(model.Initializers[weight].ContentEquals(r.Graph.Initializers[weight]), weight);
        Assert.DoesNotContain("conv0.weight", r.Graph.Initializers.Keys);
        AssertRunsLikeTheOriginal(model, r.Graph);
    }

    [Fact]
    public void Without_adapter_the_per_column_classifier_is_reshaped_through_the_squeeze_and_transpose()
    {
        var model = TextRecognizer.Build();

        var r = SwapBackbone.Run(model, "mobilenet_v2", new BackboneSwapOptions { Adapter = false });

        Assert.Equal([1280L, 37], r.Graph.Initializers["head.weight"].Dims.ToArray());
        Assert.True(model.Initializers["head.bias"].ContentEquals(r.Graph.Initializers["head.bias"]));
        Assert.Contains("re-shaped MatMul '/head/MatMul' to 1280 input channels (96 before), re-initialized", r.Details);
        Assert.Contains(r.Details, d => d.StartsWith("adapter: linear Resize 1280x1x6 → 1280x1x48", StringComparison.Ordinal));
        AssertRunsLikeTheOriginal(model, r.Graph);
    }

    [Fact]
    public void Every_default_candidate_grafts_onto_a_32_high_line()
    {
        // At 32x192 every zoo backbone already ends one row high: only the width grows, 6 → 48.
        var model = TextRecognizer.Build(height: 32);
        Assert.Equal(8, ModelZoo.GraftCandidates.Count);
        Assert.DoesNotContain(ModelZoo.GraftCandidates, c => c.StartsWith("resnet", StringComparison.Ordinal));
        foreach (var candidate in ModelZoo.GraftCandidates)
        {
            var r = SwapBackbone.Run(model, candidate, new BackboneSwapOptions());
            Assert.DoesNotContain(r.Details, d => d.Contains("DWConv", StringComparison.Ordinal));
            Assert.Contains(r.Details, d => d.Contains("x1x6 → 96x1x48", StringComparison.Ordinal));
            AssertRunsLikeTheOriginal(model, r.Graph);
        }
    }

    [Fact]
    public void An_opset_11_export_gets_the_resize_of_its_opset()
    {
        var model = TextRecognizer.Build(opset: 11);

        var r = SwapBackbone.Run(model, "mobilenet_v2", new BackboneSwapOptions());

        var resize = r.Graph.Nodes.Single(n => n.OpType == "Resize");
        Assert.Equal(0, r.Graph.Initializers[resize.Inputs[1]].ElementCount);
        Assert.Equal(11, r.Graph.OpsetVersion());
        AssertRunsLikeTheOriginal(model, r.Graph);
    }

    [Theory]
    [InlineData("mobilenet_v3_small", 14)]
    [InlineData("shufflenet_v2_x0_5", 13)]
    public void An_export_older_than_the_candidates_ops_is_raised_first(string candidate, long opset)
    {
        var model = TextRecognizer.Build(height: 32, opset: 11);

        var r = SwapBackbone.Run(model, candidate, new BackboneSwapOptions());

        Assert.Equal(opset, r.Graph.OpsetVersion());
        Assert.Contains($"raised the model from opset 11 to {opset}: {candidate}'s ops need {opset}", r.Details);
        // The head's Squeeze takes its axes as an input from opset 13.
        Assert.Equal(2, r.Graph.Nodes.Single(n => n.OpType == "Squeeze").Inputs.Length);
        AssertRunsLikeTheOriginal(model, r.Graph);
    }

    [Fact]
    public void A_symbolic_width_is_refused_with_the_input_shape_that_fixes_it_and_grafts_once_fixed()
    {
        var model = TextRecognizer.Build(widthSymbol: "W");

        var e = Assert.Throws<OptionException>(() => BackboneCut.Find(model));
        Assert.StartsWith("input 'x' is N×3×64×W: finding the backbone's cut needs its symbolic dimensions fixed", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("option 'input-shape' x=1x3x64xW", e.Message, StringComparison.Ordinal);
        Assert.Throws<OptionException>(() => SwapBackbone.Run(model, "mobilenet_v2", new BackboneSwapOptions()));

        var fixedModel = InputShapes.Apply(model, new Dictionary<string, long[]> { ["x"] = [1, 3, 64, 192] });
        var r = SwapBackbone.Run(fixedModel, "mobilenet_v2", new BackboneSwapOptions());
        Assert.Equal([1L, 48, 37], OrtRunner.RunSeeded(OnnxExporter.ToBytes(r.Graph), seed: 1)["logits"].Shape);
    }

    /// <summary>Shape inference keeps the symbolic batch; ONNX Runtime runs both at batch 2 with the same output shape.</summary>
    private static void AssertRunsLikeTheOriginal(Graph model, Graph grafted)
    {
        GraphValidator.Validate(grafted);
        Assert.Equal(model.Outputs[0].Shape, grafted.Outputs[0].Shape);
        Assert.Equal("N", grafted.Outputs[0].Shape![0].Symbol);
        var expected = OrtRunner.RunSeeded(OnnxExporter.ToBytes(model), seed: 4, batch: 2)["logits"];
        var actual = OrtRunner.RunSeeded(OnnxExporter.ToBytes(grafted), seed: 4, batch: 2)["logits"];
        Assert.Equal([2L, 48, 37], expected.Shape);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.All(actual.Values, v => Assert.True(float.IsFinite(v)));
    }
}
