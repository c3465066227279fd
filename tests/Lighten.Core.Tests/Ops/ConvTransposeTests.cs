using Lighten.Core;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

public class ConvTransposeTests
{
    private static TestGraph Deconv(Dim[] x, long[] w, params (string, AttributeValue)[] attributes) =>
        new TestGraph().Input("x", x).Weight("w", w).Op("ConvTranspose", ["x", "w"], attributes);

    [Fact]
    public void PoseHeadDeconvDoublesTheSize()
    {
        var r = Deconv([1, 64, 8, 8], [64, 32, 4, 4], Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1)).Run();
        Assert.Equal("1x32x16x16", r.ShapeOf("y"));
        Assert.Equal(64L * 8 * 8 * 16 * 32, r.Macs());
    }

    [Fact]
    public void OutputPaddingAddsToTheEnd()
    {
        // 2 * (8 - 1) + 1 + 3 - 2 = 16
        Assert.Equal("1x4x16x16", Deconv([1, 2, 8, 8], [2, 4, 3, 3], Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1), Ints("output_padding", 1, 1)).Shape());
    }

    [Fact]
    public void OutputShapeIsTakenAsGiven()
    {
        Assert.Equal("1x4x17x18", Deconv([1, 2, 8, 8], [2, 4, 3, 3], Ints("strides", 2, 2), Ints("output_shape", 17, 18)).Shape());
        Assert.Equal("1x4x17x18", Deconv([1, 2, 8, 8], [2, 4, 3, 3], Ints("strides", 2, 2), Ints("output_shape", 1, 4, 17, 18)).Shape());
        Assert.Throws<ShapeInferenceException>(() => Deconv([1, 2, 8, 8], [2, 4, 3, 3], Ints("output_shape", 17)).Run());
    }

    [Fact]
    public void SamePaddingMultipliesByTheStride()
    {
        Assert.Equal("1x4x16x24", Deconv([1, 2, 8, 8], [2, 4, 3, 3], Str("auto_pad", "SAME_UPPER"), Ints("strides", 2, 3)).Shape());
        Assert.Equal("1x4x16x16", Deconv([1, 2, 8, 8], [2, 4, 4, 4], Str("auto_pad", "SAME_LOWER"), Ints("strides", 2, 2)).Shape());
    }

    [Fact]
    public void ValidIgnoresPadsAndDilationWidensTheKernel()
    {
        // 1 * (5 - 1) + (3 - 1) * 2 + 1 = 9
        Assert.Equal("1x4x9x9", Deconv([1, 2, 5, 5], [2, 4, 3, 3], Ints("dilations", 2, 2)).Shape());
        Assert.Equal("1x4x7x7", Deconv([1, 2, 5, 5], [2, 4, 3, 3], Str("auto_pad", "VALID"), Ints("pads", 1, 1, 1, 1)).Shape());
    }

    [Fact]
    public void GroupedDeconvMultipliesOutputChannels()
    {
        var r = Deconv([Dim.Sym("n"), 8, 5, 5], [8, 2, 3, 3], Int("group", 4)).Run();
        Assert.Equal("nx8x7x7", r.ShapeOf("y"));
        var known = Deconv([2, 8, 5, 5], [8, 2, 3, 3], Int("group", 4)).Run();
        Assert.Equal(2L * 8 * 25 * 9 * 2, known.Macs());
    }

    [Fact]
    public void ChannelMismatchNamesTheShapes()
    {
        var e = Assert.Throws<ShapeInferenceException>(() => Deconv([1, 3, 8, 8], [2, 4, 3, 3]).Run());
        Assert.Contains("3 channels", e.Message);
        Assert.Contains("2x4x3x3", e.Message);
    }
}
