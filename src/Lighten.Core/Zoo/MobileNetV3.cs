namespace Lighten.Core.Zoo;

/// <summary>The two sizes of MobileNetV3.</summary>
public enum MobileNetV3Size
{
    /// <summary>MobileNetV3-Large.</summary>
    Large,

    /// <summary>MobileNetV3-Small.</summary>
    Small,
}

/// <summary>torchvision's MobileNetV3 (squeeze-excitation with HardSigmoid, HardSwish; BatchNorm epsilon 0.001).</summary>
public static class MobileNetV3
{
    // input channels, kernel, expanded channels, output channels, squeeze-excitation, HardSwish, stride
    private readonly record struct Block(int In, int Kernel, int Expanded, int Out, bool Se, bool HardSwish, int Stride);

    private static readonly Block[] Large =
    [
        new(16, 3, 16, 16, false, false, 1), new(16, 3, 64, 24, false, false, 2), new(24, 3, 72, 24, false, false, 1),
        new(24, 5, 72, 40, true, false, 2), new(40, 5, 120, 40, true, false, 1), new(40, 5, 120, 40, true, false, 1),
        new(40, 3, 240, 80, false, true, 2), new(80, 3, 200, 80, false, true, 1), new(80, 3, 184, 80, false, true, 1),
        new(80, 3, 184, 80, false, true, 1), new(80, 3, 480, 112, true, true, 1), new(112, 3, 672, 112, true, true, 1),
        new(112, 5, 672, 160, true, true, 2), new(160, 5, 960, 160, true, true, 1), new(160, 5, 960, 160, true, true, 1),
    ];

    private static readonly Block[] Small =
    [
        new(16, 3, 16, 16, true, false, 2), new(16, 3, 72, 24, false, false, 2), new(24, 3, 88, 24, false, false, 1),
        new(24, 5, 96, 40, true, true, 2), new(40, 5, 240, 40, true, true, 1), new(40, 5, 240, 40, true, true, 1),
        new(40, 5, 120, 48, true, true, 1), new(48, 5, 144, 48, true, true, 1), new(48, 5, 288, 96, true, true, 2),
        new(96, 5, 576, 96, true, true, 1), new(96, 5, 576, 96, true, true, 1),
    ];

    /// <summary>
    /// <c>features</c>: a 3×3 stride-2 ConvBNHardSwish, the inverted residual blocks, and a 1×1 ConvBNHardSwish
    /// to six times the last block's channels (960 for Large, 576 for Small at width 1; stride 32).
    /// </summary>
    public static FeatureMap Backbone(NetBuilder net, FeatureMap input, MobileNetV3Size size, double widthMultiplier = 1.0)
    {
        net.Defaults = LayerDefaults.MobileNetV3;
        var blocks = size == MobileNetV3Size.Large ? Large : Small;
        int Adjust(int channels) => ChannelRounding.MakeDivisible(channels * widthMultiplier);
        int index = 0;
        var x = net.ConvBnAct(Feature(index++), input, Adjust(blocks[0].In), 3, 2, activation: Activation.HardSwish);
        foreach (var b in blocks)
            x = InvertedResidual(net, Feature(index++), x, b with { Expanded = Adjust(b.Expanded), Out = Adjust(b.Out) });
        return net.ConvBnAct(Feature(index), x, 6 * x.Channels, 1, activation: Activation.HardSwish);
    }

    /// <summary>
    /// The classifier: <c>avgpool</c>, Flatten, then <c>classifier.0</c> Linear to 1280 (Large) or 1024 (Small)
    /// × width, <c>classifier.1</c> HardSwish, <c>classifier.2</c> Dropout(0.2), <c>classifier.3</c> Linear.
    /// </summary>
    public static FeatureMap Classifier(NetBuilder net, FeatureMap features, MobileNetV3Size size, int classes, double widthMultiplier = 1.0)
    {
        net.Defaults = LayerDefaults.MobileNetV3;
        int lastChannel = ChannelRounding.MakeDivisible((size == MobileNetV3Size.Large ? 1280 : 1024) * widthMultiplier);
        var x = net.Flatten("", net.GlobalAveragePool("avgpool", features));
        x = net.Linear("classifier.0", x, lastChannel);
        x = net.Activate("classifier.1", x, Activation.HardSwish);
        x = net.Dropout("classifier.2", x, 0.2f);
        return net.Linear("classifier.3", x, classes);
    }

    private static string Feature(int index) => ModuleScope.Child("features", index);

    private static FeatureMap InvertedResidual(NetBuilder net, string module, FeatureMap x, Block b)
    {
        var activation = b.HardSwish ? Activation.HardSwish : Activation.Relu;
        var block = ModuleScope.Child(module, "block");
        int layer = 0;
        var y = x;
        if (b.Expanded != x.Channels) y = net.ConvBnAct(ModuleScope.Child(block, layer++), y, b.Expanded, 1, activation: activation);
        y = net.ConvBnAct(ModuleScope.Child(block, layer++), y, b.Expanded, b.Kernel, b.Stride, groups: b.Expanded, activation: activation);
        if (b.Se) y = SqueezeExcitation(net, ModuleScope.Child(block, layer++), y, ChannelRounding.MakeDivisible(b.Expanded / 4));
        y = net.ConvBnAct(ModuleScope.Child(block, layer), y, b.Out, 1, activation: Activation.None);
        return b.Stride == 1 && x.Channels == b.Out ? net.Add(module, y, x) : y;
    }

    /// <summary>torchvision's SqueezeExcitation: avgpool, fc1 (1×1 Conv with bias), ReLU, fc2, HardSigmoid, then scale × input.</summary>
    private static FeatureMap SqueezeExcitation(NetBuilder net, string module, FeatureMap x, int squeeze)
    {
        var s = net.GlobalAveragePool(ModuleScope.Child(module, "avgpool"), x);
        s = net.Conv(ModuleScope.Child(module, "fc1"), s, squeeze, 1, bias: true);
        s = net.Activate(ModuleScope.Child(module, "activation"), s, Activation.Relu);
        s = net.Conv(ModuleScope.Child(module, "fc2"), s, x.Channels, 1, bias: true);
        s = net.HardSigmoid(ModuleScope.Child(module, "scale_activation"), s);
        return net.Mul(module, s, x);
    }
}
