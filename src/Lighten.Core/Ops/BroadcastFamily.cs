using System.Collections.Immutable;

namespace Lighten.Core.Ops;

/// <summary>
/// Elementwise ops over inputs that broadcast together numpy-style. When every input's elements are known
/// at least in part (shape arithmetic such as <c>Shape → Gather → Div</c>), the output's elements are
/// propagated too.
/// </summary>
public abstract class BroadcastFamily : OpFamily
{
    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var inputs = Enumerable.Range(0, ctx.InputCount).ToArray();
        ctx.SetOutput(0, OutputType(ctx), Broadcasting.Shapes(ctx, [.. inputs.Select(ctx.InputShape)]));
        var values = inputs.Select(ctx.InputShapeValue).ToArray();
        if (values.Length > 0 && values.All(v => v is not null) && Propagate(ctx, [.. values.Select(v => v!.Value)]) is { } result)
            ctx.SetOutputShapeValue(0, result);
    }

    /// <summary>The element type of the output.</summary>
    protected abstract ElementType OutputType(ShapeContext ctx);

    /// <summary>The output's elements from the inputs' (partially known) elements, or null when the op does not propagate them.</summary>
    protected virtual IEnumerable<Dim>? Propagate(ShapeContext ctx, ImmutableArray<Dim>[] values) =>
        ShapeValueArithmetic.Apply(ctx.Node.OpType, values);
}
