using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms.Prune;

/// <summary>
/// A tiny builder of test networks whose producers have "dead" output channels (zero weights and bias), so that
/// pruning exactly those channels must leave the outputs unchanged — a differential test in ONNX Runtime.
/// </summary>
internal sealed class PruneNet
{
    private readonly GraphBuilder _b = new();
    private readonly Random _random;
    private int _count;

    public PruneNet(long channels = 3, long size = 8, int seed = 1)
    {
        _random = new Random(seed);
        _b.Inputs.Add(new ValueInfo("x", ElementType.Float, new TensorShape(1, channels, size, size)));
    }

    public static int[] Odd(int count) => [.. Enumerable.Range(0, count).Where(i => i % 2 == 1)];

    public string Conv(string name, string x, int cin, int cout, int kernel = 1, int group = 1, int pad = 0, int stride = 1, int[]? dead = null)
    {
        var w = Weights([cout, cin / group, kernel, kernel], dead, axis: 0);
        var bias = Weights([cout], dead, axis: 0);
        return Add(name, "Conv", [x, Init(name + ".w", w), Init(name + ".b", bias)],
            ("group", new IntAttribute(group)), ("kernel_shape", new IntsAttribute([kernel, kernel])),
            ("pads", new IntsAttribute([pad, pad, pad, pad])), ("strides", new IntsAttribute([stride, stride])));
    }

    public string ConvTranspose(string name, string x, int cin, int cout, int kernel, int stride, int[]? dead = null)
    {
        var w = Weights([cin, cout, kernel, kernel], dead, axis: 1);
        var bias = Weights([cout], dead, axis: 0);
        return Add(name, "ConvTranspose", [x, Init(name + ".w", w), Init(name + ".b", bias)],
            ("kernel_shape", new IntsAttribute([kernel, kernel])), ("strides", new IntsAttribute([stride, stride])));
    }

    public string Gemm(string name, string x, int inputs, int outputs, int[]? dead = null)
    {
        var w = Weights([outputs, inputs], dead, axis: 0);
        var bias = Weights([outputs], dead, axis: 0);
        return Add(name, "Gemm", [x, Init(name + ".w", w), Init(name + ".b", bias)], ("transB", new IntAttribute(1)));
    }

    /// <summary>BatchNormalization with zero mean and shift on the dead channels (so a zero channel stays zero).</summary>
    public string BatchNorm(string name, string x, int channels, int[]? dead = null)
    {
        float[] Draw(double low, double high, bool zeroDead) =>
            [.. Enumerable.Range(0, channels).Select(c => zeroDead && dead?.Contains(c) == true ? 0f : (float)(low + _random.NextDouble() * (high - low)))];
        return Add(name, "BatchNormalization",
        [
            x, Init(name + ".scale", TensorData.FromFloats([channels], Draw(0.5, 1.5, false))),
            Init(name + ".bias", TensorData.FromFloats([channels], Draw(-0.5, 0.5, true))),
            Init(name + ".mean", TensorData.FromFloats([channels], Draw(-0.2, 0.2, true))),
            Init(name + ".var", TensorData.FromFloats([channels], Draw(0.5, 2, false))),
        ]);
    }

    public string Op(string op, params string[] inputs) => Add($"{op.ToLowerInvariant()}{++_count}", op, inputs);

    public string Op(string op, string[] inputs, params (string, AttributeValue)[] attributes) => Add($"{op.ToLowerInvariant()}{++_count}", op, inputs, attributes);

    public string Constant(string name, TensorData value) => Init(name, value);

    public IrGraph Build(string output)
    {
        var producer = _b.Nodes.First(n => n.Outputs.Contains(output));
        _b.ReplaceNode(producer with { Outputs = [.. producer.Outputs.Select(o => o == output ? "y" : o)] });
        _b.Outputs.Add(new ValueInfo("y", ElementType.Float, null));
        return ShapeInference.Run(_b.ToGraph()).Graph;
    }

    private string Add(string name, string op, string[] inputs, params (string Name, AttributeValue Value)[] attributes)
    {
        _b.AddNode(new Node(name, op, inputs, [name + "_out"], attributes.Select(a => KeyValuePair.Create(a.Name, a.Value))));
        return name + "_out";
    }

    private string Init(string name, TensorData value)
    {
        _b.SetInitializer(name, value);
        return name;
    }

    private TensorData Weights(long[] dims, int[]? dead, int axis)
    {
        long count = dims.Aggregate(1L, (a, d) => a * d);
        long inner = dims.Skip(axis + 1).Aggregate(1L, (a, d) => a * d);
        double bound = Math.Sqrt(3.0 / Math.Max(1, count / dims[0]));
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            long channel = i / inner % dims[axis];
            values[i] = dead?.Contains((int)channel) == true ? 0f : (float)((_random.NextDouble() * 2 - 1) * bound);
        }
        return TensorData.FromFloats(dims, values);
    }
}
