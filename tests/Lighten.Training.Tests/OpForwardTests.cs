using Lighten.Training.Tests.Support;
using static Lighten.Training.Tests.Support.OpGraph;

namespace Lighten.Training.Tests;

/// <summary>Each forward, on small graphs with the tricky attribute combinations, matches ONNX Runtime.</summary>
public class OpForwardTests
{
    private const double Tolerance = 1e-5;

    private static readonly Dictionary<string, Func<OpGraph>> Cases = new()
    {
        // Conv
        ["conv groups dilation asymmetric pads"] = () => new OpGraph().Input("x", 2, 4, 11, 10).Weight("w", 6, 2, 3, 2).Weight("b", 6)
            .Op("Conv", ["x", "w", "b"], Int("group", 2), Ints("dilations", 2, 3), Ints("pads", 2, 0, 1, 1), Ints("strides", 2, 1)),
        ["conv same_lower stride 2"] = () => new OpGraph().Input("x", 1, 2, 7, 9).Weight("w", 4, 2, 3, 3)
            .Op("Conv", ["x", "w"], Str("auto_pad", "SAME_LOWER"), Ints("strides", 2, 2)),
        ["conv depthwise"] = () => new OpGraph().Input("x", 1, 4, 8, 8).Weight("w", 4, 1, 3, 3)
            .Op("Conv", ["x", "w"], Int("group", 4), Ints("pads", 1, 1, 1, 1)),
        ["conv 1d"] = () => new OpGraph().Input("x", 1, 3, 12).Weight("w", 5, 3, 3).Op("Conv", ["x", "w"], Ints("pads", 1, 2), Ints("strides", 2)),
        ["conv 3d"] = () => new OpGraph().Input("x", 1, 2, 5, 6, 7).Weight("w", 3, 2, 3, 3, 3).Op("Conv", ["x", "w"], Ints("pads", 1, 0, 1, 1, 0, 1)),
        // ConvTranspose
        ["deconv pose head"] = () => new OpGraph().Input("x", 1, 8, 8, 8).Weight("w", 8, 4, 4, 4).Weight("b", 4)
            .Op("ConvTranspose", ["x", "w", "b"], Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1)),
        ["deconv output_padding dilation asymmetric"] = () => new OpGraph().Input("x", 1, 2, 5, 6).Weight("w", 2, 3, 3, 3).Weight("b", 3)
            .Op("ConvTranspose", ["x", "w", "b"], Ints("strides", 3, 2), Ints("dilations", 2, 1), Ints("output_padding", 2, 1), Ints("pads", 1, 0, 2, 1)),
        ["deconv output_padding symmetric"] = () => new OpGraph().Input("x", 1, 2, 5, 5).Weight("w", 2, 3, 3, 3)
            .Op("ConvTranspose", ["x", "w"], Ints("strides", 2, 2), Ints("output_padding", 1, 1), Ints("pads", 1, 1, 1, 1)),
        ["deconv output_shape"] = () => new OpGraph().Input("x", 1, 2, 8, 8).Weight("w", 2, 4, 3, 3)
            .Op("ConvTranspose", ["x", "w"], Ints("strides", 2, 2), Ints("output_shape", 16, 16)),
        ["deconv same_upper"] = () => new OpGraph().Input("x", 1, 2, 8, 5).Weight("w", 2, 4, 3, 3)
            .Op("ConvTranspose", ["x", "w"], Str("auto_pad", "SAME_UPPER"), Ints("strides", 2, 3)),
        ["deconv grouped"] = () => new OpGraph().Input("x", 2, 8, 5, 5).Weight("w", 8, 2, 3, 3).Weight("b", 8)
            .Op("ConvTranspose", ["x", "w", "b"], Int("group", 4), Ints("strides", 2, 2)),
        ["deconv 1d"] = () => new OpGraph().Input("x", 1, 3, 6).Weight("w", 3, 2, 4)
            .Op("ConvTranspose", ["x", "w"], Ints("strides", 2), Ints("pads", 1, 2)),
        // Pooling
        ["maxpool ceil drop last"] = () => new OpGraph().Input("x", 1, 1, 5, 5)
            .Op("MaxPool", ["x"], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1), Int("ceil_mode", 1)),
        ["maxpool ceil"] = () => new OpGraph().Input("x", 1, 2, 6, 7)
            .Op("MaxPool", ["x"], Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Int("ceil_mode", 1)),
        ["maxpool ceil asymmetric dilated"] = () => new OpGraph().Input("x", 1, 1, 10, 9)
            .Op("MaxPool", ["x"], Ints("kernel_shape", 3, 2), Ints("strides", 3, 2), Ints("dilations", 2, 1), Ints("pads", 1, 1, 1, 0), Int("ceil_mode", 1)),
        ["maxpool same_upper"] = () => new OpGraph().Input("x", 1, 2, 7, 8)
            .Op("MaxPool", ["x"], Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Str("auto_pad", "SAME_UPPER")),
        ["avgpool ceil count_include_pad"] = () => new OpGraph().Input("x", 1, 2, 7, 8)
            .Op("AveragePool", ["x"], Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1), Int("ceil_mode", 1), Int("count_include_pad", 1)),
        ["avgpool ceil exclude pad"] = () => new OpGraph().Input("x", 1, 2, 7, 8)
            .Op("AveragePool", ["x"], Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1), Int("ceil_mode", 1)),
        ["avgpool asymmetric exclude pad"] = () => new OpGraph().Input("x", 1, 2, 7, 8)
            .Op("AveragePool", ["x"], Ints("kernel_shape", 3, 2), Ints("strides", 2, 1), Ints("pads", 0, 1, 2, 0), Int("ceil_mode", 1)),
        ["avgpool asymmetric include pad"] = () => new OpGraph().Input("x", 1, 2, 7, 8)
            .Op("AveragePool", ["x"], Ints("kernel_shape", 3, 2), Ints("strides", 2, 1), Ints("pads", 0, 1, 2, 0), Int("count_include_pad", 1)),
        ["avgpool same_lower"] = () => new OpGraph().Input("x", 1, 2, 7, 8)
            .Op("AveragePool", ["x"], Ints("kernel_shape", 3, 3), Ints("strides", 2, 3), Str("auto_pad", "SAME_LOWER")),
        ["global pools"] = () => new OpGraph().Input("x", 2, 3, 5, 4).Node("GlobalAveragePool", ["x"], ["a"]).Node("GlobalMaxPool", ["x"], ["m"])
            .Op("Add", ["a", "m"]),
        // Resize and Upsample
        ["resize nearest asymmetric floor x2"] = () => new OpGraph().Input("x", 1, 2, 4, 5).FloatConst("s", 1, 1, 2, 2)
            .Op("Resize", ["x", "", "s"], Str("mode", "nearest"), Str("coordinate_transformation_mode", "asymmetric"), Str("nearest_mode", "floor")),
        ["resize nearest half_pixel x1.5"] = () => new OpGraph().Input("x", 1, 2, 4, 6).FloatConst("s", 1, 1, 1.5f, 1.5f)
            .Op("Resize", ["x", "", "s"], Str("mode", "nearest")),
        ["resize nearest round_prefer_ceil sizes down"] = () => new OpGraph().Input("x", 1, 1, 9, 7).IntConst("n", 1, 1, 4, 3)
            .Op("Resize", ["x", "", "", "n"], Str("mode", "nearest"), Str("nearest_mode", "round_prefer_ceil")),
        ["resize nearest align_corners ceil"] = () => new OpGraph().Input("x", 1, 1, 4, 4).IntConst("n", 1, 1, 7, 9)
            .Op("Resize", ["x", "", "", "n"], Str("mode", "nearest"), Str("coordinate_transformation_mode", "align_corners"), Str("nearest_mode", "ceil")),
        ["resize nearest tf_half_pixel_for_nn"] = () => new OpGraph().Input("x", 1, 1, 5, 4).FloatConst("s", 1, 1, 1.6f, 2.5f)
            .Op("Resize", ["x", "", "s"], Str("mode", "nearest"), Str("coordinate_transformation_mode", "tf_half_pixel_for_nn")),
        ["resize linear half_pixel x2"] = () => new OpGraph().Input("x", 2, 3, 4, 5).FloatConst("s", 1, 1, 2, 2)
            .Op("Resize", ["x", "", "s"], Str("mode", "linear")),
        ["resize linear half_pixel down"] = () => new OpGraph().Input("x", 1, 2, 9, 8).IntConst("n", 1, 2, 4, 3)
            .Op("Resize", ["x", "", "", "n"], Str("mode", "linear")),
        ["resize linear align_corners"] = () => new OpGraph().Input("x", 1, 2, 4, 5).IntConst("n", 1, 2, 9, 7)
            .Op("Resize", ["x", "", "", "n"], Str("mode", "linear"), Str("coordinate_transformation_mode", "align_corners")),
        ["resize linear pytorch_half_pixel"] = () => new OpGraph().Input("x", 1, 2, 4, 5).IntConst("n", 1, 2, 1, 8)
            .Op("Resize", ["x", "", "", "n"], Str("mode", "linear"), Str("coordinate_transformation_mode", "pytorch_half_pixel")),
        ["resize linear asymmetric"] = () => new OpGraph().Input("x", 1, 2, 4, 5).FloatConst("s", 1, 1, 2.5f, 1.5f)
            .Op("Resize", ["x", "", "s"], Str("mode", "linear"), Str("coordinate_transformation_mode", "asymmetric")),
        ["upsample nearest opset 9"] = () => new OpGraph(opset: 9).Input("x", 1, 2, 3, 4).FloatConst("s", 1, 1, 2, 3)
            .Op("Upsample", ["x", "s"], Str("mode", "nearest")),
        ["upsample linear opset 9"] = () => new OpGraph(opset: 9).Input("x", 1, 2, 3, 4).FloatConst("s", 1, 1, 2, 2)
            .Op("Upsample", ["x", "s"], Str("mode", "linear")),
        // Pad
        ["pad constant with value"] = () => new OpGraph().Input("x", 1, 2, 4, 5).IntConst("p", 0, 1, 2, 0, 0, 0, 1, 3).FloatConst("v", 0.5f)
            .Op("Pad", ["x", "p", "v"]),
        ["pad constant negative crops"] = () => new OpGraph().Input("x", 1, 2, 4, 5).IntConst("p", 0, 0, -1, 2, 0, 0, 1, -2)
            .Op("Pad", ["x", "p"]),
        ["pad reflect"] = () => new OpGraph().Input("x", 1, 2, 4, 5).IntConst("p", 0, 0, 2, 3, 0, 0, 3, 1).Op("Pad", ["x", "p"], Str("mode", "reflect")),
        ["pad edge"] = () => new OpGraph().Input("x", 1, 2, 4, 5).IntConst("p", 0, 1, 2, 3, 0, 0, 3, 1).Op("Pad", ["x", "p"], Str("mode", "edge")),
        ["pad wrap"] = () => new OpGraph(opset: 19).Input("x", 1, 2, 4, 5).IntConst("p", 0, 0, 2, 3, 0, 0, 3, 1).Op("Pad", ["x", "p"], Str("mode", "wrap")),
        ["pad axes opset 18"] = () => new OpGraph(opset: 18).Input("x", 1, 2, 4, 5).IntConst("p", 1, 2, 3, 1).IntConst("a", -1, 2)
            .Op("Pad", ["x", "p", "", "a"], Str("mode", "reflect")),
        // Gemm and MatMul
        ["gemm transB"] = () => new OpGraph().Input("a", 3, 6).Weight("b", 5, 6).Weight("c", 5).Op("Gemm", ["a", "b", "c"], Int("transB", 1)),
        ["gemm transA alpha beta matrix C"] = () => new OpGraph().Input("a", 6, 4).Weight("b", 6, 5).Weight("c", 4, 5)
            .Op("Gemm", ["a", "b", "c"], Int("transA", 1), Float("alpha", 0.5f), Float("beta", 2f)),
        ["gemm broadcast row C"] = () => new OpGraph().Input("a", 3, 4).Weight("b", 4, 5).Weight("c", 1, 5).Op("Gemm", ["a", "b", "c"]),
        ["matmul batched weight"] = () => new OpGraph().Input("a", 2, 3, 7, 4).Weight("b", 4, 5).Op("MatMul", ["a", "b"]),
        // Normalization and activations
        ["batchnorm eval"] = () => new OpGraph().Input("x", 2, 3, 4, 4).Weight("s", 3).Weight("b", 3).Weight("m", 3).FloatConst("v", 0.5f, 1f, 2f)
            .Op("BatchNormalization", ["x", "s", "b", "m", "v"], Float("epsilon", 1e-3f)),
        ["activations"] = () => new OpGraph().Input("x", 2, 3, 4).Weight("slope", 3, 1).FloatConst("lo", -0.5f).FloatConst("hi", 0.7f)
            .Node("LeakyRelu", ["x"], ["a"], Float("alpha", 0.2f)).Node("PRelu", ["a", "slope"], ["b"])
            .Node("HardSigmoid", ["b"], ["c"], Float("alpha", 0.3f), Float("beta", 0.4f)).Node("HardSwish", ["x"], ["d"])
            .Node("Clip", ["x", "lo", "hi"], ["e"]).Node("Sigmoid", ["d"], ["f"]).Node("Tanh", ["e"], ["g"])
            .Node("Add", ["c", "f"], ["h"]).Node("Sub", ["h", "g"], ["i"]).Node("Mul", ["i", "x"], ["j"]).Node("Relu", ["j"], ["k"])
            .Node("Sqrt", ["k"], ["l"]).Node("Div", ["l", "hi"], ["m"]).FloatConst("two", 2f).Op("Pow", ["m", "two"]),
        ["clip one bound opset 13"] = () => new OpGraph().Input("x", 3, 4).FloatConst("lo", 0.1f).Op("Clip", ["x", "lo"]),
        ["clip attributes opset 6"] = () => new OpGraph(opset: 6).Input("x", 3, 4).Op("Clip", ["x"], Float("min", -0.2f), Float("max", 0.3f)),
        ["softmax opset 11 flattens"] = () => new OpGraph(opset: 11).Input("x", 2, 3, 4).Op("Softmax", ["x"], Int("axis", 1)),
        ["softmax opset 13 axis"] = () => new OpGraph().Input("x", 2, 3, 4).Op("Softmax", ["x"], Int("axis", 1)),
        ["reduce mean keepdims"] = () => new OpGraph().Input("x", 2, 3, 4, 5).Op("ReduceMean", ["x"], Ints("axes", 2, -1)),
        ["reduce mean opset 18 no keepdims"] = () => new OpGraph(opset: 18).Input("x", 2, 3, 4, 5).IntConst("a", 1)
            .Op("ReduceMean", ["x", "a"], Int("keepdims", 0)),
        // Shape manipulation
        ["slice negative steps"] = () => new OpGraph().Input("x", 4, 6, 7).IntConst("s", -1, 5, 1).IntConst("e", -100, 0, 100).IntConst("a", 0, 2, 1).IntConst("t", -1, -2, 2)
            .Op("Slice", ["x", "s", "e", "a", "t"]),
        ["split opset 13 sizes"] = () => new OpGraph().Input("x", 2, 7, 3).IntConst("s", 2, 5)
            .Node("Split", ["x", "s"], ["a", "b"], Int("axis", 1)).Node("ReduceMean", ["b"], ["c"], Ints("axes", 1)).Op("Mul", ["a", "c"]),
        ["split opset 18 uneven"] = () => new OpGraph(opset: 18).Input("x", 2, 7)
            .Node("Split", ["x"], ["a", "b", "c"], Int("axis", 1), Int("num_outputs", 3)).Node("Concat", ["c", "a", "b"], ["y"], Int("axis", 1)),
        ["reshape flatten transpose"] = () => new OpGraph().Input("x", 2, 3, 4, 5).IntConst("shape", 0, -1, 5)
            .Node("Reshape", ["x", "shape"], ["r"]).Node("Transpose", ["r"], ["t"], Ints("perm", 2, 0, 1)).Op("Flatten", ["t"], Int("axis", 2)),
        ["flatten axis 0"] = () => new OpGraph().Input("x", 2, 3, 4).Op("Flatten", ["x"], Int("axis", 0)),
        ["squeeze unsqueeze"] = () => new OpGraph().Input("x", 2, 1, 3, 1).IntConst("a", 3).IntConst("b", 0, -1)
            .Node("Squeeze", ["x", "a"], ["s"]).Op("Unsqueeze", ["s", "b"]),
        ["squeeze unsqueeze opset 11"] = () => new OpGraph(opset: 11).Input("x", 2, 1, 3, 1)
            .Node("Squeeze", ["x"], ["s"]).Op("Unsqueeze", ["s"], Ints("axes", 1, 3)),
        ["shape gather concat reshape"] = () => new OpGraph().Input("x", 2, 3, 4).IntConst("i", 0).IntConst("rest", -1)
            .Node("Shape", ["x"], ["s"]).Node("Gather", ["s", "i"], ["n"]).Node("Concat", ["n", "rest"], ["shape"], Int("axis", 0)).Op("Reshape", ["x", "shape"]),
        ["gather 2d indices"] = () => new OpGraph().Input("x", 3, 5, 2).Constant("i", Core.TensorData.FromInt64s([2, 2], [0, -1, 3, 1]))
            .Op("Gather", ["x", "i"], Int("axis", 1)),
        ["expand cast"] = () => new OpGraph().Input("x", 3, 1).IntConst("s", 2, 1, 4).Node("Expand", ["x", "s"], ["e"])
            .Node("Cast", ["e"], ["c"], Int("to", 7)).Op("Cast", ["c"], Int("to", 1)),
        ["constant of shape"] = () => new OpGraph().Input("x", 2, 3).Node("Shape", ["x"], ["s"])
            .Node("ConstantOfShape", ["s"], ["z"], ("value", new Core.TensorAttribute(Core.TensorData.FromFloats([1], [0.25f])))).Op("Add", ["x", "z"]),
        ["dropout identity in eval"] = () => new OpGraph().Input("x", 2, 3).Node("Dropout", ["x"], ["d"]).Op("Identity", ["d"]),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesOnnxRuntime(string name)
    {
        double diff = ModuleRunner.DiffToOrt(Cases[name]().Build());
        Assert.True(diff <= Tolerance, $"{name}: differs from ONNX Runtime by {diff:g3}");
    }
}
