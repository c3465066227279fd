namespace Lighten.Core.Ops;

/// <summary>
/// <c>Squeeze</c>: removes the size-1 dimensions listed in <c>axes</c> (an attribute before opset 13, an
/// input after), or every size-1 dimension when none are listed. A shape value keeps its elements.
/// </summary>
internal sealed class Squeeze : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Squeeze"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        var axesArg = ctx.ReadInts("axes", 1, 13);
        if (ctx.RankedInput() is not { } shape) return;
        int[] axes;
        if (!axesArg.IsPresent || axesArg.Length == 0)
        {
            // Without axes, which dimensions go depends on sizes that are not known yet.
            if (!shape.IsFullyKnown)
            {
                ctx.SetOutput(0, type, null);
                return;
            }
            axes = [.. Enumerable.Range(0, shape.Rank).Where(i => shape[i].Value == 1)];
        }
        else if (axesArg.Known is { } known)
        {
            axes = ctx.NormalizeAxes(known, shape.Rank);
            foreach (var a in axes)
                if (shape[a].Value is long size && size != 1)
                    throw ctx.Fail($"cannot squeeze axis {a} of size {size}");
        }
        else
        {
            if (axesArg.Length > shape.Rank) throw ctx.Fail($"cannot squeeze {axesArg.Length} axes from a rank-{shape.Rank} input");
            ctx.SetOutput(0, type, ShapeArgs.UnknownShape(shape.Rank - axesArg.Length));
            return;
        }
        var dims = shape.Dims.Where((_, i) => !axes.Contains(i)).ToArray();
        ctx.SetOutput(0, type, new TensorShape(dims));
        if (dims.Length <= 1 && ctx.InputShapeValue(0) is { } values) ctx.SetOutputShapeValue(0, values);
    }
}
