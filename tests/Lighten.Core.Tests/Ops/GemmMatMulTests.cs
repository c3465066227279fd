using Lighten.Core;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

public class GemmMatMulTests
{
    [Fact]
    public void ClassifierGemmWithTransB()
    {
        var r = new TestGraph().Input("x", Dim.Sym("batch"), 1024).Weight("w", 10, 1024).Weight("b", 10)
            .Op("Gemm", ["x", "w", "b"], Int("transB", 1)).Run();
        Assert.Equal("batchx10", r.ShapeOf("y"));
        var known = new TestGraph().Input("x", 2, 1024).Weight("w", 10, 1024).Weight("b", 10)
            .Op("Gemm", ["x", "w", "b"], Int("transB", 1)).Run();
        Assert.Equal(2L * 1024 * 10, known.Macs());
    }

    [Fact]
    public void GemmWithTransA()
    {
        var r = new TestGraph().Input("a", 6, 4).Weight("b", 6, 5).Op("Gemm", ["a", "b"], Int("transA", 1)).Run();
        Assert.Equal("4x5", r.ShapeOf("y"));
        Assert.Equal(4L * 6 * 5, r.Macs());
    }

    [Fact]
    public void GemmRejectsMismatchedOperands()
    {
        var e = Assert.Throws<ShapeInferenceException>(() => new TestGraph().Input("a", 2, 8).Weight("b", 10, 8).Op("Gemm", ["a", "b"]).Run());
        Assert.Contains("8", e.Message);
        Assert.Contains("10x8", e.Message);
        Assert.Throws<ShapeInferenceException>(() => new TestGraph().Input("a", 2, 8).Weight("b", 8, 10).Weight("c", 3)
            .Op("Gemm", ["a", "b", "c"]).Run());
    }

    [Theory]
    [InlineData(new long[] { 2, 1, 3, 4 }, new long[] { 5, 4, 6 }, "2x5x3x6", 2 * 5 * 3 * 4 * 6)]
    [InlineData(new long[] { 3, 4 }, new long[] { 4, 6 }, "3x6", 3 * 4 * 6)]
    [InlineData(new long[] { 4 }, new long[] { 4, 6 }, "6", 4 * 6)]
    [InlineData(new long[] { 2, 3, 4 }, new long[] { 4 }, "2x3", 2 * 3 * 4)]
    [InlineData(new long[] { 4 }, new long[] { 4 }, "scalar", 4)]
    [InlineData(new long[] { 7, 4 }, new long[] { 2, 4, 5 }, "2x7x5", 2 * 7 * 4 * 5)]
    public void MatMulFollowsNumpy(long[] a, long[] b, string expected, long macs)
    {
        var r = new TestGraph().Input("a", [.. a.Select(Dim.Of)]).Input("b", [.. b.Select(Dim.Of)]).Op("MatMul", ["a", "b"]).Run();
        Assert.Equal(expected, r.ShapeOf("y"));
        Assert.Equal(macs, r.Macs());
    }

    [Fact]
    public void MatMulKeepsSymbolicBatch()
    {
        Assert.Equal("batchx3x6", new TestGraph().Input("a", Dim.Sym("batch"), 3, 4).Weight("b", 4, 6).Op("MatMul", ["a", "b"]).Shape());
    }

    [Fact]
    public void MatMulRejectsMismatches()
    {
        var e = Assert.Throws<ShapeInferenceException>(() => new TestGraph().Input("a", 3, 4).Input("b", 5, 6).Op("MatMul", ["a", "b"]).Run());
        Assert.Contains("3x4", e.Message);
        Assert.Contains("5x6", e.Message);
        Assert.Throws<ShapeInferenceException>(() => new TestGraph().Input("a", 2, 3, 4).Input("b", 3, 4, 6).Op("MatMul", ["a", "b"]).Run());
    }
}
