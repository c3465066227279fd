namespace Lighten.Core.Ops;

/// <summary>
/// <c>ConstantOfShape</c>: a tensor of the shape held in its input's value (symbols allowed), filled with
/// the <c>value</c> attribute (float 0 by default) and of its type.
/// </summary>
internal sealed class ConstantOfShape : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["ConstantOfShape"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var fill = ctx.Node.GetTensor("value");
        if (fill is not null && fill.ElementCount != 1)
            throw ctx.Fail($"ConstantOfShape's value must hold one element, not {fill.ElementCount}");
        var type = fill?.ElementType ?? ElementType.Float;
        var shape = ctx.ReadInputInts(0);
        if (shape.Values is not { } dims)
        {
            ctx.SetOutput(0, type, ShapeArgs.UnknownShape(shape.Length));
            return;
        }
        if (dims.FirstOrDefault(d => d.Value < 0) is { IsKnown: true } negative)
            throw ctx.Fail($"ConstantOfShape cannot make a dimension of {negative}");
        ctx.SetOutput(0, type, new TensorShape(dims));
        if (dims.Length <= 1 && type is ElementType.Int64 or ElementType.Int32
            && DimProduct.Of(dims) is { IsKnown: true, Known: <= ShapeArgs.MaxShapeValueLength } count)
        {
            long element = fill?.ToInt64Array()[0] ?? 0;
            ctx.SetOutputShapeValue(0, Enumerable.Repeat(Dim.Of(element), (int)count.Known));
        }
    }
}
