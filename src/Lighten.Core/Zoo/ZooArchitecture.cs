namespace Lighten.Core.Zoo;

/// <summary>How the zoo builds one backbone and its classifier.</summary>
/// <param name="Name">The backbone's zoo name.</param>
/// <param name="Description">One line on it.</param>
/// <param name="Width">Its width multiplier.</param>
/// <param name="WidthIsOption">Whether <see cref="ZooOptions.WidthMultiplier"/> may change the width.</param>
/// <param name="Backbone">Builds the backbone on the input at a width.</param>
/// <param name="Classifier">Builds torchvision's classifier on the features for a number of classes at a width.</param>
internal sealed record ZooArchitecture(
    string Name,
    string Description,
    double Width,
    bool WidthIsOption,
    Func<NetBuilder, FeatureMap, double, FeatureMap> Backbone,
    Func<NetBuilder, FeatureMap, int, double, FeatureMap> Classifier)
{
    /// <summary>Whether G1 grafts it by default: true for the MobileNets and ShuffleNets, false for the ResNets it replaces.</summary>
    public bool Lightweight { get; init; } = true;

    /// <summary>The zoo's backbones, in the order they are listed.</summary>
    public static IReadOnlyList<ZooArchitecture> All { get; } =
    [
        .. ResNet.Depths.Select(depth => new ZooArchitecture($"resnet{depth}", $"ResNet-{depth}", 1, false,
            (net, x, _) => ResNet.Backbone(net, x, depth), (net, f, classes, _) => ResNet.Classifier(net, f, classes)) { Lightweight = false }),
        MobileNetV2Entry("mobilenet_v2", 1.0, true),
        MobileNetV2Entry("mobilenet_v2_w035", 0.35, false),
        MobileNetV3Entry("mobilenet_v3_large", MobileNetV3Size.Large),
        MobileNetV3Entry("mobilenet_v3_small", MobileNetV3Size.Small),
        .. ShuffleNetV2.StageChannels.Keys.Order().Select(w => new ZooArchitecture(
            $"shufflenet_v2_x{w.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture).Replace('.', '_')}",
            $"ShuffleNetV2 {w.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}x", w, false,
            (net, x, width) => ShuffleNetV2.Backbone(net, x, width), (net, f, classes, _) => ShuffleNetV2.Classifier(net, f, classes))),
    ];

    private static ZooArchitecture MobileNetV2Entry(string name, double width, bool option) =>
        new(name, $"MobileNetV2 {Format(width)}x", width, option,
            MobileNetV2.Backbone, (net, f, classes, _) => MobileNetV2.Classifier(net, f, classes));

    private static ZooArchitecture MobileNetV3Entry(string name, MobileNetV3Size size) =>
        new(name, $"MobileNetV3-{size}", 1.0, true,
            (net, x, width) => MobileNetV3.Backbone(net, x, size, width),
            (net, f, classes, width) => MobileNetV3.Classifier(net, f, size, classes, width));

    private static string Format(double width) => width.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture);
}
