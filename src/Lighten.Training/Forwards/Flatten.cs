using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>Flatten</c> to two dimensions: those before <c>axis</c> and those from it.</summary>
internal sealed class Flatten : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Flatten"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        long axis = ctx.Node.GetInt("axis", 1);
        if (axis < 0) axis += x.dim();
        if (axis < 0 || axis > x.dim()) throw ctx.Fail($"axis {ctx.Node.GetInt("axis", 1)} is out of range for rank {x.dim()}");
        long outer = x.shape[..(int)axis].Aggregate(1L, (a, b) => a * b);
        return [x.reshape(outer, -1)];
    }
}
