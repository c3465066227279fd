using System.Globalization;
using Lighten.Core.Zoo;

namespace Lighten.Core.Transforms.Backbone;

/// <summary>
/// The adapters G1 puts between a new backbone and a head that keeps its weights (the guideline's "1×1 Conv to match
/// the channels, stride-2 DWConv to match the spatial size"), and the layers they add, written into a builder.
/// Each spatial axis is matched on its own (<see cref="Plan"/>), so that a text recognizer whose head reads a row of
/// height 1 gets a graft as well as a square pose model.
/// </summary>
internal sealed class BackboneAdapter(GraphBuilder builder, int seed, long opset)
{
    /// <summary>The node-name scope of every adapter layer.</summary>
    public const string Scope = "/backbone_adapter";

    private readonly SplitMix64 _random = new(seed ^ 0x5EED_ADA9);
    private int _layers;

    /// <summary>One line per layer added.</summary>
    public List<string> Details { get; } = [];

    /// <summary>
    /// How one spatial axis goes from <paramref name="from"/> (the new backbone's output) to <paramref name="to"/> (what
    /// the head reads): stride-2 halvings when ceil-halving lands on it; else, when <paramref name="to"/> divides it,
    /// halvings while the quotient is even and average pooling by the odd rest (adaptive average pooling, exactly);
    /// else one average pooling whose overlapping windows cover the axis end to end (adaptive pooling's fixed-window
    /// form); and when the axis is smaller than the head's, it grows.
    /// </summary>
    public static AxisPlan Plan(int from, int to)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(from, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(to, 1);
        if (from == to) return AxisPlan.Keep;
        if (from < to) return AxisPlan.Keep with { Grows = true };
        int n = from, halvings = 0;
        while (n > to) { n = Half(n); halvings++; }
        if (n == to) return AxisPlan.Keep with { Halvings = halvings };
        if (from % to == 0)
        {
            int ratio = from / to, even = 0;
            while (ratio % 2 == 0) { ratio /= 2; even++; }
            return new AxisPlan(even, ratio, ratio, false);
        }
        int stride = from / to;
        return new AxisPlan(0, from - (to - 1) * stride, stride, false);
    }

    /// <summary>
    /// Brings each axis of <paramref name="x"/> that is larger than <paramref name="height"/>×<paramref name="width"/> down
    /// to it (<see cref="Plan"/>): 3×3 depthwise Conv+BN+ReLU layers with stride 2 on the axes still halving and 1 on
    /// the others (anisotropic, such as 2×1), then one AveragePool for what halving cannot reach. Smaller axes are left
    /// to <see cref="Grow"/>.
    /// </summary>
    public FeatureMap Shrink(FeatureMap x, int height, int width)
    {
        var (h, w) = (Plan(x.Height, height), Plan(x.Width, width));
        for (int i = 0; i < Math.Max(h.Halvings, w.Halvings); i++)
        {
            var from = x;
            var strides = (i < h.Halvings ? 2 : 1, i < w.Halvings ? 2 : 1);
            x = Layer(x, x.Channels, kernel: 3, strides, groups: x.Channels);
            var stride = strides.Item1 == strides.Item2 ? "stride-2" : $"stride-{strides.Item1}x{strides.Item2}";
            Details.Add($"adapter: {stride} 3x3 DWConv+BN+ReLU {Size(from)} → {Size(x)}");
        }
        if (h.PoolKernel > 1 || w.PoolKernel > 1)
        {
            var from = x;
            var pooled = Emit($"{Scope}/pool.{Next()}/AveragePool", "AveragePool", [x.Tensor],
                ("ceil_mode", new IntAttribute(0)), ("count_include_pad", new IntAttribute(0)), ("kernel_shape", Ints(h.PoolKernel, w.PoolKernel)),
                ("pads", Ints(0, 0, 0, 0)), ("strides", Ints(h.PoolStride, w.PoolStride)));
            x = new FeatureMap(pooled, x.Channels, NetBuilder.OutputSize(x.Height, h.PoolKernel, h.PoolStride, 0),
                NetBuilder.OutputSize(x.Width, w.PoolKernel, w.PoolStride, 0));
            Details.Add($"adapter: AveragePool {h.PoolKernel}x{w.PoolKernel} stride {h.PoolStride}x{w.PoolStride} {Size(from)} → {Size(x)}");
        }
        return x;
    }

