using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.Core.Tests.Transforms.Opset;
using Lighten.Core.Transforms.Preparation;
using static Lighten.Core.Tests.Transforms.Opset.FixtureBuilder;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms.Preparation;

/// <summary>The one way a model comes in: each option does its one thing, keeps the function, and says what it changed.</summary>
public class ModelPreparationTests
{
    /// <summary>
    /// An opset-9 export: input N×3×?×?, Conv weights as a Constant node, a bias shared by two Convs through Identity,
    /// BatchNormalization, inference Dropout, Upsample with a scales input.
    /// </summary>
    private static IrGraph Export()
    {
        var f = new FixtureBuilder(9, ("x", [1, 3, 8, 8]));
        f.Weights("w2", 4, 4, 3, 3);
        f.Floats("bias", [4], 0.1f, -0.2f, 0.3f, 0.05f);
        f.Floats("scale", [4], 1.5f, 0.5f, 1f, 2f);
        f.Floats("shift", [4], 0.1f, 0.2f, -0.1f, 0f);
        f.Floats("mean", [4], 0.3f, -0.3f, 0f, 0.1f);
        f.Floats("var", [4], 1f, 2f, 0.5f, 1f);
        f.Floats("scales", [4], 1f, 1f, 2f, 2f);
        var w1 = new Random(5);
        var w1Values = Enumerable.Range(0, 4 * 3 * 3 * 3).Select(_ => (float)(w1.NextDouble() - 0.5)).ToArray();
        f.Node("p2o.Constant.0", "Constant", [], ["w1"], ("value", new TensorAttribute(TensorData.FromFloats([4, 3, 3, 3], w1Values))))
            .Node("p2o.Identity.0", "Identity", ["bias"], ["b1"])
            .Node("p2o.Identity.1", "Identity", ["bias"], ["b2"])
            .Node("p2o.Conv.0", "Conv", ["x", "w1", "b1"], ["c1"], ("pads", Is(1, 1, 1, 1)))
            .Node("p2o.BatchNormalization.0", "BatchNormalization", ["c1", "scale", "shift", "mean", "var"], ["n1"])
            .Node("p2o.Relu.0", "Relu", ["n1"], ["r1"])
            .Node("p2o.Dropout.0", "Dropout", ["r1"], ["d1"], ("ratio", F(0.5f)))
            .Node("p2o.Conv.1", "Conv", ["d1", "w2", "b2"], ["c2"], ("pads", Is(1, 1, 1, 1)))
            .Node("p2o.Upsample.0", "Upsample", ["c2", "scales"], ["y"], ("mode", S("nearest")));
        var g = f.Build("y");
        return g with { Inputs = [g.Inputs[0] with { Shape = new TensorShape([Dim.Sym("N"), 3, Dim.Unknown, Dim.Unknown]) }] };
    }

    private static readonly Dictionary<string, long[]> Hw = new() { ["x"] = [1, 3, 8, 8] };

    // Both run at 1x3x8x8: ONNX Runtime's test runner would take every free dimension as 1.
    private static double Diff(IrGraph a, IrGraph b) =>
        OrtRunner.MaxAbsDiff(OrtRunner.RunSeeded(OnnxExporter.ToBytes(InputShapes.Apply(a, Hw)), 7), OrtRunner.RunSeeded(OnnxExporter.ToBytes(InputShapes.Apply(b, Hw)), 7));

    [Fact]
    public void Analysis_fixes_the_given_shapes_and_nothing_else()
    {
        var g = Export();
        var r = ModelPreparation.Run(g, PreparationOptions.Analysis.WithShapes(Hw));
        Assert.Equal("1x3x8x8", r.Graph.Inputs[0].Shape!.ToString());
        Assert.Equal("Nx3x8x8", ModelPreparation.Run(g, PreparationOptions.Analysis.WithShapes(Hw) with { KeepSymbolicBatch = true }).Graph.Inputs[0].Shape!.ToString());
        Assert.Equal(g.Nodes, r.Graph.Nodes);
        Assert.Equal(["prepared (InputShapes): input 'x' fixed to 1x3x8x8"], r.Notes);
        Assert.Empty(ModelPreparation.Run(g, PreparationOptions.Analysis).Notes);
    }

    [Fact]
    public void Rewrite_folds_constants_removes_identity_and_dropout_privatizes_and_keeps_batchnorm()
    {
        var g = Export();
        var r = ModelPreparation.Run(g, PreparationOptions.Rewrite.WithShapes(Hw));
        Assert.DoesNotContain(r.Graph.Nodes, n => n.OpType is "Constant" or "Identity" or "Dropout");
        Assert.Contains(r.Graph.Nodes, n => n.OpType == "BatchNormalization");
        var convs = r.Graph.Nodes.Where(n => n.OpType == "Conv").ToList();
        Assert.All(convs, c => Assert.True(r.Graph.Initializers.ContainsKey(c.Inputs[1]) && r.Graph.Initializers.ContainsKey(c.Inputs[2])));
        Assert.NotEqual(convs[0].Inputs[2], convs[1].Inputs[2]);
        Assert.Equal(9, r.Graph.OpsetVersion());
        Assert.Contains(r.Notes, n => n.StartsWith("prepared (RemoveIdentity)", StringComparison.Ordinal));
        Assert.True(Diff(g, r.Graph) < 1e-5);
    }

    [Fact]
    public void Quantization_upgrades_to_opset_13_and_folds_batchnorm_with_the_same_function()
    {
        var g = Export();
        var r = ModelPreparation.Run(g, PreparationOptions.Quantization.WithShapes(Hw));
        Assert.Equal(13, r.Graph.OpsetVersion());
        Assert.DoesNotContain(r.Graph.Nodes, n => n.OpType is "BatchNormalization" or "Upsample");
        Assert.Contains(r.Graph.Nodes, n => n.OpType == "Resize");
        Assert.True(Diff(g, r.Graph) < 1e-5);
    }

    [Fact]
    public void A_graph_at_the_minimum_opset_or_newer_is_not_upgraded()
    {
        var g = Export() with { Opsets = [new OpsetImport("", 13)] };
        var r = ModelPreparation.Run(g, new PreparationOptions { MinimumOpset = 11 });
        Assert.Same(g, r.Graph);
        Assert.Empty(r.Notes);
    }

    [Fact]
    public void Load_names_the_file_of_a_shape_that_does_not_fit()
    {
        var path = Path.Combine(Path.GetTempPath(), $"prep-{Guid.NewGuid():N}.onnx");
        OnnxExporter.Save(Export(), path);
        try
        {
            var e = Assert.Throws<OptionException>(() => ModelPreparation.Load(path, PreparationOptions.Analysis.WithShapes(new Dictionary<string, long[]> { ["image"] = [1, 3, 8, 8] })));
            Assert.Contains("'image'", e.Message);
            Assert.Equal("Nx3x?x?", ModelPreparation.Load(path, PreparationOptions.Analysis).Graph.Inputs[0].Shape!.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
