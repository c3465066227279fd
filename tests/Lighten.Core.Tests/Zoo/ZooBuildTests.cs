using Lighten.Core.Analysis;
using Lighten.Core.Onnx;
using Lighten.Core.Zoo;

namespace Lighten.Core.Tests.Zoo;

/// <summary>The registry, its options and errors, seeds, and the backbone a head attaches to.</summary>
public class ZooBuildTests
{
    private static readonly ZooOptions Small = new() { InputHeight = 64, InputWidth = 64, Classes = 10 };

    [Fact]
    public void NamesCoverTheBackbonesAndTheirPoseVariants()
    {
        string[] backbones = ["resnet18", "resnet34", "resnet50", "mobilenet_v2", "mobilenet_v2_w035", "mobilenet_v3_large",
            "mobilenet_v3_small", "shufflenet_v2_x0_5", "shufflenet_v2_x1_0", "shufflenet_v2_x1_5", "shufflenet_v2_x2_0"];
        Assert.Equal([.. backbones, .. backbones.Select(b => "pose_" + b)], ModelZoo.Names);
        Assert.All(ModelZoo.Entries, e => Assert.Equal(e.Name.StartsWith("pose_", StringComparison.Ordinal) ? ZooTask.Pose : ZooTask.Classify, e.Task));
    }

    [Fact]
    public void UnknownNameListsTheNames()
    {
        var e = Assert.Throws<OptionException>(() => ModelZoo.Build("resnet51"));
        Assert.Contains("'resnet51'", e.Message);
        Assert.Contains("resnet50", e.Message);
        Assert.Contains("pose_mobilenet_v2", e.Message);
    }

