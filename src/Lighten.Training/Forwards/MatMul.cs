using Lighten.Core;
using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary><c>MatMul</c> with NumPy semantics; a float initializer operand is a weight.</summary>
internal sealed class MatMul : OpForward
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["MatMul"];

    /// <inheritdoc/>
    public override bool IsWeight(Node node, int input, TensorData value) => true;

    /// <inheritdoc/>
    public override Tensor?[] Forward(ForwardContext ctx) => [ctx.Input(0).matmul(ctx.Input(1))];
}
