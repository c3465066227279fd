namespace Lighten.Core.Ops;

/// <summary>
/// <c>Cast</c>: the same shape in the element type <c>to</c>. Shape values pass through to integer types
/// (PyTorch casts the channel count of a channel shuffle to int64 twice).
/// </summary>
internal sealed class Cast : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Cast"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        if (!ctx.Node.Attributes.ContainsKey("to")) throw ctx.Fail("Cast needs a 'to' attribute");
        var to = (ElementType)ctx.Node.GetInt("to", 0);
        if (to <= ElementType.Undefined) throw ctx.Fail($"Cast to unknown element type {(int)to}");
        ctx.SetOutput(0, to, ctx.InputShape(0));
        if (!ShapeArgs.IsIntegerType(to)) return;
        if (ctx.InputShapeValue(0) is { } values) ctx.SetOutputShapeValue(0, values);
        else if (ctx.InputConstant(0) is { ElementType: var t, Dims.Length: <= 1, ElementCount: <= ShapeArgs.MaxShapeValueLength } c && t.IsFloat())
            ctx.SetOutputShapeValue(0, c.ToInt64Array().Select(Dim.Of));
    }
}
