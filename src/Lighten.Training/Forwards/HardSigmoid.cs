using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lighten.Training.Forwards;

/// <summary><c>HardSigmoid</c>: max(0, min(1, alpha·x + beta)); libtorch's fused kernel when alpha is 1/6 and beta 1/2.</summary>
internal sealed class HardSigmoid : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["HardSigmoid"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        float alpha = ctx.Node.GetFloat("alpha", 0.2f), beta = ctx.Node.GetFloat("beta", 0.5f);
        var x = ctx.Input(0);
        if (Math.Abs(alpha - 1 / 6.0) < 1e-7 && beta == 0.5f) return [F.hardsigmoid(x)];
        return [(x * alpha + beta).clamp(0, 1)];
    }
}
