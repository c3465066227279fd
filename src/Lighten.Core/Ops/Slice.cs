namespace Lighten.Core.Ops;

/// <summary>
/// <c>Slice</c>: keeps <c>starts</c>..<c>ends</c> by <c>steps</c> along <c>axes</c> (attributes before opset 10,
/// inputs after), with Python-like negative indices clamped to the dimension and INT64_MAX meaning "to
/// the end". Slicing a shape value slices its elements.
/// </summary>
internal sealed class Slice : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Slice"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        if (ctx.RankedInput() is not { } shape) return;
        var starts = ctx.ReadInts("starts", 1, 10);
        var ends = ctx.ReadInts("ends", 2, 10);
        var axesArg = ctx.ReadInts("axes", 3, 10);
        var stepsArg = ctx.OpsetVersion >= 10 ? ctx.ReadInputInts(4) : IntListArg.Absent;
        if (!starts.IsPresent || !ends.IsPresent) throw ctx.Fail("Slice needs starts and ends");
        int? count = starts.Length ?? ends.Length;
        foreach (var (name, arg) in new[] { ("ends", ends), ("axes", axesArg), ("steps", stepsArg) })
            if (arg.Length is int n && count is int c && n != c)
                throw ctx.Fail($"Slice has {c} starts but {n} {name}");

        var dims = shape.Dims.ToArray();
        var axes = axesArg.IsPresent ? axesArg.Known : count is int k ? [.. Enumerable.Range(0, k).Select(i => (long)i)] : null;
        if (axes is null)
        {
            // Which axes are sliced is unknown, so no dimension is certain.
            ctx.SetOutput(0, type, ShapeArgs.UnknownShape(shape.Rank));
            return;
        }
        var axisIndex = ctx.NormalizeAxes(axes, shape.Rank);
        var values = shape.Rank == 1 ? ctx.InputShapeValue(0) : null;
        bool valuesKnown = values is not null;
        var picked = values is { } v0 ? Enumerable.Range(0, v0.Length).ToArray() : [];
        for (int i = 0; i < axisIndex.Length; i++)
        {
            int axis = axisIndex[i];
            long? start = starts.Values?[i].Value, end = ends.Values?[i].Value;
            long? step = stepsArg.IsPresent ? stepsArg.Values?[i].Value : 1;
            if (step == 0) throw ctx.Fail($"Slice step on axis {axis} is 0");
            if (start is not long s || end is not long e || step is not long st)
            {
                dims[axis] = Dim.Unknown;
                valuesKnown = false;
                continue;
            }
            if (dims[axis].Value is not long size)
            {
                dims[axis] = KeepsAll(s, e, st) ? dims[axis] : Dim.Unknown;
                valuesKnown = false;
                continue;
            }
            var (first, length) = Extent(s, e, st, size);
            dims[axis] = length;
            if (valuesKnown) picked = [.. Enumerable.Range(0, (int)length).Select(j => picked[(int)(first + j * st)])];
        }
        ctx.SetOutput(0, type, new TensorShape(dims));
        if (valuesKnown && values is { } v) ctx.SetOutputShapeValue(0, picked.Select(j => v[j]));
    }

    /// <summary>The first index and the number of elements that <c>start:end:step</c> selects from <paramref name="size"/> elements.</summary>
    private static (long First, long Length) Extent(long start, long end, long step, long size)
    {
        if (size == 0) return (0, 0);
        if (start < 0) start += size;
        if (end < 0) end += size;
        if (step > 0)
        {
            start = Math.Clamp(start, 0, size);
            end = Math.Clamp(end, 0, size);
            return (start, end <= start ? 0 : (end - start - 1) / step + 1);
        }
        start = Math.Clamp(start, 0, size - 1);
        end = Math.Clamp(end, -1, size - 1);
        long stride = step == long.MinValue ? long.MaxValue : -step;
        return (start, start <= end ? 0 : (start - end - 1) / stride + 1);
    }

    /// <summary>Whether <c>start:end:step</c> keeps a whole dimension of any size in its order or reversed.</summary>
    private static bool KeepsAll(long start, long end, long step) =>
        (step == 1 && start == 0 && end >= int.MaxValue) || (step == -1 && start == -1 && end <= int.MinValue);
}
