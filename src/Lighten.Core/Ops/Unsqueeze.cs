namespace Lighten.Core.Ops;

/// <summary>
/// <c>Unsqueeze</c>: inserts size-1 dimensions at <c>axes</c> of the output (an attribute before opset 13,
/// an input after). A scalar shape value becomes a one-element vector, as in Gather → Unsqueeze → Concat.
/// </summary>
internal sealed class Unsqueeze : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Unsqueeze"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        var axesArg = ctx.ReadInts("axes", 1, 13);
        if (!axesArg.IsPresent) throw ctx.Fail("Unsqueeze needs axes");
        if (ctx.RankedInput() is not { } shape) return;
        if (axesArg.Known is not { } known)
        {
            ctx.SetOutput(0, type, ShapeArgs.UnknownShape(shape.Rank + axesArg.Length));
            return;
        }
        int rank = shape.Rank + known.Length;
        var axes = ctx.NormalizeAxes(known, rank);
        var dims = new Dim[rank];
        int next = 0;
        for (int i = 0; i < rank; i++) dims[i] = axes.Contains(i) ? Dim.Of(1) : shape[next++];
        ctx.SetOutput(0, type, new TensorShape(dims));
        if (rank <= 1 && ctx.InputShapeValue(0) is { } values) ctx.SetOutputShapeValue(0, values);
    }
}
