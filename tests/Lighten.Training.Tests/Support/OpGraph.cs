using Lighten.Core;

namespace Lighten.Training.Tests.Support;

/// <summary>Builds small graphs for forward tests: float inputs, random float weights, integer constants, nodes.</summary>
internal sealed class OpGraph(long opset = 17, int seed = 5)
{
    private readonly GraphBuilder _b = new();
    private readonly Random _random = new(seed);

    public OpGraph Input(string name, params long[] dims)
    {
        _b.Inputs.Add(new ValueInfo(name, ElementType.Float, new TensorShape(dims)));
        return this;
    }

    /// <summary>A float initializer with values uniform in [-1, 1).</summary>
    public OpGraph Weight(string name, params long[] dims)
    {
        var values = new float[dims.Aggregate(1L, (a, d) => a * d)];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(_random.NextDouble() * 2 - 1);
        return Constant(name, TensorData.FromFloats(dims, values));
    }

    public OpGraph IntConst(string name, params long[] values) => Constant(name, TensorData.FromInt64s([values.Length], values));

    public OpGraph FloatConst(string name, params float[] values) => Constant(name, TensorData.FromFloats([values.Length], values));

    public OpGraph Constant(string name, TensorData value)
    {
        _b.SetInitializer(name, value);
        return this;
    }

    public OpGraph Node(string op, string[] inputs, string[] outputs, params (string Name, AttributeValue Value)[] attributes)
    {
        _b.AddNode(new Node($"{op.ToLowerInvariant()}_{_b.Nodes.Count}", op, inputs, outputs,
            attributes.Select(a => KeyValuePair.Create(a.Name, a.Value))));
        return this;
    }

    /// <summary>One node <c>op(inputs) -> y</c>.</summary>
    public OpGraph Op(string op, string[] inputs, params (string Name, AttributeValue Value)[] attributes) => Node(op, inputs, ["y"], attributes);

    /// <summary>The graph with its outputs typed by shape inference (ONNX Runtime needs the types).</summary>
    public Graph Build(params string[] outputs)
    {
        foreach (var o in outputs.Length == 0 ? ["y"] : outputs) _b.Outputs.Add(new ValueInfo(o, ElementType.Undefined, null));
        var g = _b.ToGraph() with { Opsets = [new OpsetImport("", opset)] };
        return ShapeInference.Run(g).Graph;
    }

    public static (string, AttributeValue) Int(string name, long value) => (name, new IntAttribute(value));

    public static (string, AttributeValue) Ints(string name, params long[] values) => (name, new IntsAttribute([.. values]));

    public static (string, AttributeValue) Str(string name, string value) => (name, new StringAttribute(value));

    public static (string, AttributeValue) Float(string name, float value) => (name, new FloatAttribute(value));

    public static (string, AttributeValue) Floats(string name, params float[] values) => (name, new FloatsAttribute([.. values]));
}
