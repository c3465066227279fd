using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.Core.Transforms.Cleanup.Kernels;
using static Lighten.Core.Tests.Transforms.Cleanup.KernelHarness;

namespace Lighten.Core.Tests.Transforms.Cleanup;

/// <summary>Each constant kernel computes what ONNX Runtime computes for the same node on the same constants.</summary>
public class KernelOrtTests
{
    public static TheoryData<string, TensorData[], (string, AttributeValue)[]> Cases => new()
    {
        { "Div", [L([4], 7, -7, 6, -1), L([4], 2, 2, -4, 3)], [] },
        { "Div", [F([3], 1, -3, 0.5f), F([1], 3)], [] },
        { "Pow", [F([3], 2, 9, 0.5f), F([3], 3, 0.5f, 2)], [] },
        { "Sub", [I([2, 1], 3, -4), I([3], 1, 2, 3)], [] },
        { "Max", [L([3], 1, 9, -2), L([1], 0)], [] },
        { "Less", [F([3], 1, 2, 3), F([3], 3, 2, 1)], [] },
        { "Where", [B([3], true, false, true), F([3], 1, 2, 3), F([1], -1)], [] },
        { "Cast", [F([4], 1.7f, -1.7f, 2.5f, -0.2f)], [Int("to", (long)ElementType.Int64)] },
        { "Cast", [F([3], 1.7f, 0, -2)], [Int("to", (long)ElementType.Bool)] },
        { "Floor", [F([3], 1.5f, -1.5f, 2)], [] },
        { "Reciprocal", [F([2], 4, -0.5f)], [] },
        { "Gather", [L([2, 3], 1, 2, 3, 4, 5, 6), L([2, 2], -1, 0, 1, 1)], [Int("axis", 1)] },
        { "Slice", [L([6], 0, 1, 2, 3, 4, 5), L([1], -2), L([1], long.MinValue), L([1], 0), L([1], -2)], [] },
        { "Slice", [L([2, 3], 0, 1, 2, 3, 4, 5), L([2], 0, 1), L([2], 5, long.MaxValue), L([2], 0, 1), L([2], 1, 1)], [] },
        { "Transpose", [F([2, 3, 2], 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)], [Ints("perm", 1, 2, 0)] },
        { "Concat", [L([1, 2], 1, 2), L([2, 2], 3, 4, 5, 6)], [Int("axis", 0)] },
        { "Expand", [F([3, 1], 1, 2, 3), L([3], 2, 1, 4)], [] },
        { "Range", [L([], 10), L([], 1), L([], -3)], [] },
        { "Unsqueeze", [L([2], 1, 2), L([2], -1, 0)], [] },
        { "Squeeze", [L([1, 2, 1], 1, 2), L([1], 2)], [] },
        { "Reshape", [F([2, 3], 0, 1, 2, 3, 4, 5), L([3], 1, 0, -1)], [Int("allowzero", 0)] },
        { "ConstantOfShape", [L([2], 2, 3)], [("value", new TensorAttribute(L([1], 5)))] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void KernelMatchesOrt(string op, TensorData[] inputs, (string, AttributeValue)[] attributes)
    {
        var ours = Run(op, inputs, attributes);

        var b = new GraphBuilder();
        for (int i = 0; i < inputs.Length; i++) b.SetInitializer($"in{i}", inputs[i]);
        b.AddNode(new Node("n", op, inputs.Select((_, i) => $"in{i}"), ["out"], attributes.Select(a => KeyValuePair.Create(a.Item1, a.Item2))));
        // OrtRunner reads float outputs, so every result is compared after a cast to float.
        b.AddNode(new Node("cast", "Cast", ["out"], ["y"], [KeyValuePair.Create("to", (AttributeValue)new IntAttribute((long)ElementType.Float))]));
        b.Outputs.Add(new ValueInfo("y", ElementType.Float, null));
        var ort = OrtRunner.RunSeeded(OnnxExporter.ToBytes(b.ToGraph()), seed: 0)["y"];

        Assert.Equal(ort.Shape, ours.Dims.ToArray());
        Assert.Equal(ort.Values, ours.ElementType == ElementType.Bool ? [.. ours.ToInt64Array().Select(v => (float)v)] : ours.ToFloatArray());
    }
}
