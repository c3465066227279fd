using Lighten.Core;
using static Lighten.Core.Tests.Ops.TestGraph;

namespace Lighten.Core.Tests.Ops;

/// <summary>The inferred output shapes of tricky windowed ops match what ONNX Runtime produces.</summary>
public class OrtDifferentialTests
{
    private static readonly Dictionary<string, Func<TestGraph>> Cases = new()
    {
        ["conv same_lower stride 2"] = () => new TestGraph().Input("x", 1, 2, 7, 9).Weight("w", 4, 2, 3, 3)
            .Op("Conv", ["x", "w"], Str("auto_pad", "SAME_LOWER"), Ints("strides", 2, 2)),
        ["conv dilated asymmetric pads"] = () => new TestGraph().Input("x", 2, 2, 11, 10).Weight("w", 4, 1, 3, 2)
            .Op("Conv", ["x", "w"], Int("group", 2), Ints("dilations", 2, 3), Ints("pads", 2, 0, 1, 1), Ints("strides", 2, 1)),
        ["deconv pose head"] = () => new TestGraph().Input("x", 1, 8, 8, 8).Weight("w", 8, 4, 4, 4)
            .Op("ConvTranspose", ["x", "w"], Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1)),
        ["deconv output_padding dilation"] = () => new TestGraph().Input("x", 1, 2, 5, 6).Weight("w", 2, 3, 3, 3)
            .Op("ConvTranspose", ["x", "w"], Ints("strides", 3, 2), Ints("dilations", 2, 1), Ints("output_padding", 2, 1), Ints("pads", 1, 0, 2, 1)),
        ["deconv output_shape"] = () => new TestGraph().Input("x", 1, 2, 8, 8).Weight("w", 2, 4, 3, 3)
            .Op("ConvTranspose", ["x", "w"], Ints("strides", 2, 2), Ints("output_shape", 17, 16)),
        ["deconv same_upper"] = () => new TestGraph().Input("x", 1, 2, 8, 5).Weight("w", 2, 4, 3, 3)
            .Op("ConvTranspose", ["x", "w"], Str("auto_pad", "SAME_UPPER"), Ints("strides", 2, 3)),
        ["deconv grouped"] = () => new TestGraph().Input("x", 1, 8, 5, 5).Weight("w", 8, 2, 3, 3)
            .Op("ConvTranspose", ["x", "w"], Int("group", 4), Ints("strides", 2, 2)),
        ["maxpool ceil drop last"] = () => new TestGraph().Input("x", 1, 1, 5, 5)
            .Op("MaxPool", ["x"], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1), Int("ceil_mode", 1)),
        ["maxpool ceil"] = () => new TestGraph().Input("x", 1, 1, 6, 7)
            .Op("MaxPool", ["x"], Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Int("ceil_mode", 1)),
        ["maxpool ceil padded dilated"] = () => new TestGraph().Input("x", 1, 1, 10, 9)
            .Op("MaxPool", ["x"], Ints("kernel_shape", 3, 2), Ints("strides", 3, 2), Ints("dilations", 2, 1), Ints("pads", 1, 1, 1, 0), Int("ceil_mode", 1)),
        ["averagepool same_upper"] = () => new TestGraph().Input("x", 1, 2, 7, 8)
            .Op("AveragePool", ["x"], Ints("kernel_shape", 3, 3), Ints("strides", 2, 3), Str("auto_pad", "SAME_UPPER")),
        ["averagepool ceil"] = () => new TestGraph().Input("x", 1, 2, 7, 8)
            .Op("AveragePool", ["x"], Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1), Int("ceil_mode", 1)),
        ["matmul broadcast"] = () => new TestGraph().Input("a", 7, 4).Input("b", 2, 1, 4, 5).Op("MatMul", ["a", "b"]),
        ["gemm transA transB"] = () => new TestGraph().Input("a", 6, 4).Weight("b", 5, 6).Weight("c", 5)
            .Op("Gemm", ["a", "b", "c"], Int("transA", 1), Int("transB", 1)),
        ["where broadcast"] = () => new TestGraph().Input("a", 3, 1).Input("b", 4, 1, 5)
            .Node("Less", ["a", "b"], ["c"]).Node("Where", ["c", "a", "b"], ["y"]),
    };

    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void InferredShapeMatchesOnnxRuntime(string name)
    {
        var result = Cases[name]().Run();
        var outputs = result.Graph.Outputs.ToDictionary(o => o.Name, o => o.ElementType);
        var actual = OrtShapes.Run(result.Graph, outputs);
        Assert.Equal(actual["y"], result.ShapeOf("y"));
    }
}
