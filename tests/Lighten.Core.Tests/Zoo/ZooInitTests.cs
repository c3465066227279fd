using Lighten.Core.Zoo;

namespace Lighten.Core.Tests.Zoo;

/// <summary>Weights are drawn with torchvision's rules for each model.</summary>
public class ZooInitTests
{
    private static readonly ZooOptions Small = new() { InputHeight = 64, InputWidth = 64 };

    private static (double Mean, double Std, double MaxAbs) Stats(TensorData t)
    {
        var v = t.ToFloatArray();
        double mean = v.Average(x => (double)x);
        double std = Math.Sqrt(v.Average(x => (x - mean) * (x - mean)));
        return (mean, std, v.Max(x => Math.Abs((double)x)));
    }

    [Fact]
    public void ResNetConvolutionsAreKaimingNormalFanOut()
    {
        var g = ZooModels.Get("resnet50", Small);
        var (mean, std, _) = Stats(g.Initializers["layer4.0.conv2.weight"]);
        double expected = Math.Sqrt(2.0 / (512 * 9));
        Assert.InRange(std, expected * 0.99, expected * 1.01);
        Assert.InRange(mean, -expected * 0.01, expected * 0.01);
        // fc keeps PyTorch's Linear default: U(±1/√fan_in) for weight and bias.
        double bound = 1 / Math.Sqrt(2048);
        Assert.InRange(Stats(g.Initializers["fc.bias"]).MaxAbs, bound * 0.9, bound);
        Assert.InRange(Stats(g.Initializers["fc.weight"]).Std, bound / Math.Sqrt(3) * 0.99, bound / Math.Sqrt(3) * 1.01);
    }

    [Fact]
    public void BatchNormStartsAsTheIdentity()
    {
        var g = ZooModels.Get("resnet18", Small);
        Assert.All(g.Initializers["layer1.0.bn1.weight"].ToFloatArray(), v => Assert.Equal(1f, v));
        Assert.All(g.Initializers["layer1.0.bn1.bias"].ToFloatArray(), v => Assert.Equal(0f, v));
        Assert.All(g.Initializers["layer1.0.bn1.running_mean"].ToFloatArray(), v => Assert.Equal(0f, v));
        Assert.All(g.Initializers["layer1.0.bn1.running_var"].ToFloatArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void MobileNetLinearLayersAreNormalWithStd001()
    {
        var g = ZooModels.Get("mobilenet_v3_large", Small);
        Assert.InRange(Stats(g.Initializers["classifier.0.weight"]).Std, 0.0099, 0.0101);
        Assert.All(g.Initializers["classifier.3.bias"].ToFloatArray(), v => Assert.Equal(0f, v));
        Assert.All(g.Initializers["features.4.block.2.fc1.bias"].ToFloatArray(), v => Assert.Equal(0f, v));
        // Depthwise: fan out is channels × kernel area, as PyTorch computes it from the weight's shape.
        var dw = Stats(g.Initializers["features.15.block.1.0.weight"]);
        Assert.InRange(dw.Std, Math.Sqrt(2.0 / (960 * 25)) * 0.95, Math.Sqrt(2.0 / (960 * 25)) * 1.05);
    }

    [Fact]
    public void ShuffleNetKeepsPyTorchsDefaults()
    {
        var g = ZooModels.Get("shufflenet_v2_x1_0", Small);
        double bound = 1 / Math.Sqrt(232);
        var s = Stats(g.Initializers["stage4.0.branch2.0.weight"]);
        Assert.InRange(s.MaxAbs, bound * 0.99, bound);
        Assert.InRange(s.Std, bound / Math.Sqrt(3) * 0.98, bound / Math.Sqrt(3) * 1.02);
    }

    [Fact]
    public void PoseHeadIsNormalWithStd0001()
    {
        var g = ZooModels.Get("pose_shufflenet_v2_x0_5", Small);
        Assert.InRange(Stats(g.Initializers["deconv_layers.0.weight"]).Std, 0.00099, 0.00101);
        Assert.All(g.Initializers["final_layer.bias"].ToFloatArray(), v => Assert.Equal(0f, v));
    }
}
