namespace Lighten.Core.Ops;

/// <summary>Softmax, LogSoftmax and Hardmax: same type and shape as the input, with an axis that must lie within its rank.</summary>
internal sealed class Softmax : SameShapeFamily
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Softmax", "LogSoftmax", "Hardmax"];

    /// <inheritdoc/>
    protected override void Check(ShapeContext ctx)
    {
        if (ctx.InputShape(0) is not { } shape) return;
        // The default axis moved from 1 to -1 in opset 13, when the op stopped flattening its input.
        long axis = ctx.Node.GetInt("axis", ctx.OpsetVersion >= 13 ? -1 : 1);
        if (axis < -shape.Rank || axis >= Math.Max(shape.Rank, 1))
            throw ctx.Fail($"axis {axis} is out of range for an input of rank {shape.Rank}");
    }
}
