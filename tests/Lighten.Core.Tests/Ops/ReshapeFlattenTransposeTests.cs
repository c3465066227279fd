using Lighten.Core;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

public class ReshapeFlattenTransposeTests
{
    private static string Reshape(In x, In shape, long opset = 13, params (string, AttributeValue)[] attributes) =>
        Rule.Infer("Reshape", [x, shape], opset, 1, attributes).Shape();

    [Fact]
    public void ReshapeInfersMinusOneAndCopiesZeros()
    {
        Assert.Equal("4x6", Reshape(In.F(2, 3, 4), In.Ints(4, -1)));
        Assert.Equal("2x12", Reshape(In.F(2, 3, 4), In.Ints(0, -1)));
        Assert.Equal("24", Reshape(In.F(2, 3, 4), In.Ints(-1)));
        Assert.Equal("2x3x4", Reshape(In.F(24), In.Ints(2, 3, 4)));
    }

    [Fact]
    public void ReshapeAllowZeroFromOpset14()
    {
        Assert.Equal("0x4", Reshape(In.F(0, 4), In.Ints(0, 4), 14, Int("allowzero", 1)));
        Assert.Equal("2x3", Reshape(In.F(2, 3), In.Ints(0, 3), 14));
        // allowzero does not exist before opset 14: 0 still copies.
        Assert.Equal("2x3", Reshape(In.F(2, 3), In.Ints(0, 3), 13, Int("allowzero", 1)));
        Rule.Fails("Reshape", [In.F(0, 4), In.Ints(0, -1)], 14, ["both -1 and 0"], 1, Int("allowzero", 1));
    }

    [Fact]
    public void ReshapeTakesTheShapeAttributeBeforeOpset5()
    {
        Assert.Equal("4x6", Rule.Infer("Reshape", [In.F(2, 3, 4)], 4, 1, Ints("shape", 4, -1)).Shape());
        Rule.Fails("Reshape", [In.F(2, 3, 4)], 5, ["needs a target shape"], 1, Ints("shape", 4, -1));
    }

    [Fact]
    public void ReshapeRejectsImpossibleTargets()
    {
        Rule.Fails("Reshape", [In.F(3, 4), In.Ints(5, -1)], 13, ["cannot reshape 12 elements (3x4) into 5x-1", "x0: 3x4"]);
        Rule.Fails("Reshape", [In.F(3, 4), In.Ints(5, 3)], 13, ["cannot reshape 12 elements (3x4) into 5x3 (15 elements)"]);
        Rule.Fails("Reshape", [In.F(3, 4), In.Ints(-1, -1)], 13, ["more than one -1"]);
        Rule.Fails("Reshape", [In.F(3, 4), In.Ints(-2, 6)], 13, ["invalid size -2"]);
        Rule.Fails("Reshape", [In.F(12), In.Ints(0, 0)], 13, ["copies dimension 1", "rank-1 input"]);
    }

    [Fact]
    public void ReshapeKeepsSymbolsAndCancelsThemForMinusOne()
    {
        // ShuffleNetV2's channel shuffle with a dynamic batch.
        Assert.Equal("batchx2x58x12x12", Reshape(In.F("batch", 116, 12, 12), In.Value("batch", 2, 58, 12, 12)));
        Assert.Equal("batchx116x12x12", Reshape(In.F("batch", 58, 2, 12, 12), In.Value("batch", -1, 12, 12)));
        Assert.Equal("batchx116x12x12", Reshape(In.F("batch", 58, 2, 12, 12), In.Ints(0, -1, 12, 12)));
        Assert.Equal("batchx12", Reshape(In.F("batch", 3, 4), In.Ints(-1, 12)));
        // Not divisible once the symbols cancel, but the symbols might be 0: unknown rather than an error.
        Assert.Equal("?x5", Reshape(In.F("batch", 3, 4), In.Ints(-1, 5)));
        Assert.Equal("?x12", Reshape(In.F("?", 3, 4), In.Ints(-1, 12)));
    }

    [Fact]
    public void ReshapeSolvesTheOneUnknownTargetDimension()
    {
        Assert.Equal("batchx2x58x12x12", Reshape(In.F("batch", 116, 12, 12), In.Value("batch", 2, "?", 12, 12)));
        Assert.Equal("batchx?x?x12x12", Reshape(In.F("batch", 116, 12, 12), In.Value("batch", "?", "?", 12, 12)));
    }

    [Fact]
    public void ReshapeWithAnUnknownTargetKnowsOnlyItsLength()
    {
        Assert.Equal("?x?x?", Reshape(In.F(2, 3, 4), In.Of(ElementType.Int64, 3)));
        Assert.Equal("?", Reshape(In.F(2, 3, 4), In.Unranked(ElementType.Int64)));
    }

    [Fact]
    public void ReshapeOfAShapeValueKeepsItsElements()
    {
        var ctx = Rule.Infer("Reshape", [In.Value("batch", 3), In.Ints(-1)], 13);
        Assert.Equal("2", ctx.Shape());
        Assert.Equal("batch,3", ctx.Value());
    }

    [Fact]
    public void FlattenMultipliesBothSidesOfTheAxis()
    {
        Assert.Equal("batchx1024", Rule.Infer("Flatten", [In.F("batch", 1024, 1, 1)]).Shape());
        Assert.Equal("1x?", Rule.Infer("Flatten", [In.F("batch", 1024, 1, 1)], 13, 1, Int("axis", 0)).Shape());
        Assert.Equal("6x4", Rule.Infer("Flatten", [In.F(2, 3, 4)], 13, 1, Int("axis", -1)).Shape());
        Assert.Equal("24x1", Rule.Infer("Flatten", [In.F(2, 3, 4)], 13, 1, Int("axis", 3)).Shape());
        Assert.Equal("?x?", Rule.Infer("Flatten", [In.Unranked()]).Shape());
        Rule.Fails("Flatten", [In.F(2, 3, 4)], 13, ["axis 4 is out of range for rank 3"], 1, Int("axis", 4));
        Rule.Fails("Flatten", [In.F(2, 3, 4)], 13, ["axis -4 is out of range"], 1, Int("axis", -4));
    }

    [Fact]
    public void TransposePermutesAndDefaultsToReverse()
    {
        Assert.Equal("batchx58x2x12x12", Rule.Infer("Transpose", [In.F("batch", 2, 58, 12, 12)], 13, 1, Ints("perm", 0, 2, 1, 3, 4)).Shape());
        Assert.Equal("4x3x2", Rule.Infer("Transpose", [In.F(2, 3, 4)]).Shape());
        Assert.Equal("?x?", Rule.Infer("Transpose", [In.Unranked()], 13, 1, Ints("perm", 1, 0)).Shape());
        Rule.Fails("Transpose", [In.F(2, 3, 4)], 13, ["perm [0, 1] has 2 axes for a rank-3 input"], 1, Ints("perm", 0, 1));
        Rule.Fails("Transpose", [In.F(2, 3, 4)], 13, ["repeat an axis"], 1, Ints("perm", 0, 1, 1));
    }
}
