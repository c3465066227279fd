using Lighten.Core.Zoo;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Zoo;

/// <summary>Structure, initializer names and node names follow torchvision and PyTorch's ONNX exporter.</summary>
public class ZooNamingTests
{
    private static readonly ZooOptions Small = new() { InputHeight = 64, InputWidth = 64, Classes = 10 };

    private static int Count(IrGraph g, string op) => g.Nodes.Count(n => n.OpType == op);

    [Theory]
    [InlineData("layer1.0.conv1", "Conv", "/layer1/layer1.0/conv1/Conv")]
    [InlineData("layer2.0.downsample.0", "Conv", "/layer2/layer2.0/downsample/downsample.0/Conv")]
    [InlineData("features.1.conv.0.0", "Conv", "/features/features.1/conv/conv.0/conv.0.0/Conv")]
    [InlineData("features.0.0", "Conv", "/features/features.0/features.0.0/Conv")]
    [InlineData("layer1.0", "Add", "/layer1/layer1.0/Add")]
    [InlineData("", "Flatten", "/Flatten")]
    public void NodeNamesAreThoseOfPyTorchsExporter(string module, string op, string expected) =>
        Assert.Equal(expected, ModuleScope.NodeName(module, op));

    [Fact]
    public void ResNet18HasTorchvisionsStateDict()
    {
        var g = ZooModels.Get("resnet18", Small);
        // 20 convolutions, 20 BatchNorms with weight, bias, running_mean, running_var, and fc: torchvision's
        // state_dict without num_batches_tracked, which ONNX does not use.
        Assert.Equal(20 + 20 * 4 + 2, g.Initializers.Count);
        foreach (var name in new[] { "conv1.weight", "bn1.running_var", "layer1.0.conv1.weight", "layer1.0.bn1.running_mean",
                     "layer2.0.downsample.0.weight", "layer2.0.downsample.1.bias", "layer4.1.bn2.weight", "fc.weight", "fc.bias" })
            Assert.Contains(name, g.Initializers.Keys);
        foreach (var name in new[] { "/conv1/Conv", "/bn1/BatchNormalization", "/maxpool/MaxPool", "/layer1/layer1.0/conv1/Conv",
                     "/layer1/layer1.0/Add", "/layer3/layer3.0/downsample/downsample.1/BatchNormalization", "/avgpool/GlobalAveragePool", "/Flatten", "/fc/Gemm" })
            Assert.NotNull(g.FindNode(name));
        Assert.Equal((20, 20, 17, 8, 1), (Count(g, "Conv"), Count(g, "BatchNormalization"), Count(g, "Relu"), Count(g, "Add"), Count(g, "Gemm")));
        Assert.Equal(["conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var"],
            g.Nodes.Take(2).SelectMany(n => n.Inputs.Skip(1)));
    }

    [Fact]
    public void MobileNetV2MatchesTheExportsOps()
    {
        var g = ZooModels.Get("mobilenet_v2_w035", Small);
        // The exported test model: Conv 52, Clip 35, Add 10 (its BatchNorms are folded and its Dropout removed).
        Assert.Equal((52, 52, 35, 10, 1, 1), (Count(g, "Conv"), Count(g, "BatchNormalization"), Count(g, "Clip"), Count(g, "Add"), Count(g, "Dropout"), Count(g, "Gemm")));
        Assert.Equal([16L, 1, 3, 3], g.Initializers["features.1.conv.0.0.weight"].Dims.ToArray());
        Assert.Contains("features.1.conv.2.running_mean", g.Initializers.Keys);
        Assert.Contains("features.2.conv.3.weight", g.Initializers.Keys);
        Assert.Equal([1280L, 112, 1, 1], g.Initializers["features.18.0.weight"].Dims.ToArray());
        Assert.Equal([10L, 1280], g.Initializers["classifier.1.weight"].Dims.ToArray());
        Assert.NotNull(g.FindNode("/features/features.0/features.0.2/Clip"));
        Assert.NotNull(g.FindNode("/features/features.1/conv/conv.0/conv.0.0/Conv"));
        Assert.NotNull(g.FindNode("/classifier/classifier.0/Dropout"));
    }

    [Fact]
    public void MobileNetV3SmallMatchesTheExportsOps()
    {
        var g = ZooModels.Get("mobilenet_v3_small", Small);
        Assert.Equal((52, 19, 14, 10, 9, 9, 6, 2),
            (Count(g, "Conv"), Count(g, "HardSwish"), Count(g, "Relu"), Count(g, "GlobalAveragePool"), Count(g, "HardSigmoid"), Count(g, "Mul"), Count(g, "Add"), Count(g, "Gemm")));
        // The first block has no expansion: block.0 depthwise, block.1 squeeze-excitation, block.2 projection.
        Assert.Equal([8L, 16, 1, 1], g.Initializers["features.1.block.1.fc1.weight"].Dims.ToArray());
        Assert.Equal([16L], g.Initializers["features.1.block.1.fc2.bias"].Dims.ToArray());
        Assert.NotNull(g.FindNode("/features/features.1/block/block.1/scale_activation/HardSigmoid"));
        var hardSigmoid = g.Nodes.First(n => n.OpType == "HardSigmoid");
        Assert.Equal((1f / 6, 0.5f), (hardSigmoid.GetFloat("alpha", 0), hardSigmoid.GetFloat("beta", 0)));
        var bn = g.Nodes.First(n => n.OpType == "BatchNormalization");
        Assert.Equal((1e-3f, 0.99f), (bn.GetFloat("epsilon", 0), bn.GetFloat("momentum", 0)));
    }

