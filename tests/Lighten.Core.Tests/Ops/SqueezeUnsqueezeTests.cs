using Lighten.Core;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

public class SqueezeUnsqueezeTests
{
    [Fact]
    public void SqueezeAxesComeFromAttributeThenInput()
    {
        Assert.Equal("batchx5", Rule.Infer("Squeeze", [In.F("batch", 1, 5)], 11, 1, Ints("axes", 1)).Shape());
        Assert.Equal("3x4", Rule.Infer("Squeeze", [In.F(3, 4, 1), In.Ints(-1)], 13).Shape());
        // From opset 13 the attribute is gone: every size-1 dimension goes.
        Assert.Equal("3", Rule.Infer("Squeeze", [In.F(1, 3, 1)], 13, 1, Ints("axes", 0)).Shape());
    }

    [Fact]
    public void SqueezeWithoutAxesNeedsKnownSizes()
    {
        Assert.Equal("3", Rule.Infer("Squeeze", [In.F(1, 3, 1)]).Shape());
        Assert.Equal("?", Rule.Infer("Squeeze", [In.F("batch", 3, 1)]).Shape());
        Assert.Equal("?x?", Rule.Infer("Squeeze", [In.F("batch", 3, 1), In.Of(ElementType.Int64, 1)]).Shape());
    }

    [Fact]
    public void SqueezeRejectsNonUnitAxes()
    {
        Rule.Fails("Squeeze", [In.F(3, 4, 1), In.Ints(1)], 13, ["cannot squeeze axis 1 of size 4", "x0: 3x4x1"]);
        Rule.Fails("Squeeze", [In.F(3, 4, 1), In.Ints(3)], 13, ["axis 3 is out of range for rank 3"]);
    }

    [Fact]
    public void SqueezeOfAShapeValueKeepsItsElement()
    {
        var ctx = Rule.Infer("Squeeze", [In.Value(58), In.Ints(0)], 13);
        Assert.Equal("scalar", ctx.Shape());
        Assert.Equal("58", ctx.Value());
    }

    [Fact]
    public void UnsqueezeInsertsOnesAtOutputAxes()
    {
        Assert.Equal("1x3x4x1", Rule.Infer("Unsqueeze", [In.F(3, 4), In.Ints(0, -1)], 13).Shape());
        Assert.Equal("3x1x4", Rule.Infer("Unsqueeze", [In.F(3, 4)], 11, 1, Ints("axes", 1)).Shape());
        Assert.Equal("?x?x?", Rule.Infer("Unsqueeze", [In.F(3, 4), In.Of(ElementType.Int64, 1)], 13).Shape());
        Rule.Fails("Unsqueeze", [In.F(3, 4), In.Ints(1, 1)], 13, ["axes [1, 1] repeat an axis"]);
        Rule.Fails("Unsqueeze", [In.F(3, 4), In.Ints(3)], 13, ["axis 3 is out of range for rank 3"]);
        Rule.Fails("Unsqueeze", [In.F(3, 4)], 13, ["needs axes"], 1, Ints("axes", 1));
    }

    [Fact]
    public void UnsqueezeOfAScalarShapeValueGivesAOneElementVector()
    {
        var input = Rule.Infer("Unsqueeze", [In.ScalarValue("batch"), In.Ints(0)], 13);
        Assert.Equal("1", input.Shape());
        Assert.Equal("batch", input.Value());
        var attribute = Rule.Infer("Unsqueeze", [In.ScalarValue(58)], 11, 1, Ints("axes", 0));
        Assert.Equal("58", attribute.Value());
        Assert.Null(Rule.Infer("Unsqueeze", [In.Value(58, 2), In.Ints(0)], 13).Value());
    }
}
