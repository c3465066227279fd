namespace Lighten.Core.Ops;

/// <summary>
/// <c>Constant</c>: the type and shape of its value attribute (<c>value</c>, <c>value_int(s)</c>,
/// <c>value_float(s)</c>, <c>value_string(s)</c>); an integer vector or scalar is also a shape value.
/// </summary>
internal sealed class Constant : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Constant"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var node = ctx.Node;
        if (ConstantNodes.ValueOf(node) is { } tensor)
        {
            ctx.SetOutput(0, tensor.ElementType, tensor.Shape);
            if (tensor.Dims.Length <= 1 && tensor.ElementType is ElementType.Int64 or ElementType.Int32)
                ctx.SetOutputShapeValue(0, tensor.ToInt64Array().Select(Dim.Of));
        }
        else if (node.Attributes.ContainsKey("value_string")) ctx.SetOutput(0, ElementType.String, TensorShape.Scalar);
        else if (node.Attributes.TryGetValue("value_strings", out var s) && s is StringsAttribute strings)
            ctx.SetOutput(0, ElementType.String, new TensorShape(strings.Values.Length));
        else if (node.Attributes.ContainsKey("sparse_value")) ctx.SetOutput(0, ElementType.Undefined, null);
        else throw ctx.Fail("Constant has no value attribute");
    }
}