    [Fact]
    public void ShuffleNetShufflesWithConstantShapesAndASymbolicBatch()
    {
        var g = ZooModels.Get("shufflenet_v2_x0_5", Small);
        Assert.Equal((56, 37, 16, 32, 16, 13), (Count(g, "Conv"), Count(g, "Relu"), Count(g, "Concat"), Count(g, "Reshape"), Count(g, "Transpose"), Count(g, "Split")));
        Assert.DoesNotContain(g.Nodes, n => n.OpType is "Shape" or "Gather" or "Slice");
        foreach (var reshape in g.Nodes.Where(n => n.OpType == "Reshape"))
            Assert.Equal(0, g.Initializers[reshape.Inputs[1]].ToInt64Array()[0]);
        Assert.Equal([0L, 2, 24, 8, 8], g.Initializers["/stage2/stage2.0/Reshape_shape"].ToInt64Array());
        Assert.Equal([0L, -1, 8, 8], g.Initializers["/stage2/stage2.0/Reshape_1_shape"].ToInt64Array());
        Assert.Equal(new long[] { 0, 2, 1, 3, 4 }, g.FindNode("/stage2/stage2.0/Transpose")!.GetInts("perm"));
        Assert.Equal([24L, 24, 1, 1], g.Initializers["stage2.0.branch1.2.weight"].Dims.ToArray());
        Assert.Equal([24L, 1, 3, 3], g.Initializers["stage2.1.branch2.3.weight"].Dims.ToArray());
        Assert.Equal("batchx48x8x8", g.FindValue("/stage2/stage2.1/Reshape_1_output_0")?.Shape?.ToString());
    }

    [Fact]
    public void PoseHeadIsSimpleBaselines()
    {
        var g = ZooModels.Get("pose_resnet18", new ZooOptions { InputHeight = 64, InputWidth = 64, Joints = 16 });
        Assert.Equal(3, Count(g, "ConvTranspose"));
        Assert.Equal([512L, 256, 4, 4], g.Initializers["deconv_layers.0.weight"].Dims.ToArray());
        Assert.Equal([16L, 256, 1, 1], g.Initializers["final_layer.weight"].Dims.ToArray());
        Assert.Contains("final_layer.bias", g.Initializers.Keys);
        Assert.NotNull(g.FindNode("/deconv_layers/deconv_layers.8/Relu"));
        foreach (var deconv in g.Nodes.Where(n => n.OpType == "ConvTranspose"))
        {
            Assert.Equal(2, deconv.Inputs.Length);
            Assert.Equal(new long[] { 1, 1, 1, 1 }, deconv.GetInts("pads"));
            Assert.Equal(new long[] { 2, 2 }, deconv.GetInts("strides"));
            Assert.Equal(new long[] { 0, 0 }, deconv.GetInts("output_padding"));
        }
        Assert.Equal("batchx16x16x16", g.Outputs.Single().Shape?.ToString());
    }

    [Fact]
    public void PoseBottleneckComesBeforeEachDeconvolution()
    {
        var g = ZooModels.Get("pose_resnet18", new ZooOptions { InputHeight = 64, InputWidth = 64, BottleneckChannels = 64 });
        var deconvs = g.Nodes.Where(n => n.OpType == "ConvTranspose").ToList();
        Assert.Equal(3, deconvs.Count);
        foreach (var deconv in deconvs)
        {
            var relu = g.Producer(deconv.Inputs[0])!;
            var bn = g.Producer(relu.Inputs[0])!;
            var conv = g.Producer(bn.Inputs[0])!;
            Assert.Equal(("Relu", "BatchNormalization", "Conv"), (relu.OpType, bn.OpType, conv.OpType));
            Assert.Equal((64L, 1L), (g.Initializers[conv.Inputs[1]].Dims[0], g.Initializers[conv.Inputs[1]].Dims[2]));
            Assert.Equal(64, g.Initializers[deconv.Inputs[1]].Dims[0]);
        }
        Assert.Equal([64L, 512, 1, 1], g.Initializers["deconv_layers.0.weight"].Dims.ToArray());
        Assert.Equal([64L, 256, 4, 4], g.Initializers["deconv_layers.3.weight"].Dims.ToArray());
        Assert.NotNull(g.FindNode("/deconv_layers/deconv_layers.3/ConvTranspose"));
    }
}
