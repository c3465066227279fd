using System.Globalization;
using Lighten.Core.Zoo;

namespace Lighten.Core.Transforms.Backbone;

/// <summary>
/// The adapters G1 puts between a new backbone and a head that keeps its weights (the guideline's "1×1 Conv to match
/// the channels, stride-2 DWConv to match the spatial size"), and the layers they add, written into a builder.
/// </summary>
internal sealed class BackboneAdapter(GraphBuilder builder, int seed)
{
    /// <summary>The node-name scope of every adapter layer.</summary>
    public const string Scope = "/backbone_adapter";

    private readonly SplitMix64 _random = new(seed ^ 0x5EED_ADA9);
    private int _layers;

    /// <summary>One line per layer added.</summary>
    public List<string> Details { get; } = [];

    /// <summary>
    /// Halves the spatial size of <paramref name="x"/> with 3×3 stride-2 depthwise Conv+BN+ReLU layers until it is
    /// <paramref name="height"/>×<paramref name="width"/>; throws <see cref="OptionException"/> when halving cannot reach it.
    /// </summary>
    public FeatureMap MatchSize(FeatureMap x, int height, int width)
    {
        if (x.Height == height && x.Width == width) return x;
        var (h, w) = (x.Height, x.Width);
        int steps = 0;
        while (h > height || w > width) { (h, w) = (Half(h), Half(w)); steps++; }
        if (h != height || w != width)
            throw new OptionException($"the new backbone's output is {x.Height}x{x.Width} and the head reads {height}x{width}: "
                + "stride-2 adapters can only shrink by halving; choose another --cut or input size");
        for (int i = 0; i < steps; i++)
        {
            var from = x;
            x = Layer(x, x.Channels, kernel: 3, stride: 2, groups: x.Channels);
            Details.Add($"adapter: stride-2 3x3 DWConv+BN+ReLU {from.Channels}x{from.Height}x{from.Width} → {x.Channels}x{x.Height}x{x.Width}");
        }
        return x;
    }

    /// <summary>A 1×1 Conv+BN+ReLU from <paramref name="x"/>'s channels to <paramref name="channels"/> (nothing when they agree).</summary>
    public FeatureMap MatchChannels(FeatureMap x, int channels)
    {
        if (x.Channels == channels) return x;
        var y = Layer(x, channels, kernel: 1, stride: 1, groups: 1);
        Details.Add($"adapter: 1x1 Conv+BN+ReLU {x.Channels} → {channels} channels at {x.Height}x{x.Width}");
        return y;
    }

    private static int Half(int n) => (n + 1) / 2;

    private FeatureMap Layer(FeatureMap x, int channels, int kernel, int stride, int groups)
    {
        var scope = $"{Scope}/adapter.{(_layers++).ToString(CultureInfo.InvariantCulture)}";
        long[] dims = [channels, x.Channels / groups, kernel, kernel];
        var weight = builder.UniqueName($"backbone_adapter.{_layers - 1}.0.weight");
        builder.SetInitializer(weight, TensorData.FromFloats(dims, WeightInit.KaimingNormalFanOut.Weight(_random, dims)));
        int pad = (kernel - 1) / 2;
        var conv = Emit(scope + "/Conv", "Conv", [x.Tensor, weight],
            ("dilations", Ints(1, 1)), ("group", new IntAttribute(groups)), ("kernel_shape", Ints(kernel, kernel)),
            ("pads", Ints(pad, pad, pad, pad)), ("strides", Ints(stride, stride)));
        var bn = Emit(scope + "/BatchNormalization", "BatchNormalization", [conv, .. BatchNormParameters($"backbone_adapter.{_layers - 1}.1", channels)],
            ("epsilon", new FloatAttribute(1e-5f)), ("momentum", new FloatAttribute(0.9f)));
        var relu = Emit(scope + "/Relu", "Relu", [bn]);
        return new FeatureMap(relu, channels, NetBuilder.OutputSize(x.Height, kernel, stride, pad), NetBuilder.OutputSize(x.Width, kernel, stride, pad));
    }

    /// <summary>Identity BatchNorm parameters (weight 1, bias 0, mean 0, variance 1) named under <paramref name="module"/>.</summary>
    public string[] BatchNormParameters(string module, int channels)
    {
        var ones = Enumerable.Repeat(1f, channels).ToArray();
        var zeros = new float[channels];
        return
        [
            Set(module + ".weight", ones), Set(module + ".bias", zeros), Set(module + ".running_mean", zeros), Set(module + ".running_var", ones),
        ];

        string Set(string name, float[] values)
        {
            var unique = builder.UniqueName(name);
            builder.SetInitializer(unique, TensorData.FromFloats([channels], values));
            return unique;
        }
    }

    private string Emit(string name, string opType, IEnumerable<string> inputs, params (string Name, AttributeValue Value)[] attributes)
    {
        var node = builder.UniqueName(name);
        var output = builder.UniqueName(node + "_output_0");
        builder.AddNode(new Node(node, opType, inputs, [output], attributes.Select(a => KeyValuePair.Create(a.Name, a.Value))));
        return output;
    }

    private static IntsAttribute Ints(params long[] values) => new([.. values]);
}
