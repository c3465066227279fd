using Lighten.Core;
using static Lighten.Tests.Foreign.ForeignGraph;

namespace Lighten.Tests.Foreign;

/// <summary>
/// paddle2onnx leaves height and width open (<c>x: N×3×?×?</c>): the batch a <c>dim_param</c> ("N", or "-1" as some versions
/// write it), height and width unknown or named symbols. Node names are dotted (<c>p2o.Conv.0</c>, <c>p2o.MaxPool.0</c>),
/// value names Paddle's (<c>conv2d_0.tmp_0</c>), weights Paddle's parameter names (<c>conv2d_0.w_0</c>); MaxPool has kernel 2.
/// These models must be given a concrete input size (<c>--input-shape x=1x3x64x64</c>).
/// </summary>
public static class PaddleSymbolic
{
    /// <summary>A DBNet-like text detector with input N×3×?×? (batch "N", height and width unknown), fully convolutional.</summary>
    public static ForeignFixture DetectorUnknownHw { get; } = new(
        "paddle_det_unknown_hw",
        "paddle2onnx 1.0 (PaddleOCR detector style, opset 11)",
        "symbolic H×W: input x N×3×?×? (dim_param N, unknown H and W), dotted p2o.* names, MaxPool kernel 2, ConvTranspose upsampling, N×1×H×W output",
        BuildDetector,
        [new ForeignInput("x", [1, 3, 64, 64])],
        [[1, 1, 64, 64]]);

    private static Graph BuildDetector()
    {
        var g = new ForeignGraph("paddle-onnx", 11, "PaddlePaddle", "1.0.0", Input("x", "N", 3, null, null));
        int convs = 0, bns = 0, relus = 0;
        string Conv(string input, long cout, long cin, long stride)
        {
            int i = convs++;
            g.Weight($"conv2d_{i}.w_0", cout, cin, 3, 3);
            return g.Node($"p2o.Conv.{i}", "Conv", [input, $"conv2d_{i}.w_0"], [$"conv2d_{i}.tmp_0"],
                ("dilations", Is(1, 1)), ("group", I(1)), ("kernel_shape", Is(3, 3)), ("pads", Is(1, 1, 1, 1)), ("strides", Is(stride, stride)));
        }
        string BnRelu(string input, long channels)
        {
            int i = bns++;
            var p = g.BatchNormParams("", channels, [$"batch_norm_{i}.w_0", $"batch_norm_{i}.b_0", $"batch_norm_{i}.w_1", $"batch_norm_{i}.w_2"]);
            var y = g.Node($"p2o.BatchNormalization.{i}", "BatchNormalization", [input, .. p], [$"batch_norm_{i}.tmp_2"], ("epsilon", F(1e-5f)), ("momentum", F(0.9f)));
            return Relu(y);
        }
        string Relu(string input)
        {
            int i = relus++;
            return g.Node($"p2o.Relu.{i}", "Relu", [input], [$"relu_{i}.tmp_0"]);
        }
        string Deconv(int i, string input, long cout, long cin)
        {
            g.Weight($"conv2d_transpose_{i}.w_0", cin, cout, 2, 2);
            g.Values($"conv2d_transpose_{i}.b_0", -0.2f, 0.2f, cout);
            return g.Node($"p2o.ConvTranspose.{i}", "ConvTranspose", [input, $"conv2d_transpose_{i}.w_0", $"conv2d_transpose_{i}.b_0"], [$"conv2d_transpose_{i}.tmp_0"],
                ("dilations", Is(1, 1)), ("group", I(1)), ("kernel_shape", Is(2, 2)), ("pads", Is(0, 0, 0, 0)), ("strides", Is(2, 2)));
        }

        var x = BnRelu(Conv("x", 8, 3, 1), 8);
        x = g.Node("p2o.MaxPool.0", "MaxPool", [x], ["pool2d_0.tmp_0"], ("kernel_shape", Is(2, 2)), ("pads", Is(0, 0, 0, 0)), ("strides", Is(2, 2)));
        x = BnRelu(Conv(x, 16, 8, 2), 16);
        x = Relu(Deconv(0, x, 8, 16));
        x = Deconv(1, x, 1, 8);
        g.Node("p2o.Sigmoid.0", "Sigmoid", [x], ["sigmoid_0.tmp_0"]);
        return g.Build(Output("sigmoid_0.tmp_0", "N", 1, null, null));
    }

