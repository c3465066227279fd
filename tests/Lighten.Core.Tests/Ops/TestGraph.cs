using Lighten.Core;
using Lighten.Core.Ops;

namespace Lighten.Core.Tests.Ops;

/// <summary>Builds small graphs for shape-rule tests and reads back inferred shapes and MACs.</summary>
internal sealed class TestGraph
{
    private readonly GraphBuilder _b = new();
    private long _opset = 17;

    public TestGraph Opset(long version)
    {
        _opset = version;
        return this;
    }

    public TestGraph Input(string name, params Dim[] dims) => Input(name, ElementType.Float, dims);

    public TestGraph Input(string name, ElementType type, params Dim[] dims)
    {
        _b.Inputs.Add(new ValueInfo(name, type, new TensorShape(dims)));
        return this;
    }

    /// <summary>A float initializer of zeros.</summary>
    public TestGraph Weight(string name, params long[] dims) =>
        Constant(name, TensorData.FromFloats(dims, new float[dims.Aggregate(1L, (a, d) => a * d)]));

    public TestGraph IntConst(string name, params long[] values) => Constant(name, TensorData.FromInt64s([values.Length], values));

    public TestGraph Constant(string name, TensorData value)
    {
        _b.SetInitializer(name, value);
        return this;
    }

    public TestGraph Node(string op, string[] inputs, string[] outputs, params (string Name, AttributeValue Value)[] attributes)
    {
        _b.AddNode(new Node(op.ToLowerInvariant() + "_" + _b.Nodes.Count, op, inputs, outputs,
            attributes.Select(a => KeyValuePair.Create(a.Name, a.Value))));
        return this;
    }

    /// <summary>One node <c>op(inputs) -> y</c>.</summary>
    public TestGraph Op(string op, string[] inputs, params (string Name, AttributeValue Value)[] attributes) =>
        Node(op, inputs, ["y"], attributes);

    public Graph ToGraph(params string[] outputs)
    {
        foreach (var o in outputs.Length == 0 ? ["y"] : outputs) _b.Outputs.Add(new ValueInfo(o, ElementType.Undefined, null));
        return _b.ToGraph() with { Opsets = [new OpsetImport("", _opset)] };
    }

    public ShapeInferenceResult Run(params string[] outputs) => ShapeInference.Run(ToGraph(outputs));

    /// <summary>The shape of <c>y</c> after inference, formatted like <c>1x16x48x48</c>.</summary>
    public string Shape() => Run().ShapeOf("y");

    public static (string, AttributeValue) Int(string name, long value) => (name, new IntAttribute(value));

    public static (string, AttributeValue) Ints(string name, params long[] values) => (name, new IntsAttribute([.. values]));

    public static (string, AttributeValue) Str(string name, string value) => (name, new StringAttribute(value));

    public static (string, AttributeValue) Float(string name, float value) => (name, new FloatAttribute(value));
}

internal static class InferenceResults
{
    public static string ShapeOf(this ShapeInferenceResult r, string value) =>
        r.Graph.FindValue(value)?.Shape?.ToString() ?? "?";

    public static ElementType TypeOf(this ShapeInferenceResult r, string value) =>
        r.Graph.FindValue(value)?.ElementType ?? ElementType.Undefined;

    /// <summary>The MACs of the (first) node that produces <paramref name="value"/>.</summary>
    public static long? Macs(this ShapeInferenceResult r, string value = "y")
    {
        var node = r.Graph.Producer(value)!;
        return OpRegistry.Find(node)!.CountMacs(new CostContext(node, r.Graph));
    }
}
