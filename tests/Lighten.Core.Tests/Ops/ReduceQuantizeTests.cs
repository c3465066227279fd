using Lighten.Core;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

/// <summary>The Reduce* family, QuantizeLinear and DequantizeLinear.</summary>
public class ReduceQuantizeTests
{
    private static readonly In X = In.F("batch", 1024, 3, 3);

    [Fact]
    public void ReduceMeanAxesComeFromAttributeThenInput()
    {
        Assert.Equal("batchx1024x1x1", Rule.Infer("ReduceMean", [X], 13, 1, Ints("axes", 2, 3)).Shape());
        Assert.Equal("batchx1024", Rule.Infer("ReduceMean", [X], 13, 1, Ints("axes", -1, -2), Int("keepdims", 0)).Shape());
        Assert.Equal("batchx1024x1x1", Rule.Infer("ReduceMean", [X, In.Ints(2, 3)], 18).Shape());
        // From opset 18 the attribute is gone: no axes reduces everything.
        Assert.Equal("1x1x1x1", Rule.Infer("ReduceMean", [X], 18, 1, Ints("axes", 2, 3)).Shape());
    }

    [Fact]
    public void ReduceWithoutAxesReducesAllUnlessNoop()
    {
        Assert.Equal("scalar", Rule.Infer("ReduceMean", [X], 13, 1, Int("keepdims", 0)).Shape());
        Assert.Equal("batchx1024x3x3", Rule.Infer("ReduceMean", [X], 18, 1, Int("noop_with_empty_axes", 1)).Shape());
        Assert.Equal("batchx1024x3x3", Rule.Infer("ReduceMean", [X, In.Ints()], 18, 1, Int("noop_with_empty_axes", 1)).Shape());
        // noop_with_empty_axes does not exist while axes are an attribute.
        Assert.Equal("1x1x1x1", Rule.Infer("ReduceMean", [X], 13, 1, Int("noop_with_empty_axes", 1)).Shape());
    }

    [Fact]
    public void ReduceSumTakesAxesAsInputFromOpset13()
    {
        Assert.Equal("batchx3x3", Rule.Infer("ReduceSum", [X, In.Ints(1)], 13, 1, Int("keepdims", 0)).Shape());
        Assert.Equal("batchx3x3", Rule.Infer("ReduceSum", [X], 11, 1, Ints("axes", 1), Int("keepdims", 0)).Shape());
        Assert.Equal("?x?", Rule.Infer("ReduceMax", [X, In.Of(ElementType.Int64, 2)], 18, 1, Int("keepdims", 0)).Shape());
        Assert.Equal("?x?x?x?", Rule.Infer("ReduceMax", [X, In.Of(ElementType.Int64, 2)], 18).Shape());
    }

    [Fact]
    public void ReduceRejectsBadAxes()
    {
        Rule.Fails("ReduceMean", [X], 13, ["axis 4 is out of range for rank 4", "x0: batchx1024x3x3"], 1, Ints("axes", 4));
        Rule.Fails("ReduceMean", [X], 13, ["repeat an axis"], 1, Ints("axes", 1, -3));
    }

    [Fact]
    public void QuantizeLinearOutputsTheZeroPointType()
    {
        var scale = In.Const(TensorData.FromFloats([], [0.1f]));
        Assert.Equal(ElementType.UInt8, Rule.Infer("QuantizeLinear", [X, scale], 13).Type());
        var ctx = Rule.Infer("QuantizeLinear", [X, scale, In.Const(TensorData.FromInt8s([], [0]))], 13);
        Assert.Equal(("batchx1024x3x3", ElementType.Int8), (ctx.Shape(), ctx.Type()));
        Assert.Equal(ElementType.Int8, Rule.Infer("QuantizeLinear", [X, scale], 21, 1, Int("output_dtype", (long)ElementType.Int8)).Type());
        Assert.Equal(ElementType.UInt8, Rule.Infer("QuantizeLinear", [X, scale], 19, 1, Int("output_dtype", (long)ElementType.Int8)).Type());
    }

    [Fact]
    public void PerAxisScalesMustMatchTheAxis()
    {
        var w = In.F(16, 8, 3, 3);
        Assert.Equal(ElementType.UInt8, Rule.Infer("QuantizeLinear", [w, In.Of(ElementType.Float, 8)], 13).Type());
        Assert.Equal(ElementType.UInt8, Rule.Infer("QuantizeLinear", [w, In.Of(ElementType.Float, 16)], 13, 1, Int("axis", 0)).Type());
        Rule.Fails("QuantizeLinear", [w, In.Of(ElementType.Float, 5)], 13, ["per-axis scale has 5 elements but axis 1 has size 8"]);
        Rule.Fails("DequantizeLinear", [In.Of(ElementType.Int8, 16, 8), In.Of(ElementType.Float, 8)], 13, ["axis 0 has size 16"], 1, Int("axis", 0));
    }

    [Fact]
    public void DequantizeLinearOutputsFloatOrTheScaleTypeFromOpset19()
    {
        var q = In.Of(ElementType.Int8, "batch", 16);
        var halfScale = In.Of(ElementType.Float16);
        var ctx = Rule.Infer("DequantizeLinear", [q, halfScale], 13);
        Assert.Equal(("batchx16", ElementType.Float), (ctx.Shape(), ctx.Type()));
        Assert.Equal(ElementType.Float16, Rule.Infer("DequantizeLinear", [q, halfScale], 19).Type());
        Assert.Equal(ElementType.Float, Rule.Infer("DequantizeLinear", [q, In.Of(ElementType.Float)], 19).Type());
    }
}
