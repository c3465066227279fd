using static Lighten.Core.Tests.Transforms.Cleanup.KernelHarness;

namespace Lighten.Core.Tests.Transforms.Cleanup;

public class ElementwiseKernelTests
{
    [Fact]
    public void AddBroadcastsRowAgainstColumn()
    {
        var r = Run("Add", [F([2, 1], 1, 2), F([3], 10, 20, 30)]);
        Equal(F([2, 3], 11, 21, 31, 12, 22, 32), r);
    }

    [Fact]
    public void IntegerDivisionTruncatesTowardZero()
    {
        var r = Run("Div", [L([4], 7, -7, 6, 96), L([], 2)]);
        Equal(L([4], 3, -3, 3, 48), r);
    }

    [Fact]
    public void IntegerDivisionByZeroIsNotFolded() =>
        Assert.Null(RunAll("Div", [L([1], 1), L([1], 0)]));

    [Fact]
    public void Int32StaysInt32()
    {
        var r = Run("Mul", [I([2], 3, -4), I([], 5)]);
        Equal(I([2], 15, -20), r);
    }

    [Fact]
    public void FloatDivAndPowAndSubInFloat()
    {
        Equal(F([2], 0.5f, -2f), Run("Div", [F([2], 1, -4), F([], 2)]));
        Equal(F([2], 8f, 0.25f), Run("Pow", [F([2], 2, 0.5f), F([2], 3, 2)]));
        Equal(L([2], 8, 9), Run("Pow", [L([2], 2, 3), F([2], 3, 2)]));
        Equal(F([1], -1.5f), Run("Sub", [F([1], 1), F([1], 2.5f)]));
    }

    [Fact]
    public void Float16IsComputedAndKept()
    {
        var a = TensorData.FromHalves([2], [(Half)1.5f, (Half)(-2f)]);
        var r = Run("Mul", [a, TensorData.FromHalves([], [(Half)2f])]);
        Assert.Equal(ElementType.Float16, r.ElementType);
        Assert.Equal([3f, -4f], r.ToFloatArray());
    }

    [Fact]
    public void VariadicMaxMinSum()
    {
        Equal(L([2], 5, 9), Run("Max", [L([2], 1, 9), L([2], 5, 2), L([], 3)]));
        Equal(F([2], 1, 2), Run("Min", [F([2], 1, 9), F([2], 5, 2)]));
        Equal(L([1], 6), Run("Sum", [L([1], 1), L([1], 2), L([1], 3)]));
    }

    [Fact]
    public void ComparisonsAndLogicGiveBool()
    {
        Equal(B([3], false, true, false), Run("Equal", [L([3], 1, 2, 3), L([3], 2, 2, 2)]));
        Equal(B([3], true, false, false), Run("Less", [L([3], 1, 2, 3), L([], 2)]));
        Equal(B([3], false, false, true), Run("Greater", [F([3], 1, 2, 3), F([], 2)]));
        Equal(B([2], false, true), Run("And", [B([2], false, true), B([2], true, true)]));
        Equal(B([2], true, true), Run("Or", [B([2], false, true), B([2], true, false)]));
        Equal(B([1], false), Run("Equal", [F([1], float.NaN), F([1], float.NaN)]));
    }

    [Fact]
    public void IncompatibleShapesNameTheNode()
    {
        var e = Assert.Throws<ShapeInferenceException>(() => Run("Add", [F([2], 1, 2), F([3], 1, 2, 3)]));
        Assert.Equal("n", e.NodeName);
        Assert.Equal("Add", e.OpType);
    }

    [Fact]
    public void OutputsAboveTheLimitAreNotComputed() =>
        Assert.Null(RunAll("Add", [F([4, 1], 1, 2, 3, 4), F([4], 1, 2, 3, 4)], maxElements: 8));

    [Fact]
    public void UnaryOps()
    {
        Equal(F([3], 2, 0, 3), Run("Sqrt", [F([3], 4, 0, 9)]));
        Equal(L([2], -1, 2), Run("Neg", [L([2], 1, -2)]));
        Equal(L([2], 1, 2), Run("Abs", [L([2], 1, -2)]));
        Equal(F([2], 0.5f, -4), Run("Reciprocal", [F([2], 2, -0.25f)]));
        Equal(F([2], 1, MathF.E), Run("Exp", [F([2], 0, 1)]));
        Equal(F([2], 1, -2), Run("Floor", [F([2], 1.5f, -1.5f)]));
        Equal(F([2], 2, -1), Run("Ceil", [F([2], 1.5f, -1.5f)]));
        Equal(B([2], true, false), Run("Not", [B([2], false, true)]));
        Assert.Null(RunAll("Sqrt", [L([1], 4)]));
    }

    [Fact]
    public void CastConvertsBetweenTypes()
    {
        Equal(L([3], 1, -1, 2), Run("Cast", [F([3], 1.7f, -1.7f, 2f)], [Int("to", (long)ElementType.Int64)]));
        Equal(F([2], 3, -4), Run("Cast", [L([2], 3, -4)], [Int("to", (long)ElementType.Float)]));
        Equal(I([2], 3, -4), Run("Cast", [L([2], 3, -4)], [Int("to", (long)ElementType.Int32)]));
        Equal(B([3], true, false, true), Run("Cast", [F([3], 0.5f, 0, -2)], [Int("to", (long)ElementType.Bool)]));
        Equal(L([2], 1, 0), Run("Cast", [B([2], true, false)], [Int("to", (long)ElementType.Int64)]));
        var half = Run("Cast", [F([1], 1.5f)], [Int("to", (long)ElementType.Float16)]);
        Assert.Equal(ElementType.Float16, half.ElementType);
        Assert.Equal([1.5f], half.ToFloatArray());
    }
}
