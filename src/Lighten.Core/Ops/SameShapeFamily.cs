namespace Lighten.Core.Ops;

/// <summary>Ops whose first output has the type and shape of their first input.</summary>
public abstract class SameShapeFamily : OpFamily
{
    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        Check(ctx);
        ctx.SetOutput(0, ctx.InputType(0), ctx.InputShape(0));
    }

    /// <summary>Rejects inconsistent inputs or attributes before the output is set; nothing by default.</summary>
    protected virtual void Check(ShapeContext ctx) { }
}
