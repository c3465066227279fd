using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>Concat</c> along <c>axis</c> (float activations and integer shape vectors alike).</summary>
internal sealed class Concat : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Concat"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var inputs = Enumerable.Range(0, ctx.Node.Inputs.Length).Where(ctx.Has).Select(ctx.Input).ToArray();
        int axis = ctx.Axis(ctx.Node.GetInt("axis", 0), inputs[0].dim());
        return [cat(inputs, axis)];
    }
}