    /// <summary>
    /// A PaddleClas-style classifier at opset 10 with input "-1"×3×H×W (the batch a dim_param "-1", height and width the
    /// named symbols paddle2onnx 1.x writes), Conv bias as a separate Add of a 1×C×1×1 parameter, MatMul + Add head, Softmax.
    /// </summary>
    public static ForeignFixture ClassifierDynamicDims { get; } = new(
        "paddle_cls_dynamic_dims",
        "paddle2onnx 1.x (PaddleClas style, opset 10)",
        "symbolic H×W: input x \"-1\"×3×p2o.DynamicDimension.1×p2o.DynamicDimension.2, p2o.* names, Conv bias as Add, MaxPool kernel 2, MatMul+Add head",
        () => BuildClassifier(),
        [new ForeignInput("x", [1, 3, 32, 32])],
        [[1, 10]]);

    /// <summary>The classifier with <paramref name="classes"/> outputs (the pipeline tests train it on a 3-class folder).</summary>
    public static Graph BuildClassifier(int classes = 10)
    {
        var g = new ForeignGraph("paddle-onnx", 10, "PaddlePaddle", "1.2.3",
            Input("x", "-1", 3, "p2o.DynamicDimension.1", "p2o.DynamicDimension.2"));
        string Conv(int i, string input, long cout, long cin) =>
            g.Node($"p2o.Conv.{i}", "Conv", [input, g.Weight($"conv2d_{i}.w_0", cout, cin, 3, 3)], [$"conv2d_{i}.tmp_0"],
                ("dilations", Is(1, 1)), ("group", I(1)), ("kernel_shape", Is(3, 3)), ("pads", Is(1, 1, 1, 1)), ("strides", Is(1, 1)));
        string Pool(int i, string input) =>
            g.Node($"p2o.MaxPool.{i}", "MaxPool", [input], [$"pool2d_{i}.tmp_0"], ("kernel_shape", Is(2, 2)), ("pads", Is(0, 0, 0, 0)), ("strides", Is(2, 2)));

        var x = Conv(0, "x", 8, 3);
        g.Values("conv2d_0.b_0", -0.2f, 0.2f, 1, 8, 1, 1);
        x = g.Node("p2o.Add.0", "Add", [x, "conv2d_0.b_0"], ["conv2d_0.tmp_1"]);
        x = Pool(0, g.Node("p2o.Relu.0", "Relu", [x], ["relu_0.tmp_0"]));
        x = Conv(1, x, 16, 8);
        var bn = g.BatchNormParams("", 16, ["batch_norm_0.w_0", "batch_norm_0.b_0", "batch_norm_0.w_1", "batch_norm_0.w_2"]);
        x = g.Node("p2o.BatchNormalization.0", "BatchNormalization", [x, .. bn], ["batch_norm_0.tmp_2"], ("epsilon", F(1e-5f)), ("momentum", F(0.9f)));
        x = Pool(1, g.Node("p2o.Relu.1", "Relu", [x], ["relu_1.tmp_0"]));
        x = g.Node("p2o.GlobalAveragePool.0", "GlobalAveragePool", [x], ["pool2d_2.tmp_0"]);
        x = g.Node("p2o.Flatten.0", "Flatten", [x], ["flatten_0.tmp_0"], ("axis", I(1)));
        g.MatMulWeight("linear_0.w_0", 16, classes);
        g.Values("linear_0.b_0", -0.1f, 0.1f, classes);
        x = g.Node("p2o.MatMul.0", "MatMul", [x, "linear_0.w_0"], ["linear_0.tmp_0"]);
        x = g.Node("p2o.Add.1", "Add", [x, "linear_0.b_0"], ["linear_0.tmp_1"]);
        g.Node("p2o.Softmax.0", "Softmax", [x], ["softmax_0.tmp_0"], ("axis", I(1)));
        return g.Build(Output("softmax_0.tmp_0", "-1", classes));
    }
}
