using Lighten.Core;
using static Lighten.Tests.Foreign.ForeignGraph;

namespace Lighten.Tests.Foreign;

/// <summary>
/// Weights as <c>Constant</c> nodes instead of initializers, as graphs assembled with <c>onnx.helper</c> and several converters
/// write them: the input normalization (Sub, Div), Conv weight and bias, the four BatchNormalization parameters, the Reshape
/// target shape and the Gemm weight are Constant outputs; the Gemm bias is a Constant with <c>value_floats</c> (opset 12+).
/// </summary>
public static class ConstantWeights
{
    /// <summary>The Constant-weights classifier (opset 13, fixed 1×3×32×32 input).</summary>
    public static ForeignFixture KerasStyle { get; } = new(
        "constant_weights",
        "onnx.helper-assembled graph / converters that emit Constant nodes (opset 13)",
        "weights as Constant nodes: normalization Sub/Div, Conv W and B, BN params, Reshape shape, Gemm W, Gemm B as value_floats",
        Build,
        [new ForeignInput("input_1", [1, 3, 32, 32])],
        [[1, 10]]);

    private static Graph Build()
    {
        var g = new ForeignGraph("converted_graph", 13, "onnx.helper", "1.14.0", Input("input_1", 1, 3, 32, 32));
        var mean = g.Constant("const_mean", "mean:0", TensorData.FromFloats([1, 3, 1, 1], [0.485f, 0.456f, 0.406f]));
        var std = g.Constant("const_std", "std:0", TensorData.FromFloats([1, 3, 1, 1], [0.229f, 0.224f, 0.225f]));
        var x = g.Node("model/normalization/sub", "Sub", ["input_1", mean], ["model/normalization/sub:0"]);
        x = g.Node("model/normalization/truediv", "Div", [x, std], ["model/normalization/truediv:0"]);

        var w = g.Constant("const_conv_w", "model/conv2d/Conv2D/ReadVariableOp:0", WeightData("conv.w", 8, 3, 3, 3));
        var b = g.Constant("const_conv_b", "model/conv2d/BiasAdd/ReadVariableOp:0",
            TensorData.FromFloats([8], Uniform("conv.b", 8, -0.2f, 0.2f)));
        x = g.Node("model/conv2d/BiasAdd", "Conv", [x, w, b], ["model/conv2d/BiasAdd:0"],
            ("dilations", Is(1, 1)), ("group", I(1)), ("kernel_shape", Is(3, 3)), ("pads", Is(1, 1, 1, 1)), ("strides", Is(2, 2)));
        var bn = new[] { ("gamma", 0.5f, 1.5f), ("beta", -0.2f, 0.2f), ("moving_mean", -0.2f, 0.2f), ("moving_variance", 0.5f, 1.5f) }
            .Select(p => g.Constant($"const_bn_{p.Item1}", $"model/batch_normalization/{p.Item1}:0",
                TensorData.FromFloats([8], Uniform("bn." + p.Item1, 8, p.Item2, p.Item3))))
            .ToArray();
        x = g.Node("model/batch_normalization/FusedBatchNormV3", "BatchNormalization", [x, .. bn], ["model/batch_normalization/FusedBatchNormV3:0"],
            ("epsilon", F(1e-3f)));
        x = g.Node("model/re_lu/Relu", "Relu", [x], ["model/re_lu/Relu:0"]);
        x = g.Node("model/max_pooling2d/MaxPool", "MaxPool", [x], ["model/max_pooling2d/MaxPool:0"], ("kernel_shape", Is(2, 2)), ("strides", Is(2, 2)));
        var w2 = g.Constant("const_conv1_w", "model/conv2d_1/Conv2D/ReadVariableOp:0", WeightData("conv1.w", 8, 8, 3, 3));
        var b2 = g.Constant("const_conv1_b", "model/conv2d_1/BiasAdd/ReadVariableOp:0", TensorData.FromFloats([8], Uniform("conv1.b", 8, -0.2f, 0.2f)));
        x = g.Node("model/conv2d_1/BiasAdd", "Conv", [x, w2, b2], ["model/conv2d_1/BiasAdd:0"],
            ("dilations", Is(1, 1)), ("group", I(1)), ("kernel_shape", Is(3, 3)), ("pads", Is(1, 1, 1, 1)), ("strides", Is(1, 1)));
        x = g.Node("model/re_lu_1/Relu", "Relu", [x], ["model/re_lu_1/Relu:0"]);
        var shape = g.Constant("const_shape", "model/flatten/Const:0", TensorData.FromInt64s([2], [-1, 512]));
        x = g.Node("model/flatten/Reshape", "Reshape", [x, shape], ["model/flatten/Reshape:0"]);
        var fw = g.Constant("const_dense_w", "model/dense/MatMul/ReadVariableOp:0", MatMulWeightData("dense.w", 512, 10));
        var fb = g.Node("const_dense_b", "Constant", [], ["model/dense/BiasAdd/ReadVariableOp:0"],
            ("value_floats", Fs(Uniform("dense.b", 10, -0.1f, 0.1f))));
        x = g.Node("model/dense/BiasAdd", "Gemm", [x, fw, fb], ["model/dense/BiasAdd:0"], ("alpha", F(1)), ("beta", F(1)));
        g.Node("model/dense/Softmax", "Softmax", [x], ["dense"], ("axis", I(-1)));
        return g.Build(Output("dense", 1, 10));
    }
}
