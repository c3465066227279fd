using Lighten.Core;
using static Lighten.Tests.Foreign.ForeignGraph;

namespace Lighten.Tests.Foreign;

/// <summary>
/// Dynamic-batch classifiers as PyTorch exports them with <c>dynamic_axes</c> on the batch only (height and width fixed, so no
/// <c>--input-shape</c> is needed): <c>x.view(x.size(0), -1)</c> as Shape → Gather → Unsqueeze → Concat → Reshape before Gemm
/// (with the indices as Constant nodes), and <c>torch.flatten</c> as Flatten before Gemm with Dropout kept in the graph.
/// </summary>
public static class DynamicBatch
{
    /// <summary>The <c>view(size(0), -1)</c> flattening before Gemm, opset 11 (Unsqueeze with an axes attribute).</summary>
    public static ForeignFixture ShapeGatherReshape { get; } = new(
        "torch_view_dynamic_batch",
        "PyTorch 1.8 (opset 11, dynamic_axes batch_size, numeric value names)",
        "dynamic batch: x.view(x.size(0), -1) as Shape→Gather→Unsqueeze(axes attr)→Concat→Reshape before Gemm, Constant-node indices",
        BuildView,
        [new ForeignInput("input", [1, 3, 32, 32])],
        [[1, 10]]);

    private static Graph BuildView()
    {
        var g = new ForeignGraph("torch-jit-export", 11, "pytorch", "1.8", Input("input", "batch_size", 3, 32, 32));
        g.Weight("conv1.weight", 8, 3, 3, 3);
        g.Values("conv1.bias", -0.2f, 0.2f, 8);
        var x = g.Node("Conv_0", "Conv", ["input", "conv1.weight", "conv1.bias"], ["11"],
            ("dilations", Is(1, 1)), ("group", I(1)), ("kernel_shape", Is(3, 3)), ("pads", Is(1, 1, 1, 1)), ("strides", Is(2, 2)));
        x = g.Node("Relu_1", "Relu", [x], ["12"]);
        g.Weight("conv2.weight", 8, 8, 3, 3);
        g.Values("conv2.bias", -0.2f, 0.2f, 8);
        x = g.Node("Conv_2", "Conv", [x, "conv2.weight", "conv2.bias"], ["13"],
            ("dilations", Is(1, 1)), ("group", I(1)), ("kernel_shape", Is(3, 3)), ("pads", Is(1, 1, 1, 1)), ("strides", Is(1, 1)));
        x = g.Node("Relu_3", "Relu", [x], ["14"]);
        x = g.Node("MaxPool_4", "MaxPool", [x], ["15"], ("kernel_shape", Is(2, 2)), ("pads", Is(0, 0, 0, 0)), ("strides", Is(2, 2)));
        var shape = g.Node("Shape_5", "Shape", [x], ["16"]);
        var index = g.Constant("Constant_6", "17", TensorData.FromInt64s([], [0]));
        var batch = g.Node("Gather_7", "Gather", [shape, index], ["18"], ("axis", I(0)));
        batch = g.Node("Unsqueeze_8", "Unsqueeze", [batch], ["20"], ("axes", Is(0)));
        var rest = g.Constant("Constant_9", "19", TensorData.FromInt64s([1], [-1]));
        var target = g.Node("Concat_10", "Concat", [batch, rest], ["21"], ("axis", I(0)));
        x = g.Node("Reshape_11", "Reshape", [x, target], ["22"]);
        g.Weight("fc.weight", 10, 512);
        g.Values("fc.bias", -0.1f, 0.1f, 10);
        g.Node("Gemm_12", "Gemm", [x, "fc.weight", "fc.bias"], ["output"], ("alpha", F(1)), ("beta", F(1)), ("transB", I(1)));
        return g.Build(Output("output", "batch_size", 10));
    }

    /// <summary>
    /// Flatten before Gemm with a dynamic batch "N", and inference Dropout kept in the graph (opset 12: a ratio input, a mask
    /// output nobody reads, and a training_mode input set to false).
    /// </summary>
    public static ForeignFixture FlattenDropout { get; } = new(
        "torch_flatten_dropout",
        "PyTorch 1.7 (opset 12, training=PRESERVE export with the model in eval mode, dynamic batch N)",
        "dynamic-batch Flatten before Gemm; inference Dropout-12 with ratio input, unread mask output, training_mode=false input",
        BuildFlattenDropout,
        [new ForeignInput("input", [1, 3, 32, 32])],
        [[1, 10]]);

    private static Graph BuildFlattenDropout()
    {
        var g = new ForeignGraph("torch-jit-export", 12, "pytorch", "1.7", Input("input", "N", 3, 32, 32));
        g.Weight("features.0.weight", 8, 3, 3, 3);
        g.Values("features.0.bias", -0.2f, 0.2f, 8);
        var x = g.Node("Conv_0", "Conv", ["input", "features.0.weight", "features.0.bias"], ["input.1"],
            ("dilations", Is(1, 1)), ("group", I(1)), ("kernel_shape", Is(3, 3)), ("pads", Is(1, 1, 1, 1)), ("strides", Is(2, 2)));
        var bn = g.BatchNormParams("features.1.", 8);
        x = g.Node("BatchNormalization_1", "BatchNormalization", [x, .. bn], ["input.4"], ("epsilon", F(1e-5f)), ("momentum", F(0.9f)));
        x = g.Node("Relu_2", "Relu", [x], ["input.8"]);
        g.Weight("features.3.weight", 16, 8, 3, 3);
        g.Values("features.3.bias", -0.2f, 0.2f, 16);
        x = g.Node("Conv_3", "Conv", [x, "features.3.weight", "features.3.bias"], ["input.12"],
            ("dilations", Is(1, 1)), ("group", I(1)), ("kernel_shape", Is(3, 3)), ("pads", Is(1, 1, 1, 1)), ("strides", Is(2, 2)));
        x = g.Node("Relu_4", "Relu", [x], ["onnx::Flatten_23"]);
        x = g.Node("Flatten_5", "Flatten", [x], ["input.16"], ("axis", I(1)));
        g.Floats("ratio", [], 0.5f);
        x = g.Node("Dropout_6", "Dropout", [x, "ratio"], ["input.20", "26"]);
        g.Weight("classifier.1.weight", 32, 1024);
        g.Values("classifier.1.bias", -0.1f, 0.1f, 32);
        x = g.Node("Gemm_7", "Gemm", [x, "classifier.1.weight", "classifier.1.bias"], ["input.24"], ("alpha", F(1)), ("beta", F(1)), ("transB", I(1)));
        x = g.Node("Relu_8", "Relu", [x], ["input.28"]);
        g.Set("training_mode", TensorData.FromBools([], [false]));
        x = g.Node("Dropout_9", "Dropout", [x, "ratio", "training_mode"], ["input.32"]);
        g.Weight("classifier.4.weight", 10, 32);
        g.Values("classifier.4.bias", -0.1f, 0.1f, 10);
        g.Node("Gemm_10", "Gemm", [x, "classifier.4.weight", "classifier.4.bias"], ["output"], ("alpha", F(1)), ("beta", F(1)), ("transB", I(1)));
        return g.Build(Output("output", "N", 10));
    }
}
