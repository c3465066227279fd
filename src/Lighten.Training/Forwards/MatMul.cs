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
    public override Tensor?[] Forward(ForwardContext ctx)
    {
        var a = ctx.Input(0);
        var b = ctx.Input(1);
        CheckInner(ctx, a, b);
        return [a.matmul(b)];
    }

    /// <summary>
    /// Throws naming the node when the inner dimensions differ: libtorch's matmul error is not caught by
    /// TorchSharp's native shim and would end the process.
    /// </summary>
    public static void CheckInner(ForwardContext ctx, Tensor a, Tensor b)
    {
        var left = a.shape;
        var right = b.shape;
        if (left.Length == 0 || right.Length == 0) throw ctx.Fail("MatMul needs operands of rank 1 or more");
        long inner = right.Length == 1 ? right[0] : right[^2];
        if (left[^1] != inner)
            throw ctx.Fail($"the inner dimensions differ: [{string.Join(",", left)}] times [{string.Join(",", right)}]");
    }
}
