using Lighten.Core;
using static Lighten.Tests.Foreign.ForeignGraph;

namespace Lighten.Tests.Foreign;

/// <summary>
/// A CRNN-style text recognizer: a 1×3×32×100 image, Convs with strides (2, 1) and a (2, 1) MaxPool that shrink the height
/// to 1 while keeping the width, a (2, 1) kernel, then a head that reads the 1×W row as a sequence: Squeeze (axes input,
/// opset 13) → Transpose to W×N×C → MatMul + Add → Softmax over the classes (W×1×11 output).
/// </summary>
public static class AsymmetricStride
{
    /// <summary>The text-recognizer fixture.</summary>
    public static ForeignFixture TextRecognizer { get; } = new(
        "crnn_asymmetric_stride",
        "PyTorch 1.10 (deep-text-recognition style CRNN, opset 13)",
        "asymmetric strides (2,1), MaxPool (2,1), kernel (2,1), input 1×3×32×100, head reading the 1×W row: Squeeze→Transpose→MatMul→Add→Softmax",
        Build,
        [new ForeignInput("image", [1, 3, 32, 100])],
        [[50, 1, 11]]);

    private static Graph Build()
    {
        var g = new ForeignGraph("torch-jit-export", 13, "pytorch", "1.10", Input("image", 1, 3, 32, 100));
        string Conv(int id, string module, string input, string output, long cout, long cin, long kh, long kw, long sh, long sw, long ph, long pw)
        {
            g.Weight(module + ".weight", cout, cin, kh, kw);
            g.Values(module + ".bias", -0.2f, 0.2f, cout);
            return g.Node($"Conv_{id}", "Conv", [input, module + ".weight", module + ".bias"], [output],
                ("dilations", Is(1, 1)), ("group", I(1)), ("kernel_shape", Is(kh, kw)), ("pads", Is(ph, pw, ph, pw)), ("strides", Is(sh, sw)));
        }

        var x = Conv(0, "cnn.conv0", "image", "input.4", 8, 3, 3, 3, 2, 2, 1, 1);
        var bn = g.BatchNormParams("cnn.bn0.", 8);
        x = g.Node("BatchNormalization_1", "BatchNormalization", [x, .. bn], ["input.8"], ("epsilon", F(1e-5f)), ("momentum", F(0.9f)));
        x = g.Node("Relu_2", "Relu", [x], ["onnx::Conv_40"]);
        x = g.Node("Relu_4", "Relu", [Conv(3, "cnn.conv1", x, "input.12", 16, 8, 3, 3, 2, 1, 1, 1)], ["onnx::MaxPool_42"]);
        x = g.Node("MaxPool_5", "MaxPool", [x], ["input.16"], ("kernel_shape", Is(2, 1)), ("pads", Is(0, 0, 0, 0)), ("strides", Is(2, 1)));
        x = g.Node("Relu_7", "Relu", [Conv(6, "cnn.conv2", x, "input.20", 16, 16, 3, 3, 2, 1, 1, 1)], ["onnx::Conv_45"]);
        x = g.Node("Relu_9", "Relu", [Conv(8, "cnn.conv3", x, "input.24", 32, 16, 2, 1, 1, 1, 0, 0)], ["onnx::Squeeze_47"]);
        g.Ints("onnx::Squeeze_48", 2);
        x = g.Node("Squeeze_10", "Squeeze", [x, "onnx::Squeeze_48"], ["onnx::Transpose_49"]);
        x = g.Node("Transpose_11", "Transpose", [x], ["onnx::MatMul_50"], ("perm", Is(2, 0, 1)));
        g.MatMulWeight("onnx::MatMul_60", 32, 11);
        g.Values("rnn.fc.bias", -0.1f, 0.1f, 11);
        x = g.Node("MatMul_12", "MatMul", [x, "onnx::MatMul_60"], ["onnx::Add_52"]);
        x = g.Node("Add_13", "Add", ["rnn.fc.bias", x], ["onnx::Softmax_53"]);
        g.Node("Softmax_14", "Softmax", [x], ["output"], ("axis", I(2)));
        return g.Build(Output("output", 50, 1, 11));
    }
}
