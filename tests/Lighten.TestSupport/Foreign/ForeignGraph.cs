using Lighten.Core;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Tests.Foreign;

/// <summary>
/// Writes a small graph the way another exporter would: its opset, producer, input declaration (fixed, symbolic or unknown
/// dimensions), names chosen by the caller and seeded weights (the same name always gives the same values). A generalization
/// of the Core tests' opset fixture builder, shared by the foreign-pattern corpus (<see cref="ForeignFixtures"/>).
/// </summary>
public sealed class ForeignGraph
{
    private readonly GraphBuilder _b;

    /// <summary>A graph of the default ONNX domain at <paramref name="opset"/>, written by <paramref name="producer"/>.</summary>
    public ForeignGraph(string name, long opset, string producer, string producerVersion, params ValueInfo[] inputs)
    {
        _b = new GraphBuilder(new IrGraph
        {
            Name = name,
            Opsets = [new OpsetImport("", opset)],
            Inputs = [.. inputs],
            Model = new ModelInfo(IrVersion: IrFor(opset), ProducerName: producer, ProducerVersion: producerVersion),
        });
    }

    /// <summary>A float image input: each dimension a size (<c>long</c>), a symbol (<c>string</c>) or unknown (<c>null</c>).</summary>
    public static ValueInfo Input(string name, params object?[] dims) => new(name, ElementType.Float, Shape(dims));

    /// <summary>A float output of the given declared shape (same conventions as <see cref="Input"/>); no dims: shape unknown.</summary>
    public static ValueInfo Output(string name, params object?[] dims) => new(name, ElementType.Float, dims.Length == 0 ? null : Shape(dims));

    private static TensorShape Shape(object?[] dims) => new(dims.Select(d => d switch
    {
        null => Dim.Unknown,
        string s => Dim.Sym(s),
        int i => Dim.Of(i),
        long l => Dim.Of(l),
        _ => throw new ArgumentException($"dimension {d} is not a size, a symbol or null"),
    }));

    // The IR version the exporter of that era wrote (initializers apart from inputs need 4 at least).
    private static long IrFor(long opset) => opset switch { <= 8 => 4, 9 => 4, 10 => 5, 11 => 6, 12 => 7, 13 or 14 => 7, _ => 8 };

    public static IntAttribute I(long v) => new(v);
    public static FloatAttribute F(float v) => new(v);
    public static StringAttribute S(string v) => new(v);
    public static IntsAttribute Is(params long[] v) => new([.. v]);
    public static FloatsAttribute Fs(params float[] v) => new([.. v]);
    public static TensorAttribute T(TensorData v) => new(v);

    /// <summary>Seeded uniform values in [<paramref name="low"/>, <paramref name="high"/>), the seed taken from <paramref name="seedName"/>.</summary>
    public static float[] Uniform(string seedName, long count, float low, float high)
    {
        var random = new Random(seedName.Aggregate(17, (h, c) => unchecked(h * 31 + c)));
        var values = new float[count];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(low + random.NextDouble() * (high - low));
        return values;
    }

    /// <summary>Convolution or linear weights scaled by fan-in (dims[1..] multiplied), so activations stay of order 1.</summary>
    public static TensorData WeightData(string seedName, params long[] dims)
    {
        long count = dims.Aggregate(1L, (a, d) => a * d);
        long fanIn = Math.Max(1, count / dims[0]);
        float bound = (float)Math.Sqrt(3.0 / fanIn);
        return TensorData.FromFloats(dims, Uniform(seedName, count, -bound, bound));
    }

    /// <summary>A MatMul weight of shape <c>[in, out]</c> (fan-in <paramref name="inputs"/>), values as <see cref="WeightData"/>.</summary>
    public static TensorData MatMulWeightData(string seedName, long inputs, long outputs)
    {
        float bound = (float)Math.Sqrt(3.0 / inputs);
        return TensorData.FromFloats([inputs, outputs], Uniform(seedName, inputs * outputs, -bound, bound));
    }

    /// <summary>A MatMul weight initializer (<see cref="MatMulWeightData"/>).</summary>
    public string MatMulWeight(string name, long inputs, long outputs) => Set(name, MatMulWeightData(name, inputs, outputs));

    /// <summary>A weight initializer (<see cref="WeightData"/>).</summary>
    public string Weight(string name, params long[] dims) => Set(name, WeightData(name, dims));

    /// <summary>A float initializer with seeded values in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public string Values(string name, float low, float high, params long[] dims) =>
        Set(name, TensorData.FromFloats(dims, Uniform(name, dims.Aggregate(1L, (a, d) => a * d), low, high)));

    /// <summary>A float initializer with the given values (a scalar when <paramref name="dims"/> is empty).</summary>
    public string Floats(string name, long[] dims, params float[] values) => Set(name, TensorData.FromFloats(dims, values));

    /// <summary>An int64 vector initializer.</summary>
    public string Ints(string name, params long[] values) => Set(name, TensorData.FromInt64s([values.Length], values));

    /// <summary>An initializer with the given value.</summary>
    public string Set(string name, TensorData value)
    {
        _b.SetInitializer(name, value);
        return name;
    }

    /// <summary>
    /// The four BatchNormalization parameters <c>{prefix}weight, bias, running_mean, running_var</c> (PyTorch's names; other
    /// exporters pass their own through <paramref name="names"/>), seeded, variance positive.
    /// </summary>
    public string[] BatchNormParams(string prefix, long channels, string[]? names = null)
    {
        names ??= [$"{prefix}weight", $"{prefix}bias", $"{prefix}running_mean", $"{prefix}running_var"];
        Values(names[0], 0.5f, 1.5f, channels);
        Values(names[1], -0.2f, 0.2f, channels);
        Values(names[2], -0.2f, 0.2f, channels);
        Values(names[3], 0.5f, 1.5f, channels);
        return names;
    }

    /// <summary>A <c>Constant</c> node producing <paramref name="output"/> with <paramref name="value"/> (the <c>value</c> attribute).</summary>
    public string Constant(string nodeName, string output, TensorData value)
    {
        Node(nodeName, "Constant", [], [output], ("value", T(value)));
        return output;
    }

    /// <summary>An <c>Identity</c> node handing out <paramref name="source"/> under another name, as PyTorch's de-duplication does.</summary>
    public string Identity(string nodeName, string source, string output)
    {
        Node(nodeName, "Identity", [source], [output]);
        return output;
    }

    /// <summary>Adds a node; returns its first output.</summary>
    public string Node(string name, string op, string[] inputs, string[] outputs, params (string Key, AttributeValue Value)[] attributes)
    {
        _b.AddNode(new Node(name, op, inputs, outputs, attributes.Select(a => KeyValuePair.Create(a.Key, a.Value))));
        return outputs[0];
    }

    /// <summary>The graph with the given declared outputs.</summary>
    public IrGraph Build(params ValueInfo[] outputs)
    {
        _b.Outputs.AddRange(outputs);
        return _b.ToGraph();
    }
}
