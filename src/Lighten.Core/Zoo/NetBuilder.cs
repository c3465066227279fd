using System.Collections.Immutable;

namespace Lighten.Core.Zoo;

/// <summary>
/// Builds a network the way torchvision defines it: each layer is added under its module path, which names
/// its initializers (<c>layer1.0.conv1.weight</c>, <c>layer1.0.bn1.running_mean</c>) and its node
/// (<c>/layer1/layer1.0/conv1/Conv</c>, see <see cref="ModuleScope"/>); weights are drawn from one seeded
/// random stream in the order the layers are added, so the same seed gives the same graph. The graph is an
/// un-fused training graph with ONNX semantics: Conv, then BatchNormalization (inference mode), then the activation.
/// </summary>
public sealed class NetBuilder
{
    /// <summary>The graph input's name.</summary>
    public const string InputName = "input";

    /// <summary>The graph output's name.</summary>
    public const string OutputName = "output";

    /// <summary>The symbol of the dynamic batch dimension.</summary>
    public const string BatchSymbol = "batch";

    /// <summary>The opset of the graphs built.</summary>
    public const long Opset = 17;

    private readonly SplitMix64 _random;
    private readonly bool _drawWeights;
    private readonly Dictionary<string, string> _scalars = new(StringComparer.Ordinal);

    /// <summary>Starts an empty network whose weights are drawn with <paramref name="seed"/>.</summary>
    public NetBuilder(int seed, LayerDefaults? defaults = null) : this(seed, defaults, drawWeights: true) { }

    /// <summary>With <paramref name="drawWeights"/> false, weights are left at zero: enough to count parameters and MACs, and fast.</summary>
    internal NetBuilder(int seed, LayerDefaults? defaults, bool drawWeights)
    {
        _random = new SplitMix64(seed);
        _drawWeights = drawWeights;
        Defaults = defaults ?? LayerDefaults.ResNet;
    }

    /// <summary>The graph being built.</summary>
    public GraphBuilder Graph { get; } = new();

    /// <summary>The initialization and BatchNorm rules of the layers added next (a model family sets its own).</summary>
    public LayerDefaults Defaults { get; set; }

    /// <summary>Adds the graph input <c>input</c> of shape [batch, <paramref name="channels"/>, <paramref name="height"/>, <paramref name="width"/>].</summary>
    public FeatureMap Input(int channels, int height, int width)
    {
        Graph.Inputs.Add(new ValueInfo(InputName, ElementType.Float,
            new TensorShape([Dim.Sym(BatchSymbol), Dim.Of(channels), Dim.Of(height), Dim.Of(width)])));
        Graph.UniqueName(InputName);
        return new FeatureMap(InputName, channels, height, width);
    }

    /// <summary>A 2-D convolution (PyTorch's Conv2d) with padding (kernel − 1) / 2 × dilation unless given; weight <c>MODULE.weight</c>, bias <c>MODULE.bias</c>.</summary>
    public FeatureMap Conv(string module, FeatureMap x, int outChannels, int kernel, int stride = 1, int groups = 1,
        bool bias = false, int dilation = 1, int? padding = null, WeightInit? init = null)
    {
        int pad = padding ?? (kernel - 1) / 2 * dilation;
        long[] dims = [outChannels, x.Channels / groups, kernel, kernel];
        var inputs = WeightAndBias(module, dims, outChannels, bias, init ?? Defaults.ConvInit);
        var y = Emit(module, "Conv", [x.Tensor, .. inputs],
            ("dilations", Ints(dilation, dilation)), ("group", new IntAttribute(groups)), ("kernel_shape", Ints(kernel, kernel)),
            ("pads", Ints(pad, pad, pad, pad)), ("strides", Ints(stride, stride)));
        return new FeatureMap(y, outChannels, OutputSize(x.Height, kernel, stride, pad, dilation), OutputSize(x.Width, kernel, stride, pad, dilation));
    }

