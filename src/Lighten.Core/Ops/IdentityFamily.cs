namespace Lighten.Core.Ops;

/// <summary><c>Identity</c>: the input unchanged, shape value included.</summary>
public sealed class IdentityFamily : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Identity"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        ctx.SetOutput(0, ctx.InputType(0), ctx.InputShape(0));
        if (ctx.InputShapeValue(0) is { } values) ctx.SetOutputShapeValue(0, values);
    }
}
