using Lighten.Core;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

public class SliceSplitTests
{
    private static readonly In X = In.F("batch", 8, 12);

    private static string Slice(In x, long start, long end, long axis, long? step = null)
    {
        In?[] inputs = step is long s
            ? [x, In.Ints(start), In.Ints(end), In.Ints(axis), In.Ints(s)]
            : [x, In.Ints(start), In.Ints(end), In.Ints(axis)];
        return Rule.Infer("Slice", inputs, 13).Shape();
    }

    [Fact]
    public void SliceClampsNegativeAndHugeIndices()
    {
        Assert.Equal("batchx3x12", Slice(X, 1, 4, 1));
        Assert.Equal("batchx8x3", Slice(X, -3, long.MaxValue, 2));
        Assert.Equal("batchx7x12", Slice(X, 0, -1, 1));
        Assert.Equal("batchx0x12", Slice(X, 10, 20, 1));
        Assert.Equal("batchx8x12", Slice(X, -100, 100, 1));
        Assert.Equal("batchx8x1", Slice(X, -1, long.MaxValue, -1));
    }

    [Fact]
    public void SliceWithStepsCountsEveryStepthElement()
    {
        Assert.Equal("batchx3x12", Slice(X, 1, 8, 1, 3));                 // 1, 4, 7
        Assert.Equal("batchx3x12", Slice(X, 6, 1, 1, -2));                // 6, 4, 2
        Assert.Equal("batchx8x12", Slice(X, -1, long.MinValue, 1, -1));   // reversed
        Assert.Equal("batchx0x12", Slice(X, 1, 6, 1, -1));
        Assert.Equal("batchx1x12", Slice(X, 0, long.MaxValue, 1, long.MaxValue));
    }

    [Fact]
    public void SliceKeepsASymbolOnlyWhenTakingAllOfIt()
    {
        Assert.Equal("batchx8x12", Slice(X, 0, long.MaxValue, 0));
        Assert.Equal("batchx8x12", Slice(X, -1, long.MinValue, 0, -1));
        Assert.Equal("?x8x12", Slice(X, 1, long.MaxValue, 0));
    }

    [Fact]
    public void SliceWithoutAxesCoversTheLeadingAxes()
    {
        Assert.Equal("1x3x7", Rule.Infer("Slice", [In.F(4, 6, 7), In.Ints(0, 2), In.Ints(1, 5)], 13).Shape());
    }

    [Fact]
    public void SliceTakesAttributesBeforeOpset10()
    {
        Assert.Equal("batchx2x12", Rule.Infer("Slice", [X], 9, 1, Ints("starts", 1), Ints("ends", 3), Ints("axes", 1)).Shape());
        Assert.Equal("batchx2x12", Rule.Infer("Slice", [X], 1, 1, Ints("starts", 0, 1), Ints("ends", long.MaxValue, 3)).Shape());
        Rule.Fails("Slice", [X], 10, ["needs starts and ends"], 1, Ints("starts", 1), Ints("ends", 3));
    }

    [Fact]
    public void SliceWithComputedEndsFromShapeValues()
    {
        // ShuffleNetV2's split halves: ends = (C + 1) / 2 computed from Shape → Gather → Add → Div.
        var x = In.F("batch", 116, 12, 12);
        Assert.Equal("batchx58x12x12", Rule.Infer("Slice", [x, In.Ints(0), In.Value(58), In.Ints(1)], 13).Shape());
        Assert.Equal("batchx58x12x12", Rule.Infer("Slice", [x, In.Value(58), In.Value(116), In.Ints(1)], 13).Shape());
        Assert.Equal("batchx?x12x12", Rule.Infer("Slice", [x, In.Ints(0), In.Value("?"), In.Ints(1)], 13).Shape());
        Assert.Equal("?x?x?x?", Rule.Infer("Slice", [x, In.Ints(0), In.Ints(5), In.Of(ElementType.Int64, 1)], 13).Shape());
    }

