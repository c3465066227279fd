namespace Lighten.Core.Ops;

/// <summary>
/// <c>QuantizeLinear</c>: the input's shape in the zero point's type (uint8 without one, or opset 21's
/// <c>output_dtype</c>). A per-axis scale must have one element per slice along <c>axis</c>.
/// </summary>
internal sealed class QuantizeLinear : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["QuantizeLinear"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.HasInput(2) ? ctx.InputType(2) : ElementType.Undefined;
        if (type == ElementType.Undefined && ctx.OpsetVersion >= 21) type = (ElementType)ctx.Node.GetInt("output_dtype", 0);
        if (type == ElementType.Undefined) type = ElementType.UInt8;
        CheckScale(ctx);
        ctx.SetOutput(0, type, ctx.InputShape(0));
    }

    /// <summary>Checks that a per-axis scale (input 1, a vector of more than one element) matches the input along <c>axis</c>.</summary>
    internal static void CheckScale(ShapeContext ctx)
    {
        if (ctx.InputShape(0) is not { } shape || ctx.InputShape(1) is not { Rank: 1 } scale) return;
        if (scale[0].Value is not long count || count == 1 || ctx.Node.GetInt("block_size", 0) > 0) return;
        int axis = ctx.NormalizeAxis(ctx.Node.GetInt("axis", 1), shape.Rank);
        if (shape[axis].Value is long size && size != count)
            throw ctx.Fail($"per-axis scale has {count} elements but axis {axis} has size {size}");
    }
}
