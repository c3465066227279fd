using Lighten.Core;
using static Lighten.Tests.Foreign.ForeignGraph;

namespace Lighten.Tests.Foreign;

/// <summary>
/// Forms of opsets 8, 9 and 11 that opset 13+ exporters no longer write: Upsample with a <c>scales</c> attribute (opset 7–8)
/// or a scales input (opset 9), Clip with min/max inputs and Pad with a pads input (opset 11), Squeeze with an
/// <c>axes</c> attribute, Softmax with its pre-13 semantics, Dropout with a <c>ratio</c> attribute.
/// </summary>
public static class LegacyOpsets
{
    /// <summary>
    /// An MXNet-1.5-style FCN at opset 8: Upsample(scales attribute) ×2, a skip Add, BatchNormalization-7, and a final
    /// Softmax(axis 1) on the 1×4×32×32 scores, which opset 8 computes over C×H×W (an upgrade to opset 13 must keep that).
    /// </summary>
    public static ForeignFixture Opset8Upsample { get; } = new(
        "opset8_upsample",
        "MXNet 1.5 (opset 8; node names = output names)",
        "opset 8: Upsample with a scales attribute (nearest), skip Add, BatchNormalization-7, Softmax(axis 1) on 4-D with pre-13 (flattening) semantics",
        BuildOpset8,
        [new ForeignInput("data", [1, 3, 32, 32])],
        [[1, 4, 32, 32]]);

    private static Graph BuildOpset8()
    {
        var g = new ForeignGraph("mxnet_converted_model", 8, "mxnet", "1.5.0", Input("data", 1, 3, 32, 32));
        string Conv(string name, string input, long cout, long cin, long k, long stride)
        {
            g.Weight(name + "_weight", cout, cin, k, k);
            g.Values(name + "_bias", -0.2f, 0.2f, cout);
            return g.Node(name + "_fwd", "Conv", [input, name + "_weight", name + "_bias"], [name + "_fwd"],
                ("dilations", Is(1, 1)), ("group", I(1)), ("kernel_shape", Is(k, k)), ("pads", Is(k / 2, k / 2, k / 2, k / 2)), ("strides", Is(stride, stride)));
        }
        string Relu(string name, string input) => g.Node(name + "_fwd", "Relu", [input], [name + "_fwd"]);

        var x = Conv("conv0", "data", 8, 3, 3, 2);
        var bn = g.BatchNormParams("", 8, ["batchnorm0_gamma", "batchnorm0_beta", "batchnorm0_running_mean", "batchnorm0_running_var"]);
        x = g.Node("batchnorm0_fwd", "BatchNormalization", [x, .. bn], ["batchnorm0_fwd"], ("epsilon", F(1e-3f)), ("momentum", F(0.9f)));
        var skip = Relu("relu0", x);
        x = Relu("relu1", Conv("conv1", skip, 8, 8, 3, 2));
        x = g.Node("upsampling0", "Upsample", [x], ["upsampling0"], ("mode", S("nearest")), ("scales", Fs(1, 1, 2, 2)));
        x = g.Node("elemwise_add0", "Add", [x, skip], ["elemwise_add0"]);
        x = Relu("relu2", Conv("conv2", x, 8, 8, 3, 1));
        x = g.Node("upsampling1", "Upsample", [x], ["upsampling1"], ("mode", S("nearest")), ("scales", Fs(1, 1, 2, 2)));
        x = Conv("conv3", x, 4, 8, 1, 1);
        // MXNet exports softmax(axis=1) on NCHW as Softmax(axis=1), which before opset 13 normalizes over C×H×W at once.
        g.Node("softmax0", "Softmax", [x], ["softmax0"], ("axis", I(1)));
        return g.Build(Output("softmax0", 1, 4, 32, 32));
    }

    /// <summary>
    /// A PyTorch-1.2-style segmentation net at opset 9: numeric value names, Upsample with scales from a Constant node
    /// (nearest) and from an initializer (linear), a skip Concat, and softmax over channels as Transpose → Softmax(axis 3)
    /// → Transpose (PyTorch's export of softmax(dim=1) before opset 13).
    /// </summary>
    public static ForeignFixture Opset9Upsample { get; } = new(
        "opset9_upsample",
        "PyTorch 1.2 (opset 9; numeric value names Conv_0 → \"17\")",
        "opset 9: Upsample with a scales input (Constant node, nearest; initializer, linear), Concat skip, Transpose→Softmax(axis 3)→Transpose",
        BuildOpset9,
        [new ForeignInput("input", [1, 3, 32, 32])],
        [[1, 4, 32, 32]]);

