namespace Lighten.Core.Zoo;

/// <summary>torchvision's MobileNetV2 with a width multiplier.</summary>
public static class MobileNetV2
{
    // t (expansion), c (channels), n (repeats), s (stride of the first block)
    private static readonly (int T, int C, int N, int S)[] Settings =
        [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)];

    /// <summary>
    /// <c>features</c>: a 3×3 stride-2 ConvBNReLU6, 17 inverted residual blocks and a 1×1 ConvBNReLU6 to
    /// 1280 × max(1, width) channels (stride 32).
    /// </summary>
    public static FeatureMap Backbone(NetBuilder net, FeatureMap input, double widthMultiplier = 1.0)
    {
        net.Defaults = LayerDefaults.MobileNetV2;
        int index = 0;
        var x = net.ConvBnAct(Feature(index++), input, ChannelRounding.MakeDivisible(32 * widthMultiplier), 3, 2, activation: Activation.Relu6);
        foreach (var (t, c, n, s) in Settings)
        {
            int outChannels = ChannelRounding.MakeDivisible(c * widthMultiplier);
            for (int i = 0; i < n; i++) x = InvertedResidual(net, Feature(index++), x, outChannels, i == 0 ? s : 1, t);
        }
        int last = ChannelRounding.MakeDivisible(1280 * Math.Max(1.0, widthMultiplier));
        return net.ConvBnAct(Feature(index), x, last, 1, activation: Activation.Relu6);
    }

    /// <summary>The classifier: global average pooling, Flatten, <c>classifier.0</c> Dropout(0.2), <c>classifier.1</c> Linear.</summary>
    public static FeatureMap Classifier(NetBuilder net, FeatureMap features, int classes)
    {
        net.Defaults = LayerDefaults.MobileNetV2;
        var x = net.Flatten("", net.GlobalAveragePool("", features));
        x = net.Dropout("classifier.0", x, 0.2f);
        return net.Linear("classifier.1", x, classes);
    }

    private static string Feature(int index) => ModuleScope.Child("features", index);

    private static FeatureMap InvertedResidual(NetBuilder net, string module, FeatureMap x, int outChannels, int stride, int expansion)
    {
        int hidden = (int)Math.Round((double)x.Channels * expansion);
        var conv = ModuleScope.Child(module, "conv");
        int layer = 0;
        var y = x;
        if (expansion != 1) y = net.ConvBnAct(ModuleScope.Child(conv, layer++), y, hidden, 1, activation: Activation.Relu6);
        y = net.ConvBnAct(ModuleScope.Child(conv, layer++), y, hidden, 3, stride, groups: hidden, activation: Activation.Relu6);
        y = net.Conv(ModuleScope.Child(conv, layer++), y, outChannels, 1);
        y = net.BatchNorm(ModuleScope.Child(conv, layer), y);
        return stride == 1 && x.Channels == outChannels ? net.Add(module, x, y) : y;
    }
}