    /// <summary>A 2-D transposed convolution (PyTorch's ConvTranspose2d); its weight is [in, out, k, k].</summary>
    public FeatureMap ConvTranspose(string module, FeatureMap x, int outChannels, int kernel, int stride, int padding,
        int outputPadding = 0, bool bias = false, WeightInit? init = null)
    {
        long[] dims = [x.Channels, outChannels, kernel, kernel];
        var inputs = WeightAndBias(module, dims, outChannels, bias, init ?? Defaults.ConvInit);
        var y = Emit(module, "ConvTranspose", [x.Tensor, .. inputs],
            ("dilations", Ints(1, 1)), ("group", new IntAttribute(1)), ("kernel_shape", Ints(kernel, kernel)),
            ("output_padding", Ints(outputPadding, outputPadding)), ("pads", Ints(padding, padding, padding, padding)), ("strides", Ints(stride, stride)));
        int Size(int n) => stride * (n - 1) + outputPadding + kernel - 2 * padding;
        return new FeatureMap(y, outChannels, Size(x.Height), Size(x.Width));
    }

    /// <summary>BatchNormalization in inference mode with weight 1, bias 0, running mean 0 and running variance 1.</summary>
    public FeatureMap BatchNorm(string module, FeatureMap x)
    {
        var c = x.Channels;
        string[] inputs =
        [
            Parameter(module, "weight", [c], Filled(c, 1f)), Parameter(module, "bias", [c], new float[c]),
            Parameter(module, "running_mean", [c], new float[c]), Parameter(module, "running_var", [c], Filled(c, 1f)),
        ];
        return x.As(Emit(module, "BatchNormalization", [x.Tensor, .. inputs],
            ("epsilon", new FloatAttribute(Defaults.BatchNormEpsilon)), ("momentum", new FloatAttribute(1 - Defaults.BatchNormMomentum))));
    }

