using Lighten.Core;
using static Lighten.Tests.Foreign.ForeignGraph;

namespace Lighten.Tests.Foreign;

/// <summary>
/// PyTorch's exporter (1.13 and later) de-duplicates initializers with equal contents: one initializer stays and every other
/// use reads it through an <c>Identity</c> node at the top of the graph. A Conv bias or a BatchNormalization parameter is
/// then not an initializer but the output of an Identity, shared by several layers.
/// </summary>
public static class TorchIdentitySharing
{
    /// <summary>
    /// Conv+BN+ReLU layers of a freshly initialized network exported with BatchNormalization kept (training-mode export):
    /// every BN of 8 channels has scale = running_var = ones and bias = running_mean = zeros, so the exporter keeps
    /// <c>bn1.weight</c> and <c>bn1.bias</c> and hands out the others through Identity nodes; conv2 reads conv1's equal bias
    /// through an Identity too.
    /// </summary>
    public static ForeignFixture SharedBatchNorm { get; } = new(
        "torch_identity_shared_bn",
        "PyTorch 1.13 (training-mode export, BatchNormalization kept)",
        "Identity-shared initializers: BN scale/bias/mean/var and a Conv bias read through Identity nodes by several layers",
        BuildSharedBatchNorm,
        [new ForeignInput("input", [1, 3, 32, 32])],
        [[1, 10]]);

    private static Graph BuildSharedBatchNorm()
    {
        var g = new ForeignGraph("main_graph", 13, "pytorch", "1.13.1", Input("input", 1, 3, 32, 32));
        float[] ones = [.. Enumerable.Repeat(1f, 8)], zeros = new float[8];
        g.Floats("bn1.weight", [8], ones);
        g.Floats("bn1.bias", [8], zeros);
        var bias = g.Floats("conv1.bias", [8], [.. Enumerable.Range(0, 8).Select(i => 0.05f * (i - 3))]);
        // The de-duplicated uses, as the exporter writes them: Identity nodes first.
        var mean1 = g.Identity("Identity_0", "bn1.bias", "onnx::BatchNormalization_41");
        var var1 = g.Identity("Identity_1", "bn1.weight", "onnx::BatchNormalization_42");
        var scale2 = g.Identity("Identity_2", "bn1.weight", "onnx::BatchNormalization_43");
        var shift2 = g.Identity("Identity_3", "bn1.bias", "onnx::BatchNormalization_44");
        var mean2 = g.Identity("Identity_4", "bn1.bias", "onnx::BatchNormalization_45");
        var var2 = g.Identity("Identity_5", "bn1.weight", "onnx::BatchNormalization_46");
        var bias2 = g.Identity("Identity_6", "conv1.bias", "onnx::Conv_47");

        g.Weight("conv1.weight", 8, 3, 3, 3);
        var x = g.Node("/conv1/Conv", "Conv", ["input", "conv1.weight", bias], ["/conv1/Conv_output_0"],
            ("dilations", Is(1, 1)), ("group", I(1)), ("kernel_shape", Is(3, 3)), ("pads", Is(1, 1, 1, 1)), ("strides", Is(1, 1)));
        x = g.Node("/bn1/BatchNormalization", "BatchNormalization", [x, "bn1.weight", "bn1.bias", mean1, var1], ["/bn1/BatchNormalization_output_0"],
            ("epsilon", F(1e-5f)), ("momentum", F(0.9f)));
        x = g.Node("/relu/Relu", "Relu", [x], ["/relu/Relu_output_0"]);
        g.Weight("conv2.weight", 8, 8, 3, 3);
        x = g.Node("/conv2/Conv", "Conv", [x, "conv2.weight", bias2], ["/conv2/Conv_output_0"],
            ("dilations", Is(1, 1)), ("group", I(1)), ("kernel_shape", Is(3, 3)), ("pads", Is(1, 1, 1, 1)), ("strides", Is(2, 2)));
        x = g.Node("/bn2/BatchNormalization", "BatchNormalization", [x, scale2, shift2, mean2, var2], ["/bn2/BatchNormalization_output_0"],
            ("epsilon", F(1e-5f)), ("momentum", F(0.9f)));
        x = g.Node("/relu_1/Relu", "Relu", [x], ["/relu_1/Relu_output_0"]);
        g.Weight("conv3.weight", 16, 8, 3, 3);
        g.Values("conv3.bias", -0.1f, 0.1f, 16);
        x = g.Node("/conv3/Conv", "Conv", [x, "conv3.weight", "conv3.bias"], ["/conv3/Conv_output_0"],
            ("dilations", Is(1, 1)), ("group", I(1)), ("kernel_shape", Is(3, 3)), ("pads", Is(1, 1, 1, 1)), ("strides", Is(2, 2)));
        x = g.Node("/relu_2/Relu", "Relu", [x], ["/relu_2/Relu_output_0"]);
        x = g.Node("/pool/GlobalAveragePool", "GlobalAveragePool", [x], ["/pool/GlobalAveragePool_output_0"]);
        x = g.Node("/Flatten", "Flatten", [x], ["/Flatten_output_0"], ("axis", I(1)));
        g.Weight("fc.weight", 10, 16);
        g.Values("fc.bias", -0.1f, 0.1f, 10);
        g.Node("/fc/Gemm", "Gemm", [x, "fc.weight", "fc.bias"], ["output"], ("alpha", F(1)), ("beta", F(1)), ("transB", I(1)));
        return g.Build(Output("output", 1, 10));
    }