    /// <summary>
    /// Brings each axis of <paramref name="x"/> that is smaller than <paramref name="height"/>×<paramref name="width"/> up to
    /// it with one linear Resize (half-pixel centres, so that each column the head reads sits where it did in the image):
    /// the new backbone is coarser than the old one there, and the head reads interpolated rows or columns. Nearest would
    /// repeat each column, and a sequence head would then read runs of identical steps.
    /// </summary>
    /// <exception cref="OptionException">The model's opset has no Resize (before 10).</exception>
    public FeatureMap Grow(FeatureMap x, int height, int width)
    {
        if (x.Height >= height && x.Width >= width) return x;
        var (h, w) = (Math.Max(x.Height, height), Math.Max(x.Width, width));
        if (opset < 10)
            throw new OptionException($"the new backbone's output is {x.Height}x{x.Width} and the head reads {height}x{width}: growing it needs "
                + $"Resize, which opset {opset} lacks; upgrade the model to opset 10 or later");
        // Scales, not sizes: sizes would fix the batch, which stays symbolic.
        var scales = builder.UniqueName("backbone_adapter.resize_scales");
        builder.SetInitializer(scales, TensorData.FromFloats([4], [1f, 1f, Scale(x.Height, h), Scale(x.Width, w)]));
        string[] inputs;
        (string, AttributeValue)[] attributes;
        if (opset == 10)
        {
            inputs = [x.Tensor, scales];
            attributes = [("mode", new StringAttribute("linear"))];
        }
        else
        {
            var roi = "";
            if (opset < 13)
            {
                roi = builder.UniqueName("backbone_adapter.resize_roi");
                builder.SetInitializer(roi, TensorData.FromFloats([0], []));
            }
            inputs = [x.Tensor, roi, scales];
            attributes = [("coordinate_transformation_mode", new StringAttribute("half_pixel")), ("mode", new StringAttribute("linear"))];
        }
        var y = new FeatureMap(Emit($"{Scope}/resize.{Next()}/Resize", "Resize", inputs, attributes), x.Channels, h, w);
        Details.Add($"adapter: linear Resize {Size(x)} → {Size(y)} (the new backbone is coarser than the cut: the head reads interpolated "
            + (x.Height < h && x.Width < w ? "rows and columns" : x.Width < w ? "columns" : "rows") + ")");
        return y;
    }

    /// <summary>A 1×1 Conv+BN+ReLU from <paramref name="x"/>'s channels to <paramref name="channels"/> (nothing when they agree).</summary>
    public FeatureMap MatchChannels(FeatureMap x, int channels)
    {
        if (x.Channels == channels) return x;
        var y = Layer(x, channels, kernel: 1, strides: (1, 1), groups: 1);
        Details.Add($"adapter: 1x1 Conv+BN+ReLU {x.Channels} → {channels} channels at {x.Height}x{x.Width}");
        return y;
    }

    private static int Half(int n) => (n + 1) / 2;

    /// <summary>
    /// The float scale whose product with <paramref name="from"/> floors to <paramref name="to"/> in float (as ONNX Runtime
    /// and the training engine compute it) and in double (as shape inference does): t/n rounded to float may fall short.
    /// </summary>
    private static float Scale(int from, int to)
    {
        float scale = (float)to / from;
        while ((float)(scale * (float)from) < to || (double)scale * from < to) scale = MathF.BitIncrement(scale);
        return scale;
    }

    private static string Size(FeatureMap x) => $"{x.Channels}x{x.Height}x{x.Width}";

    private string Next() => (_layers++).ToString(CultureInfo.InvariantCulture);

    private FeatureMap Layer(FeatureMap x, int channels, int kernel, (int H, int W) strides, int groups)
    {
        var index = Next();
        var scope = $"{Scope}/adapter.{index}";
        long[] dims = [channels, x.Channels / groups, kernel, kernel];
        var weight = builder.UniqueName($"backbone_adapter.{index}.0.weight");
        builder.SetInitializer(weight, TensorData.FromFloats(dims, WeightInit.KaimingNormalFanOut.Weight(_random, dims)));
        int pad = (kernel - 1) / 2;
        var conv = Emit(scope + "/Conv", "Conv", [x.Tensor, weight],
            ("dilations", Ints(1, 1)), ("group", new IntAttribute(groups)), ("kernel_shape", Ints(kernel, kernel)),
            ("pads", Ints(pad, pad, pad, pad)), ("strides", Ints(strides.H, strides.W)));
        var bn = Emit(scope + "/BatchNormalization", "BatchNormalization", [conv, .. BatchNormParameters($"backbone_adapter.{index}.1", channels)],
            ("epsilon", new FloatAttribute(1e-5f)), ("momentum", new FloatAttribute(0.9f)));
        var relu = Emit(scope + "/Relu", "Relu", [bn]);
        return new FeatureMap(relu, channels, NetBuilder.OutputSize(x.Height, kernel, strides.H, pad), NetBuilder.OutputSize(x.Width, kernel, strides.W, pad));
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

/// <summary>How <see cref="BackboneAdapter"/> brings one spatial axis to the head's size.</summary>
/// <param name="Halvings">Stride-2 depthwise layers on this axis.</param>
/// <param name="PoolKernel">The AveragePool window on this axis after them (1: no pooling).</param>
/// <param name="PoolStride">The AveragePool stride on this axis.</param>
/// <param name="Grows">Whether the axis is smaller than the head's and is resized up.</param>
internal readonly record struct AxisPlan(int Halvings, int PoolKernel, int PoolStride, bool Grows)
{
    /// <summary>Nothing to do.</summary>
    public static AxisPlan Keep => new(0, 1, 1, false);
}
