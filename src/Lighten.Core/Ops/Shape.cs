namespace Lighten.Core.Ops;

/// <summary>
/// <c>Shape</c>: the input's dimensions as an int64 vector, optionally a <c>start</c>..<c>end</c> slice of
/// them (opset 15). Its elements become the output's shape value, symbols included.
/// </summary>
internal sealed class Shape : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Shape"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        if (ctx.InputShape(0) is not { } shape)
        {
            ctx.SetOutput(0, ElementType.Int64, new TensorShape([Dim.Unknown]));
            return;
        }
        int rank = shape.Rank;
        int start = 0, end = rank;
        if (ctx.OpsetVersion >= 15)
        {
            start = Clamp(ctx.Node.GetInt("start", 0), rank);
            end = Clamp(ctx.Node.GetInt("end", rank), rank);
        }
        var dims = shape.Dims.Skip(start).Take(Math.Max(0, end - start)).ToArray();
        ctx.SetOutput(0, ElementType.Int64, new TensorShape(dims.Length));
        ctx.SetOutputShapeValue(0, dims);
    }

    private static int Clamp(long index, int rank) => (int)Math.Clamp(index < 0 ? index + rank : index, 0, rank);
}
