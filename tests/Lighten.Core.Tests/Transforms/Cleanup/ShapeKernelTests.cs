using static Lighten.Core.Tests.Transforms.Cleanup.KernelHarness;

namespace Lighten.Core.Tests.Transforms.Cleanup;

public class ShapeKernelTests
{
    private static readonly TensorData Six = F([2, 3], 0, 1, 2, 3, 4, 5);

    [Fact]
    public void ReshapeCopiesZeroAndInfersMinusOne()
    {
        var r = Run("Reshape", [Six, L([2], 0, -1)]);
        Assert.Equal([2L, 3], r.Dims.ToArray());
        Assert.Equal([6L], Run("Reshape", [Six, L([1], -1)]).Dims.ToArray());
        Assert.Equal([2L, 0], Run("Reshape", [F([2, 0]), L([2], 2, 0)], [Int("allowzero", 1)]).Dims.ToArray());
        Assert.Throws<ShapeInferenceException>(() => Run("Reshape", [Six, L([1], 4)]));
    }

    [Fact]
    public void FlattenSqueezeUnsqueezeAcrossOpsets()
    {
        var x = F([1, 2, 1, 3], 0, 1, 2, 3, 4, 5);
        Assert.Equal([2L, 3], Run("Flatten", [x], [Int("axis", 2)]).Dims.ToArray());
        Assert.Equal([1L, 6], Run("Flatten", [x], [Int("axis", -3)]).Dims.ToArray());
        Assert.Equal([2L, 3], Run("Squeeze", [x]).Dims.ToArray());
        Assert.Equal([2L, 1, 3], Run("Squeeze", [x, L([1], 0)]).Dims.ToArray());
        Assert.Equal([1L, 2, 3], Run("Squeeze", [x], [Ints("axes", -2)], opset: 11).Dims.ToArray());
        Assert.Throws<ShapeInferenceException>(() => Run("Squeeze", [x, L([1], 1)]));
        Assert.Equal([1L], Run("Unsqueeze", [Scalar(7), L([1], 0)]).Dims.ToArray());
        Assert.Equal([2L, 1, 3, 1], Run("Unsqueeze", [Six, L([2], 1, -1)]).Dims.ToArray());
        Assert.Equal([1L, 2, 3], Run("Unsqueeze", [Six], [Ints("axes", 0)], opset: 11).Dims.ToArray());
        Equal(Six, Run("Identity", [Six]));
    }

    [Fact]
    public void TransposeMovesElements()
    {
        Equal(F([3, 2], 0, 3, 1, 4, 2, 5), Run("Transpose", [Six]));
        var x = F([1, 2, 3], 0, 1, 2, 3, 4, 5);
        Equal(F([3, 1, 2], 0, 3, 1, 4, 2, 5), Run("Transpose", [x], [Ints("perm", 2, 0, 1)]));
    }

    [Fact]
    public void ConcatAlongAnyAxis()
    {
        Equal(L([3], 1, 2, 3), Run("Concat", [L([1], 1), L([2], 2, 3)], [Int("axis", 0)]));
        Equal(F([2, 4], 0, 1, 2, 9, 3, 4, 5, 8), Run("Concat", [Six, F([2, 1], 9, 8)], [Int("axis", -1)]));
    }

    [Fact]
    public void GatherScalarAndVectorIndices()
    {
        Equal(Scalar(3), Run("Gather", [L([4], 1, 3, 96, 96), Scalar(1)], [Int("axis", 0)]));
        Equal(F([2, 2], 2, 0, 5, 3), Run("Gather", [Six, L([2], -1, 0)], [Int("axis", 1)]));
        Equal(F([1, 3], 3, 4, 5), Run("Gather", [Six, I([1], 1)]));
        Assert.Throws<ShapeInferenceException>(() => Run("Gather", [Six, L([1], 2)]));
    }

    [Fact]
    public void SliceWithStepsClampingAndOldOpset()
    {
        var x = L([5], 0, 1, 2, 3, 4);
        Equal(L([2], 1, 2), Run("Slice", [x, L([1], 1), L([1], 3)]));
        Equal(L([3], 2, 3, 4), Run("Slice", [x, L([1], -3), L([1], long.MaxValue)]));
        Equal(L([5], 4, 3, 2, 1, 0), Run("Slice", [x, L([1], -1), L([1], long.MinValue), L([1], 0), L([1], -1)]));
        Equal(L([2], 4, 2), Run("Slice", [x, L([1], 10), L([1], 1), L([1], 0), L([1], -2)]));
        Equal(L([0]), Run("Slice", [x, L([1], 3), L([1], 1)]));
        Equal(F([2, 1], 1, 4), Run("Slice", [Six, L([1], 1), L([1], 2), L([1], 1)]));
        Equal(F([1, 2], 3, 5), Run("Slice", [Six, L([2], 1, 0), L([2], 2, 3), L([2], 0, 1), L([2], 1, 2)]));
        Equal(F([1, 3], 3, 4, 5), Run("Slice", [Six], [Ints("starts", 1, 0), Ints("ends", 2, 3), Ints("axes", 0, 1)], opset: 9));
        Equal(F([1, 3], 3, 4, 5), Run("Slice", [Six], [Ints("starts", 1), Ints("ends", 2)], opset: 9));
    }

    [Fact]
    public void ShapeAndSize()
    {
        Equal(L([2], 2, 3), Run("Shape", [Six]));
        Equal(L([1], 3), Run("Shape", [Six], [Int("start", -1)]));
        Equal(Scalar(6), Run("Size", [Six]));
    }

    [Fact]
    public void GeneratorsMakeTensors()
    {
        Equal(Scalar(4), Run("Constant", [], [("value", new TensorAttribute(Scalar(4)))]));
        Equal(L([2], 1, 2), Run("Constant", [], [Ints("value_ints", 1, 2)]));
        Equal(F([2, 2], 0, 0, 0, 0), Run("ConstantOfShape", [L([2], 2, 2)]));
        Equal(L([3], 7, 7, 7), Run("ConstantOfShape", [L([1], 3)], [("value", new TensorAttribute(L([1], 7)))]));
        Equal(L([4], 0, 3, 6, 9), Run("Range", [Scalar(0), Scalar(10), Scalar(3)]));
        Equal(F([2], 1, 0.5f), Run("Range", [F([], 1), F([], 0), F([], -0.5f)]));
        Assert.Null(RunAll("ConstantOfShape", [L([2], 100, 100)], maxElements: 1000));
    }

    [Fact]
    public void WhereAndExpandBroadcast()
    {
        Equal(L([2, 2], 1, 20, 3, 40), Run("Where", [B([2], true, false), L([2, 2], 1, 2, 3, 4), L([2, 2], 10, 20, 30, 40)]));
        Equal(F([2, 3], 0, 1, 2, 0, 1, 2), Run("Expand", [F([3], 0, 1, 2), L([2], 2, 1)]));
        Equal(F([2, 2], 1, 1, 2, 2), Run("Expand", [F([2, 1], 1, 2), L([1], 2)]));
    }
}
