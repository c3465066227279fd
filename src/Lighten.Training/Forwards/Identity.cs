using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>Identity</c>.</summary>
internal sealed class Identity : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Identity"];

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx) => [ctx.Input(0).alias()];
}
