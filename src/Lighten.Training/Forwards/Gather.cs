using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>Gather</c> along <c>axis</c>: the output has the indices' shape in place of that axis; negative indices count from the end.</summary>
internal sealed class Gather : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Gather"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var data = ctx.Input(0);
        var indices = ctx.Input(1).to_type(ScalarType.Int64);
        var shape = data.shape;
        int axis = ctx.Axis(ctx.Node.GetInt("axis", 0), shape.Length);
        indices = where(indices < 0, indices + shape[axis], indices);
        var picked = data.index_select(axis, indices.flatten());
        long[] output = [.. shape[..axis], .. indices.shape, .. shape[(axis + 1)..]];
        return [picked.reshape(output)];
    }
}
