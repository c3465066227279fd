using Lighten.Core;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

/// <summary>Resize, Upsample and Pad.</summary>
public class ResizePadTests
{
    private static readonly In X = In.F("batch", 3, 4, 8);

    [Fact]
    public void ResizeScalesFloorTheProductAcrossOpsetLayouts()
    {
        Assert.Equal("batchx3x8x16", Rule.Infer("Resize", [X, In.Floats(1, 1, 2, 2)], 10).Shape());
        Assert.Equal("batchx3x8x16", Rule.Infer("Resize", [X, In.Floats(), In.Floats(1, 1, 2, 2)], 11).Shape());
        Assert.Equal("batchx3x8x16", Rule.Infer("Resize", [X, null, In.Floats(1, 1, 2, 2)], 13).Shape());
        Assert.Equal("batchx3x6x12", Rule.Infer("Resize", [X, null, In.Floats(1, 1, 1.5f, 1.6f)], 13).Shape());
        Assert.Equal("?x3x8x16", Rule.Infer("Resize", [X, null, In.Floats(2, 1, 2, 2)], 13).Shape());
        Assert.Equal("?x?x?x?", Rule.Infer("Resize", [X, null, In.Of(ElementType.Float, 4)], 13).Shape());
    }

    [Fact]
    public void ResizeSizesWinOverEmptyScales()
    {
        Assert.Equal("batchx3x7x9", Rule.Infer("Resize", [X, In.Floats(), In.Floats(), In.Value("batch", 3, 7, 9)], 11).Shape());
        Assert.Equal("1x3x7x9", Rule.Infer("Resize", [X, null, null, In.Ints(1, 3, 7, 9)], 13).Shape());
        Assert.Equal("?x?x?x?", Rule.Infer("Resize", [X, null, null, In.Of(ElementType.Int64, 4)], 13).Shape());
    }

    [Fact]
    public void ResizeAxesAndAspectRatioPolicyFromOpset18()
    {
        var axes = Ints("axes", 2, 3);
        Assert.Equal("batchx3x8x16", Rule.Infer("Resize", [X, null, In.Floats(2, 2)], 18, 1, axes).Shape());
        Assert.Equal("batchx3x6x10", Rule.Infer("Resize", [X, null, null, In.Ints(6, 10)], 18, 1, axes).Shape());
        // Ratios 6/4 = 1.5 and 10/8 = 1.25: not_larger scales both by 1.25, not_smaller by 1.5.
        Assert.Equal("batchx3x5x10", Rule.Infer("Resize", [X, null, null, In.Ints(6, 10)], 18, 1, axes, Str("keep_aspect_ratio_policy", "not_larger")).Shape());
        Assert.Equal("batchx3x6x12", Rule.Infer("Resize", [X, null, null, In.Ints(6, 10)], 18, 1, axes, Str("keep_aspect_ratio_policy", "not_smaller")).Shape());
        Rule.Fails("Resize", [X, null, In.Floats(2, 2)], 17, ["2 scales for 4 axes"], 1, axes);
    }

    [Fact]
    public void ResizeRejectsBadScalesAndSizes()
    {
        Rule.Fails("Resize", [X, null, In.Floats(1, 2, 2)], 13, ["Resize has 3 scales for 4 axes", "x0: batchx3x4x8"]);
        Rule.Fails("Resize", [X, null, null, In.Ints(1, 2)], 13, ["Resize has 2 sizes for 4 axes"]);
        Rule.Fails("Resize", [X, null, In.Floats(1, 1, 0, 2)], 13, ["scale 0 is not positive"]);
        Rule.Fails("Resize", [X], 13, ["needs scales or sizes"]);
    }

    [Fact]
    public void UpsampleScalesFromAttributeThenInput()
    {
        Assert.Equal("batchx3x8x16", Rule.Infer("Upsample", [X], 7, 1, Rule.Floats("scales", 1, 1, 2, 2)).Shape());
        Assert.Equal("batchx3x8x16", Rule.Infer("Upsample", [X, In.Floats(1, 1, 2, 2)], 9).Shape());
        Assert.Equal("?x?x?x?", Rule.Infer("Upsample", [X, In.Of(ElementType.Float, 4)], 9).Shape());
        Rule.Fails("Upsample", [X], 7, ["needs a scales attribute"]);
        Rule.Fails("Upsample", [X, In.Floats(2, 2)], 9, ["2 scales for a rank-4 input"]);
    }

    [Fact]
    public void PadsComeFromAttributeThenInput()
    {
        long[] pads = [0, 0, 1, 2, 0, 0, 3, 4];
        Assert.Equal("batchx3x8x14", Rule.Infer("Pad", [X], 2, 1, Ints("pads", pads)).Shape());
        Assert.Equal("batchx3x8x14", Rule.Infer("Pad", [X], 1, 1, Ints("paddings", pads)).Shape());
        Assert.Equal("batchx3x8x14", Rule.Infer("Pad", [X, In.Ints(pads)], 11).Shape());
        Rule.Fails("Pad", [X], 11, ["needs pads"], 1, Ints("pads", pads));
    }

    [Fact]
    public void NegativePadsCrop()
    {
        Assert.Equal("batchx3x2x6", Rule.Infer("Pad", [X, In.Ints(0, 0, -1, -1, 0, 0, -1, -1)], 13).Shape());
        Rule.Fails("Pad", [X, In.Ints(0, 0, -3, 0, 0, 0, -3, 0)], 13, ["pads -3 and -3 leave a negative size on axis 2 of size 4"]);
    }

    [Fact]
    public void PadSymbolsSurviveZeroPadsOnly()
    {
        Assert.Equal("batchx3x6x10", Rule.Infer("Pad", [X, In.Ints(0, 0, 1, 1, 0, 0, 1, 1)], 13).Shape());
        Assert.Equal("?x3x4x8", Rule.Infer("Pad", [X, In.Ints(1, 0, 0, 0, 0, 0, 0, 0)], 13).Shape());
        Assert.Equal("?x?x?x?", Rule.Infer("Pad", [X, In.Of(ElementType.Int64, 8)], 13).Shape());
    }

    [Fact]
    public void PadAxesFromOpset18()
    {
        Assert.Equal("batchx3x7x11", Rule.Infer("Pad", [X, In.Ints(1, 1, 2, 2), null, In.Ints(2, -1)], 18).Shape());
        Rule.Fails("Pad", [X, In.Ints(1, 1, 2, 2)], 13, ["Pad has 4 pads for 4 axes (needs 8)"]);
    }
}
