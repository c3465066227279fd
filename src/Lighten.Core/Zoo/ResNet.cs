namespace Lighten.Core.Zoo;

/// <summary>torchvision's ResNet (v1.5: the stride of a Bottleneck is on its 3×3 convolution).</summary>
public static class ResNet
{
    /// <summary>The depths built: 18 and 34 with BasicBlocks, 50 with Bottlenecks.</summary>
    public static IReadOnlyList<int> Depths { get; } = [18, 34, 50];

    /// <summary>
    /// The backbone up to <c>layer4</c> (stride 32): conv1, bn1, relu, maxpool, then four stages of blocks.
    /// Its output has 512 channels (2048 for ResNet-50).
    /// </summary>
    public static FeatureMap Backbone(NetBuilder net, FeatureMap input, int depth)
    {
        var (bottleneck, blocks) = depth switch
        {
            18 => (false, new[] { 2, 2, 2, 2 }),
            34 => (false, new[] { 3, 4, 6, 3 }),
            50 => (true, new[] { 3, 4, 6, 3 }),
            _ => throw new OptionException($"ResNet depth {depth} is not built (depths: {string.Join(", ", Depths)})"),
        };
        net.Defaults = LayerDefaults.ResNet;
        var x = net.Conv("conv1", input, 64, 7, stride: 2, padding: 3);
        x = net.BatchNorm("bn1", x);
        x = net.Activate("relu", x, Activation.Relu);
        x = net.MaxPool("maxpool", x, 3, 2, 1);
        for (int stage = 0; stage < 4; stage++)
        {
            int planes = 64 << stage;
            for (int i = 0; i < blocks[stage]; i++)
            {
                var module = $"layer{stage + 1}.{i}";
                int stride = i == 0 && stage > 0 ? 2 : 1;
                x = bottleneck ? Bottleneck(net, module, x, planes, stride) : BasicBlock(net, module, x, planes, stride);
            }
        }
        return x;
    }

    /// <summary>The classifier: <c>avgpool</c> (global average pooling), Flatten, <c>fc</c>.</summary>
    public static FeatureMap Classifier(NetBuilder net, FeatureMap features, int classes)
    {
        net.Defaults = LayerDefaults.ResNet;
        var x = net.GlobalAveragePool("avgpool", features);
        return net.Linear("fc", net.Flatten("", x), classes);
    }

    private static FeatureMap BasicBlock(NetBuilder net, string module, FeatureMap x, int planes, int stride)
    {
        var y = net.Conv($"{module}.conv1", x, planes, 3, stride);
        y = net.BatchNorm($"{module}.bn1", y);
        y = net.Activate($"{module}.relu", y, Activation.Relu);
        y = net.Conv($"{module}.conv2", y, planes, 3);
        y = net.BatchNorm($"{module}.bn2", y);
        return Residual(net, module, x, y, stride);
    }

    private static FeatureMap Bottleneck(NetBuilder net, string module, FeatureMap x, int planes, int stride)
    {
        var y = net.Conv($"{module}.conv1", x, planes, 1);
        y = net.BatchNorm($"{module}.bn1", y);
        y = net.Activate($"{module}.relu", y, Activation.Relu);
        y = net.Conv($"{module}.conv2", y, planes, 3, stride);
        y = net.BatchNorm($"{module}.bn2", y);
        y = net.Activate($"{module}.relu", y, Activation.Relu);
        y = net.Conv($"{module}.conv3", y, planes * 4, 1);
        y = net.BatchNorm($"{module}.bn3", y);
        return Residual(net, module, x, y, stride);
    }

    /// <summary>The shortcut (a 1×1 convolution and BatchNorm at <c>downsample</c> when the shape changes), the sum and the last ReLU.</summary>
    private static FeatureMap Residual(NetBuilder net, string module, FeatureMap x, FeatureMap y, int stride)
    {
        var identity = x;
        if (stride != 1 || x.Channels != y.Channels)
        {
            identity = net.Conv($"{module}.downsample.0", x, y.Channels, 1, stride);
            identity = net.BatchNorm($"{module}.downsample.1", identity);
        }
        return net.Activate($"{module}.relu", net.Add(module, y, identity), Activation.Relu);
    }
}
