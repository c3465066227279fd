using Lighten.Core;
using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>PRelu</c>: the slope (a weight) broadcasts to the input as ONNX allows, not only per channel.</summary>
internal sealed class PRelu : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["PRelu"];

    /// <inheritdoc/>
    public override bool IsWeight(Node node, int input, TensorData value) => input == 1;

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var x = ctx.Input(0);
        return [where(x >= 0, x, x * ctx.Input(1))];
    }
}
