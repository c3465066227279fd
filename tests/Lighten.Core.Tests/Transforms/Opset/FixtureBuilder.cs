using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms.Opset;

/// <summary>
/// Writes small test graphs at a chosen opset: float inputs of fixed shape, seeded weights (the same name always
/// gives the same values, so a fixture and its opset-13 twin share their weights) and float outputs.
/// </summary>
internal sealed class FixtureBuilder
{
    private readonly GraphBuilder _b;

    public FixtureBuilder(long opset, params (string Name, long[] Shape)[] inputs)
    {
        _b = new GraphBuilder(new IrGraph
        {
            Name = "fixture",
            Opsets = [new OpsetImport("", opset)],
            Inputs = [.. inputs.Select(i => new ValueInfo(i.Name, ElementType.Float, new TensorShape(i.Shape)))],
        });
    }

    public static IntAttribute I(long v) => new(v);
    public static FloatAttribute F(float v) => new(v);
    public static StringAttribute S(string v) => new(v);
    public static IntsAttribute Is(params long[] v) => new([.. v]);
    public static FloatsAttribute Fs(params float[] v) => new([.. v]);

    /// <summary>A float initializer with values in [-1, 1) seeded by its name.</summary>
    public string Weights(string name, params long[] dims)
    {
        var random = new Random(name.Aggregate(17, (h, c) => h * 31 + c));
        var values = new float[dims.Aggregate(1L, (a, d) => a * d)];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return Set(name, TensorData.FromFloats(dims, values));
    }

    /// <summary>A float initializer with the given values (a vector, or a scalar when <paramref name="dims"/> is empty).</summary>
    public string Floats(string name, long[] dims, params float[] values) => Set(name, TensorData.FromFloats(dims, values));

    /// <summary>An int64 vector initializer.</summary>
    public string Ints(string name, params long[] values) => Set(name, TensorData.FromInt64s([values.Length], values));

    /// <summary>Adds a node.</summary>
    public FixtureBuilder Node(string name, string op, string[] inputs, string[] outputs, params (string Key, AttributeValue Value)[] attributes)
    {
        _b.AddNode(new Node(name, op, inputs, outputs, attributes.Select(a => KeyValuePair.Create(a.Key, a.Value))));
        return this;
    }

    /// <summary>The graph, with float outputs of unknown shape.</summary>
    public IrGraph Build(params string[] outputs)
    {
        _b.Outputs.AddRange(outputs.Select(o => new ValueInfo(o, ElementType.Float, null)));
        return _b.ToGraph();
    }

    private string Set(string name, TensorData value)
    {
        _b.SetInitializer(name, value);
        return name;
    }
}
