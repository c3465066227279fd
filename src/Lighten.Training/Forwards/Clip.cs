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
        // hardtanh's backward is one fused kernel; clamp's builds masks (it matters for MobileNet's ReLU6).
        return (min, max) switch
        {
            (null, null) => [x.alias()],
            ({ } lo, null) => [x.clamp_min(lo)],
            (null, { } hi) => [x.clamp_max(hi)],
            ({ } lo, { } hi) when double.IsFinite(lo) && double.IsFinite(hi) && lo <= hi => [F.hardtanh(x, lo, hi)],
            _ => [x.clamp(min, max)],
        };
    }
}
