using Lighten.Core;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

public class ConvTests
{
    private static TestGraph Conv(Dim[] x, long[] w, params (string, AttributeValue)[] attributes) =>
        new TestGraph().Input("x", x).Weight("w", w).Op("Conv", ["x", "w"], attributes);

    [Fact]
    public void StridedPaddedConv()
    {
        var r = Conv([1, 3, 96, 96], [16, 3, 3, 3], Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1)).Run();
        Assert.Equal("1x16x48x48", r.ShapeOf("y"));
        Assert.Equal(16L * 48 * 48 * 27, r.Macs());
    }

    [Fact]
    public void SymbolicBatchIsKeptAndMacsNeedItKnown()
    {
        var r = Conv([Dim.Sym("batch"), 3, 96, 96], [16, 3, 3, 3], Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1)).Run();
        Assert.Equal("batchx16x48x48", r.ShapeOf("y"));
        Assert.Null(r.Macs());
    }

    [Fact]
    public void DepthwiseConv()
    {
        var r = Conv([1, 32, 48, 48], [32, 1, 3, 3], Int("group", 32), Ints("pads", 1, 1, 1, 1)).Run();
        Assert.Equal("1x32x48x48", r.ShapeOf("y"));
        Assert.Equal(32L * 48 * 48 * 9, r.Macs());
    }

    [Fact]
    public void GroupedConvWithBias()
    {
        var r = new TestGraph().Input("x", 1, 8, 10, 10).Weight("w", 16, 4, 3, 3).Weight("b", 16)
            .Op("Conv", ["x", "w", "b"], Int("group", 2)).Run();
        Assert.Equal("1x16x8x8", r.ShapeOf("y"));
        Assert.Equal(16L * 8 * 8 * 9 * 4, r.Macs());
    }

    [Theory]
    [InlineData("SAME_UPPER", 2, 1, "1x4x4x4")]
    [InlineData("SAME_LOWER", 2, 1, "1x4x4x4")]
    [InlineData("VALID", 2, 1, "1x4x3x3")]
    [InlineData("NOTSET", 1, 2, "1x4x3x3")]
    [InlineData("", 1, 1, "1x4x5x5")]
    public void AutoPadAndDilation(string autoPad, long stride, long dilation, string expected)
    {
        var shape = Conv([1, 2, 7, 7], [4, 2, 3, 3], Str("auto_pad", autoPad), Ints("strides", stride, stride), Ints("dilations", dilation, dilation)).Shape();
        Assert.Equal(expected, shape);
    }

    [Fact]
    public void AsymmetricPadsAndOneDimensionalConv()
    {
        Assert.Equal("1x4x8x6", Conv([1, 2, 7, 7], [4, 2, 3, 3], Ints("pads", 2, 0, 1, 1)).Shape());
        Assert.Equal("2x4x10", Conv([2, 2, 12], [4, 2, 3]).Shape());
    }

    [Fact]
    public void ChannelMismatchNamesTheShapes()
    {
        var e = Assert.Throws<ShapeInferenceException>(() => Conv([1, 8, 10, 10], [16, 3, 3, 3]).Run());
        Assert.Equal("Conv", e.OpType);
        Assert.Contains("8 channels", e.Message);
        Assert.Contains("16x3x3x3", e.Message);
        Assert.Contains("1x8x10x10", e.Message);
    }

    [Fact]
    public void InconsistentAttributesAreRejected()
    {
        Assert.Throws<ShapeInferenceException>(() => Conv([1, 3, 8, 8], [4, 3, 3, 3], Ints("kernel_shape", 5, 5)).Run());
        Assert.Throws<ShapeInferenceException>(() => Conv([1, 3, 8, 8], [4, 3, 3, 3], Ints("pads", 1, 1)).Run());
        Assert.Throws<ShapeInferenceException>(() => Conv([1, 3, 8, 8], [4, 3, 3, 3], Str("auto_pad", "SAME")).Run());
        Assert.Throws<ShapeInferenceException>(() => Conv([1, 3, 2, 2], [4, 3, 3, 3]).Run());
        Assert.Throws<ShapeInferenceException>(() => Conv([1, 6, 8, 8], [3, 3, 3, 3], Int("group", 2)).Run());
        var bias = Assert.Throws<ShapeInferenceException>(() =>
            new TestGraph().Input("x", 1, 3, 8, 8).Weight("w", 4, 3, 3, 3).Weight("b", 5).Op("Conv", ["x", "w", "b"]).Run());
        Assert.Contains("bias", bias.Message);
    }

    [Fact]
    public void WeightOfUnknownShapeLeavesSpatialDimsUnknown()
    {
        var r = new TestGraph().Input("x", Dim.Sym("batch"), 3, 8, 8).Input("q", 4, 3, 3, 3)
            .Node("MyDequantize", ["q"], ["w"]).Op("Conv", ["x", "w"]).Run();
        Assert.Equal("batchx?x?x?", r.ShapeOf("y"));
        Assert.Null(r.Macs());
        var withKernel = new TestGraph().Input("x", 1, 3, 8, 8).Input("q", 4, 3, 3, 3)
            .Node("MyDequantize", ["q"], ["w"]).Op("Conv", ["x", "w"], Ints("kernel_shape", 3, 3)).Run();
        Assert.Equal("1x?x6x6", withKernel.ShapeOf("y"));
    }

    [Fact]
    public void UnknownSpatialSizeStaysUnknown()
    {
        Assert.Equal("1x4x?x6", Conv([1, 3, Dim.Sym("h"), 8], [4, 3, 3, 3]).Shape());
    }
}
