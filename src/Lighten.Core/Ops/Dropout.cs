namespace Lighten.Core.Ops;

/// <summary>
/// <c>Dropout</c>: output 0 is the input's type and shape; the optional mask output has that shape too,
/// in bool from opset 10 (in the input's type before).
/// </summary>
internal sealed class Dropout : SameShapeFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Dropout"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        base.InferShapes(ctx);
        ctx.SetOutput(1, ctx.OpsetVersion >= 10 ? ElementType.Bool : ctx.InputType(0), ctx.InputShape(0));
    }
}
