using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.Core.Transforms.Opset;
using static Lighten.Core.Tests.Transforms.Opset.FixtureBuilder;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms.Opset;

/// <summary>
/// <see cref="UpgradeOpset"/>: every old-opset fixture runs in ONNX Runtime, and after the upgrade it is at opset 13,
/// valid, computes the same outputs and matches its independently written opset-13 twin.
/// </summary>
public class UpgradeOpsetTests
{
    private const int Seed = 23;
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Fixtures => [.. OpsetFixtures.All.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void UpgradeKeepsOutputsAndMatchesTheTwin(string fixture)
    {
        var (old, twin) = OpsetFixtures.All[fixture]();
        Assert.True(old.OpsetVersion() < 13);
        Assert.Equal(13, twin.OpsetVersion());
        var before = OrtRunner.RunSeeded(OnnxExporter.ToBytes(old), Seed);

        var result = UpgradeOpset.Run(old);
        Assert.Equal(13, result.Graph.OpsetVersion());
        Assert.Equal(result.Details.Length, result.Changes);
        Assert.Equal($"default-domain opset {old.OpsetVersion()} → 13", result.Details[^1]);
        GraphValidator.Validate(result.Graph);

        var after = OrtRunner.RunSeeded(OnnxExporter.ToBytes(result.Graph), Seed);
        var twinOutputs = OrtRunner.RunSeeded(OnnxExporter.ToBytes(twin), Seed);
        double drift = OrtRunner.MaxAbsDiff(before, after), gap = OrtRunner.MaxAbsDiff(twinOutputs, after);
        Assert.True(drift <= Tolerance, $"{fixture}: the upgrade changed the outputs by {drift:g3}");
        Assert.True(gap <= Tolerance, $"{fixture}: the upgraded graph differs from its twin by {gap:g3}");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(9)]
    public void UpsampleBecomesAsymmetricResize(long opset)
    {
        var (old, _) = OpsetFixtures.Upsample(opset, "nearest");
        var result = UpgradeOpset.Run(old);
        Assert.Contains("Upsample 'up' → Resize", result.Details);
        var resize = Assert.Single(result.Graph.Nodes, n => n.OpType == "Resize");
        Assert.DoesNotContain(result.Graph.Nodes, n => n.OpType == "Upsample");
        Assert.Equal("up", resize.Name);
        Assert.Equal("", resize.Inputs[1]);
        Assert.Equal([1f, 1f, 2f, 3f], result.Graph.Initializers[resize.Inputs[2]].ToFloatArray());
        Assert.Equal("asymmetric", resize.GetString("coordinate_transformation_mode", ""));
        Assert.Equal("floor", resize.GetString("nearest_mode", ""));
    }

    [Fact]
    public void AttributesBecomeInt64Inputs()
    {
        var g = UpgradeOpset.Run(OpsetFixtures.Squeeze(11)).Graph;
        var unsqueeze = g.FindNode("unsq")!;
        Assert.False(unsqueeze.Attributes.ContainsKey("axes"));
        var axes = g.Initializers[unsqueeze.Inputs[1]];
        Assert.Equal(ElementType.Int64, axes.ElementType);
        Assert.Equal([0L, -1L], axes.ToInt64Array());
        Assert.Single(g.FindNode("sq_all")!.Inputs);
    }

    [Fact]
    public void SoftmaxOnTheLastAxisOnlyGetsAxisMinusOne()
    {
        var result = UpgradeOpset.Run(OpsetFixtures.Softmax(11));
        Assert.Equal(-1, result.Graph.FindNode("sm_last")!.GetInt("axis", 0));
        Assert.Single(result.Graph.Nodes, n => n.Inputs.Contains("x") && n.OpType == "Softmax");
        Assert.Contains("Softmax 'sm1' → Flatten(axis=1) + Softmax(axis=-1) + Reshape", result.Details);
        Assert.Equal(3, result.Graph.Nodes.Count(n => n.OpType == "Reshape"));
    }

    [Fact]
    public void BatchNormalizationLosesLegacyAttributesAndUnusedOutputs()
    {
        var f = new FixtureBuilder(8, ("x", [1L, 2, 3, 3]));
        string[] stats = [f.Weights("g", 2), f.Weights("b", 2), f.Weights("m", 2), f.Floats("v", [2], 1f, 2f)];
        f.Node("bn", "BatchNormalization", ["x", .. stats], ["y", "rm", "rv", "sm", "sv"],
            ("spatial", I(1)), ("is_test", I(1)), ("consumed_inputs", Is(0, 0, 0, 1, 1)));
        var result = UpgradeOpset.Run(f.Build("y"));
        var bn = result.Graph.FindNode("bn")!;
        Assert.Empty(bn.Attributes);
        Assert.Equal("y", Assert.Single(bn.Outputs));
        Assert.Equal("BatchNormalization 'bn': removed spatial, removed is_test, removed consumed_inputs, dropped 4 unused output(s)", result.Details[0]);
        GraphValidator.Validate(result.Graph);
    }

    [Fact]
    public void BatchNormalizationWithSpatialZeroIsRefused()
    {
        var f = new FixtureBuilder(8, ("x", [1L, 2, 3, 3]));
        string[] stats = [f.Weights("g", 2), f.Weights("b", 2), f.Weights("m", 2), f.Floats("v", [2], 1f, 2f)];
        f.Node("bn", "BatchNormalization", ["x", .. stats], ["y"], ("spatial", I(0)));
        var e = Assert.Throws<OpsetUpgradeException>(() => UpgradeOpset.Run(f.Build("y")));
        Assert.StartsWith("node 'bn' (BatchNormalization): no upgrade from opset 8 to 13: spatial = 0", e.Describe());
    }

    [Fact]
    public void DropoutBecomesRatioInputAndAReadMaskIsRefused()
    {
        var result = UpgradeOpset.Run(OpsetFixtures.Dropout(9));
        var drop = result.Graph.FindNode("drop")!;
        Assert.Equal("d", Assert.Single(drop.Outputs));
        Assert.Equal(0.3f, result.Graph.Initializers[drop.Inputs[1]].ToFloatArray().Single());
        Assert.Contains("Dropout 'drop': dropped the unused mask, ratio → input", result.Details);

        var f = new FixtureBuilder(11, ("x", [2L, 5]));
        f.Node("drop", "Dropout", ["x"], ["d", "mask"]).Node("cast", "Cast", ["mask"], ["m"], ("to", I(1)));
        var e = Assert.Throws<OpsetUpgradeException>(() => UpgradeOpset.Run(f.Build("d", "m")));
        Assert.StartsWith("node 'drop' (Dropout): no upgrade from opset 11 to 13: its mask output is read", e.Describe());
    }

    [Fact]
    public void UnknownOpNamesTheNode()
    {
        var f = new FixtureBuilder(9, ("x", [2L, 3]));
        f.Node("relu", "Relu", ["x"], ["r"]).Node("x1", "Foo", ["r"], ["y"]);
        var e = Assert.Throws<OpsetUpgradeException>(() => UpgradeOpset.Run(f.Build("y")));
        Assert.Equal("node 'x1' (Foo): no upgrade from opset 9 to 13", e.Describe());
        Assert.IsAssignableFrom<LightenException>(e);
    }

    [Fact]
    public void GraphAtTheTargetIsUnchanged()
    {
        var g = OpsetFixtures.Clip(13);
        var result = UpgradeOpset.Run(g);
        Assert.Same(g, result.Graph);
        Assert.Equal(0, result.Changes);
        Assert.Equal("unchanged: the graph is already at opset 13 (target 13)", Assert.Single(result.Details));
        Assert.Equal(0, UpgradeOpset.Run(OpsetFixtures.Clip(9), targetOpset: 9).Changes);
    }

    [Fact]
    public void TargetBeyond13IsRefused()
    {
        var e = Assert.Throws<OpsetUpgradeException>(() => UpgradeOpset.Run(OpsetFixtures.Clip(9), targetOpset: 14));
        Assert.Contains("newest opset this pass reaches is 13", e.Message);
    }

    [Fact]
    public void LowerTargetConvertsOnlyUpToIt()
    {
        var result = UpgradeOpset.Run(OpsetFixtures.Clip(9), targetOpset: 11);
        Assert.Equal(11, result.Graph.OpsetVersion());
        Assert.Equal(3, result.Graph.FindNode("clip_both")!.Inputs.Length);
        var squeeze = UpgradeOpset.Run(OpsetFixtures.Squeeze(11), targetOpset: 12).Graph;
        Assert.True(squeeze.FindNode("sq")!.Attributes.ContainsKey("axes"));
        Assert.NotNull(OrtRunner.RunSeeded(OnnxExporter.ToBytes(result.Graph), Seed));
    }
}
