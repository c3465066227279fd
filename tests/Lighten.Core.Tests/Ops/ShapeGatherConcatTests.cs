using Lighten.Core;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

public class ShapeGatherConcatTests
{
    [Fact]
    public void ShapeGivesTheDimsAsAShapeValueKeepingSymbols()
    {
        var ctx = Rule.Infer("Shape", [In.F("batch", 3, 96, 96)]);
        Assert.Equal(ElementType.Int64, ctx.Type());
        Assert.Equal("4", ctx.Shape());
        Assert.Equal("batch,3,96,96", ctx.Value());
    }

    [Fact]
    public void ShapeStartAndEndFromOpset15()
    {
        Assert.Equal("3,96", Rule.Infer("Shape", [In.F("batch", 3, 96, 96)], 15, 1, Int("start", 1), Int("end", -1)).Value());
        Assert.Equal("batch,3,96,96", Rule.Infer("Shape", [In.F("batch", 3, 96, 96)], 15, 1, Int("start", -10), Int("end", 10)).Value());
        var empty = Rule.Infer("Shape", [In.F(2, 3)], 15, 1, Int("start", 2), Int("end", 1));
        Assert.Equal("0", empty.Shape());
        Assert.Equal("", empty.Value());
        // Before opset 15 the attributes do not exist.
        Assert.Equal("batch,3,96,96", Rule.Infer("Shape", [In.F("batch", 3, 96, 96)], 13, 1, Int("start", 1)).Value());
    }

    [Fact]
    public void ShapeOfUnrankedInputIsAVectorOfUnknownLength()
    {
        var ctx = Rule.Infer("Shape", [In.Unranked()]);
        Assert.Equal("?", ctx.Shape());
        Assert.Null(ctx.Value());
    }

    [Fact]
    public void GatherPicksShapeValueElements()
    {
        var dims = In.Value("batch", 3, 96, 96);
        var scalar = Rule.Infer("Gather", [dims, In.Scalar(0)]);
        Assert.Equal("scalar", scalar.Shape());
        Assert.Equal("batch", scalar.Value());
        Assert.Equal(ElementType.Int64, scalar.Type());
        var vector = Rule.Infer("Gather", [dims, In.Ints(1)]);
        Assert.Equal("1", vector.Shape());
        Assert.Equal("3", vector.Value());
        Assert.Equal("96,3", Rule.Infer("Gather", [dims, In.Ints(-1, 1)]).Value());
        Assert.Null(Rule.Infer("Gather", [dims, In.Of(ElementType.Int64)]).Value());
    }

    [Fact]
    public void GatherOnAnyAxisReplacesItByTheIndicesShape()
    {
        var data = In.F(5, 4, 3);
        var indices = In.Of(ElementType.Int64, 2, 2);
        Assert.Equal("2x2x4x3", Rule.Infer("Gather", [data, indices]).Shape());
        Assert.Equal("5x2x2x3", Rule.Infer("Gather", [data, indices], 13, 1, Int("axis", 1)).Shape());
        Assert.Equal("5x4x2x2", Rule.Infer("Gather", [data, indices], 13, 1, Int("axis", -1)).Shape());
        Assert.Equal("5x3", Rule.Infer("Gather", [data, In.Scalar(2)], 13, 1, Int("axis", 1)).Shape());
        Assert.Equal("?", Rule.Infer("Gather", [data, In.Unranked(ElementType.Int64)]).Shape());
    }

    [Fact]
    public void GatherRejectsBadAxisAndIndex()
    {
        Rule.Fails("Gather", [In.F(5, 4, 3), In.Scalar(0)], 13, ["axis 3 is out of range for rank 3", "x0: 5x4x3"], 1, Int("axis", 3));
        Rule.Fails("Gather", [In.F("batch", 10), In.Ints(12)], 13, ["index 12 is out of range for dimension 1 of size 10"], 1, Int("axis", 1));
        Rule.Fails("Gather", [In.F("batch", 10), In.Ints(-11)], 13, ["index -11"], 1, Int("axis", 1));
    }

    [Fact]
    public void ConcatAddsTheAxisAndMergesTheOthers()
    {
        var a = In.F("batch", 24, 12, 12);
        Assert.Equal("batchx48x12x12", Rule.Infer("Concat", [a, a], 13, 1, Int("axis", 1)).Shape());
        Assert.Equal("batchx24x12x24", Rule.Infer("Concat", [a, a], 13, 1, Int("axis", -1)).Shape());
        Assert.Equal("1x5", Rule.Infer("Concat", [In.F(1, 2), In.F("?", 3)], 13, 1, Int("axis", 1)).Shape());
        Assert.Equal("?x2", Rule.Infer("Concat", [In.F("batch", 2), In.F(3, 2)], 13, 1, Int("axis", 0)).Shape());
        Assert.Equal("?x3", Rule.Infer("Concat", [In.F(2, 3), In.Unranked()], 13, 1, Int("axis", 0)).Shape());
    }

    [Fact]
    public void ConcatRejectsMismatches()
    {
        Rule.Fails("Concat", [In.F(2, 3), In.F(4, 3)], 13, ["disagree on dimension 0: 2 and 4"], 1, Int("axis", 1));
        Rule.Fails("Concat", [In.F(2, 3), In.F(2, 3, 1)], 13, ["differ in rank: 2x3 and 2x3x1"], 1, Int("axis", 0));
        Rule.Fails("Concat", [In.F(2, 3), In.F(2, 3)], 13, ["needs an axis"]);
        Rule.Fails("Concat", [In.F(2, 3)], 13, ["axis 2 is out of range for rank 2"], 1, Int("axis", 2));
    }

    [Fact]
    public void ConcatJoinsShapeValuesWhenAllInputsHaveThem()
    {
        var ctx = Rule.Infer("Concat", [In.Value("batch"), In.Ints(2), In.Value(58), In.Value(12, 12)], 13, 1, Int("axis", 0));
        Assert.Equal("5", ctx.Shape());
        Assert.Equal("batch,2,58,12,12", ctx.Value());
        Assert.Equal(ElementType.Int64, ctx.Type());
        var partial = Rule.Infer("Concat", [In.Value("batch"), In.Of(ElementType.Int64, 1)], 13, 1, Int("axis", 0));
        Assert.Equal("2", partial.Shape());
        Assert.Null(partial.Value());
    }
}
