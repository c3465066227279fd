namespace Lighten.Core.Ops;

/// <summary>
/// <c>Dropout</c>: output 0 is the input's type and shape; the optional mask output has that shape too,
/// in bool from opset 10 (in the input's type before).
/// </summary>
public sealed class DropoutFamily : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Dropout"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        var shape = ctx.InputShape(0);
        ctx.SetOutput(0, type, shape);
        ctx.SetOutput(1, ctx.OpsetVersion >= 10 ? ElementType.Bool : type, shape);
    }
}
