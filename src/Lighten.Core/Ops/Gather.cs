namespace Lighten.Core.Ops;

/// <summary>
/// <c>Gather</c>: picks slices of the data along <c>axis</c>; the output shape is the data's shape with that
/// axis replaced by the indices' shape. On a shape value (Shape → Gather) it picks the elements themselves.
/// </summary>
internal sealed class Gather : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Gather"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        if (ctx.RankedInput() is not { } data) return;
        if (data.Rank == 0) throw ctx.Fail("Gather needs data of rank 1 or more, got a scalar");
        int axis = ctx.NormalizeAxis(ctx.Node.GetInt("axis", 0), data.Rank);
        var indices = ctx.InputShapeValue(1) is { } v && v.All(d => d.IsKnown) ? v.Select(d => d.Value!.Value).ToArray() : null;
        if (indices is not null && data[axis].Value is long size)
        {
            foreach (var i in indices)
                if (i < -size || i >= size)
                    throw ctx.Fail($"index {i} is out of range for dimension {axis} of size {size}");
        }
        if (ctx.InputShape(1) is not { } indexShape)
        {
            ctx.SetOutput(0, type, null);
            return;
        }
        var dims = data.Dims.Take(axis).Concat(indexShape.Dims).Concat(data.Dims.Skip(axis + 1));
        ctx.SetOutput(0, type, new TensorShape(dims));

        if (data.Rank == 1 && indices is not null && ctx.InputShapeValue(0) is { } values && values.Length > 0)
            ctx.SetOutputShapeValue(0, indices.Select(i => values[(int)(i < 0 ? i + values.Length : i)]));
    }
}
