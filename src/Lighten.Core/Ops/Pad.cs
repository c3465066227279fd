namespace Lighten.Core.Ops;

/// <summary>
/// <c>Pad</c>: each padded dimension grows by its begin and end pads (negative pads crop). Pads are the
/// attribute <c>pads</c> (<c>paddings</c> in opset 1) before opset 11 and input 1 after, laid out as all
/// begins then all ends, over every axis or (opset 18) over the <c>axes</c> input.
/// </summary>
internal sealed class Pad : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Pad"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        var pads = ctx.OpsetVersion >= 11 ? ctx.ReadInputInts(1)
            : ctx.ReadIntsAttribute(ctx.OpsetVersion < 2 ? "paddings" : "pads");
        if (!pads.IsPresent) throw ctx.Fail("Pad needs pads");
        if (ctx.RankedInput() is not { } shape) return;
        var axesArg = ctx.OpsetVersion >= 18 ? ctx.ReadInputInts(3) : IntListArg.Absent;
        long[]? axesGiven = axesArg.IsPresent ? axesArg.Known : [.. Enumerable.Range(0, shape.Rank).Select(i => (long)i)];
        var dims = shape.Dims.ToArray();
        if (axesGiven is null)
        {
            ctx.SetOutput(0, type, ShapeArgs.UnknownShape(shape.Rank));
            return;
        }
        var axes = ctx.NormalizeAxes(axesGiven, shape.Rank);
        if (pads.Length is int n && n != 2 * axes.Length)
            throw ctx.Fail($"Pad has {n} pads for {axes.Length} axes (needs {2 * axes.Length})");
        for (int i = 0; i < axes.Length; i++)
        {
            int axis = axes[i];
            long? begin = pads.Values?[i].Value, end = pads.Values?[i + axes.Length].Value;
            if (begin is not long b || end is not long e) dims[axis] = Dim.Unknown;
            else if (dims[axis].Value is long size)
            {
                if (size + b + e < 0)
                    throw ctx.Fail($"pads {b} and {e} leave a negative size on axis {axis} of size {size}");
                dims[axis] = size + b + e;
            }
            else if (b + e != 0) dims[axis] = Dim.Unknown;
        }
        ctx.SetOutput(0, type, new TensorShape(dims));
    }
}
