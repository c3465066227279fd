namespace Lighten.Core.Ops;

/// <summary>
/// <c>Range</c>: a vector of <c>max(ceil((limit - start) / delta), 0)</c> elements of the start's type,
/// known when start, limit and delta are constants; integer ranges are also shape values.
/// </summary>
internal sealed class Range : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Range"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0) is var t && t != ElementType.Undefined ? t : ctx.InputConstant(0)?.ElementType ?? ElementType.Undefined;
        for (int i = 0; i < 3; i++)
            if (ctx.InputShape(i) is { Rank: > 0 } s && s.ElementCount != 1)
                throw ctx.Fail($"Range's input {i} must be a scalar, not {s}");
        if (ShapeArgs.IsIntegerType(type))
        {
            var start = Scalar(ctx, 0);
            var limit = Scalar(ctx, 1);
            var delta = Scalar(ctx, 2);
            if (delta.Value == 0) throw ctx.Fail("Range's delta is 0");
            if (start.Value is long s0 && limit.Value is long l && delta.Value is long d)
            {
                long count = Math.Max(0, (long)Math.Ceiling((l - s0) / (double)d));
                ctx.SetOutput(0, type, new TensorShape(count));
                if (count <= ShapeArgs.MaxShapeValueLength)
                    ctx.SetOutputShapeValue(0, Enumerable.Range(0, (int)count).Select(k => Dim.Of(s0 + k * d)));
                return;
            }
            // 0 .. n by 1 counts n elements whatever n is.
            var length = start.Value == 0 && delta.Value == 1 && limit.Symbol is not null ? limit : Dim.Unknown;
            ctx.SetOutput(0, type, new TensorShape([length]));
            return;
        }
        var values = Enumerable.Range(0, 3).Select(i => ctx.InputConstant(i)?.ToFloatArray() is [var f] ? f : (float?)null).ToArray();
        if (values[2] == 0) throw ctx.Fail("Range's delta is 0");
        var size = values.All(v => v.HasValue)
            ? Dim.Of(Math.Max(0, (long)Math.Ceiling(((double)values[1]!.Value - values[0]!.Value) / values[2]!.Value)))
            : Dim.Unknown;
        ctx.SetOutput(0, type, new TensorShape([size]));
    }

    private static Dim Scalar(ShapeContext ctx, int input) => ctx.InputShapeValue(input) is [var d] ? d : Dim.Unknown;
}