    public static TheoryData<string, ZooOptions, string> BadOptions => new()
    {
        { "resnet18", new ZooOptions { InputHeight = 16 }, "at least 32" },
        { "resnet18", new ZooOptions { Classes = 0 }, "classes" },
        { "pose_resnet18", new ZooOptions { Joints = 0 }, "joints" },
        { "pose_resnet18", new ZooOptions { BottleneckChannels = 0 }, "bottleneck" },
        { "pose_resnet18", new ZooOptions { Task = ZooTask.Classify }, "pose model" },
        { "resnet18", new ZooOptions { WidthMultiplier = 0.5 }, "fixed width" },
        { "mobilenet_v2_w035", new ZooOptions { WidthMultiplier = 1.0 }, "fixed width" },
        { "mobilenet_v2", new ZooOptions { WidthMultiplier = -1 }, "width multiplier" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadOptionsAreRefused(string name, ZooOptions options, string message)
    {
        var e = Assert.Throws<OptionException>(() => ModelZoo.Build(name, options));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void TheSameSeedGivesTheSameGraph()
    {
        var options = Small with { Seed = 7 };
        var first = OnnxExporter.ToBytes(ModelZoo.Build("mobilenet_v3_small", options));
        Assert.Equal(first, OnnxExporter.ToBytes(ModelZoo.Build("mobilenet_v3_small", options)));

        var other = ModelZoo.Build("mobilenet_v3_small", options with { Seed = 8 });
        var graph = ModelZoo.Build("mobilenet_v3_small", options);
        Assert.Equal(graph.Nodes.ToArray(), other.Nodes.ToArray());
        Assert.False(graph.Initializers["features.0.0.weight"].ContentEquals(other.Initializers["features.0.0.weight"]));
        Assert.True(graph.Initializers["features.0.1.running_var"].ContentEquals(other.Initializers["features.0.1.running_var"]));
    }

    [Fact]
    public void InputIsSymbolicBatchByThreeByHByW()
    {
        var g = ZooModels.Get("resnet18", new ZooOptions { InputHeight = 96, InputWidth = 128 });
        Assert.Equal("input: Float batchx3x96x128", g.Inputs.Single().ToString());
        Assert.Equal("output: Float batchx1000", g.Outputs.Single().ToString());
        Assert.Equal("resnet18", g.Name);
        Assert.Equal(17, g.OpsetVersion());
        Assert.All(g.Nodes.SelectMany(n => n.Outputs), o => Assert.True(g.FindValue(o)?.Shape is { } s && s.Rank > 0, $"no shape for {o}"));
    }

    [Fact]
    public void WidthOptionEqualsTheNamedWidth()
    {
        var named = ModelZoo.Summarize("mobilenet_v2_w035");
        var option = ModelZoo.Summarize("mobilenet_v2", new ZooOptions { WidthMultiplier = 0.35 });
        Assert.Equal((named.Parameters, named.Macs), (option.Parameters, option.Macs));
    }

    [Fact]
    public void PoseTaskOnAClassifierNameBuildsThePoseModel()
    {
        var g = ModelZoo.Build("shufflenet_v2_x0_5", Small with { Task = ZooTask.Pose });
        Assert.Equal("pose_shufflenet_v2_x0_5", g.Name);
        Assert.Equal("pose_shufflenet_v2_x0_5", g.Metadata[ModelZoo.ModelKey]);
        Assert.Equal("batchx16x16x16", g.Outputs.Single().Shape?.ToString());
        Assert.Equal("pose_shufflenet_v2_x0_5", ModelZoo.Summarize("shufflenet_v2_x0_5", Small with { Task = ZooTask.Pose }).Entry.Name);
    }

    [Theory]
    [InlineData("resnet18", 512)]
    [InlineData("resnet50", 2048)]
    [InlineData("mobilenet_v2", 1280)]
    [InlineData("mobilenet_v2_w035", 1280)]
    [InlineData("mobilenet_v3_large", 960)]
    [InlineData("mobilenet_v3_small", 576)]
    [InlineData("shufflenet_v2_x1_0", 1024)]
    [InlineData("shufflenet_v2_x2_0", 2048)]
    public void BackboneExposesItsOutput(string name, int channels)
    {
        var options = new ZooOptions { InputHeight = 64, InputWidth = 96 };
        var backbone = ModelZoo.BuildBackbone(name, options);
        Assert.Equal(channels, backbone.Output.Channels);
        Assert.Equal((2, 3), (backbone.Output.Height, backbone.Output.Width));
        Assert.Equal(backbone.Output.Tensor, backbone.Graph.Outputs.Single().Name);
        Assert.Equal($"batchx{channels}x2x3", backbone.Graph.Outputs.Single().Shape?.ToString());
        GraphValidator.Validate(backbone.Graph);

        var full = ModelZoo.Build(name, options);
        Assert.Equal(backbone.Output.Tensor, full.Metadata[ModelZoo.BackboneOutputKey]);
        Assert.Equal(channels.ToString(System.Globalization.CultureInfo.InvariantCulture), full.Metadata[ModelZoo.BackboneChannelsKey]);
        Assert.Equal(backbone.Graph.Initializers.Keys, full.Initializers.Keys.Where(backbone.Graph.Initializers.ContainsKey));
        // The backbone is drawn first from the same seed, so its weights are those of the whole model.
        Assert.All(backbone.Graph.Initializers, kv => Assert.True(kv.Value.ContentEquals(full.Initializers[kv.Key]), kv.Key));
    }

    [Fact]
    public void TrainableParametersLeaveOutRunningStatistics()
    {
        var net = new NetBuilder(1);
        var x = net.Input(3, 8, 8);
        x = net.Conv("conv", x, 4, 3, bias: true);
        x = net.BatchNorm("bn", x);
        x = net.Linear("fc", net.Flatten("", net.GlobalAveragePool("", x)), 2);
        var g = net.ToGraph("tiny", x);
        Assert.Equal(4 * 3 * 9 + 4 + 2 * 4 + 4 * 2 + 2, TrainableParameters.Count(g));
        Assert.Equal(4 * 3 * 9 + 4 + 4 * 4 + 4 * 2 + 2, Profiler.Run(g).Totals.Params);
    }
}
