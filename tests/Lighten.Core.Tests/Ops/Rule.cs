using System.Collections.Immutable;
using Lighten.Core;
using Lighten.Core.Ops;

namespace Lighten.Core.Tests.Ops;

/// <summary>One input of a shape rule under test: its type, shape, constant value and shape value.</summary>
internal sealed record In(ElementType Type, TensorShape? Shape, TensorData? Constant = null, ImmutableArray<Dim>? Elements = null)
{
    /// <summary>A float tensor; dims are numbers, symbol names, or "?".</summary>
    public static In F(params object[] dims) => new(ElementType.Float, Rule.S(dims));

    /// <summary>A tensor of <paramref name="type"/>.</summary>
    public static In Of(ElementType type, params object[] dims) => new(type, Rule.S(dims));

    /// <summary>A tensor of unknown rank.</summary>
    public static In Unranked(ElementType type = ElementType.Float) => new(type, null);

    /// <summary>An int64 vector initializer.</summary>
    public static In Ints(params long[] values) => Const(TensorData.FromInt64s([values.Length], values));

    /// <summary>An int64 scalar initializer.</summary>
    public static In Scalar(long value) => Const(TensorData.FromInt64s([], [value]));

    /// <summary>A float vector initializer.</summary>
    public static In Floats(params float[] values) => Const(TensorData.FromFloats([values.Length], values));

    /// <summary>A constant input.</summary>
    public static In Const(TensorData t) => new(t.ElementType, t.Shape, t);

    /// <summary>An int64 vector whose elements are propagated (numbers, symbols, "?").</summary>
    public static In Value(params object[] elements) =>
        new(ElementType.Int64, new TensorShape(elements.Length), null, [.. elements.Select(Rule.D)]);

    /// <summary>An int64 scalar whose element is propagated.</summary>
    public static In ScalarValue(object element) => new(ElementType.Int64, TensorShape.Scalar, null, [Rule.D(element)]);
}

/// <summary>Runs one family's shape rule on a hand-made node.</summary>
internal static class Rule
{
    public static Dim D(object o) => o switch
    {
        "?" => Dim.Unknown,
        string s => Dim.Sym(s),
        int i => Dim.Of(i),
        long l => Dim.Of(l),
        _ => throw new ArgumentException($"not a dim: {o}"),
    };

    public static TensorShape S(params object[] dims) => new(dims.Select(D));

    /// <summary>Infers <paramref name="op"/> on inputs x0.. (null: absent) with outputs y0..</summary>
    public static ShapeContext Infer(string op, In?[] inputs, long opset = 17, int outputs = 1, params (string Name, AttributeValue Value)[] attributes)
    {
        var node = new Node(op.ToLowerInvariant(), op,
            inputs.Select((x, i) => x is null ? "" : $"x{i}"),
            Enumerable.Range(0, outputs).Select(i => $"y{i}"),
            attributes.Select(a => KeyValuePair.Create(a.Name, a.Value)));
        var ctx = new ShapeContext(node, opset,
            [.. inputs.Select((x, i) => x is null ? null : new ValueInfo($"x{i}", x.Type, x.Shape))],
            [.. inputs.Select(x => x?.Constant)],
            [.. inputs.Select(x => x?.Elements)]);
        var family = OpRegistry.Find("", op) ?? throw new InvalidOperationException($"no family for {op}");
        family.InferShapes(ctx);
        return ctx;
    }

    /// <summary>The error the rule raises; its message must contain every one of <paramref name="parts"/>.</summary>
    public static ShapeInferenceException Fails(string op, In?[] inputs, long opset, string[] parts, int outputs = 1, params (string, AttributeValue)[] attributes)
    {
        var e = Assert.Throws<ShapeInferenceException>(() => Infer(op, inputs, opset, outputs, attributes));
        foreach (var p in parts) Assert.Contains(p, e.Message);
        Assert.Equal(op.ToLowerInvariant(), e.NodeName);
        Assert.Equal(op, e.OpType);
        return e;
    }

    /// <summary>Output <paramref name="i"/>'s shape as <c>1x3x4</c>, "scalar", or "?" when the rank is unknown.</summary>
    public static string Shape(this ShapeContext ctx, int i = 0) => ctx.Outputs[i]?.Shape?.ToString() ?? "?";

    public static ElementType Type(this ShapeContext ctx, int i = 0) => ctx.Outputs[i]?.ElementType ?? ElementType.Undefined;

    /// <summary>Output <paramref name="i"/>'s shape value as <c>batch,2,?</c>, or null when none was set.</summary>
    public static string? Value(this ShapeContext ctx, int i = 0) =>
        ctx.OutputShapeValues[i] is { } v ? string.Join(",", v) : null;

    public static (string, AttributeValue) Tensor(string name, TensorData value) => (name, new TensorAttribute(value));

    public static (string, AttributeValue) Floats(string name, params float[] values) => (name, new FloatsAttribute([.. values]));
}