    /// <summary>Applies <paramref name="activation"/> (nothing for <see cref="Activation.None"/>).</summary>
    public FeatureMap Activate(string module, FeatureMap x, Activation activation) => activation switch
    {
        Activation.None => x,
        Activation.Relu => x.As(Emit(module, "Relu", [x.Tensor])),
        Activation.Relu6 => x.As(Emit(module, "Clip", [x.Tensor, Scalar("relu6_min", 0f), Scalar("relu6_max", 6f)])),
        Activation.HardSwish => x.As(Emit(module, "HardSwish", [x.Tensor])),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>PyTorch's Hardsigmoid, relu6(x + 3) / 6: HardSigmoid with alpha 1/6 and beta 0.5.</summary>
    public FeatureMap HardSigmoid(string module, FeatureMap x) =>
        x.As(Emit(module, "HardSigmoid", [x.Tensor], ("alpha", new FloatAttribute(1f / 6)), ("beta", new FloatAttribute(0.5f))));

    /// <summary>
    /// torchvision's Conv2dNormActivation: the convolution (no bias) at <c>MODULE.0</c>, BatchNorm at
    /// <c>MODULE.1</c> and the activation at <c>MODULE.2</c>.
    /// </summary>
    public FeatureMap ConvBnAct(string module, FeatureMap x, int outChannels, int kernel, int stride = 1, int groups = 1,
        Activation activation = Activation.Relu, int dilation = 1)
    {
        var y = Conv(ModuleScope.Child(module, 0), x, outChannels, kernel, stride, groups, dilation: dilation);
        y = BatchNorm(ModuleScope.Child(module, 1), y);
        return Activate(ModuleScope.Child(module, 2), y, activation);
    }

    /// <summary>Elementwise sum.</summary>
    public FeatureMap Add(string module, FeatureMap a, FeatureMap b) => a.As(Emit(module, "Add", [a.Tensor, b.Tensor]));

    /// <summary>Elementwise product, broadcasting the smaller (such as a squeeze-excitation scale) over the larger.</summary>
    public FeatureMap Mul(string module, FeatureMap a, FeatureMap b) =>
        (a.Height * a.Width >= b.Height * b.Width ? a : b).As(Emit(module, "Mul", [a.Tensor, b.Tensor]));

    /// <summary>Concatenation along channels.</summary>
    public FeatureMap Concat(string module, params FeatureMap[] xs) =>
        xs[0].As(Emit(module, "Concat", xs.Select(x => x.Tensor), ("axis", new IntAttribute(1)))) with { Channels = xs.Sum(x => x.Channels) };

    /// <summary>Splits the channels in two halves (PyTorch's <c>chunk(2, dim=1)</c>) with one Split node.</summary>
    public (FeatureMap First, FeatureMap Second) SplitHalves(string module, FeatureMap x)
    {
        int half = x.Channels / 2;
        var name = Graph.UniqueName(ModuleScope.NodeName(module, "Split"));
        var sizes = Constant(name + "_split", TensorData.FromInt64s([2], [half, x.Channels - half]));
        string first = Graph.UniqueName(name + "_output_0"), second = Graph.UniqueName(name + "_output_1");
        Graph.AddNode(new Node(name, "Split", [x.Tensor, sizes], [first, second], [KeyValuePair.Create<string, AttributeValue>("axis", new IntAttribute(1))]));
        return (new FeatureMap(first, half, x.Height, x.Width), new FeatureMap(second, x.Channels - half, x.Height, x.Width));
    }

    /// <summary>
    /// ShuffleNet's channel shuffle: Reshape to [N, groups, C/groups, H, W], Transpose the two channel axes,
    /// Reshape back to [N, C, H, W]; the shapes are constants with 0 for the batch so it stays symbolic.
    /// </summary>
    public FeatureMap ChannelShuffle(string module, FeatureMap x, int groups)
    {
        var grouped = Reshape(module, x.Tensor, [0, groups, x.Channels / groups, x.Height, x.Width]);
        var swapped = Emit(module, "Transpose", [grouped], ("perm", Ints(0, 2, 1, 3, 4)));
        return x.As(Reshape(module, swapped, [0, -1, x.Height, x.Width]));
    }

    /// <summary>Max pooling with a square window.</summary>
    public FeatureMap MaxPool(string module, FeatureMap x, int kernel, int stride, int padding) =>
        new(Emit(module, "MaxPool", [x.Tensor], ("ceil_mode", new IntAttribute(0)), ("dilations", Ints(1, 1)), ("kernel_shape", Ints(kernel, kernel)),
                ("pads", Ints(padding, padding, padding, padding)), ("strides", Ints(stride, stride))),
            x.Channels, OutputSize(x.Height, kernel, stride, padding), OutputSize(x.Width, kernel, stride, padding));

    /// <summary>Global average pooling to [N, C, 1, 1].</summary>
    public FeatureMap GlobalAveragePool(string module, FeatureMap x) => new(Emit(module, "GlobalAveragePool", [x.Tensor]), x.Channels, 1, 1);

    /// <summary>Flattens [N, C, 1, 1] to [N, C].</summary>
    public FeatureMap Flatten(string module, FeatureMap x) =>
        new(Emit(module, "Flatten", [x.Tensor], ("axis", new IntAttribute(1))), x.Channels * x.Height * x.Width, 1, 1);

    /// <summary>A Linear layer as Gemm with transB = 1; weight <c>MODULE.weight</c> [out, in], bias <c>MODULE.bias</c>.</summary>
    public FeatureMap Linear(string module, FeatureMap x, int outFeatures, WeightInit? init = null)
    {
        var inputs = WeightAndBias(module, [outFeatures, x.Channels], outFeatures, true, init ?? Defaults.LinearInit);
        return new(Emit(module, "Gemm", [x.Tensor, .. inputs],
            ("alpha", new FloatAttribute(1f)), ("beta", new FloatAttribute(1f)), ("transB", new IntAttribute(1))), outFeatures, 1, 1);
    }

    /// <summary>Dropout with the given ratio (active only when trained; inference passes the input through).</summary>
    public FeatureMap Dropout(string module, FeatureMap x, float ratio) =>
        x.As(Emit(module, "Dropout", [x.Tensor, Scalar($"dropout_ratio_{ratio.ToString(System.Globalization.CultureInfo.InvariantCulture)}", ratio)]));

    /// <summary>
    /// The finished graph: its output is <paramref name="output"/>, renamed to <paramref name="outputName"/> when given;
    /// shapes are inferred for every value, and the graph is validated.
    /// </summary>
    public Graph ToGraph(string name, FeatureMap output, string? outputName = OutputName, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var tensor = output.Tensor;
        if (outputName is not null && outputName != tensor)
        {
            int i = Graph.Nodes.FindIndex(n => n.Outputs.Contains(tensor));
            if (i < 0) throw new ArgumentException($"no node produces '{tensor}'", nameof(output));
            var producer = Graph.Nodes[i];
            Graph.Nodes[i] = producer with { Outputs = [.. producer.Outputs.Select(o => o == tensor ? outputName : o)] };
            Graph.ReplaceUses(tensor, outputName);
            tensor = outputName;
        }
        Graph.Outputs.Clear();
        Graph.Outputs.Add(new ValueInfo(tensor, ElementType.Float, null));
        var graph = Graph.ToGraph() with
        {
            Name = name,
            Opsets = [new OpsetImport("", Opset)],
            Metadata = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, metadata ?? new Dictionary<string, string>()),
        };
        graph = ShapeInference.Run(graph).Graph;
        GraphValidator.CheckStructure(graph);
        return graph;
    }

