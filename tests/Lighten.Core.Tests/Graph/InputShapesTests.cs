using Lighten.Core;
using Lighten.Core.Tests.Ops;

namespace Lighten.Core.Tests;

public class InputShapesTests
{
    [Fact]
    public void ParsesNameAndDims()
    {
        var (name, dims) = InputShapes.Parse("input=1x3x224x224");
        Assert.Equal("input", name);
        Assert.Equal([1L, 3, 224, 224], dims);
        Assert.Equal([7L], InputShapes.Parse("x:0=7").Dims);
    }

    [Theory]
    [InlineData("input1x3x224x224", "no '='")]
    [InlineData("=1x3", "name")]
    [InlineData("input=", "no dimensions")]
    [InlineData("input=1x0x3", "dimension 1")]
    [InlineData("input=1x-3", "dimension 1")]
    [InlineData("input=1xax3", "dimension 1 ('a')")]
    [InlineData("input=1x3x", "dimension 2")]
    [InlineData("input=1.5x3", "dimension 0")]
    public void RejectsMalformedSpecs(string spec, string why)
    {
        var e = Assert.Throws<OptionException>(() => InputShapes.Parse(spec));
        Assert.Contains(spec, e.Message);
        Assert.Contains(why, e.Message);
    }

    private static Graph Model() =>
        new TestGraph().Input("input", Dim.Sym("batch"), 3, Dim.Unknown, Dim.Unknown).Op("Relu", ["input"]).ToGraph() is var g
            ? g with { Outputs = [new ValueInfo("y", ElementType.Float, new TensorShape([Dim.Sym("batch"), 3, Dim.Unknown, Dim.Unknown]))] }
            : throw new InvalidOperationException();

    [Fact]
    public void ApplyFixesDimsAndBindsSymbols()
    {
        var g = InputShapes.Apply(Model(), new Dictionary<string, long[]> { ["input"] = [2, 3, 32, 48] });
        Assert.Equal("2x3x32x48", g.Inputs.Single().Shape!.ToString());
        Assert.Equal("2x3x?x?", g.Outputs.Single().Shape!.ToString());
        Assert.Equal("2x3x32x48", ShapeInference.Run(g).ShapeOf("y"));
    }

    [Fact]
    public void ApplyRejectsUnknownNameWrongRankAndConflicts()
    {
        var e = Assert.Throws<OptionException>(() => InputShapes.Apply(Model(), new Dictionary<string, long[]> { ["image"] = [1, 3, 8, 8] }));
        Assert.Contains("'image'", e.Message);
        Assert.Contains("input", e.Message);
        e = Assert.Throws<OptionException>(() => InputShapes.Apply(Model(), new Dictionary<string, long[]> { ["input"] = [3, 8, 8] }));
        Assert.Contains("rank 3", e.Message);
        e = Assert.Throws<OptionException>(() => InputShapes.Apply(Model(), new Dictionary<string, long[]> { ["input"] = [1, 4, 8, 8] }));
        Assert.Contains("dimension 1", e.Message);
    }

    [Fact]
    public void BindSymbolsReplacesEveryFreeInputDim()
    {
        var g = InputShapes.BindSymbols(Model(), 1);
        Assert.Equal("1x3x1x1", g.Inputs.Single().Shape!.ToString());
        Assert.Equal("1x3x?x?", g.Outputs.Single().Shape!.ToString());
        Assert.Throws<OptionException>(() => InputShapes.BindSymbols(Model(), 0));
    }

    [Fact]
    public void BindBatchFixesOnlyTheLeadingDim()
    {
        var g = InputShapes.BindBatch(Model());
        Assert.Equal("1x3x?x?", g.Inputs.Single().Shape!.ToString());
        Assert.Equal("1x3x?x?", g.Outputs.Single().Shape!.ToString());
        Assert.Equal("4x3x?x?", InputShapes.BindBatch(Model(), 4).Inputs.Single().Shape!.ToString());
    }

    [Fact]
    public void RequireFixedNamesTheInputItsDimsAndTheFix()
    {
        var e = Assert.Throws<OptionException>(() => InputShapes.RequireFixed(Model(), "counting MACs"));
        Assert.Equal("input 'input' is batch×3×?×?: counting MACs needs its symbolic dimensions fixed, and they are never taken as 1; "
            + "give them with option 'input-shape' input=1x3xHxW", e.Message);
        var fixedHw = InputShapes.Apply(Model(), new Dictionary<string, long[]> { ["input"] = [1, 3, 32, 48] }, keepSymbolicBatch: true);
        Assert.Equal("batchx3x32x48", fixedHw.Inputs.Single().Shape!.ToString());
        Assert.Equal("1x3x32x48", InputShapes.RequireFixed(fixedHw, "counting MACs").Inputs.Single().Shape!.ToString());
    }

    [Fact]
    public void ApplyKeepsASymbolicBatchGivenAsOneOnlyWhenAsked()
    {
        var one = new Dictionary<string, long[]> { ["input"] = [1, 3, 8, 8] };
        Assert.Equal("1x3x8x8", InputShapes.Apply(Model(), one).Inputs.Single().Shape!.ToString());
        var kept = InputShapes.Apply(Model(), one, keepSymbolicBatch: true);
        Assert.Equal("batchx3x8x8", kept.Inputs.Single().Shape!.ToString());
        Assert.Equal("batchx3x?x?", kept.Outputs.Single().Shape!.ToString());
        // A batch other than 1 is the user's choice and is fixed.
        Assert.Equal("2x3x8x8", InputShapes.Apply(Model(), new Dictionary<string, long[]> { ["input"] = [2, 3, 8, 8] }, keepSymbolicBatch: true).Inputs.Single().Shape!.ToString());
    }
}
