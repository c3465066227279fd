namespace Lighten.Core.Ops;

/// <summary>
/// <c>Split</c>: cuts the input along <c>axis</c> into the node's outputs, by the sizes in <c>split</c>
/// (an attribute before opset 13, an input after) or into equal parts (opset 18's <c>num_outputs</c>
/// lets the last part be smaller).
/// </summary>
internal sealed class Split : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Split"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        int count = ctx.Node.Outputs.Length;
        if (ctx.OpsetVersion >= 18 && ctx.Node.GetInt("num_outputs", count) != count)
            throw ctx.Fail($"num_outputs is {ctx.Node.GetInt("num_outputs", 0)} but the node has {count} outputs");
        if (ctx.InputShape(0) is not { } shape)
        {
            for (int i = 0; i < count; i++) ctx.SetOutput(i, type, null);
            return;
        }
        int axis = ctx.NormalizeAxis(ctx.Node.GetInt("axis", 0), shape.Rank);
        var sizes = Sizes(ctx, shape[axis], count);
        var values = shape.Rank == 1 ? ctx.InputShapeValue(0) : null;
        long offset = 0;
        for (int i = 0; i < count; i++)
        {
            var dims = shape.Dims.SetItem(axis, sizes[i]);
            ctx.SetOutput(i, type, new TensorShape(dims));
            if (values is { } v && sizes.All(s => s.IsKnown))
            {
                ctx.SetOutputShapeValue(i, v.Skip((int)offset).Take((int)sizes[i].Value!.Value));
                offset += sizes[i].Value!.Value;
            }
        }
    }

    private static Dim[] Sizes(ShapeContext ctx, Dim dim, int count)
    {
        var split = ctx.ReadInts("split", 1, 13);
        if (split.IsPresent && split.Length != 0)
        {
            if (split.Length is int n && n != count)
                throw ctx.Fail($"split has {n} sizes but the node has {count} outputs");
            if (split.Known is not { } known) return [.. Enumerable.Repeat(Dim.Unknown, count)];
            if (known.Any(s => s < 0)) throw ctx.Fail($"split [{string.Join(", ", known)}] has a negative size");
            if (dim.Value is long total && known.Sum() != total)
                throw ctx.Fail($"split [{string.Join(", ", known)}] sums to {known.Sum()}, not to the dimension's {total}");
            return [.. known.Select(Dim.Of)];
        }
        if (count == 1) return [dim];
        if (dim.Value is not long size) return [.. Enumerable.Repeat(Dim.Unknown, count)];
        if (ctx.OpsetVersion >= 18 && ctx.Node.Attributes.ContainsKey("num_outputs"))
        {
            long chunk = (size + count - 1) / count;
            long last = size - chunk * (count - 1);
            if (last < 0) throw ctx.Fail($"cannot split a dimension of {size} into {count} parts of {chunk}");
            return [.. Enumerable.Repeat(Dim.Of(chunk), count - 1), last];
        }
        if (size % count != 0) throw ctx.Fail($"cannot split a dimension of {size} into {count} equal parts");
        return [.. Enumerable.Repeat(Dim.Of(size / count), count)];
    }
}