    /// <summary>The output size of a convolution or pooling window along one axis.</summary>
    public static int OutputSize(int size, int kernel, int stride, int padding, int dilation = 1) =>
        (size + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;

    private string[] WeightAndBias(string module, long[] dims, int channels, bool bias, WeightInit init)
    {
        if (!_drawWeights)
        {
            var zeros = Parameter(module, "weight", dims, new float[dims.Aggregate(1L, (a, b) => a * b)]);
            return bias ? [zeros, Parameter(module, "bias", [channels], new float[channels])] : [zeros];
        }
        var weight = Parameter(module, "weight", dims, init.Weight(_random, dims));
        return bias ? [weight, Parameter(module, "bias", [channels], init.Bias(_random, dims, channels))] : [weight];
    }

    private string Parameter(string module, string kind, long[] dims, float[] values)
    {
        var name = ModuleScope.Child(module, kind);
        if (Graph.Initializers.ContainsKey(name)) throw new InvalidOperationException($"the module '{module}' is built twice");
        Graph.SetInitializer(name, TensorData.FromFloats(dims, values));
        return name;
    }

    private string Reshape(string module, string x, long[] shape)
    {
        var name = Graph.UniqueName(ModuleScope.NodeName(module, "Reshape"));
        var output = Graph.UniqueName(name + "_output_0");
        Graph.AddNode(new Node(name, "Reshape", [x, Constant(name + "_shape", TensorData.FromInt64s([shape.Length], shape))], [output]));
        return output;
    }

    /// <summary>A scalar float constant shared by every node that needs the same value.</summary>
    private string Scalar(string name, float value)
    {
        if (_scalars.TryGetValue(name, out var existing)) return existing;
        return _scalars[name] = Constant(name, TensorData.FromFloats([], [value]));
    }

    private string Constant(string name, TensorData value)
    {
        var unique = Graph.UniqueName(name);
        Graph.SetInitializer(unique, value);
        return unique;
    }

    private string Emit(string module, string opType, IEnumerable<string> inputs, params (string Name, AttributeValue Value)[] attributes)
    {
        var name = Graph.UniqueName(ModuleScope.NodeName(module, opType));
        var output = Graph.UniqueName(name + "_output_0");
        Graph.AddNode(new Node(name, opType, inputs, [output], attributes.Select(a => KeyValuePair.Create(a.Name, a.Value))));
        return output;
    }

    private static IntsAttribute Ints(params long[] values) => new([.. values]);

    private static float[] Filled(int count, float value)
    {
        var values = new float[count];
        Array.Fill(values, value);
        return values;
    }
}
