using Lighten.Core.Transforms.Cleanup.Kernels;

namespace Lighten.Core.Tests.Transforms.Cleanup;

/// <summary>Runs one constant kernel on hand-made inputs.</summary>
internal static class KernelHarness
{
    public static TensorData Run(string op, TensorData?[] inputs, (string Name, AttributeValue Value)[]? attributes = null, long opset = 17, long maxElements = 1 << 20)
        => RunAll(op, inputs, attributes, opset, maxElements)![0];

    public static TensorData[]? RunAll(string op, TensorData?[] inputs, (string Name, AttributeValue Value)[]? attributes = null, long opset = 17, long maxElements = 1 << 20)
    {
        var node = new Node("n", op, inputs.Select((t, i) => t is null ? "" : $"in{i}"), ["out"],
            attributes?.Select(a => KeyValuePair.Create(a.Name, a.Value)));
        var kernel = ConstantKernels.Find(node) ?? throw new InvalidOperationException($"no kernel for {op}");
        return kernel.Compute(new KernelContext(node, opset, inputs, maxElements));
    }

    public static TensorData F(long[] dims, params float[] v) => TensorData.FromFloats(dims, v);
    public static TensorData L(long[] dims, params long[] v) => TensorData.FromInt64s(dims, v);
    public static TensorData I(long[] dims, params int[] v) => TensorData.FromInt32s(dims, v);
    public static TensorData B(long[] dims, params bool[] v) => TensorData.FromBools(dims, v);
    public static TensorData Scalar(long v) => TensorData.FromInt64s([], [v]);
    public static (string, AttributeValue) Int(string name, long v) => (name, new IntAttribute(v));
    public static (string, AttributeValue) Ints(string name, params long[] v) => (name, new IntsAttribute([.. v]));

    public static void Equal(TensorData expected, TensorData actual)
    {
        Assert.Equal(expected.ElementType, actual.ElementType);
        Assert.Equal(expected.Dims.ToArray(), actual.Dims.ToArray());
        if (expected.ElementType.IsFloat()) Assert.Equal(expected.ToFloatArray(), actual.ToFloatArray());
        else Assert.Equal(expected.ToInt64Array(), actual.ToInt64Array());
    }
}
