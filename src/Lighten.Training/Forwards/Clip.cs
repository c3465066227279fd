using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>Clip</c>: bounds from the min/max attributes before opset 11, from the optional inputs after.</summary>
internal sealed class Clip : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Clip"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        double? min, max;
        if (ctx.Opset < 11)
        {
            min = ctx.Node.GetFloat("min", float.NegativeInfinity);
            max = ctx.Node.GetFloat("max", float.PositiveInfinity);
        }
        else
        {
            min = ctx.Scalar(1);
            max = ctx.Scalar(2);
        }
        if (min is null && max is null) return [x.alias()];
        return [x.clamp(min, max)];
    }
}
