using Lighten.Core;
using static Lighten.Tests.Foreign.ForeignGraph;

namespace Lighten.Tests.Foreign;

/// <summary>
/// MobileNetV3's squeeze-excitation as paddle2onnx writes PaddleClas's MobileNetV3 at opset 11: the gate
/// GlobalAveragePool → Conv → Relu → Conv → HardSigmoid (slope 0.2) → Mul, and hard-swish decomposed as
/// x · HardSigmoid(x) (slope 1/6) since HardSwish needs opset 14; BatchNormalization after every bias-free Conv,
/// a MatMul + Add classifier.
/// </summary>
public static class SqueezeExcitation
{
    /// <summary>The SE block fixture (fixed 1×3×32×32 input).</summary>
    public static ForeignFixture HardSigmoidSe { get; } = new(
        "mbv3_se_hardsigmoid",
        "paddle2onnx 0.9 (PaddleClas MobileNetV3, opset 11, fixed input)",
        "squeeze-excitation GlobalAveragePool→Conv→Relu→Conv→HardSigmoid→Mul; hard-swish as x·HardSigmoid(x); MatMul+Add head",
        Build,
        [new ForeignInput("x", [1, 3, 32, 32])],
        [[1, 10]]);

    private static Graph Build()
    {
        var g = new ForeignGraph("paddle_graph", 11, "PaddlePaddle", "0.9.8", Input("x", 1, 3, 32, 32));
        int convs = 0, bns = 0, ops = 0;

        string Conv(string input, long cout, long cin, long k, long stride, long group, bool bias)
        {
            int i = convs++;
            var w = g.Weight($"conv2d_{i}.w_0", cout, cin / group, k, k);
            string[] inputs = bias ? [input, w, g.Values($"conv2d_{i}.b_0", -0.2f, 0.2f, cout)] : [input, w];
            return g.Node($"p2o.Conv.{i}", "Conv", inputs, [$"conv2d_{i}.tmp_0"],
                ("dilations", Is(1, 1)), ("group", I(group)), ("kernel_shape", Is(k, k)), ("pads", Is(k / 2, k / 2, k / 2, k / 2)), ("strides", Is(stride, stride)));
        }
        string Bn(string input, long channels)
        {
            int i = bns++;
            var p = g.BatchNormParams("", channels, [$"batch_norm_{i}.w_0", $"batch_norm_{i}.b_0", $"batch_norm_{i}.w_1", $"batch_norm_{i}.w_2"]);
            return g.Node($"p2o.BatchNormalization.{i}", "BatchNormalization", [input, .. p], [$"batch_norm_{i}.tmp_2"],
                ("epsilon", F(1e-5f)), ("momentum", F(0.9f)));
        }
        string HardSwish(string input)
        {
            int i = ops++;
            var gate = g.Node($"p2o.HardSigmoid.{i}", "HardSigmoid", [input], [$"hardswish_{i}.gate"], ("alpha", F(1f / 6)), ("beta", F(0.5f)));
            return g.Node($"p2o.Mul.{i}", "Mul", [input, gate], [$"hardswish_{i}.tmp_0"]);
        }

        var x = HardSwish(Bn(Conv("x", 16, 3, 3, 2, 1, bias: false), 16));
        var dw = g.Node("p2o.Relu.0", "Relu", [Bn(Conv(x, 16, 16, 3, 1, 16, bias: false), 16)], ["relu_0.tmp_0"]);
        var s = g.Node("p2o.GlobalAveragePool.0", "GlobalAveragePool", [dw], ["pool2d_0.tmp_0"]);
        s = g.Node("p2o.Relu.1", "Relu", [Conv(s, 4, 16, 1, 1, 1, bias: true)], ["relu_1.tmp_0"]);
        s = g.Node("p2o.HardSigmoid.se", "HardSigmoid", [Conv(s, 16, 4, 1, 1, 1, bias: true)], ["hardsigmoid_0.tmp_0"], ("alpha", F(0.2f)), ("beta", F(0.5f)));
        x = g.Node("p2o.Mul.se", "Mul", [dw, s], ["elementwise_mul_0"]);
        x = Bn(Conv(x, 24, 16, 1, 1, 1, bias: false), 24);
        x = HardSwish(Bn(Conv(x, 32, 24, 1, 1, 1, bias: false), 32));
        x = g.Node("p2o.GlobalAveragePool.1", "GlobalAveragePool", [x], ["pool2d_1.tmp_0"]);
        x = g.Node("p2o.Flatten.0", "Flatten", [x], ["flatten_0.tmp_0"], ("axis", I(1)));
        g.MatMulWeight("linear_0.w_0", 32, 10);
        g.Values("linear_0.b_0", -0.1f, 0.1f, 10);
        x = g.Node("p2o.MatMul.0", "MatMul", [x, "linear_0.w_0"], ["linear_0.tmp_0"]);
        g.Node("p2o.Add.0", "Add", [x, "linear_0.b_0"], ["linear_0.tmp_1"]);
        return g.Build(Output("linear_0.tmp_1", 1, 10));
    }
}
