namespace Lighten.Core.Ops;

/// <summary><c>Identity</c>: the input unchanged, shape value included.</summary>
internal sealed class Identity : SameShapeFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Identity"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        base.InferShapes(ctx);
        if (ctx.InputShapeValue(0) is { } values) ctx.SetOutputShapeValue(0, values);
    }
}
