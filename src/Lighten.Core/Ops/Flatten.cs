namespace Lighten.Core.Ops;

/// <summary><c>Flatten</c>: a matrix of the dimensions before <c>axis</c> times those from it on.</summary>
internal sealed class Flatten : OpFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Flatten"];

    /// <inheritdoc/>
    public override void InferShapes(ShapeContext ctx)
    {
        var type = ctx.InputType(0);
        if (ctx.InputShape(0) is not { } shape)
        {
            ctx.SetOutput(0, type, new TensorShape([Dim.Unknown, Dim.Unknown]));
            return;
        }
        long given = ctx.Node.GetInt("axis", 1);
        // Unlike most axes, Flatten's may equal the rank (everything goes to the outer dimension).
        if (given < -shape.Rank || given > shape.Rank) throw ctx.Fail($"axis {given} is out of range for rank {shape.Rank}");
        int axis = (int)(given < 0 ? given + shape.Rank : given);
        var outer = DimProduct.Of(shape.Dims.Take(axis)).ToDim();
        var inner = DimProduct.Of(shape.Dims.Skip(axis)).ToDim();
        ctx.SetOutput(0, type, new TensorShape([outer, inner]));
    }
}