    [Fact]
    public void SliceOfAShapeValueSlicesItsElements()
    {
        var dims = In.Value("batch", 3, 96, 80);
        var tail = Rule.Infer("Slice", [dims, In.Ints(-2), In.Ints(long.MaxValue)], 13);
        Assert.Equal("2", tail.Shape());
        Assert.Equal("96,80", tail.Value());
        Assert.Equal("80,96,3,batch", Rule.Infer("Slice", [dims, In.Ints(-1), In.Ints(long.MinValue), In.Ints(0), In.Ints(-1)], 13).Value());
        Assert.Equal("batch,96", Rule.Infer("Slice", [dims, In.Ints(0), In.Ints(4), In.Ints(0), In.Ints(2)], 13).Value());
    }

    [Fact]
    public void SliceRejectsBadArguments()
    {
        Rule.Fails("Slice", [X, In.Ints(0), In.Ints(4), In.Ints(1), In.Ints(0)], 13, ["step on axis 1 is 0"]);
        Rule.Fails("Slice", [X, In.Ints(0), In.Ints(4, 4)], 13, ["1 starts but 2 ends"]);
        Rule.Fails("Slice", [X, In.Ints(0), In.Ints(4), In.Ints(3)], 13, ["axis 3 is out of range for rank 3", "x0: batchx8x12"]);
    }

    [Fact]
    public void SplitSizesComeFromAttributeThenInput()
    {
        var x = In.F("batch", 6, 8);
        var attr = Rule.Infer("Split", [x], 11, 2, Int("axis", 1), Ints("split", 2, 4));
        Assert.Equal("batchx2x8", attr.Shape(0));
        Assert.Equal("batchx4x8", attr.Shape(1));
        var input = Rule.Infer("Split", [x, In.Ints(2, 4)], 13, 2, Int("axis", 1));
        Assert.Equal("batchx2x8", input.Shape(0));
        Assert.Equal("batchx4x8", input.Shape(1));
        // From opset 13 the attribute is gone: an equal split.
        var ignored = Rule.Infer("Split", [x], 13, 2, Int("axis", 1), Ints("split", 2, 4));
        Assert.Equal("batchx3x8", ignored.Shape(1));
        Assert.Equal("batchx?x8", Rule.Infer("Split", [x, In.Of(ElementType.Int64, 2)], 13, 2, Int("axis", 1)).Shape(0));
    }

    [Fact]
    public void SplitNumOutputsLetsTheLastPartBeSmaller()
    {
        var ctx = Rule.Infer("Split", [In.F(7)], 18, 3, Int("num_outputs", 3));
        Assert.Equal(["3", "3", "1"], new[] { ctx.Shape(0), ctx.Shape(1), ctx.Shape(2) });
        Rule.Fails("Split", [In.F(7)], 17, ["cannot split a dimension of 7 into 3 equal parts"], 3);
        Rule.Fails("Split", [In.F(7)], 18, ["num_outputs is 2 but the node has 3 outputs"], 3, Int("num_outputs", 2));
        Assert.Equal("batch", Rule.Infer("Split", [In.F("batch")], 13, 1).Shape());
        Assert.Equal("?", Rule.Infer("Split", [In.F("batch")], 13, 2).Shape(1));
    }

    [Fact]
    public void SplitRejectsSizesThatDoNotAddUp()
    {
        Rule.Fails("Split", [In.F(6), In.Ints(2, 3)], 13, ["split [2, 3] sums to 5, not to the dimension's 6"], 2);
        Rule.Fails("Split", [In.F(6), In.Ints(2, 2, 2)], 13, ["split has 3 sizes but the node has 2 outputs"], 2);
    }

    [Fact]
    public void SplitOfAShapeValueSplitsItsElements()
    {
        var ctx = Rule.Infer("Split", [In.Value("batch", 3, 96, 96), In.Ints(1, 3)], 13, 2);
        Assert.Equal("batch", ctx.Value(0));
        Assert.Equal("3,96,96", ctx.Value(1));
    }
}
