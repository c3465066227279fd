using Lighten.Core;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

/// <summary>Cast, Constant, ConstantOfShape, Identity, Dropout and Range.</summary>
public class ValueOpsTests
{
    [Fact]
    public void CastChangesTheTypeAndKeepsIntegerShapeValues()
    {
        var toInt = Rule.Infer("Cast", [In.ScalarValue(58)], 13, 1, Int("to", (long)ElementType.Int64));
        Assert.Equal(ElementType.Int64, toInt.Type());
        Assert.Equal("scalar", toInt.Shape());
        Assert.Equal("58", toInt.Value());
        var toFloat = Rule.Infer("Cast", [In.Value("batch", 3)], 13, 1, Int("to", (long)ElementType.Float));
        Assert.Equal(ElementType.Float, toFloat.Type());
        Assert.Equal("2", toFloat.Shape());
        Assert.Null(toFloat.Value());
        Assert.Equal("2,3", Rule.Infer("Cast", [In.Floats(2.7f, 3f)], 13, 1, Int("to", (long)ElementType.Int32)).Value());
        Assert.Equal("batchx3", Rule.Infer("Cast", [In.F("batch", 3)], 13, 1, Int("to", (long)ElementType.Float16)).Shape());
        Rule.Fails("Cast", [In.F(3)], 13, ["needs a 'to' attribute"]);
    }

    [Fact]
    public void ConstantTakesItsValueAttribute()
    {
        var ints = Rule.Infer("Constant", [], 13, 1, Rule.Tensor("value", TensorData.FromInt64s([2], [1, -1])));
        Assert.Equal(ElementType.Int64, ints.Type());
        Assert.Equal("2", ints.Shape());
        Assert.Equal("1,-1", ints.Value());
        var matrix = Rule.Infer("Constant", [], 13, 1, Rule.Tensor("value", TensorData.FromFloats([2, 3], new float[6])));
        Assert.Equal("2x3", matrix.Shape());
        Assert.Equal(ElementType.Float, matrix.Type());
        Assert.Null(matrix.Value());
    }

    [Fact]
    public void ConstantTakesTheTypedValueAttributes()
    {
        var one = Rule.Infer("Constant", [], 13, 1, Int("value_int", 5));
        Assert.Equal(("scalar", ElementType.Int64, "5"), (one.Shape(), one.Type(), one.Value()));
        var ints = Rule.Infer("Constant", [], 13, 1, Ints("value_ints", 1, 2, 3));
        Assert.Equal(("3", "1,2,3"), (ints.Shape(), ints.Value()));
        var f = Rule.Infer("Constant", [], 13, 1, Float("value_float", 0.5f));
        Assert.Equal(("scalar", ElementType.Float), (f.Shape(), f.Type()));
        Assert.Null(f.Value());
        Assert.Equal("2", Rule.Infer("Constant", [], 13, 1, Rule.Floats("value_floats", 1, 2)).Shape());
        var s = Rule.Infer("Constant", [], 13, 1, Str("value_string", "hi"));
        Assert.Equal(("scalar", ElementType.String), (s.Shape(), s.Type()));
        Rule.Fails("Constant", [], 13, ["no value attribute"]);
    }

    [Fact]
    public void ConstantOfShapeTakesItsShapeFromTheInputValue()
    {
        var ctx = Rule.Infer("ConstantOfShape", [In.Value("batch", 3)]);
        Assert.Equal(("batchx3", ElementType.Float), (ctx.Shape(), ctx.Type()));
        var ints = Rule.Infer("ConstantOfShape", [In.Ints(3)], 13, 1, Rule.Tensor("value", TensorData.FromInt64s([1], [7])));
        Assert.Equal(("3", ElementType.Int64, "7,7,7"), (ints.Shape(), ints.Type(), ints.Value()));
        Assert.Equal("scalar", Rule.Infer("ConstantOfShape", [In.Ints()]).Shape());
        Assert.Equal("?x?", Rule.Infer("ConstantOfShape", [In.Of(ElementType.Int64, 2)]).Shape());
        Rule.Fails("ConstantOfShape", [In.Ints(2, -3)], 13, ["cannot make a dimension of -3"]);
        Rule.Fails("ConstantOfShape", [In.Ints(2)], 13, ["one element, not 2"], 1, Rule.Tensor("value", TensorData.FromInt64s([2], [1, 2])));
    }

    [Fact]
    public void IdentityPassesEverythingThrough()
    {
        var ctx = Rule.Infer("Identity", [In.Value("batch", 3)]);
        Assert.Equal(("2", ElementType.Int64, "batch,3"), (ctx.Shape(), ctx.Type(), ctx.Value()));
    }

    [Fact]
    public void DropoutMaskIsBoolFromOpset10()
    {
        var ctx = Rule.Infer("Dropout", [In.F("batch", 64)], 12, 2);
        Assert.Equal(("batchx64", ElementType.Float), (ctx.Shape(0), ctx.Type(0)));
        Assert.Equal(("batchx64", ElementType.Bool), (ctx.Shape(1), ctx.Type(1)));
        Assert.Equal(ElementType.Float, Rule.Infer("Dropout", [In.F("batch", 64)], 7, 2).Type(1));
        Assert.Equal("batchx64", Rule.Infer("Dropout", [In.F("batch", 64)], 12).Shape());
    }

    [Fact]
    public void RangeCountsItsElementsWhenItsArgumentsAreKnown()
    {
        var up = Rule.Infer("Range", [In.Scalar(0), In.Scalar(10), In.Scalar(3)]);
        Assert.Equal(("4", ElementType.Int64, "0,3,6,9"), (up.Shape(), up.Type(), up.Value()));
        Assert.Equal("10,7,4,1", Rule.Infer("Range", [In.Scalar(10), In.Scalar(0), In.Scalar(-3)]).Value());
        Assert.Equal("0", Rule.Infer("Range", [In.Scalar(5), In.Scalar(0), In.Scalar(1)]).Shape());
        var floats = Rule.Infer("Range", [FloatScalar(0.5f), FloatScalar(2f), FloatScalar(0.5f)]);
        Assert.Equal(("3", ElementType.Float), (floats.Shape(), floats.Type()));
        Assert.Null(floats.Value());
    }

    [Fact]
    public void RangeFromZeroByOneToASymbolHasThatLength()
    {
        Assert.Equal("n", Rule.Infer("Range", [In.ScalarValue(0), In.ScalarValue("n"), In.ScalarValue(1)]).Shape());
        Assert.Equal("?", Rule.Infer("Range", [In.ScalarValue(1), In.ScalarValue("n"), In.ScalarValue(1)]).Shape());
        Assert.Equal("?", Rule.Infer("Range", [In.Of(ElementType.Float), FloatScalar(2f), FloatScalar(1f)]).Shape());
    }

    [Fact]
    public void RangeRejectsZeroDeltaAndVectors()
    {
        Rule.Fails("Range", [In.Scalar(0), In.Scalar(4), In.Scalar(0)], 13, ["delta is 0"]);
        Rule.Fails("Range", [In.Scalar(0), In.Ints(4, 5), In.Scalar(1)], 13, ["input 1 must be a scalar, not 2"]);
    }

    private static In FloatScalar(float v) => In.Const(TensorData.FromFloats([], [v]));
}
