using Lighten.Core;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

public class PoolTests
{
    private static string Pool(string op, Dim[] x, params (string, AttributeValue)[] attributes) =>
        new TestGraph().Input("x", x).Op(op, ["x"], attributes).Shape();

    [Fact]
    public void ResNetStemMaxPool()
    {
        var r = new TestGraph().Input("x", Dim.Sym("batch"), 64, 112, 112)
            .Node("MaxPool", ["x"], ["y", "idx"], Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1))
            .Run("y", "idx");
        Assert.Equal("batchx64x56x56", r.ShapeOf("y"));
        Assert.Equal("batchx64x56x56", r.ShapeOf("idx"));
        Assert.Equal(ElementType.Int64, r.TypeOf("idx"));
        Assert.Equal(0L, r.Macs());
    }

    [Theory]
    [InlineData(6, 0, 0, "1x1x2x2")]
    [InlineData(6, 0, 1, "1x1x3x3")]
    [InlineData(5, 1, 0, "1x1x3x3")]
    [InlineData(5, 1, 1, "1x1x3x3")] // ceil gives 4, but the last window would start in the padding
    public void CeilMode(long size, long pad, long ceil, string expected)
    {
        var kernel = pad == 0 ? 3 : 2;
        Assert.Equal(expected, Pool("MaxPool", [1, 1, size, size], Ints("kernel_shape", kernel, kernel), Ints("strides", 2, 2),
            Ints("pads", pad, pad, pad, pad), Int("ceil_mode", ceil)));
    }

    [Fact]
    public void AveragePoolAutoPadAndDilation()
    {
        Assert.Equal("1x2x4x4", Pool("AveragePool", [1, 2, 7, 7], Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Str("auto_pad", "SAME_UPPER")));
        Assert.Equal("1x2x3x3", Pool("AveragePool", [1, 2, 7, 7], Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Str("auto_pad", "VALID")));
        Assert.Equal("1x2x3x3", Pool("MaxPool", [1, 2, 7, 7], Ints("kernel_shape", 3, 3), Ints("dilations", 2, 2)));
    }

    [Fact]
    public void MissingKernelShapeFails() =>
        Assert.Throws<ShapeInferenceException>(() => Pool("MaxPool", [1, 2, 7, 7], Ints("strides", 2, 2)));

    [Theory]
    [InlineData("GlobalAveragePool")]
    [InlineData("GlobalMaxPool")]
    public void GlobalPoolingKeepsBatchAndChannels(string op)
    {
        Assert.Equal("batchx576x1x1", Pool(op, [Dim.Sym("batch"), 576, 3, 3]));
        Assert.Equal("2x8x1", Pool(op, [2, 8, 10]));
    }
}