    /// <summary>
    /// A MobileNetV3-Small-ish classifier as <c>torch.onnx.export</c> writes it at opset 17 in eval mode with a dynamic batch:
    /// BN folded into Conv biases named <c>onnx::Conv_*</c>, HardSwish, squeeze-excitation blocks with HardSigmoid, a residual
    /// Add, five stride-2 stages (32×32 → 1×1 before the pooling, as the zoo backbones), and Convs whose equal biases are one
    /// initializer handed out through Identity nodes.
    /// </summary>
    public static ForeignFixture MobileNetV3Mini { get; } = new(
        "torch_mobilenetv3_mini",
        "PyTorch 2.1 (eval export, opset 17, dynamic_axes batch_size)",
        "MobileNetV3-ish classifier: folded BN biases, HardSwish, SE with HardSigmoid, residual Add, Identity-shared Conv biases",
        BuildMobileNetV3Mini,
        [new ForeignInput("input", [1, 3, 32, 32])],
        [[1, 10]]);

    private static Graph BuildMobileNetV3Mini()
    {
        var g = new ForeignGraph("main_graph", 17, "pytorch", "2.1.0", Input("input", "batch_size", 3, 32, 32));
        // One 16-channel bias, equal in four Convs: the exporter keeps it once and hands it out through Identity nodes.
        var shared = g.Values("onnx::Conv_310", -0.2f, 0.2f, 16);
        var sharedUses = new Queue<string>([
            g.Identity("Identity_0", shared, "onnx::Conv_301"),
            shared,
            g.Identity("Identity_1", shared, "onnx::Conv_330"),
            g.Identity("Identity_2", shared, "onnx::Conv_345")]);
        int next = 350;

        string Conv(string name, string input, long cout, long cin, long k, long stride, long group, bool sharedBias = false)
        {
            var weight = g.Weight($"onnx::Conv_{next++}", cout, cin / group, k, k);
            var bias = sharedBias ? sharedUses.Dequeue() : g.Values($"onnx::Conv_{next++}", -0.2f, 0.2f, cout);
            return g.Node(name + "/Conv", "Conv", [input, weight, bias], [name + "/Conv_output_0"],
                ("dilations", Is(1, 1)), ("group", I(group)), ("kernel_shape", Is(k, k)), ("pads", Is(k / 2, k / 2, k / 2, k / 2)), ("strides", Is(stride, stride)));
        }
        string Act(string name, string op, string input) => g.Node($"{name}/{op}", op, [input], [$"{name}/{op}_output_0"]);
        string Se(string b, string input, long channels, long squeeze)
        {
            var s = g.Node($"{b}/avgpool/GlobalAveragePool", "GlobalAveragePool", [input], [$"{b}/avgpool/GlobalAveragePool_output_0"]);
            s = Act($"{b}/activation", "Relu", Conv($"{b}/fc1", s, squeeze, channels, 1, 1, 1));
            s = g.Node($"{b}/scale_activation/HardSigmoid", "HardSigmoid", [Conv($"{b}/fc2", s, channels, squeeze, 1, 1, 1)],
                [$"{b}/scale_activation/HardSigmoid_output_0"], ("alpha", F(0.16666667f)), ("beta", F(0.5f)));
            return g.Node($"{b}/Mul", "Mul", [s, input], [$"{b}/Mul_output_0"]);
        }
        // torchvision's InvertedResidual: [expand 1x1] → depthwise k×k → [SE] → project 1x1 (+ input when stride 1 and same width).
        string Block(int index, string input, long cin, long expand, long cout, long stride, bool se, string act, bool sharedProjectBias)
        {
            var b = $"/features/features.{index}/block";
            int j = 0;
            var y = input;
            if (expand != cin)
            {
                y = Act($"{b}/block.{j}/block.{j}.2", act, Conv($"{b}/block.{j}/block.{j}.0", y, expand, cin, 1, 1, 1));
                j++;
            }
            y = Act($"{b}/block.{j}/block.{j}.2", act, Conv($"{b}/block.{j}/block.{j}.0", y, expand, expand, 3, stride, expand));
            j++;
            if (se) y = Se($"{b}/block.{j++}", y, expand, expand / 2);
            y = Conv($"{b}/block.{j}/block.{j}.0", y, cout, expand, 1, 1, 1, sharedProjectBias);
            return stride == 1 && cin == cout ? g.Node($"/features/features.{index}/Add", "Add", [y, input], [$"/features/features.{index}/Add_output_0"]) : y;
        }

        var x = Act("/features/features.0/features.0.2", "HardSwish", Conv("/features/features.0/features.0.0", "input", 16, 3, 3, 2, 1, sharedBias: true));
        x = Block(1, x, 16, 16, 16, 2, se: true, "Relu", sharedProjectBias: true);        // 8x8
        x = Block(2, x, 16, 32, 16, 1, se: false, "HardSwish", sharedProjectBias: true);  // 8x8, residual
        x = Block(3, x, 16, 32, 24, 2, se: true, "HardSwish", sharedProjectBias: false);  // 4x4
        x = Block(4, x, 24, 48, 16, 2, se: false, "HardSwish", sharedProjectBias: true);  // 2x2
        x = Block(5, x, 16, 32, 32, 2, se: true, "HardSwish", sharedProjectBias: false);  // 1x1
        x = Act("/features/features.6/features.6.2", "HardSwish", Conv("/features/features.6/features.6.0", x, 48, 32, 1, 1, 1));
        x = g.Node("/avgpool/GlobalAveragePool", "GlobalAveragePool", [x], ["/avgpool/GlobalAveragePool_output_0"]);
        x = g.Node("/Flatten", "Flatten", [x], ["/Flatten_output_0"], ("axis", I(1)));
        g.Weight("classifier.0.weight", 32, 48);
        g.Values("classifier.0.bias", -0.1f, 0.1f, 32);
        x = g.Node("/classifier/classifier.0/Gemm", "Gemm", [x, "classifier.0.weight", "classifier.0.bias"], ["/classifier/classifier.0/Gemm_output_0"],
            ("alpha", F(1)), ("beta", F(1)), ("transB", I(1)));
        x = Act("/classifier/classifier.1", "HardSwish", x);
        g.Weight("classifier.3.weight", 10, 32);
        g.Values("classifier.3.bias", -0.1f, 0.1f, 10);
        g.Node("/classifier/classifier.3/Gemm", "Gemm", [x, "classifier.3.weight", "classifier.3.bias"], ["output"],
            ("alpha", F(1)), ("beta", F(1)), ("transB", I(1)));
        return g.Build(Output("output", "batch_size", 10));
    }
}
