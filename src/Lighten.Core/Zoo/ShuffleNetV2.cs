using System.Globalization;

namespace Lighten.Core.Zoo;

/// <summary>torchvision's ShuffleNetV2 (channel split, branches, concatenation and channel shuffle).</summary>
public static class ShuffleNetV2
{
    private static readonly int[] Repeats = [4, 8, 4];

    /// <summary>The width multipliers torchvision defines and the output channels of conv1, stage2..4 and conv5 for each.</summary>
    public static IReadOnlyDictionary<double, int[]> StageChannels { get; } = new Dictionary<double, int[]>
    {
        [0.5] = [24, 48, 96, 192, 1024],
        [1.0] = [24, 116, 232, 464, 1024],
        [1.5] = [24, 176, 352, 704, 1024],
        [2.0] = [24, 244, 488, 976, 2048],
    };

    /// <summary>
    /// conv1 (3×3 stride 2), maxpool, stage2..stage4 of 4, 8 and 4 blocks (the first of each with stride 2),
    /// then conv5 (1×1) to 1024 channels (2048 at 2.0×), stride 32.
    /// </summary>
    public static FeatureMap Backbone(NetBuilder net, FeatureMap input, double widthMultiplier)
    {
        if (!StageChannels.TryGetValue(widthMultiplier, out var channels))
            throw new OptionException($"ShuffleNetV2 has no width {widthMultiplier.ToString(CultureInfo.InvariantCulture)} "
                + $"(widths: {string.Join(", ", StageChannels.Keys.Select(k => k.ToString("0.0", CultureInfo.InvariantCulture)))})");
        net.Defaults = LayerDefaults.ShuffleNetV2;
        var x = net.ConvBnAct("conv1", input, channels[0], 3, 2);
        x = net.MaxPool("maxpool", x, 3, 2, 1);
        for (int stage = 0; stage < Repeats.Length; stage++)
            for (int i = 0; i < Repeats[stage]; i++)
                x = InvertedResidual(net, $"stage{stage + 2}.{i}", x, channels[stage + 1], i == 0 ? 2 : 1);
        return net.ConvBnAct("conv5", x, channels[4], 1);
    }

    /// <summary>The classifier: global average pooling (torchvision's <c>mean([2, 3])</c>), Flatten, <c>fc</c>.</summary>
    public static FeatureMap Classifier(NetBuilder net, FeatureMap features, int classes)
    {
        net.Defaults = LayerDefaults.ShuffleNetV2;
        return net.Linear("fc", net.Flatten("", net.GlobalAveragePool("", features)), classes);
    }

    private static FeatureMap InvertedResidual(NetBuilder net, string module, FeatureMap x, int outChannels, int stride)
    {
        int branch = outChannels / 2;
        FeatureMap result;
        if (stride == 1)
        {
            var (kept, processed) = net.SplitHalves(module, x);
            result = net.Concat(module, kept, Branch2(net, module, processed, branch, stride));
        }
        else
        {
            var b1 = ModuleScope.Child(module, "branch1");
            var y = net.Conv(ModuleScope.Child(b1, 0), x, x.Channels, 3, stride, groups: x.Channels);
            y = net.BatchNorm(ModuleScope.Child(b1, 1), y);
            y = net.Conv(ModuleScope.Child(b1, 2), y, branch, 1);
            y = net.BatchNorm(ModuleScope.Child(b1, 3), y);
            y = net.Activate(ModuleScope.Child(b1, 4), y, Activation.Relu);
            result = net.Concat(module, y, Branch2(net, module, x, branch, stride));
        }
        return net.ChannelShuffle(module, result, 2);
    }

    private static FeatureMap Branch2(NetBuilder net, string module, FeatureMap x, int branch, int stride)
    {
        var b2 = ModuleScope.Child(module, "branch2");
        var y = net.Conv(ModuleScope.Child(b2, 0), x, branch, 1);
        y = net.BatchNorm(ModuleScope.Child(b2, 1), y);
        y = net.Activate(ModuleScope.Child(b2, 2), y, Activation.Relu);
        y = net.Conv(ModuleScope.Child(b2, 3), y, branch, 3, stride, groups: branch);
        y = net.BatchNorm(ModuleScope.Child(b2, 4), y);
        y = net.Conv(ModuleScope.Child(b2, 5), y, branch, 1);
        y = net.BatchNorm(ModuleScope.Child(b2, 6), y);
        return net.Activate(ModuleScope.Child(b2, 7), y, Activation.Relu);
    }
}
