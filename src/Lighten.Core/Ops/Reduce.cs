namespace Lighten.Core.Ops;

/// <summary>
/// The <c>Reduce*</c> ops (ReduceMean and its siblings): the reduced axes become 1 (<c>keepdims</c>, the
/// default) or disappear. Axes are an attribute until they become input 1 (opset 13 for ReduceSum, 18 for
/// the others); no axes means every axis, or none with <c>noop_with_empty_axes</c>.
/// </summary>
internal sealed class Reduce : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } =
        ["ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
         "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        long axesInputSince = ctx.Node.OpType == "ReduceSum" ? 13 : 18;
        var axesArg = ctx.ReadInts("axes", 1, axesInputSince);
        bool keepDims = ctx.Node.GetInt("keepdims", 1) != 0;
        if (ctx.RankedInput() is not { } shape) return;
        int[] axes;
        if (!axesArg.IsPresent || axesArg.Length == 0)
        {
            if (ctx.OpsetVersion >= axesInputSince && ctx.Node.GetInt("noop_with_empty_axes", 0) != 0)
            {
                ctx.SetOutput(0, type, shape);
                return;
            }
            axes = [.. Enumerable.Range(0, shape.Rank)];
        }
        else if (axesArg.Known is { } known) axes = ctx.NormalizeAxes(known, shape.Rank);
        else
        {
            int? rank = keepDims ? shape.Rank : shape.Rank - axesArg.Length;
            if (rank < 0) throw ctx.Fail($"cannot reduce {axesArg.Length} axes of a rank-{shape.Rank} input");
            ctx.SetOutput(0, type, ShapeArgs.UnknownShape(rank));
            return;
        }
        var dims = keepDims
            ? shape.Dims.Select((d, i) => axes.Contains(i) ? Dim.Of(1) : d)
            : shape.Dims.Where((_, i) => !axes.Contains(i));
        ctx.SetOutput(0, type, new TensorShape(dims));
    }
}
