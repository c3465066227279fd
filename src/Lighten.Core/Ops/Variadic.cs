namespace Lighten.Core.Ops;

/// <summary>Max, Min, Sum and Mean over any number of inputs broadcast together; the output has the first input's type.</summary>
internal sealed class Variadic : BroadcastFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Max", "Min", "Sum", "Mean"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        if (ctx.InputCount == 0) throw ctx.Fail("needs at least one input");
        base.InferShapes(ctx);
    }

    /// <inheritdoc/>
    protected override ElementType OutputType(ShapeContext ctx) => ctx.InputType(0);
}
