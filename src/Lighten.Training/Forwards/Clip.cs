using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

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
        // ReLU6 runs as relu6, whose backward is one fused kernel (clamp's builds masks); TorchSharp's
        // hardtanh ignores its bounds, so other ranges use clamp.
        return (min, max) switch
        {
            (null, null) => [x.alias()],
            (0, 6) => [F.relu6(x)],
            _ => [x.clamp(min, max)],
        };
    }
}
