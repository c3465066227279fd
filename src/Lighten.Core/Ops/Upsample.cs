namespace Lighten.Core.Ops;

/// <summary>
/// <c>Upsample</c> (deprecated by Resize): each dimension is <c>floor(size x scale)</c>, the scales being
/// an attribute in opset 7 and the second input from opset 9.
/// </summary>
internal sealed class Upsample : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Upsample"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        var scales = ctx.OpsetVersion >= 9 ? ctx.InputConstant(1)?.ToFloatArray() : ctx.Node.GetFloats("scales");
        if (ctx.OpsetVersion < 9 && scales is null) throw ctx.Fail("Upsample needs a scales attribute");
        if (ctx.RankedInput() is not { } shape) return;
        if (scales is null)
        {
            ctx.SetOutput(0, type, ShapeArgs.UnknownShape(shape.Rank));
            return;
        }
        if (scales.Length != shape.Rank)
            throw ctx.Fail($"Upsample has {scales.Length} scales for a rank-{shape.Rank} input");
        ctx.SetOutput(0, type, new TensorShape(shape.Dims.Select((d, i) => Resize.ScaleDim(ctx, d, scales[i]))));
    }
}
