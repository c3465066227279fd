using System.Globalization;
using Lighten.Core.Analysis;

namespace Lighten.Core.Zoo;

/// <summary>
/// The model zoo: torchvision's ResNet-18/34/50, MobileNetV2 (and its 0.35× width), MobileNetV3-Large/Small
/// and ShuffleNetV2 0.5×/1.0×/1.5×/2.0×, each as a classifier (<c>resnet50</c>) or, with the SimpleBaseline head,
/// as a pose model (<c>pose_resnet50</c>). Graphs have the input <c>input</c> [batch, 3, H, W] and the output
/// <c>output</c>, and record the backbone's output tensor in their metadata (<see cref="BackboneOutputKey"/>).
/// </summary>
public static class ModelZoo
{
    /// <summary>The prefix of the pose models' names.</summary>
    public const string PosePrefix = "pose_";

    /// <summary>Metadata key of the zoo name a graph was built from.</summary>
    public const string ModelKey = "lighten.zoo.model";

    /// <summary>Metadata key of the backbone's output tensor (where the head attaches).</summary>
    public const string BackboneOutputKey = "lighten.zoo.backbone_output";

    /// <summary>Metadata key of the backbone's output channels.</summary>
    public const string BackboneChannelsKey = "lighten.zoo.backbone_channels";

    private static readonly Dictionary<string, ZooArchitecture> Architectures =
        ZooArchitecture.All.ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>Every model, the classifiers first, then the pose models, each in backbone order.</summary>
    public static IReadOnlyList<ZooEntry> Entries { get; } =
    [
        .. ZooArchitecture.All.Select(a => new ZooEntry(a.Name, a.Name, ZooTask.Classify, a.Description)),
        .. ZooArchitecture.All.Select(a => new ZooEntry(PosePrefix + a.Name, a.Name, ZooTask.Pose, $"{a.Description} + SimpleBaseline")),
    ];

    /// <summary>The names <see cref="Build"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Entries.Select(e => e.Name)];

    /// <summary>
    /// The lightweight backbones G1 grafts when no candidates are named, in zoo order: MobileNetV2 (1.0× and 0.35×),
    /// MobileNetV3-Large and -Small, ShuffleNetV2 at every width. The ResNets are what G1 replaces; naming one still works.
    /// </summary>
    public static IReadOnlyList<string> GraftCandidates { get; } = [.. ZooArchitecture.All.Where(a => a.Lightweight).Select(a => a.Name)];

    /// <summary>The entry called <paramref name="name"/>; throws <see cref="OptionException"/> listing the names when there is none.</summary>
    public static ZooEntry Find(string name) =>
        Entries.FirstOrDefault(e => e.Name == name)
        ?? throw new OptionException($"the zoo has no model '{name}' (models: {string.Join(", ", Names)})");

    /// <summary>Builds the model called <paramref name="name"/>, validated, with shapes inferred.</summary>
    /// <exception cref="OptionException">The name is unknown or an option does not fit it.</exception>
    public static Graph Build(string name, ZooOptions? options = null) => Assemble(name, options, drawWeights: true);

    /// <summary>Builds <paramref name="name"/> and counts its trainable parameters and its MACs at batch 1 (weights are not drawn).</summary>
    /// <exception cref="OptionException">The name is unknown or an option does not fit it.</exception>
    public static ZooSummary Summarize(string name, ZooOptions? options = null)
    {
        options ??= new ZooOptions();
        var graph = Assemble(name, options, drawWeights: false);
        var entry = Find(graph.Metadata[ModelKey]);
        return new ZooSummary(entry, TrainableParameters.Count(graph), Profiler.Run(graph).Totals.Macs, options.InputHeight, options.InputWidth);
    }

    private static Graph Assemble(string name, ZooOptions? options, bool drawWeights)
    {
        var (arch, task, width, o) = Resolve(name, options);
        var net = new NetBuilder(o.Seed, null, drawWeights);
        var features = arch.Backbone(net, net.Input(3, o.InputHeight, o.InputWidth), width);
        var head = task == ZooTask.Pose
            ? SimpleBaselineHead.Build(net, features, o.Joints, o.DeconvChannels, o.BottleneckChannels)
            : arch.Classifier(net, features, o.Classes, width);
        var modelName = task == ZooTask.Pose ? PosePrefix + arch.Name : arch.Name;
        return net.ToGraph(modelName, head, NetBuilder.OutputName, new Dictionary<string, string>
        {
            [ModelKey] = modelName,
            [BackboneOutputKey] = features.Tensor,
            [BackboneChannelsKey] = features.Channels.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Builds only the backbone of <paramref name="name"/> (the head options are ignored); its output keeps its tensor name.</summary>
    /// <exception cref="OptionException">The name is unknown or an option does not fit it.</exception>
    public static ZooBackbone BuildBackbone(string name, ZooOptions? options = null)
    {
        var (arch, _, width, o) = Resolve(name, options);
        var net = new NetBuilder(o.Seed);
        var features = arch.Backbone(net, net.Input(3, o.InputHeight, o.InputWidth), width);
        var graph = net.ToGraph(arch.Name, features, outputName: null, new Dictionary<string, string> { [ModelKey] = arch.Name });
        return new ZooBackbone(graph, features);
    }

    private static (ZooArchitecture Arch, ZooTask Task, double Width, ZooOptions Options) Resolve(string name, ZooOptions? options)
    {
        var entry = Find(name);
        var o = options ?? new ZooOptions();
        o.Validate();
        var arch = Architectures[entry.Backbone];
        if (entry.Task == ZooTask.Pose && o.Task == ZooTask.Classify)
            throw new OptionException($"'{name}' is a pose model; build '{arch.Name}' for a classifier");
        if (o.WidthMultiplier is double w && w != arch.Width && !arch.WidthIsOption)
            throw new OptionException($"'{name}' has a fixed width of {arch.Width.ToString(CultureInfo.InvariantCulture)}; "
                + "a width multiplier applies to mobilenet_v2, mobilenet_v3_large and mobilenet_v3_small");
        return (arch, o.Task ?? entry.Task, o.WidthMultiplier ?? arch.Width, o);
    }
}