    private static Graph BuildOpset9()
    {
        var g = new ForeignGraph("torch-jit-export", 9, "pytorch", "1.2", Input("input", 1, 3, 32, 32));
        string Conv(int id, string module, string input, string output, long cout, long cin, long k, long stride)
        {
            g.Weight(module + ".weight", cout, cin, k, k);
            g.Values(module + ".bias", -0.2f, 0.2f, cout);
            return g.Node($"Conv_{id}", "Conv", [input, module + ".weight", module + ".bias"], [output],
                ("dilations", Is(1, 1)), ("group", I(1)), ("kernel_shape", Is(k, k)), ("pads", Is(k / 2, k / 2, k / 2, k / 2)), ("strides", Is(stride, stride)));
        }

        var x = Conv(0, "conv1", "input", "17", 8, 3, 3, 2);
        var bn = g.BatchNormParams("bn1.", 8);
        x = g.Node("BatchNormalization_1", "BatchNormalization", [x, .. bn], ["18"], ("epsilon", F(1e-5f)), ("momentum", F(0.9f)));
        var skip = g.Node("Relu_2", "Relu", [x], ["19"]);
        x = g.Node("Relu_4", "Relu", [Conv(3, "conv2", skip, "20", 16, 8, 3, 2)], ["21"]);
        var scales = g.Constant("Constant_5", "22", TensorData.FromFloats([4], [1, 1, 2, 2]));
        x = g.Node("Upsample_6", "Upsample", [x, scales], ["23"], ("mode", S("nearest")));
        x = g.Node("Concat_7", "Concat", [x, skip], ["24"], ("axis", I(1)));
        x = g.Node("Relu_9", "Relu", [Conv(8, "conv3", x, "25", 8, 24, 3, 1)], ["26"]);
        g.Floats("31", [4], 1, 1, 2, 2);
        x = g.Node("Upsample_10", "Upsample", [x, "31"], ["27"], ("mode", S("linear")));
        x = Conv(11, "head", x, "28", 4, 8, 1, 1);
        x = g.Node("Transpose_12", "Transpose", [x], ["29"], ("perm", Is(0, 2, 3, 1)));
        x = g.Node("Softmax_13", "Softmax", [x], ["30"], ("axis", I(3)));
        g.Node("Transpose_14", "Transpose", [x], ["output"], ("perm", Is(0, 3, 1, 2)));
        return g.Build(Output("output", 1, 4, 32, 32));
    }

    /// <summary>
    /// A PyTorch-1.6-style MobileNetV2-ish classifier at opset 11: Pad with pads and constant_value inputs (constant mode)
    /// and a reflect Pad, ReLU6 as Clip with min/max scalar inputs, Squeeze with an axes attribute, Dropout-10 with a ratio
    /// attribute, Softmax(axis 1) with pre-13 semantics.
    /// </summary>
    public static ForeignFixture Opset11ClipPad { get; } = new(
        "opset11_clip_pad",
        "PyTorch 1.6 (opset 11; numeric value names)",
        "opset 11: Pad (pads input, constant and reflect), Clip min/max inputs (ReLU6), Squeeze axes attribute, Dropout ratio attribute, Softmax axis 1",
        BuildOpset11,
        [new ForeignInput("input", [1, 3, 32, 32])],
        [[1, 10]]);

    private static Graph BuildOpset11()
    {
        var g = new ForeignGraph("torch-jit-export", 11, "pytorch", "1.6", Input("input", 1, 3, 32, 32));
        string Conv(int id, string module, string input, string output, long cout, long cin, long k, long stride, long pad, long group)
        {
            g.Weight(module + ".weight", cout, cin / group, k, k);
            g.Values(module + ".bias", -0.2f, 0.2f, cout);
            return g.Node($"Conv_{id}", "Conv", [input, module + ".weight", module + ".bias"], [output],
                ("dilations", Is(1, 1)), ("group", I(group)), ("kernel_shape", Is(k, k)), ("pads", Is(pad, pad, pad, pad)), ("strides", Is(stride, stride)));
        }
        g.Floats("101", [], 0f);
        g.Floats("102", [], 6f);
        string Relu6(int id, string input, string output) => g.Node($"Clip_{id}", "Clip", [input, "101", "102"], [output]);

        g.Ints("103", 0, 0, 1, 1, 0, 0, 1, 1);
        g.Floats("104", [], 0f);
        var x = g.Node("Pad_0", "Pad", ["input", "103", "104"], ["13"], ("mode", S("constant")));
        x = Relu6(2, Conv(1, "features.0.0", x, "14", 8, 3, 3, 2, 0, 1), "15");
        x = Relu6(4, Conv(3, "features.1.conv.0", x, "16", 8, 8, 3, 1, 1, 8), "17");
        x = Relu6(6, Conv(5, "features.1.conv.1", x, "18", 16, 8, 1, 1, 0, 1), "19");
        x = g.Node("Pad_7", "Pad", [x, "103"], ["20"], ("mode", S("reflect")));
        x = Relu6(9, Conv(8, "features.2.conv.0", x, "21", 16, 16, 3, 1, 0, 1), "22");
        x = g.Node("GlobalAveragePool_10", "GlobalAveragePool", [x], ["23"]);
        x = g.Node("Squeeze_11", "Squeeze", [x], ["24"], ("axes", Is(2, 3)));
        x = g.Node("Dropout_12", "Dropout", [x], ["25"], ("ratio", F(0.2f)));
        g.Weight("classifier.1.weight", 10, 16);
        g.Values("classifier.1.bias", -0.1f, 0.1f, 10);
        x = g.Node("Gemm_13", "Gemm", [x, "classifier.1.weight", "classifier.1.bias"], ["26"], ("alpha", F(1)), ("beta", F(1)), ("transB", I(1)));
        g.Node("Softmax_14", "Softmax", [x], ["output"], ("axis", I(1)));
        return g.Build(Output("output", 1, 10));
    }
}
