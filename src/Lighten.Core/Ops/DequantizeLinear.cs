namespace Lighten.Core.Ops;

/// <summary>
/// <c>DequantizeLinear</c>: the input's shape in float, or from opset 19 in the scale's type (a float16
/// scale gives float16). A per-axis scale must have one element per slice along <c>axis</c>.
/// </summary>
internal sealed class DequantizeLinear : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["DequantizeLinear"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ElementType.Float;
        if (ctx.OpsetVersion >= 19 && ctx.InputType(1) is var scaleType && scaleType.IsFloat()) type = scaleType;
        QuantizeLinear.CheckScale(ctx);
        ctx.SetOutput(0, type, ctx.InputShape(0));
    }
}
