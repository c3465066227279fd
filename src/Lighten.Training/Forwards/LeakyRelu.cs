using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lighten.Training.Forwards;

/// <summary><c>LeakyRelu</c> with slope <c>alpha</c> (default 0.01).</summary>
internal sealed class LeakyRelu : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["LeakyRelu"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx) => [F.leaky_relu(ctx.Input(0), ctx.Node.GetFloat("alpha", 0.01f))];
}
